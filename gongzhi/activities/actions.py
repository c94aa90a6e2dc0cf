"""The life of an activity and its sign-ups (declared as data in gongzhi.activities.workflow).

    activity: open ──edit──▶ open                    (the organiser, before the start)
                └──cancel──▶ cancelled               (the organiser, before the start; sign-ups cancelled and told)
    sign-up:  signed ──withdraw──▶ withdrawn         (the signer, whoever typed it, or an assister; before the start)
                 └──attend──▶ attended               (the organiser, once the activity has started)

A community's staff publish for their community; a registered social
organisation publishes through its representative for a community it serves
(gongzhi.orgs). An activity has places (1–2000) or none (unlimited), a series
and a kind (data), and may be a volunteer activity: then marking a volunteer
attended credits the activity's duration (rounded to half hours) to their
record of service hours (gongzhi.hours), once per activity and person.

Signing up locks the activity row and counts the active sign-ups inside the
same transaction (gongzhi.core.places), so of many people at once exactly
`places` succeed and the rest are told it is full; editing the places and
withdrawing lock the same row. Attendance is marked by the organiser only,
from their own knowledge of who came: no check-in, no location, no photo of a
person is asked as proof. The photo report is of the event, for the public
page; its photos are stripped of EXIF (gongzhi.photos).

Every change is an audit event in the same transaction and a notice to the
people concerned: those signed up when the activity is cancelled, the
resident when a clerk signed them up.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.lifecycle import lifecycle_move
from gongzhi.core.places import (
    assisted_user,
    place_give_back,
    place_take,
    places_cancel,
    places_times_clean,
    places_when,
)
from gongzhi.core.text import text_clean
from gongzhi.hours.actions import hours_credit
from gongzhi.hours.spans import hours_of_span
from gongzhi.photos.actions import photo_store

from .models import (
    Activity,
    ActivityKind,
    ActivityState,
    ReportPhoto,
    Series,
    SignUp,
)
from .workflow import ACTIVITY, PLACES, SIGNUP  # noqa: F401  (registers the lifecycles)

TITLE_MAX, DESCRIPTION_MAX, PLACE_MAX, AUDIENCE_MAX, REASON_MAX, REPORT_MAX = 60, 1000, 100, 60, 200, 1000
PLACES_MIN, PLACES_MAX = 1, 2000
PHOTOS_MAX = 9
CREDIT_SOURCE = "activity"  # the hours source (registered in apps.py); source_id is the activity's id


def activity_url(activity: Activity) -> str:
    return reverse("activities:detail", args=[activity.pk])


def credit_hours(activity: Activity) -> Decimal:
    return hours_of_span(activity.starts_at, activity.ends_at)


def _clean_times(starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> None:
    places_times_clean(starts_at, ends_at, too_long=_("一次活动不能超过24小时；多天的活动请分次发布。"))


def _clean_places(places) -> int | None:
    """None (or empty) is unlimited; otherwise a whole number from 1 to 2000."""
    if places is None or (isinstance(places, str) and not places.strip()):
        return None
    if isinstance(places, bool):
        raise DomainError(_("名额请填写整数；不限名额请留空。"), field="places")
    try:
        number = int(places)
    except (TypeError, ValueError):
        raise DomainError(_("名额请填写整数；不限名额请留空。"), field="places") from None
    if isinstance(places, float) and places != number:
        raise DomainError(_("名额请填写整数；不限名额请留空。"), field="places")
    if not PLACES_MIN <= number <= PLACES_MAX:
        raise DomainError(_("名额应在1到2000之间；不限名额请留空。"), field="places")
    return number


def _clean_fields(*, title, description, place, audience, series_id, kind_id) -> dict:
    series = Series.objects.filter(pk=series_id, active=True).first() if series_id else None
    if series is None:
        raise DomainError(_("请选择活动系列。"), field="series")
    kind = ActivityKind.objects.filter(pk=kind_id, active=True).first() if kind_id else None
    if kind is None:
        raise DomainError(_("请选择活动类型。"), field="kind")
    return {
        "title": text_clean(title, label=_("活动名称"), field="title", minimum=2, maximum=TITLE_MAX),
        "description": text_clean(
            description, label=_("活动内容"), field="description", minimum=5, maximum=DESCRIPTION_MAX
        ),
        "place": text_clean(place, label=_("活动地点"), field="place", minimum=2, maximum=PLACE_MAX),
        "audience": text_clean(audience, label=_("面向"), field="audience", minimum=0, maximum=AUDIENCE_MAX),
        "series": series,
        "kind": kind,
    }


def _field_label(name: str) -> str:
    return str(getattr(Activity._meta.get_field(name), "verbose_name", name))


def _organisation_for(actor: User, organisation_id: int, community: Area):
    """The organisation the actor publishes for (a registered one serving the community that they represent)."""
    from gongzhi.orgs.selectors import organisations_speaking_for

    found = organisations_speaking_for(actor, community).filter(pk=organisation_id).first()
    if found is None:
        raise DomainError(
            _("您不是这个社会组织的登记代表，或它没有登记、不服务这个村(社区)，不能以它的名义发布活动。"),
            field="organisation",
            code="not_representative",
        )
    return found


def _tell(recipient, *, title: str, body: str = "", activity: Activity, actor: User | None = None) -> None:
    PLACES.tell(recipient, parent=activity, title=title, body=body, actor=actor)


@transaction.atomic
def activity_publish(
    *,
    actor: User,
    community: Area | None,
    title: str,
    description: str,
    place: str,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    places,
    series_id: int | None,
    kind_id: int | None,
    volunteer: bool = False,
    audience: str = "",
    organisation_id: int | None = None,
) -> Activity:
    """The community's staff, or a registered organisation's representative, publish an activity there."""
    if community is None or community.kind != AreaKind.COMMUNITY:
        raise DomainError(_("请选择活动所在的村(社区)。"), field="community")
    authorize(actor, "activities.publish", community)
    organisation = _organisation_for(actor, organisation_id, community) if organisation_id else None
    if organisation is None and not can(actor, "activities.organise", Activity(area_path=community.path)):
        # A representative who did not say for which organisation: the staff's own path is not theirs.
        raise DomainError(
            _("请选择以哪个社会组织的名义发布。"), field="organisation", code="organisation_needed"
        )
    fields = _clean_fields(
        title=title,
        description=description,
        place=place,
        audience=audience,
        series_id=series_id,
        kind_id=kind_id,
    )
    _clean_times(starts_at, ends_at)
    assert starts_at is not None
    assert ends_at is not None
    number = _clean_places(places)
    activity = Activity.objects.create(
        **fields,
        starts_at=starts_at,
        ends_at=ends_at,
        places=number,
        volunteer=bool(volunteer),
        community=community,
        area_path=community.path,
        organisation=organisation,
        published_by=actor,
    )
    audit_event_record(
        actor=actor,
        verb="activity.published",
        target=activity,
        area=community,
        summary={
            "places": number if number is not None else "",
            "starts_at": timezone.localtime(activity.starts_at).isoformat(),
            "series": activity.series.name,
            "organisation": organisation.name if organisation else "",
        },
    )
    return activity


@transaction.atomic
def activity_edit(
    *,
    actor: User,
    activity: Activity,
    title: str,
    description: str,
    place: str,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    places,
    series_id: int | None,
    kind_id: int | None,
    volunteer: bool = False,
    audience: str = "",
) -> Activity:
    """The organiser corrects an activity before it starts; the places never drop below those signed up."""
    if not can(actor, "activities.organise", activity):
        raise NotPermitted(_("只有活动的组织方才能修改这项活动。"))
    activity = PLACES.lock(activity)
    if activity.state != ActivityState.OPEN:
        raise Conflict(_("这项活动已取消，不能修改。"), code="activity_cancelled")
    if activity.starts_at <= timezone.now():
        raise Conflict(_("活动已经开始，不能再修改。"), code="activity_started")
    fields = _clean_fields(
        title=title,
        description=description,
        place=place,
        audience=audience,
        series_id=series_id,
        kind_id=kind_id,
    )
    _clean_times(starts_at, ends_at)
    number = _clean_places(places)
    taken = PLACES.active(activity).count()
    if number is not None and number < taken:
        raise Conflict(
            _("已有 %(n)d 人报名，名额不能少于 %(n)d 个。") % {"n": taken},
            field="places",
            code="places_below_taken",
        )
    changes = {
        **fields,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "places": number,
        "volunteer": bool(volunteer),
    }
    changed = [name for name, value in changes.items() if getattr(activity, name) != value]
    if not changed:
        return activity
    for name in changed:
        setattr(activity, name, changes[name])
    activity.save(update_fields=[*changed, "updated_at"])
    audit_event_record(
        actor=actor,
        verb="activity.edited",
        target=activity,
        area=activity.community,
        summary={"fields": "、".join(_field_label(name) for name in changed)},
    )
    if {"starts_at", "ends_at", "place"} & set(changed):
        for signup in PLACES.active(activity).select_related("user", "signed_by"):
            _tell(
                PLACES.contact(signup),
                activity=activity,
                actor=actor,
                title=_("您报名的「%(t)s」有变动") % {"t": activity.title},
                body=_("时间：%(when)s；地点：%(place)s。")
                % {"when": places_when(activity), "place": activity.place},
            )
    return activity


@transaction.atomic
def activity_cancel(*, actor: User, activity: Activity, reason: str = "") -> Activity:
    """The organiser calls the activity off; every active sign-up is cancelled with it and told."""
    if not can(actor, "activities.organise", activity):
        raise NotPermitted(_("只有活动的组织方才能取消这项活动。"))
    reason = text_clean(reason, label=_("取消原因"), field="reason", minimum=0, maximum=REASON_MAX)
    told = _("您报名的「%(t)s」已取消")
    return places_cancel(PLACES, actor=actor, parent=activity, reason=reason, told=told).parent


def _check_open(activity: Activity) -> None:
    if activity.state == ActivityState.CANCELLED:
        raise Conflict(_("这项活动已取消，不能报名。"), code="activity_cancelled")
    if activity.starts_at <= timezone.now():
        raise Conflict(_("活动已经开始或结束，不能再报名。"), code="activity_started")


def _sign_up(*, actor: User, activity: Activity, resident, user, consent_channel: str = "") -> SignUp:
    taken = place_take(
        PLACES,
        actor=actor,
        parent=activity,
        resident=resident,
        user=user,
        consent_channel=consent_channel,
        refuse=_check_open,
        already=_("您已报名这项活动。"),
        already_assisted=_("这位居民已报名这项活动。"),
        already_code="already_signed",
        full=_("名额已满，请看看其他活动。"),
        told_assisted=_("已为您报名「%(t)s」"),
    )
    return taken.taking


@transaction.atomic
def signup_create(*, actor: User, activity: Activity) -> SignUp:
    """A resident (or a party member, a volunteer) signs up for themselves."""
    authorize(actor, "activities.sign_up_own")
    from gongzhi.residents.selectors import resident_get_own

    return _sign_up(actor=actor, activity=activity, resident=resident_get_own(viewer=actor), user=actor)


@transaction.atomic
def signup_create_assisted(*, actor: User, activity: Activity, resident, consent_channel: str) -> SignUp:
    """A clerk signs up a resident of the register in their scope (assisted: recorded with the consent)."""
    authorize(actor, "activities.sign_up_assisted", resident)
    user = assisted_user(resident, consent_channel, not_listed=_("这位居民不在册，不能代为报名。"))
    return _sign_up(
        actor=actor, activity=activity, resident=resident, user=user, consent_channel=consent_channel
    )


@transaction.atomic
def signup_withdraw(*, actor: User, signup: SignUp) -> SignUp:
    """The signer (or whoever signed them up, or an assister over the resident) gives the place back."""
    if not can(actor, "activities.withdraw", signup):
        raise NotPermitted(_("只能退出自己的报名（或您为居民代办的报名）。"))
    return place_give_back(PLACES, actor=actor, taking=signup, told=_("您对「%(t)s」的报名已退出")).taking


@transaction.atomic
def attendance_mark(*, actor: User, activity: Activity, signup_ids: list[int]) -> list[SignUp]:
    """The organiser marks who came, after the start; a volunteer activity credits each one's hours.

    All or nothing: one id that is not an active sign-up of this activity refuses the whole mark.
    """
    if not can(actor, "activities.organise", activity):
        raise NotPermitted(_("只有活动的组织方才能记录谁参加了活动。"))
    activity = PLACES.lock(activity)
    ids = sorted({int(i) for i in signup_ids})
    if not ids:
        raise DomainError(_("请勾选参加了活动的人。"), field="signups", code="nobody_marked")
    signups = list(
        SignUp.objects.select_for_update(of=("self",))
        .filter(activity=activity, pk__in=ids)
        .select_related("user", "signed_by", "resident")
        .order_by("pk")
    )
    if len(signups) != len(ids):
        raise DomainError(_("只能为报名了这项活动的人记录参加。"), field="signups", code="not_signed_up")
    hours = credit_hours(activity)
    now = timezone.now()
    for signup in signups:
        signup.activity = activity
        helper_id = signup.user_id if activity.volunteer else None
        lifecycle_move(
            signup,
            "attend",
            actor=actor,
            audit_verb="signup.attended",
            area=activity.community,
            changes={"closed_at": now, "attended_marked_by": actor},
            summary={"activity": activity.pk, "hours": str(hours) if helper_id else ""},
        )
        if helper_id is not None:
            hours_credit(
                actor=actor,
                target=activity,
                source=CREDIT_SOURCE,
                source_id=activity.pk,
                helper_id=helper_id,
                hours=hours,
                community_id=activity.community_id,
            )
    return signups


@transaction.atomic
def report_save(*, actor: User, activity: Activity, text: str, photos: list | None = None) -> Activity:
    """The organiser writes (or rewrites) the short report after the event and adds photos of it (EXIF stripped).

    Pass uploads or CleanImages (gongzhi.core.images): anything that is not an image refuses the whole report.
    """
    if not can(actor, "activities.organise", activity):
        raise NotPermitted(_("只有活动的组织方才能发布活动报道。"))
    activity = PLACES.lock(activity)
    if activity.state == ActivityState.CANCELLED:
        raise Conflict(_("这项活动已取消，不能发布报道。"), code="activity_cancelled")
    if activity.starts_at > timezone.now():
        raise Conflict(_("活动开始后才能发布报道。"), code="not_started")
    text = text_clean(text, label=_("活动报道"), field="report", minimum=5, maximum=REPORT_MAX)
    photos = list(photos or [])
    already = ReportPhoto.objects.filter(activity=activity).count()
    if already + len(photos) > PHOTOS_MAX:
        raise DomainError(
            _("一篇报道最多 %(n)d 张照片。") % {"n": PHOTOS_MAX}, field="photos", code="too_many_photos"
        )
    stored = [photo_store(actor=actor, upload=upload) for upload in photos]
    for photo in stored:
        ReportPhoto.objects.create(activity=activity, photo=photo)
    first = not activity.reported_at
    activity.report = text
    activity.reported_at = timezone.now()
    activity.save(update_fields=["report", "reported_at", "updated_at"])
    audit_event_record(
        actor=actor,
        verb="activity.reported" if first else "activity.report_changed",
        target=activity,
        area=activity.community,
        summary={"photos": len(stored)},
    )
    return activity
