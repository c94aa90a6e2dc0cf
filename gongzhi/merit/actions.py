"""The life of a nomination to the merit board 积德榜.

    nomination_create ─▶ awaiting_consent ─┬─ nomination_consent (online) / nomination_consent_record (paper)
                                           │        ─▶ in_review
                                           └─ nomination_decline ─▶ declined (ends, privately)
    in_review ── review_opinion_record (each member of the 道德评议会 once, with a reason)
                   ├─ more than half of the body's current members agree ─▶ passed
                   └─ that can no longer happen                         ─▶ not_passed
    passed ── nomination_publicise (staff) ─▶ publicised: on the community's public board (gongzhi.disclosures)
                                              for N calendar days (7 unless the community set its own)
    publicised ── objection_record (anyone signed in, once each) ── objection_answer (staff, once each)
                   ├─ upheld    ─▶ withdrawn (the answer is the reason; the 公示 is withdrawn too)
                   └─ dismissed: the answer recorded
    publicised ── nomination_place (staff: the period over and every objection answered) ─▶ on_board
    any live state ── nomination_withdraw (staff, with the reason) ─▶ withdrawn

A resident nominates someone of their own community by the name in the register (they cannot browse it),
a registered social organisation through its representative likewise, staff by picking the person or the
household. The person consents — or, for a family, the household's head — by their own account when the
register links them to one, or on a signed paper form that staff scan and record. Consent also says how
the name is shown on the board. Nothing goes to review, 公示 or the board without consent: every action past
consent checks it, and a check constraint on the table holds it too.

The review is the community's 道德评议会 (gongzhi.bodies, kind moral_review): each current member with an
account records agree or disagree and a reason; the nomination passes when more than half of the body's
current members agree (gongzhi.core.quorum, 应到人数过半数), and fails as soon as that can no longer happen.
The nominee and, for a family, the household's members sit out (回避) and are not counted.

Every action authorises, locks what it changes, writes one audit row in its transaction and tells the people
concerned through notices.
"""

import datetime as dt
import uuid
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.core.pdfs import pdf_check
from gongzhi.core.pii import pii_find, pii_summary
from gongzhi.core.quorum import meeting_check
from gongzhi.core.text import text_clean
from gongzhi.notices.actions import notice_send
from gongzhi.residents.codes import HEAD_RELATION
from gongzhi.residents.models import Household, Resident

from .models import (
    ConsentChannel,
    MeritCategory,
    MeritSetting,
    Nomination,
    NominationPhoto,
    NominationState,
    NominatorKind,
    NomineeKind,
    Objection,
    ReviewOpinion,
)
from .selectors import publicity_days_of, review_body, review_members, staff_nominator_over

TITLE_MIN, TITLE_MAX = 4, 40
STORY_MIN, STORY_MAX = 20, 2000
WITNESS_MAX, REASON_MAX, TEXT_MAX = 100, 300, 500
PHOTOS_MAX = 6
CONSENT_FILE_MAX = 5 * 1024 * 1024
CONSENT_DIR = "merit"
PUBLICITY_DAYS_MAX = 30
LIVE_STATES = frozenset(
    {
        NominationState.AWAITING_CONSENT,
        NominationState.IN_REVIEW,
        NominationState.PASSED,
        NominationState.PUBLICISED,
        NominationState.ON_BOARD,
    }
)
DISPLAY_FULL, DISPLAY_SURNAME = "full", "surname"


def _notify(user, title: str, nomination: Nomination) -> None:
    if user is not None and user.is_active:
        notice_send(
            recipient=user, kind="merit", title=title, url=reverse("merit:nomination", args=[nomination.pk])
        )


def _audit(actor: User, verb: str, nomination: Nomination, summary: dict) -> None:
    audit_event_record(
        actor=actor,
        verb=verb,
        target=nomination,
        area=nomination.community,
        summary={"title": nomination.title, "category": nomination.category.name, **summary},
    )


def _locked(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("community", "category", "consenter", "resident", "household")
        .get(pk=nomination.pk)
    )


