"""Reads of activities.

Activities are public — title, place, time, places left, the organiser (the
community or the organisation), the report and its photos; never who signed
up or attended. The list of sign-ups is for the organiser and staff over the
community; in it a person is named in full only to themselves and to staff
over the resident, and masked (王**) to everyone else, an organisation's
representative included.
"""

import calendar
import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.scopes import covers, paths_for
from gongzhi.areas.models import Area
from gongzhi.areas.selectors import communities_public
from gongzhi.core.authz import can
from gongzhi.core.deeds import Deed
from gongzhi.core.errors import NotFound, NotPermitted
from gongzhi.core.lifecycle import lifecycle_verbs_for
from gongzhi.core.masking import mask_name
from gongzhi.core.places import places_left as _left

from .models import (
    ACTIVE_SIGNUP_STATES,
    Activity,
    ActivityKind,
    ActivityState,
    ReportPhoto,
    Series,
    SignUp,
    SignUpState,
)
from .roles import ORGANISERS


def _with_taken(query: QuerySet[Activity]) -> QuerySet[Activity]:
    return query.select_related("community", "series", "kind", "organisation").annotate(
        taken=Count("signups", filter=Q(signups__state__in=ACTIVE_SIGNUP_STATES))
    )


def series_choices() -> list[tuple[int, str]]:
    return list(Series.objects.filter(active=True).values_list("pk", "name"))


def kind_choices() -> list[tuple[int, str]]:
    return list(ActivityKind.objects.filter(active=True).values_list("pk", "name"))


def calendar_for(
    *, community: Area | None = None, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> QuerySet[Activity]:
    """Activities (cancelled ones too, marked) overlapping [start, end), soonest first, with `taken`. Public.

    `community` None: the whole township (every community under it).
    """
    query = Activity.objects.all()
    if community is not None:
        query = query.filter(area_path__startswith=community.path)
    if start is not None:
        query = query.filter(ends_at__gt=start)
    if end is not None:
        query = query.filter(starts_at__lt=end)
    return _with_taken(query).order_by("starts_at", "id")


def upcoming_for(*, community: Area | None = None) -> QuerySet[Activity]:
    """Open activities not yet over, soonest first. Public."""
    return calendar_for(community=community, start=timezone.now()).filter(state=ActivityState.OPEN)


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def month_weeks(year: int, month: int, activities: list[Activity]) -> list[list[dict]]:
    """The month as weeks (Monday first) of days, each with the activities starting that day."""
    by_day: dict[dt.date, list[Activity]] = {}
    for activity in activities:
        by_day.setdefault(timezone.localtime(activity.starts_at).date(), []).append(activity)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [{"day": d, "in_month": d.month == month, "activities": by_day.get(d, [])} for d in week]
        )
    return weeks


def places_left(activity: Activity) -> int | None:
    taken = getattr(activity, "taken", None)
    if taken is None:
        taken = activity.signups.filter(state__in=ACTIVE_SIGNUP_STATES).count()
    return _left(places=activity.places, taken=taken)


def activity_get(activity_id: int) -> Activity:
    """Any activity, by id: activities hold no personal data (404 if missing)."""
    activity = _with_taken(Activity.objects.filter(pk=activity_id)).first()
    if activity is None:
        raise NotFound()
    return activity


def organiser_label(activity: Activity) -> str:
    return activity.organisation.name if activity.organisation is not None else activity.community.name


def communities_for_publisher(*, viewer) -> list[Area]:
    """Where the viewer may publish: their staff communities, and those their registered organisations serve."""
    from gongzhi.orgs.selectors import communities_served, organisations_represented

    paths = paths_for(viewer, ORGANISERS)
    found = {c.pk: c for c in communities_public() if covers(paths, c.path)}
    for organisation in organisations_represented(viewer).filter(state="registered"):
        for community in communities_served(organisation):
            found.setdefault(community.pk, community)
    return sorted(found.values(), key=lambda c: c.path)


def organisations_for_publisher(*, viewer) -> list[tuple[int, str]]:
    from gongzhi.orgs.selectors import organisations_represented

    return list(organisations_represented(viewer).filter(state="registered").values_list("pk", "name"))


def _signups() -> QuerySet[SignUp]:
    return SignUp.objects.select_related(
        "activity", "activity__community", "activity__organisation", "resident", "user", "signed_by"
    )


def signups_of(*, viewer, activity: Activity) -> list[SignUp]:
    """Every sign-up of an activity, for its organiser or staff over it."""
    if not can(viewer, "activities.view_signups", activity):
        raise NotPermitted(_("只有活动的组织方和村(社区)工作人员能查看报名名单。"))
    return list(_signups().filter(activity=activity).order_by("created_at", "id"))