def _free_text(value: str, *, label: str, field: str, minimum: int, maximum: int) -> str:
    """A text that others will read: its characters (core.text) and no personal data (core.pii)."""
    text = text_clean(value, label=label, field=field, minimum=minimum, maximum=maximum)
    findings = pii_find(text)
    if findings:
        raise DomainError(
            _("%(label)s中有%(kinds)s。积德榜只讲做了什么，请删去这些个人信息。")
            % {"label": label, "kinds": pii_summary(findings)},
            field=field,
            code="personal_data",
        )
    return text


# --- Nominating ---------------------------------------------------------------------------------


def _community(area: Area) -> Area:
    if area.kind != AreaKind.COMMUNITY:
        raise DomainError(_("积德榜属于村(社区)，请选择一个村或社区。"), field="community")
    return area


def _category(category: MeritCategory | None) -> MeritCategory:
    category = MeritCategory.objects.filter(pk=category.pk, active=True).first() if category else None
    if category is None:
        raise DomainError(_("请选择一个在用的积德榜类别。"), field="category")
    return category


def _nominee_by_id(kind: str, community: Area, nominee_id: int | None) -> Resident | Household:
    if kind == NomineeKind.PERSON:
        person = Resident.objects.filter(pk=nominee_id).first() if nominee_id else None
        if person is None:
            raise DomainError(_("请选择被提名的居民。"), field="nominee")
        if person.community_id != community.pk:
            raise DomainError(
                _("这位居民不在本村(社区)的居民登记中。"), field="nominee", code="other_community"
            )
        if person.status != "active":
            raise DomainError(_("这位居民当前不是在册居民，不能提名。"), field="nominee")
        return person
    household = Household.objects.filter(pk=nominee_id).first() if nominee_id else None
    if household is None:
        raise DomainError(_("请选择被提名的家庭（户）。"), field="nominee")
    if household.community_id != community.pk:
        raise DomainError(_("这一户不在本村(社区)的居民登记中。"), field="nominee", code="other_community")
    return household


def _nominee_by_name(
    kind: str, community: Area, name: str, household_number: str = ""
) -> Resident | Household:
    name = text_clean(name, label=_("被提名人姓名"), field="nominee_name", minimum=2, maximum=50)
    people = Resident.objects.filter(community=community, status="active", name=name)
    number = (household_number or "").strip()[:40]
    if number:
        people = people.filter(household__number=number)
    if kind == NomineeKind.FAMILY:
        people = people.filter(household__isnull=False, relation_to_head=HEAD_RELATION)
    found = list(people.select_related("household")[:2])
    if not found:
        raise DomainError(
            (
                _(
                    "本村(社区)登记的户主中没有叫“%(name)s”的。提名家庭请填写户主的姓名，或请村(社区)工作人员代为提名。"
                )
                if kind == NomineeKind.FAMILY
                else _("本村(社区)登记的居民中没有叫“%(name)s”的。请核对姓名，或请村(社区)工作人员代为提名。")
            )
            % {"name": name},
            field="nominee_name",
            code="nominee_unknown",
        )
    if len(found) > 1:
        raise DomainError(
            _("本村(社区)有不止一位叫“%(name)s”的居民，请填写户编号加以区分，或请村(社区)工作人员代为提名。")
            % {"name": name},
            field="nominee_name",
            code="nominee_ambiguous",
        )
    person = found[0]
    if kind == NomineeKind.FAMILY:
        assert person.household is not None
        return person.household
    return person


def _head_of(household: Household) -> Resident:
    head = (
        Resident.objects.filter(household=household, relation_to_head=HEAD_RELATION, status="active")
        .order_by("id")
        .first()
    )
    if head is None:
        raise DomainError(
            _("这一户在居民登记中没有在册的户主，无法征得家庭的同意；请先在居民登记中设定户主。"),
            field="nominee",
            code="no_head",
        )
    return head


def _voice(actor: User, community: Area, organisation_id: int | None):
    """(nominator kind, organisation) the actor nominates as, or NotPermitted."""
    if organisation_id:
        from gongzhi.orgs.selectors import organisation_voice_check

        return NominatorKind.ORGANISATION, organisation_voice_check(actor, organisation_id, community)
    if staff_nominator_over(actor, community):
        return NominatorKind.STAFF, None
    if Resident.objects.filter(user=actor, community=community, status="active").exists():
        return NominatorKind.RESIDENT, None
    from gongzhi.orgs.selectors import organisations_speaking_for

    if organisations_speaking_for(actor, community).exists():
        raise DomainError(_("请选择以哪个社会组织的名义提名。"), field="organisation")
    raise NotPermitted(_("只有本村(社区)的在册居民、服务本村(社区)的社会组织和工作人员可以提名。"))


@transaction.atomic
def nomination_create(
    *,
    actor: User,
    community: Area,
    category: MeritCategory | None,
    kind: str,
    title: str,
    story: str,
    witness: str = "",
    nominee_id: int | None = None,
    nominee_name: str = "",
    household_number: str = "",
    organisation_id: int | None = None,
    photos=(),
) -> Nomination:
    """Nominate a person or a family of `community`: staff pick them (`nominee_id`: a resident or a household),
    others give the name in the register (`nominee_name`: the person, or the household's head)."""
    authorize(actor, "merit.nominate", community)
    community = _community(community)
    nominator_kind, organisation = _voice(actor, community, organisation_id)
    category = _category(category)
    if kind not in NomineeKind.values:
        raise DomainError(_("请选择提名个人还是家庭。"), field="kind")
    title = _free_text(title, label=_("事迹标题"), field="title", minimum=TITLE_MIN, maximum=TITLE_MAX)
    story = _free_text(story, label=_("事迹"), field="story", minimum=STORY_MIN, maximum=STORY_MAX)
    witness = _free_text(witness, label=_("证明人"), field="witness", minimum=0, maximum=WITNESS_MAX)
    photos = [photo for photo in photos if photo]
    if len(photos) > PHOTOS_MAX:
        raise DomainError(_("照片最多 %(n)d 张。") % {"n": PHOTOS_MAX}, field="photos")
    if not witness and not photos:
        raise DomainError(_("请提供证明：证明人（姓名和与被提名人的关系），或事迹的照片。"), field="witness")
    if nominator_kind == NominatorKind.STAFF and nominee_id:
        nominee = _nominee_by_id(kind, community, nominee_id)
    elif nominee_name:
        nominee = _nominee_by_name(kind, community, nominee_name, household_number)
    else:
        raise DomainError(_("请填写被提名人的姓名（提名家庭请填写户主的姓名）。"), field="nominee_name")
    if isinstance(nominee, Household):
        household, person, consenter = nominee, None, _head_of(nominee)
        own = Resident.objects.filter(user=actor, household=household).exists()
    else:
        household, person, consenter = None, nominee, nominee
        own = nominee.user_id == actor.pk
    if own:
        raise DomainError(_("不能提名自己或自己的家庭；请由他人提名。"), field="nominee_name", code="self")
    duplicate = Nomination.objects.filter(
        resident=person, household=household, category=category, state__in=LIVE_STATES
    ).exclude(state=NominationState.ON_BOARD)
    if duplicate.exists():
        raise Conflict(_("这位被提名人在这个类别已有一项正在办理的提名。"), code="duplicate")
    nomination = Nomination.objects.create(
        community=community,
        area_path=nominee.area_path,
        category=category,
        kind=kind,
        resident=person,
        household=household,
        consenter=consenter,
        title=title,
        story=story,
        witness=witness,
        nominator_kind=nominator_kind,
        organisation=organisation,
        nominated_by=actor,
        nominated_at=timezone.now(),
    )
    from gongzhi.photos.actions import photo_store

    for upload in photos:
        NominationPhoto.objects.create(nomination=nomination, photo=photo_store(actor=actor, upload=upload))
    _audit(
        actor,
        "merit.nominated",
        nomination,
        {
            "kind": kind,
            "nominator": nominator_kind,
            "organisation": organisation.name if organisation else "",
            "photos": len(photos),
            "witness": bool(witness),
        },
    )
    _notify(consenter.user, _("您被提名上积德榜，请确认是否同意"), nomination)
    return nomination


# --- Consent --------------------------------------------------------------------------------------


def display_choices(nomination: Nomination) -> list[tuple[str, str]]:
    """How the nominee may be named on the board: the full name, or the surname and 某某 (a family: 家庭)."""
    name = nomination.consenter.name.strip()
    surname = f"{name[:1]}某某" if name else ""
    if nomination.kind == NomineeKind.FAMILY:
        return [(DISPLAY_FULL, _("%(name)s家庭") % {"name": name}),
                (DISPLAY_SURNAME, _("%(name)s家庭") % {"name": surname})]  # fmt: skip
    return [(DISPLAY_FULL, name), (DISPLAY_SURNAME, surname)]