def mine_for(*, viewer) -> QuerySet[SignUp]:
    """Sign-ups of the viewer, or typed by the viewer for a resident; newest first."""
    if not viewer.is_authenticated:
        return SignUp.objects.none()
    return _signups().filter(Q(user=viewer) | Q(signed_by=viewer)).order_by("-created_at", "-id")


def organised_by(*, viewer) -> QuerySet[Activity]:
    """The activities the viewer organises (their communities' as staff, their organisations')."""
    if not viewer.is_authenticated:
        return Activity.objects.none()
    from gongzhi.accounts.scopes import organisation_ids_for, scope_q

    from .roles import REPRESENTATIVES

    paths = paths_for(viewer, ORGANISERS)
    mine = Q(organisation_id__in=organisation_ids_for(viewer, REPRESENTATIVES))
    if paths:
        mine |= scope_q(paths, "area_path") & Q(organisation__isnull=True)
    return _with_taken(Activity.objects.filter(mine)).order_by("-starts_at", "-id")


def own_signup(*, viewer, activity: Activity) -> SignUp | None:
    if not viewer.is_authenticated:
        return None
    return SignUp.objects.filter(activity=activity, user=viewer, state__in=ACTIVE_SIGNUP_STATES).first()


def signup_get_for(*, viewer, signup_id: int) -> SignUp:
    """A sign-up the viewer is concerned by; missing and not-yours answer alike (NotFound)."""
    signup = _signups().filter(pk=signup_id).first()
    if signup is None or not viewer.is_authenticated:
        raise NotFound()
    concerned = can(viewer, "activities.see_signer", signup) or can(
        viewer, "activities.view_signups", signup.activity
    )
    if not concerned:
        raise NotFound()
    return signup


def signer_name(signup: SignUp) -> str:
    if signup.resident is not None:
        return signup.resident.name
    return str(signup.user) if signup.user is not None else ""


def signer_label(signup: SignUp, *, viewer) -> str:
    """In full to the signer and staff over the resident; masked to the organisation and anyone else."""
    name = signer_name(signup)
    if viewer.is_authenticated and can(viewer, "activities.see_signer", signup):
        return name
    return mask_name(name) or _("一位居民")


def signup_counts(signups: list[SignUp]) -> dict[str, int]:
    counts = {state: 0 for state in SignUpState.values}
    for signup in signups:
        counts[signup.state] += 1
    return counts


def report_photos(activity: Activity) -> list[ReportPhoto]:
    return list(ReportPhoto.objects.filter(activity=activity).select_related("photo"))


def report_photo_get(activity: Activity, photo_id: int) -> ReportPhoto:
    found = ReportPhoto.objects.filter(activity=activity, pk=photo_id).select_related("photo").first()
    if found is None or activity.state == ActivityState.CANCELLED:
        raise NotFound()
    return found


def activity_moves_for(user, activity: Activity) -> dict[str, bool]:
    """Which moves this user may make now (the detail page's buttons, the API's allowed_moves)."""
    if not user.is_authenticated:
        return {}
    now = timezone.now()
    started = activity.starts_at <= now
    is_open = activity.state == ActivityState.OPEN
    organiser = can(user, "activities.organise", activity)
    return {
        **lifecycle_verbs_for(activity, user),  # cancel
        "edit": is_open and not started and organiser,
        "sign_up": is_open and not started and can(user, "activities.sign_up_own"),
        "sign_up_assisted": is_open and not started and can(user, "activities.sign_up_assisted"),
        "signups": can(user, "activities.view_signups", activity),
        "attendance": is_open and started and organiser,
        "report": is_open and started and organiser,
    }


def attendance_deeds_between(community: Area, start: dt.date, end: dt.date) -> list[Deed]:
    """The attendances its organiser recorded at activities of `community` (and the areas under it) that started
    from `start` to `end` (local days, both included), as recorded deeds (gongzhi.core.deeds): one per sign-up."""
    zone = timezone.get_current_timezone()
    rows = (
        SignUp.objects.filter(
            state=SignUpState.ATTENDED,
            activity__area_path__startswith=community.path,
            activity__starts_at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=zone),
            activity__starts_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
        )
        .values("id", "user_id", "resident_id", "activity__title", "activity__starts_at")
        .order_by("activity__starts_at", "id")
    )
    return [
        Deed(
            source="activities",
            source_id=row["id"],
            on=timezone.localtime(row["activity__starts_at"]).date(),
            description=row["activity__title"],
            user_id=row["user_id"],
            resident_id=row["resident_id"],
        )
        for row in rows
    ]