def _display(nomination: Nomination, display: str) -> str:
    choices = dict(display_choices(nomination))
    if display not in choices:
        raise DomainError(_("请选择在积德榜上如何署名。"), field="display")
    return choices[display]


def _awaiting(nomination: Nomination) -> None:
    if nomination.state != NominationState.AWAITING_CONSENT:
        raise Conflict(
            _("这项提名现在是“%(state)s”，不能再确认或谢绝。") % {"state": nomination.get_state_display()},
            code="not_awaiting_consent",
        )


def _to_review(actor: User, nomination: Nomination, channel: str, display_name: str, extra: dict) -> None:
    now = timezone.now()
    nomination.state = NominationState.IN_REVIEW
    nomination.consent_channel, nomination.consented_at = channel, now
    nomination.consent_recorded_by, nomination.display_name = actor, display_name
    nomination.save()
    _audit(actor, "merit.consented", nomination, {"channel": channel, "display_name": display_name, **extra})
    _notify(nomination.nominated_by, _("被提名人已同意，提名交道德评议会评议"), nomination)
    for member in review_members(nomination.community):
        if member.user_id and member.pk not in _recused_ids(nomination):
            _notify(member.user, _("有一项积德榜提名请您评议"), nomination)


@transaction.atomic
def nomination_consent(*, actor: User, nomination: Nomination, display: str) -> Nomination:
    """The nominee (or the household's head) agrees by their own account, and says how to be named."""
    authorize(actor, "merit.consent", nomination)
    nomination = _locked(nomination)
    _awaiting(nomination)
    _to_review(actor, nomination, ConsentChannel.ONLINE, _display(nomination, display), {})
    return nomination


def consent_file_check(upload) -> bytes:
    """The bytes of a signed consent form: a PDF (safe to open, core.pdfs) or a photo, at most 5 MB."""
    if upload is None:
        raise DomainError(_("请上传本人签字的同意书（扫描的 PDF 或照片）。"), field="consent_file")
    content = upload if isinstance(upload, bytes) else upload.read()
    if not isinstance(upload, bytes):
        upload.seek(0)
    if not content:
        raise DomainError(_("请上传本人签字的同意书（扫描的 PDF 或照片）。"), field="consent_file")
    if len(content) > CONSENT_FILE_MAX:
        raise DomainError(_("同意书文件不能超过 5 MB。"), field="consent_file")
    if content[:5] == b"%PDF-":
        pdf_check(content, name=_("同意书"), max_bytes=CONSENT_FILE_MAX, field="consent_file")
    return content


@transaction.atomic
def nomination_consent_record(
    *, actor: User, nomination: Nomination, display: str, consent_file
) -> Nomination:
    """Staff record the consent the nominee signed on paper, with the scan of the form."""
    authorize(actor, "merit.keep", nomination)
    content = consent_file_check(consent_file)
    nomination = _locked(nomination)
    _awaiting(nomination)
    display_name = _display(nomination, display)
    from gongzhi.photos.actions import file_write_atomically, photo_store

    if content[:5] == b"%PDF-":
        relative = PurePosixPath(CONSENT_DIR, f"{uuid.uuid4()}.pdf")
        file_write_atomically(Path(settings.DATA_DIR) / relative, content)
        nomination.consent_pdf_path = str(relative)
    else:
        try:
            nomination.consent_photo = photo_store(actor=actor, upload=content)
        except DomainError as exc:
            raise DomainError(_("同意书请上传 PDF 文件或照片（JPG、PNG）。"), field="consent_file") from exc
    import hashlib

    _to_review(actor, nomination, ConsentChannel.PAPER, display_name,
               {"file": hashlib.sha256(content).hexdigest()[:16]})  # fmt: skip
    return nomination


@transaction.atomic
def nomination_decline(*, actor: User, nomination: Nomination) -> Nomination:
    """The nominee declines (or staff record that they declined): the nomination ends, and nothing is shown."""
    if not (actor.has_perm("merit.consent", nomination) or actor.has_perm("merit.keep", nomination)):
        raise NotPermitted()
    nomination = _locked(nomination)
    _awaiting(nomination)
    nomination.state, nomination.declined_at = NominationState.DECLINED, timezone.now()
    nomination.save(update_fields=["state", "declined_at", "updated_at"])
    _audit(actor, "merit.declined", nomination, {"by_nominee": actor.pk == nomination.consenter.user_id})
    _notify(nomination.nominated_by, _("积德榜提名已结束：被提名人谢绝了提名"), nomination)
    return nomination


def _consent_required(nomination: Nomination) -> None:
    if not nomination.consented:
        raise Conflict(
            _("被提名人（家庭为户主）还没有同意，不能评议、公示或上榜。请先征得本人同意。"),
            code="consent_missing",
        )


# --- Review ---------------------------------------------------------------------------------------


def _recused_ids(nomination: Nomination) -> set[int]:
    """The register ids of those who sit out: the nominee, or the family's members."""
    if nomination.kind == NomineeKind.FAMILY:
        return set(Resident.objects.filter(household=nomination.household_id).values_list("pk", flat=True))
    return {nomination.resident_id} if nomination.resident_id else set()


def review_tally(nomination: Nomination):
    """(members due, agree, disagree, core.quorum's result or None) of the review as it stands today."""
    recused = _recused_ids(nomination)
    due = [member for member in review_members(nomination.community) if member.pk not in recused]
    due_ids = {member.pk for member in due}
    opinions = [o for o in ReviewOpinion.objects.filter(nomination=nomination) if o.member_id in due_ids]
    agree = sum(1 for o in opinions if o.agrees)
    disagree = len(opinions) - agree
    if not due:
        return 0, agree, disagree, None
    result = meeting_check(
        "body_meeting", present=len(opinions), in_favour=agree, against=disagree, members=len(due),
        majority="members",
    )  # fmt: skip
    return len(due), agree, disagree, result


def review_blocker(nomination: Nomination) -> str:
    """Why the community's 道德评议会 cannot review now ("" when it can): no body, or no members with accounts."""
    body = review_body(nomination.community)
    if body is None:
        return _(
            "本村(社区)还没有登记道德评议会。请工作人员在“组织机构”页面登记道德评议会并录入成员（须关联账号），"
            "评议会成员才能评议。"
        )
    members = [m for m in review_members(nomination.community) if m.pk not in _recused_ids(nomination)]
    if not members:
        return _("道德评议会目前没有在任成员，请在“组织机构”页面录入成员。")
    if not any(member.user_id for member in members):
        return _("道德评议会的成员都还没有关联账号，无法在线评议；请在居民登记中为成员关联账号。")
    return ""


@transaction.atomic
def review_opinion_record(
    *, actor: User, nomination: Nomination, agrees: bool | None, reason: str
) -> ReviewOpinion:
    """A member of the 道德评议会 agrees or disagrees, with the reason; the nomination passes when more than
    half of the body's current members agree, and fails when that can no longer happen."""
    authorize(actor, "merit.review", nomination)
    nomination = _locked(nomination)
    _consent_required(nomination)
    if nomination.state != NominationState.IN_REVIEW:
        raise Conflict(
            _("这项提名现在是“%(state)s”，不在评议中。") % {"state": nomination.get_state_display()},
            code="not_in_review",
        )
    member = next((m for m in review_members(nomination.community) if m.user_id == actor.pk), None)
    if member is None:
        raise NotPermitted(_("只有本村(社区)道德评议会的在任成员可以评议。"))
    if member.pk in _recused_ids(nomination):
        raise DomainError(_("您是被提名人或其家庭成员，请回避，不参加这项评议。"), code="recused")
    if not isinstance(agrees, bool):
        raise DomainError(_("请选择同意或不同意。"), field="agrees")
    reason = text_clean(reason, label=_("理由"), field="reason", minimum=2, maximum=REASON_MAX)
    now = timezone.now()
    try:
        with transaction.atomic():
            opinion = ReviewOpinion.objects.create(
                nomination=nomination, member=member, by=actor, agrees=agrees, reason=reason, at=now
            )
    except IntegrityError:
        raise Conflict(_("您已经评议过这项提名了。"), code="reviewed") from None
    due, agree, disagree, result = review_tally(nomination)
    outcome = ""
    if result is not None and result.passed:
        outcome = NominationState.PASSED
    elif result is not None:
        remaining = due - agree - disagree
        best = meeting_check(
            "body_meeting", present=due, in_favour=agree + remaining, against=disagree, members=due,
            majority="members",
        )  # fmt: skip
        if not best.passed:
            outcome = NominationState.NOT_PASSED
    if outcome:
        nomination.state, nomination.reviewed_at = outcome, now
        nomination.review_reason = (result.vote_reason if result else "")[:300]
        nomination.save(update_fields=["state", "reviewed_at", "review_reason", "updated_at"])
    _audit(actor, "merit.reviewed", nomination,
           {"agrees": agrees, "members": due, "agree": agree, "disagree": disagree, "outcome": outcome})  # fmt: skip
    if outcome == NominationState.PASSED:
        _notify(nomination.nominated_by, _("积德榜提名已通过道德评议会评议，待公示"), nomination)
    elif outcome == NominationState.NOT_PASSED:
        _notify(nomination.nominated_by, _("积德榜提名未通过道德评议会评议"), nomination)
        _notify(nomination.consenter.user, _("积德榜提名未通过道德评议会评议"), nomination)
    return opinion


# --- 公示 -----------------------------------------------------------------------------------------


def publicity_end(start: dt.datetime, days: int) -> dt.datetime:
    """The end of a 公示 of `days` calendar days that starts at `start`: the day it starts is not counted and
    the last day ends at 24:00 (民法典 第二百零一条、第二百零三条), in the local time zone."""
    first = timezone.localtime(start).date()
    last = first + dt.timedelta(days=days)
    return dt.datetime.combine(
        last + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone()
    )


def _day(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d")


@transaction.atomic
def nomination_publicise(*, actor: User, nomination: Nomination) -> Nomination:
    """Post a nomination the 道德评议会 passed on the community's public board for objections (公示)."""
    authorize(actor, "merit.keep", nomination)
    nomination = _locked(nomination)
    _consent_required(nomination)
    if nomination.state != NominationState.PASSED:
        raise Conflict(
            _("只有通过道德评议会评议的提名才能公示；这项提名现在是“%(state)s”。")
            % {"state": nomination.get_state_display()},
            code="not_passed",
        )
    from gongzhi.disclosures.actions import disclosure_publish
    from gongzhi.disclosures.models import DisclosureCategory

    now = timezone.now()
    days = publicity_days_of(nomination.community)
    ends = publicity_end(now, days)
    last_day = ends - dt.timedelta(days=1)
    body = "\n".join(
        [
            _("%(name)s（%(category)s）：%(title)s") % {"name": nomination.display_name,
                                                      "category": nomination.category.name, "title": nomination.title},
            nomination.story,
            _("经本人同意，并经村(社区)道德评议会评议通过，拟列入积德榜，现予公示。公示期%(days)d天，自%(start)s至"
              "%(end)s。对公示内容有异议的，请在公示期内登录后在公示页面提出，或向村(社区)反映。")
            % {"days": days, "start": _day(now + dt.timedelta(days=1)), "end": _day(last_day)},
        ]
    )  # fmt: skip
    disclosure = disclosure_publish(
        actor=actor,
        community=nomination.community,
        category=DisclosureCategory.AFFAIRS,
        title=(_("积德榜公示：%(name)s") % {"name": nomination.display_name})[:100],
        body=body,
        owner=nomination,
        purpose="merit_publicity",
        perm="merit.keep",
        perm_obj=nomination,
    )
    nomination.state, nomination.disclosure = NominationState.PUBLICISED, disclosure
    nomination.publicity_days, nomination.publicity_starts_at, nomination.publicity_ends_at = days, now, ends
    nomination.save()
    _audit(
        actor,
        "merit.publicised",
        nomination,
        {"days": days, "ends": _day(last_day), "disclosure": disclosure.pk},
    )
    _notify(nomination.nominated_by, _("积德榜提名已公示"), nomination)
    _notify(nomination.consenter.user, _("积德榜提名已公示"), nomination)
    return nomination


@transaction.atomic
def objection_record(*, actor: User, nomination: Nomination, text: str) -> Objection:
    """Anyone signed in objects during the 公示, once, with the reason."""
    authorize(actor, "merit.object", nomination)
    nomination = _locked(nomination)
    if nomination.state != NominationState.PUBLICISED or nomination.publicity_ends_at is None:
        raise Conflict(_("这项提名现在不在公示期内，不能提出异议。"), code="not_publicised")
    if timezone.now() >= nomination.publicity_ends_at:
        raise Conflict(
            _("公示期已于%(day)s结束，不能再提出异议。")
            % {"day": _day(nomination.publicity_ends_at - dt.timedelta(days=1))},
            code="publicity_over",
        )
    text = text_clean(text, label=_("异议理由"), field="text", minimum=5, maximum=TEXT_MAX)
    try:
        with transaction.atomic():
            objection = Objection.objects.create(
                nomination=nomination, by=actor, text=text, at=timezone.now()
            )
    except IntegrityError:
        raise Conflict(_("您已经对这项提名提出过异议了，工作人员会答复您。"), code="objected") from None
    _audit(actor, "merit.objected", nomination, {"objection": objection.pk, "characters": len(text)})
    return objection


@transaction.atomic
def objection_answer(
    *, actor: User, nomination: Nomination, objection_id: int, upheld: bool | None, answer: str
) -> Objection:
    """Staff answer an objection: upheld withdraws the nomination (and its 公示) with the answer as the
    reason; dismissed records the answer. Each objection is answered once."""
    authorize(actor, "merit.keep", nomination)
    nomination = _locked(nomination)
    objection = Objection.objects.select_for_update().filter(pk=objection_id, nomination=nomination).first()
    if objection is None:
        raise NotFound(_("未找到这条异议。"))
    if objection.answered:
        raise Conflict(_("这条异议已经答复过了。"), code="objection_answered")
    if not isinstance(upheld, bool):
        raise DomainError(_("请选择异议是否成立。"), field="upheld")
    answer = text_clean(answer, label=_("答复"), field="answer", minimum=2, maximum=TEXT_MAX)
    if upheld and nomination.state not in LIVE_STATES:
        raise Conflict(_("这项提名已经结束了。"), code="ended")
    now = timezone.now()
    objection.answer, objection.upheld, objection.answered_at, objection.answered_by = (
        answer,
        upheld,
        now,
        actor,
    )
    objection.save(update_fields=["answer", "upheld", "answered_at", "answered_by"])
    _audit(actor, "merit.objection_answered", nomination, {"objection": objection.pk, "upheld": upheld})
    if upheld:
        _withdraw(actor, nomination, _("异议成立：%(answer)s") % {"answer": answer})
    _notify(objection.by, _("您对积德榜公示的异议已答复"), nomination)
    return objection


@transaction.atomic
def nomination_place(*, actor: User, nomination: Nomination) -> Nomination:
    """Put the entry on the board: the 公示 period over and every objection answered."""
    authorize(actor, "merit.keep", nomination)
    nomination = _locked(nomination)
    _consent_required(nomination)
    if nomination.state != NominationState.PUBLICISED or nomination.publicity_ends_at is None:
        raise Conflict(
            _("只有公示期满的提名才能上榜；这项提名现在是“%(state)s”。")
            % {"state": nomination.get_state_display()},
            code="not_publicised",
        )
    now = timezone.now()
    if now < nomination.publicity_ends_at:
        raise Conflict(
            _("公示期到%(day)s结束，期满后才能上榜。")
            % {"day": _day(nomination.publicity_ends_at - dt.timedelta(days=1))},
            code="publicity_running",
        )
    open_objections = Objection.objects.filter(nomination=nomination, answered_at__isnull=True).count()
    if open_objections:
        raise Conflict(
            _("还有 %(n)d 条异议没有答复，答复后才能上榜。") % {"n": open_objections}, code="objections_open"
        )
    nomination.state, nomination.placed_at, nomination.placed_by = NominationState.ON_BOARD, now, actor
    nomination.save(update_fields=["state", "placed_at", "placed_by", "updated_at"])
    _audit(actor, "merit.placed", nomination, {"display_name": nomination.display_name})
    _notify(nomination.nominated_by, _("积德榜提名已上榜"), nomination)
    _notify(nomination.consenter.user, _("您的事迹已上积德榜"), nomination)
    return nomination


def _withdraw(actor: User, nomination: Nomination, reason: str) -> None:
    former = nomination.state
    nomination.state, nomination.withdrawn_at, nomination.withdrawn_reason = (
        NominationState.WITHDRAWN,
        timezone.now(),
        reason[:300],
    )
    nomination.save(update_fields=["state", "withdrawn_at", "withdrawn_reason", "updated_at"])
    if nomination.disclosure_id is not None:
        from gongzhi.disclosures.actions import disclosure_withdraw
        from gongzhi.disclosures.models import Disclosure

        disclosure = Disclosure.objects.get(pk=nomination.disclosure_id)
        if not disclosure.is_withdrawn:
            disclosure_withdraw(
                actor=actor,
                disclosure=disclosure,
                reason=reason[:200],
                perm="merit.keep",
                perm_obj=nomination,
            )
    _audit(actor, "merit.withdrawn", nomination, {"from": former, "reason": reason[:300]})
    _notify(nomination.nominated_by, _("积德榜提名已撤回"), nomination)
    _notify(nomination.consenter.user, _("积德榜提名已撤回"), nomination)


@transaction.atomic
def nomination_withdraw(*, actor: User, nomination: Nomination, reason: str) -> Nomination:
    """Staff end a live nomination or take an entry off the board, with the reason (kept, never deleted)."""
    authorize(actor, "merit.keep", nomination)
    nomination = _locked(nomination)
    if nomination.state not in LIVE_STATES:
        raise Conflict(_("这项提名已经结束了。"), code="ended")
    reason = text_clean(reason, label=_("撤回理由"), field="reason", minimum=2, maximum=REASON_MAX)
    _withdraw(actor, nomination, reason)
    return nomination


# --- Settings and categories -----------------------------------------------------------------------


@transaction.atomic
def merit_setting_change(*, actor: User, community: Area, publicity_days: int) -> MeritSetting:
    authorize(actor, "merit.keep", community)
    community = _community(community)
    if (
        isinstance(publicity_days, bool)
        or not isinstance(publicity_days, int)
        or not (1 <= publicity_days <= PUBLICITY_DAYS_MAX)
    ):
        raise DomainError(
            _("公示天数应为 1 到 %(n)d 之间的整数（日历日）。") % {"n": PUBLICITY_DAYS_MAX},
            field="publicity_days",
        )
    setting = MeritSetting.objects.select_for_update().filter(community=community).first()
    before = setting.publicity_days if setting else None
    if setting is None:
        setting = MeritSetting.objects.create(
            community=community, publicity_days=publicity_days, changed_by=actor
        )
    else:
        setting.publicity_days, setting.changed_by = publicity_days, actor
        setting.save(update_fields=["publicity_days", "changed_by", "changed_at"])
    audit_event_record(actor=actor, verb="merit.setting_changed", target=community, area=community,
                       summary={"publicity_days": publicity_days, "before": before})  # fmt: skip
    return setting


@transaction.atomic
def category_add(*, actor: User, name: str, description: str = "") -> MeritCategory:
    authorize(actor, "merit.categories")
    name = text_clean(name, label=_("类别名称"), field="name", minimum=2, maximum=20)
    description = text_clean(description, label=_("说明"), field="description", minimum=0, maximum=200)
    if MeritCategory.objects.filter(name=name).exists():
        raise Conflict(_("已经有“%(name)s”这个类别了。") % {"name": name}, code="category_exists")
    order = (MeritCategory.objects.order_by("-order").values_list("order", flat=True).first() or 0) + 10
    category = MeritCategory.objects.create(name=name, description=description, order=order, created_by=actor)
    audit_event_record(actor=actor, verb="merit.category_added", target=category, summary={"name": name})
    return category


@transaction.atomic
def category_active_set(*, actor: User, category: MeritCategory, active: bool) -> MeritCategory:
    """Retire a category (no new nominations in it; the entries stay on the board) or use it again."""
    authorize(actor, "merit.categories")
    category = MeritCategory.objects.select_for_update().get(pk=category.pk)
    if category.active == active:
        return category
    category.active = active
    category.save(update_fields=["active"])
    verb = "merit.category_restored" if active else "merit.category_retired"
    audit_event_record(actor=actor, verb=verb, target=category, summary={"name": category.name})
    return category
