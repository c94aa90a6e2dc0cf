"""The life of a dispute in people's mediation 人民调解, on the case engine.

    received ─accept─▶ accepted ─assign─▶ mediating ─agree─▶ agreed ─scan, followup (stays)
       │ (chair)          │ (chair)         │ ▲  │ session, recuse, assign (stay)
    decline               │                 │ │  └─fail─▶ failed (referral: court, police, arbitration, centre)
       ▼                  │                 │ └──reopen── agreed (chair; a follow-up found it not kept)
    declined          withdraw (received, accepted, mediating) ─▶ withdrawn

A dispute comes in from a party (a resident for themself), a grid worker
(from their grids), the committee itself, the monthly screening (排查), or
a situation note or wish referred to mediation through the kernel hook
`gongzhi.core.referrals`. Each gets one case code (TJ + year + the case
number) from intake to close, on every paper and every notice.

The chair of the community's committee takes it (受理) or declines it, and
assigns mediators from the committee: a mediator the register shows to be a
party, in a party's household or sharing a party's phone is refused (回避,
人民调解法 第十五条 and 第二十三条: the parties may ask for a mediator to step
aside; here the register asks first). A mediator may recuse themself.
Mediators record sessions (who came, each party's position, what next) and
close the case: an agreement (人民调解协议书, printed as a PDF from the
recorded terms, signed on paper, the scan uploaded back), a failure with a
referral (the case code and the record's PDF go with it), or a withdrawal.
Where the parties want 司法确认 they are reminded before the thirty days run
out (民事诉讼法 第二百零五条; `confirmation_reminders_send`, a periodic job).
A follow-up visit (回访) is due after the agreement; a visit that finds the
agreement not kept lets the chair reopen the mediation.

Mediation is voluntary and free (人民调解法 第三、四条): there is no fee field,
and a party may withdraw at any time before the close.
"""

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.accounts.scopes import paths_for
from gongzhi.areas.models import Area
from gongzhi.audit.actions import audit_event_record
from gongzhi.bodies.models import Membership
from gongzhi.cases.actions import case_lock, case_move, case_open
from gongzhi.cases.models import Case, PrivacyTier
from gongzhi.core.authz import authorize, can
from gongzhi.core.crypto import blind_index, encrypt
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.masking import mask_phone
from gongzhi.core.pdfs import pdf_check
from gongzhi.core.text import text_clean
from gongzhi.core.validators import validate_id_number, validate_phone
from gongzhi.notices.actions import notice_send
from gongzhi.residents.actions import id_index_of
from gongzhi.residents.models import Resident

from . import documents, selectors
from .models import (
    Assignment,
    Category,
    Dispute,
    FollowUp,
    Party,
    PartySide,
    Position,
    ReferralTo,
    Screening,
    Session,
    Source,
    Training,
    VisitOutcome,
)
from .roles import GRID_REPORTERS, RESIDENT_APPLICANTS
from .workflow import CONFIRMATION_DAYS, DISPUTE, FOLLOWUP_DAYS

FACTS_MAX, TERMS_MAX, NOTE_MAX, POSITION_MAX = 2000, 3000, 500, 500
PARTIES_MAX = 10
FILE_DIR = "mediation"
SCAN_MAX = 20 * 1024 * 1024
PHONE_CONTEXT = "mediation.party_phone"
# The name situations and wishes refer to (gongzhi.core.referrals).
REFERRAL_TARGET = "mediation"


def dispute_url(dispute: Dispute) -> str:
    return reverse("mediation:detail", args=[dispute.pk])


@dataclass(frozen=True)
class PartyInput:
    """A party as typed: a resident found in the register by ID number (the name must match), or an
    outsider by name and phone. `resident` is set for a resident applying for themself."""

    side: str
    name: str = ""
    id_number: str = ""
    phone: str = ""
    resident: Resident | None = None


def _party_users(dispute: Dispute) -> list[User]:
    return [p.user for p in dispute.parties.select_related("user") if p.user is not None]


def _mediator_users(dispute: Dispute) -> list[User]:
    return [a.mediator for a in dispute.assignments.filter(ended_at=None).select_related("mediator")]


def _chairs(community: Area) -> list[User]:
    from gongzhi.bodies.models import Post

    return [user for seat, user in selectors.committee_mediators(community) if seat.post == Post.CHAIR]


def _everyone(dispute: Dispute) -> tuple[list[User], list[User]]:
    """Who hears of a move, and who hears of it without its note: the parties with accounts and the mediators
    on the case hear it all; the chair too, except on a family case once a mediator is on it, where the chair no
    longer reads the content (rules: mediation.view_facts) and so hears only that the case moved."""
    inside = [*_party_users(dispute), *_mediator_users(dispute)]
    chairs = _chairs(dispute.case.community)
    if dispute.family and selectors.has_mediators(dispute):
        return inside, chairs
    return [*inside, *chairs], []


def _locked(dispute: Dispute) -> Dispute:
    case_lock(dispute.case)
    return Dispute.objects.select_for_update().select_related("case", "case__community").get(pk=dispute.pk)


def _move(dispute: Dispute, *, verb: str, actor: User, note: str = "", **changes) -> Dispute:
    told, told_without_note = _everyone(dispute)
    dispute.case = case_move(
        case=dispute.case,
        verb=verb,
        actor=actor,
        note=note,
        notify=told,
        notify_without_note=told_without_note,
        url=dispute_url(dispute),
        **changes,
    )
    return dispute


def _audit(actor: User | None, verb: str, dispute: Dispute, **summary) -> None:
    # Never the facts, the terms, a position or a party's name: the case code and the shape of the change.
    audit_event_record(
        actor=actor,
        verb=verb,
        target=dispute,
        area=dispute.case.community,
        summary={"code": dispute.code, **summary},
    )


def _store(content: bytes) -> tuple[str, str]:
    from gongzhi.photos.actions import file_write_atomically

    relative = PurePosixPath(FILE_DIR, f"{uuid.uuid4()}.pdf")
    file_write_atomically(Path(settings.DATA_DIR) / relative, content)
    return str(relative), hashlib.sha256(content).hexdigest()


# --- Intake -------------------------------------------------------------------------------------------


def _party_row(dispute: Dispute, community: Area, given: PartyInput, index: int) -> Party:
    field = f"parties-{index}"
    if given.side not in PartySide.values:
        raise DomainError(_("请选择当事人身份（申请人或被申请人）。"), field=field)
    if given.resident is not None:
        resident = given.resident
        return Party(
            dispute=dispute, side=given.side, resident=resident, user=resident.user, name=resident.name
        )
    name = text_clean(given.name, label=_("当事人姓名"), field=field, minimum=2, maximum=50)
    if given.id_number:
        try:
            number = validate_id_number(given.id_number)
        except ValidationError as exc:
            raise DomainError(exc.messages[0], field=field) from None
        found = Resident.objects.filter(id_index=id_index_of(number), community=community).first()
        if found is None or found.name != name:
            raise DomainError(
                _(
                    "在%(community)s的居民登记中找不到“%(name)s”和这个身份证号；本村(社区)以外的当事人请填写手机号。"
                )
                % {"community": community.name, "name": name},
                field=field,
            )
        return Party(dispute=dispute, side=given.side, resident=found, user=found.user, name=found.name)
    try:
        phone = validate_phone(given.phone or "")
    except ValidationError as exc:
        raise DomainError(
            _("当事人%(name)s：请填写本村(社区)居民的身份证号，或外来人员的手机号。%(why)s")
            % {"name": name, "why": exc.messages[0]},
            field=field,
        ) from None
    return Party(
        dispute=dispute,
        side=given.side,
        name=name,
        phone_ciphertext=encrypt(phone, context=PHONE_CONTEXT),
        phone_index=blind_index(phone, context="phone"),
        phone_masked=mask_phone(phone),
    )


def _parties_save(
    dispute: Dispute, community: Area, given: list[PartyInput], *, start: int = 0
) -> list[Party]:
    rows = [_party_row(dispute, community, p, start + i) for i, p in enumerate(given)]
    known = set(dispute.parties.exclude(resident=None).values_list("resident_id", flat=True))
    for row in rows:
        if row.resident_id is not None:
            if row.resident_id in known:
                raise DomainError(_("%(name)s已经是本案的当事人。") % {"name": row.name}, field="parties")
            known.add(row.resident_id)
    Party.objects.bulk_create(rows)
    return rows


def _intake_source(actor: User, community: Area, source: str) -> str:
    """The source the actor may open a case under in `community`; NotPermitted (a clear message) outside it."""
    if source in (Source.SITUATION, Source.WISH):
        return source  # the referring feature checked its own handler (gongzhi.core.referrals)
    if selectors.is_mediator_of(actor, community):
        return source if source == Source.SCREENING else Source.COMMITTEE
    if source == Source.SCREENING:
        raise NotPermitted(_("只有本村(社区)人民调解委员会的调解员可以登记排查发现的纠纷。"))
    grid_paths = paths_for(actor, GRID_REPORTERS)
    if grid_paths and any(p.startswith(community.path) for p in grid_paths):
        return Source.GRID
    if paths_for(actor, RESIDENT_APPLICANTS):
        own = Resident.objects.filter(user=actor).only("community_id").first()
        if own is not None and own.community_id == community.pk:
            return Source.PARTY
    raise NotPermitted(
        _("您不能为%(community)s登记纠纷：请向本村(社区)人民调解委员会或网格员反映。")
        % {"community": community.name}
    )


@transaction.atomic
def dispute_intake(
    *,
    actor: User,
    community: Area | None,
    category: str,
    facts: str,
    parties: list[PartyInput],
    source: str = "",
    source_ref: int | None = None,
    submission_key: str = "",
    check_permission: bool = True,
) -> Dispute:
    """Open a dispute. A resident applies for themself (they are the first applicant; `community` is their
    own); a grid worker from a community of their grids; a mediator for their committee's community.

    `check_permission` is False only for a referral through gongzhi.core.referrals, whose feature
    authorized its own handler. Each dispute gets its case code at once.
    """
    if check_permission:
        authorize(actor, "mediation.intake")
    own = Resident.objects.filter(user=actor).select_related("community").first()
    if community is None:
        if own is None:
            raise DomainError(_("您的账号没有关联居民登记，请到村(社区)人民调解委员会当面申请。"))
        community = own.community
    source = _intake_source(actor, community, source or "")
    if category not in Category.values:
        raise DomainError(_("请选择纠纷类别。"), field="category")
    facts = text_clean(facts, label=_("纠纷事实"), field="facts", minimum=5, maximum=FACTS_MAX)
    if source == Source.PARTY:
        parties = [PartyInput(side=PartySide.APPLICANT, resident=own), *parties]
    parties = [p for p in parties if p.resident is not None or (p.name or "").strip()]
    if not parties and source not in (Source.SITUATION, Source.WISH):
        raise DomainError(_("请至少填写一位当事人。"), field="parties")
    if len(parties) > PARTIES_MAX:
        raise DomainError(_("当事人不能超过%(n)d人。") % {"n": PARTIES_MAX}, field="parties")
    if source == Source.SCREENING:
        if source_ref is None:
            raise DomainError(_("找不到这次排查记录。"), field="screening")
        screening = Screening.objects.select_for_update().filter(pk=source_ref, community=community).first()
        if screening is None:
            raise DomainError(_("找不到这次排查记录。"), field="screening")
        if screening.none_found:
            raise Conflict(
                _("这次排查记录为“未发现矛盾纠纷”，不能再登记发现的纠纷。"), code="screening_none_found"
            )
    applicant = next((p.resident for p in parties if p.resident is not None), None)
    case = Case(
        kind=DISPUTE.kind,
        title=_("人民调解"),
        body="",
        author=actor if source == Source.PARTY else None,
        resident=applicant if source == Source.PARTY else None,
        community=community,
        area_path=community.path,
        privacy=PrivacyTier.STAFF_ONLY,
        sensitive=category == Category.FAMILY,
        submission_key=(submission_key or "")[:64],
    )
    case_open(case=case, actor=actor)
    code = f"TJ{timezone.localdate().year}{case.pk:06d}"
    Case.objects.filter(pk=case.pk).update(title=code)
    case.title = code
    dispute = Dispute.objects.create(
        case=case, code=code, category=category, source=source, source_ref=source_ref, facts=facts
    )
    _parties_save(dispute, community, parties)
    _audit(actor, "mediation.received", dispute, source=source, parties=len(parties))
    url = dispute_url(dispute)
    for chair in _chairs(community):
        if chair.pk != actor.pk:
            notice_send(
                recipient=chair,
                kind="mediation",
                title=_("新的纠纷待受理：%(code)s") % {"code": code},
                body=_("%(community)s人民调解委员会收到一件纠纷，请受理或说明不予受理的理由。")
                % {"community": community.name},
                url=url,
            )
    if source in (Source.GRID, Source.SITUATION, Source.WISH):
        # The one who brought it in hears its code; they do not read the case (rules.py).
        notice_send(
            recipient=actor,
            kind="mediation",
            title=_("已转人民调解委员会：%(code)s") % {"code": code},
            body=_("纠纷已登记，案件编号 %(code)s。调解不公开，后续由调委会与当事人联系。") % {"code": code},
        )
    return dispute


@transaction.atomic
def party_add(*, actor: User, dispute: Dispute, party: PartyInput) -> Party:
    """The chair or a mediator on the case adds a party (a referred note names only who raised it)."""
    if not (can(actor, "mediation.chair", dispute) or can(actor, "mediation.mediate", dispute)):
        raise NotPermitted()
    dispute = _locked(dispute)
    if dispute.case.state not in ("received", "accepted", "mediating"):
        raise Conflict(_("案件已结案，不能再添加当事人。"), code="closed")
    if dispute.parties.count() >= PARTIES_MAX:
        raise DomainError(_("当事人不能超过%(n)d人。") % {"n": PARTIES_MAX}, field="parties")
    row = _parties_save(dispute, dispute.case.community, [party], start=0)[0]
    for assignment in dispute.assignments.filter(ended_at=None).select_related("mediator"):
        why = selectors.relation_to_parties(assignment.mediator, dispute)
        if why:
            raise DomainError(
                why + _("请先由该调解员回避，再添加这位当事人。"), field="parties-0", code="mediator_related"
            )
    _audit(actor, "mediation.party_added", dispute, side=row.side, register=row.resident_id is not None)
    return row


# --- The chair: take, decline, assign -------------------------------------------------------------


@transaction.atomic
def dispute_accept(*, actor: User, dispute: Dispute, note: str = "") -> Dispute:
    authorize(actor, "mediation.chair", dispute)
    note = text_clean(note, label=_("受理说明"), field="note", minimum=0, maximum=NOTE_MAX)
    dispute = _locked(dispute)
    dispute = _move(dispute, verb="accept", actor=actor, note=note)
    dispute.taken_by, dispute.taken_at = actor, timezone.now()
    dispute.save(update_fields=["taken_by", "taken_at"])
    _audit(actor, "mediation.accepted", dispute)
    return dispute


@transaction.atomic
def dispute_decline(*, actor: User, dispute: Dispute, reason: str) -> Dispute:
    """不予受理 with the reason (e.g. already before a court, 人民调解法 第十八条), told to the parties."""
    authorize(actor, "mediation.chair", dispute)
    reason = text_clean(reason, label=_("不予受理的理由"), field="reason", minimum=4, maximum=NOTE_MAX)
    dispute = _locked(dispute)
    dispute = _move(dispute, verb="decline", actor=actor, note=reason)
    dispute.outcome, dispute.outcome_note, dispute.closed_by = "declined", reason, actor
    dispute.save(update_fields=["outcome", "outcome_note", "closed_by"])
    _audit(actor, "mediation.declined", dispute)
    return dispute


@transaction.atomic
def dispute_assign(*, actor: User, dispute: Dispute, mediator_id: int | None) -> Assignment:
    """The chair assigns a mediator of the committee; one the register shows related to a party is refused."""
    authorize(actor, "mediation.chair", dispute)
    dispute = _locked(dispute)
    if dispute.case.state not in ("accepted", "mediating"):
        raise Conflict(
            _("当前状态为“%(state)s”，不能指派调解员。") % {"state": DISPUTE.state_label(dispute.case.state)},
            code="state",
        )
    mediator = next(
        (
            user
            for _seat, user in selectors.committee_mediators(dispute.case.community)
            if user.pk == mediator_id
        ),
        None,
    )
    if mediator is None:
        raise DomainError(_("请选择本村(社区)人民调解委员会的调解员。"), field="mediator")
    if Assignment.objects.filter(dispute=dispute, mediator=mediator, ended_at=None).exists():
        raise Conflict(_("%(name)s已经是本案的调解员。") % {"name": mediator.label}, code="already_assigned")
    why = selectors.relation_to_parties(mediator, dispute)
    if why:
        raise DomainError(why + _("请另选调解员。"), field="mediator", code="mediator_related")
    assignment = Assignment.objects.create(dispute=dispute, mediator=mediator, assigned_by=actor)
    dispute = _move(dispute, verb="assign", actor=actor, note=mediator.label)
    _audit(actor, "mediation.assigned", dispute, mediator=mediator.pk)
    return assignment


@transaction.atomic
def dispute_recuse(*, actor: User, dispute: Dispute, reason: str) -> Dispute:
    """A mediator steps aside (回避); the chair is told and assigns another."""
    authorize(actor, "mediation.mediate", dispute)
    reason = text_clean(reason, label=_("回避原因"), field="reason", minimum=2, maximum=200)
    dispute = _locked(dispute)
    assignment = (
        Assignment.objects.select_for_update().filter(dispute=dispute, mediator=actor, ended_at=None).first()
    )
    if assignment is None:
        raise Conflict(_("您已不是本案的调解员。"), code="not_assigned")
    dispute = _move(dispute, verb="recuse", actor=actor)
    assignment.ended_at, assignment.end_reason = timezone.now(), reason
    assignment.save(update_fields=["ended_at", "end_reason"])
    _audit(actor, "mediation.recused", dispute)
    return dispute


# --- Mediating --------------------------------------------------------------------------------------


def _day(value, *, label: str, field: str, not_after_today: bool = True) -> dt.date:
    if not isinstance(value, dt.date):
        raise DomainError(_("请填写%(label)s。") % {"label": label}, field=field)
    if not_after_today and value > timezone.localdate():
        raise DomainError(_("%(label)s不能晚于今天。") % {"label": label}, field=field)
    return value


@transaction.atomic
def session_record(
    *,
    actor: User,
    dispute: Dispute,
    held_on: dt.date,
    place: str,
    attendees: str,
    positions: dict[int, str],
    next_steps: str = "",
) -> Session:
    """An assigned mediator records a session: each party's position (by party id), what was agreed next."""
    authorize(actor, "mediation.mediate", dispute)
    held_on = _day(held_on, label=_("调解日期"), field="held_on")
    place = text_clean(place, label=_("地点"), field="place", minimum=2, maximum=100)
    attendees = text_clean(attendees, label=_("参加人员"), field="attendees", minimum=2, maximum=300)
    next_steps = text_clean(next_steps, label=_("下一步"), field="next_steps", minimum=0, maximum=NOTE_MAX)
    dispute = _locked(dispute)
    party_ids = set(dispute.parties.values_list("pk", flat=True))
    cleaned = {}
    for party_id, text in positions.items():
        if party_id not in party_ids:
            raise DomainError(_("当事人不属于本案。"), field="positions")
        text = text_clean(
            text, label=_("当事人意见"), field=f"position-{party_id}", minimum=0, maximum=POSITION_MAX
        )
        if text:
            cleaned[party_id] = text
    if not cleaned:
        raise DomainError(_("请至少记录一方当事人的意见。"), field="positions")
    if held_on < timezone.localtime(dispute.case.created_at).date():
        raise DomainError(_("调解日期不能早于纠纷登记日期。"), field="held_on")
    dispute = _move(
        dispute, verb="session", actor=actor, note=_("%(day)s 调解") % {"day": held_on.isoformat()}
    )
    session = Session.objects.create(
        dispute=dispute,
        held_on=held_on,
        place=place,
        attendees=attendees,
        next_steps=next_steps,
        recorded_by=actor,
    )
    Position.objects.bulk_create([Position(session=session, party_id=k, text=v) for k, v in cleaned.items()])
    _audit(actor, "mediation.session_recorded", dispute, session=session.pk, positions=len(cleaned))
    return session


def _paper_context(dispute: Dispute) -> dict:
    from gongzhi.bodies.models import Body, BodyKind

    committee = Body.objects.filter(area=dispute.case.community, kind=BodyKind.MEDIATION).first()
    parties = selectors.parties_of(dispute)
    for party in parties:
        party.masked_id = party.resident.masked_id if party.resident is not None else ""  # type: ignore[attr-defined]
    names = []
    for assignment in selectors.assignments_of(dispute):
        own = Resident.objects.filter(user=assignment.mediator).only("name").first()
        names.append(own.name if own is not None else assignment.mediator.label)
    return {
        "dispute": dispute,
        "parties": parties,
        "mediators": names,
        "committee_name": committee.name if committee else _("人民调解委员会"),
        "sessions": selectors.sessions_of(dispute),
        "printed_at": timezone.localtime(),
    }


@transaction.atomic
def dispute_agree(
    *,
    actor: User,
    dispute: Dispute,
    terms: str,
    performance: str = "",
    effective_on: dt.date | None = None,
    confirmation_wanted: bool = False,
) -> Dispute:
    """Close with an agreement: the 人民调解协议书 is printed from the recorded terms (to be signed on paper);
    a follow-up visit falls due; where the parties want 司法确认, the thirty days run from `effective_on`."""
    authorize(actor, "mediation.mediate", dispute)
    terms = text_clean(terms, label=_("协议内容"), field="terms", minimum=10, maximum=TERMS_MAX)
    performance = text_clean(
        performance, label=_("履行方式和期限"), field="performance", minimum=0, maximum=300
    )
    effective_on = _day(effective_on or timezone.localdate(), label=_("协议生效日期"), field="effective_on")
    dispute = _locked(dispute)
    sides = set(dispute.parties.values_list("side", flat=True))
    if dispute.case.state == "mediating" and sides != {PartySide.APPLICANT, PartySide.RESPONDENT}:
        raise DomainError(_("调解协议须有申请人和被申请人双方，请先补充当事人。"), field="terms")
    if dispute.case.state == "mediating" and not dispute.sessions.exists():
        raise DomainError(_("请先记录至少一次调解，再填写协议。"), field="terms")
    dispute = _move(dispute, verb="agree", actor=actor)
    dispute.outcome, dispute.closed_by = "agreement", actor
    dispute.terms, dispute.performance, dispute.effective_on = terms, performance, effective_on
    dispute.confirmation_wanted = bool(confirmation_wanted)
    dispute.confirmation_due = (
        effective_on + dt.timedelta(days=CONFIRMATION_DAYS) if confirmation_wanted else None
    )
    dispute.agreement_path, dispute.agreement_sha256 = _store(
        documents.agreement_pdf(_paper_context(dispute))
    )
    dispute.save(
        update_fields=[
            "outcome", "closed_by", "terms", "performance", "effective_on", "confirmation_wanted",
            "confirmation_due", "agreement_path", "agreement_sha256",
        ]
    )  # fmt: skip
    FollowUp.objects.create(dispute=dispute, due_on=effective_on + dt.timedelta(days=FOLLOWUP_DAYS))
    _audit(
        actor,
        "mediation.agreed",
        dispute,
        confirmation=dispute.confirmation_wanted,
        sha256=dispute.agreement_sha256,
    )
    return dispute


def agreement_scan_check(upload) -> bytes:
    """The signed agreement, scanned: a PDF that passes the kernel's check (decision 0036), or a clear refusal."""
    if upload is None:
        raise DomainError(_("请选择扫描后的协议书（PDF 文件）。"), field="scan")
    if upload.size > SCAN_MAX:
        raise DomainError(_("文件不能超过 20 MB。"), field="scan")
    raw = upload.read()
    if raw[:5] != b"%PDF-":
        raise DomainError(_("请上传 PDF 格式的扫描件（可用手机扫描或“打印为PDF”）。"), field="scan")
    return pdf_check(
        raw, name=getattr(upload, "name", "") or _("协议书扫描件"), max_bytes=SCAN_MAX, field="scan"
    )


@transaction.atomic
def agreement_scan_upload(*, actor: User, dispute: Dispute, upload) -> Dispute:
    """The signed and sealed agreement, scanned back (a later upload replaces it; the timeline keeps each)."""
    authorize(actor, "mediation.mediate", dispute)
    content = agreement_scan_check(upload)
    dispute = _locked(dispute)
    if dispute.case.state != "agreed":
        raise Conflict(_("达成调解协议后才能上传签字的协议书。"), code="no_agreement")
    dispute = _move(dispute, verb="scan", actor=actor)
    dispute.scan_path, dispute.scan_sha256 = _store(content)
    dispute.scan_uploaded_by, dispute.scan_uploaded_at = actor, timezone.now()
    dispute.save(update_fields=["scan_path", "scan_sha256", "scan_uploaded_by", "scan_uploaded_at"])
    _audit(actor, "mediation.scan_uploaded", dispute, sha256=dispute.scan_sha256)
    return dispute


@transaction.atomic
def dispute_fail(*, actor: User, dispute: Dispute, referral_to: str, reason: str) -> Dispute:
    """调解不成: the parties are guided to a court, the police, arbitration or a dispute centre (人民调解法
    第二十六条); the record's PDF goes with the case code."""
    authorize(actor, "mediation.mediate", dispute)
    if referral_to not in ReferralTo.values:
        raise DomainError(_("请选择引导当事人前往的机关。"), field="referral_to")
    reason = text_clean(reason, label=_("调解不成的原因"), field="reason", minimum=4, maximum=NOTE_MAX)
    dispute = _locked(dispute)
    dispute = _move(dispute, verb="fail", actor=actor, note=str(ReferralTo(referral_to).label))
    dispute.outcome, dispute.outcome_note, dispute.referral_to, dispute.closed_by = (
        "failed",
        reason,
        referral_to,
        actor,
    )
    dispute.referral_path, dispute.referral_sha256 = _store(documents.referral_pdf(_paper_context(dispute)))
    dispute.save(
        update_fields=[
            "outcome",
            "outcome_note",
            "referral_to",
            "closed_by",
            "referral_path",
            "referral_sha256",
        ]
    )
    _audit(actor, "mediation.failed", dispute, referral_to=referral_to, sha256=dispute.referral_sha256)
    return dispute


@transaction.atomic
def dispute_withdraw(*, actor: User, dispute: Dispute, reason: str = "") -> Dispute:
    """A party withdraws (mediation is voluntary); a mediator or the chair records a party's withdrawal."""
    authorize(actor, "mediation.withdraw", dispute)
    reason = text_clean(reason, label=_("撤回原因"), field="reason", minimum=0, maximum=NOTE_MAX)
    dispute = _locked(dispute)
    dispute = _move(dispute, verb="withdraw", actor=actor, note=reason)
    dispute.outcome, dispute.outcome_note, dispute.closed_by = "withdrawn", reason, actor
    dispute.save(update_fields=["outcome", "outcome_note", "closed_by"])
    _audit(actor, "mediation.withdrawn", dispute)
    return dispute


@transaction.atomic
def followup_record(
    *, actor: User, dispute: Dispute, visited_on: dt.date | None, outcome: str, note: str = ""
) -> FollowUp:
    """回访: only after an agreement; kept or not kept (then the chair may reopen the mediation)."""
    authorize(actor, "mediation.follow_up", dispute)
    if outcome not in VisitOutcome.values:
        raise DomainError(_("请选择回访结果。"), field="outcome")
    visited_on = _day(visited_on, label=_("回访日期"), field="visited_on")
    note = text_clean(note, label=_("回访情况"), field="note", minimum=2, maximum=NOTE_MAX)
    dispute = _locked(dispute)
    if dispute.case.state != "agreed":
        raise Conflict(_("达成调解协议后才能回访。"), code="no_agreement")
    if dispute.effective_on and visited_on < dispute.effective_on:
        raise DomainError(_("回访日期不能早于协议生效日期。"), field="visited_on")
    dispute = _move(dispute, verb="followup", actor=actor, note=str(VisitOutcome(outcome).label))
    visit = (
        FollowUp.objects.select_for_update()
        .filter(dispute=dispute, visited_on=None)
        .order_by("due_on")
        .first()
    )
    if visit is None:
        visit = FollowUp(dispute=dispute, due_on=visited_on)
    visit.visited_on, visit.outcome, visit.note, visit.visited_by = visited_on, outcome, note, actor
    visit.save()
    _audit(actor, "mediation.followed_up", dispute, outcome=outcome)
    return visit


@transaction.atomic
def dispute_reopen(*, actor: User, dispute: Dispute, reason: str) -> Dispute:
    """The chair reopens an agreement a follow-up visit found not kept; mediation starts again."""
    authorize(actor, "mediation.chair", dispute)
    reason = text_clean(reason, label=_("重新调解的理由"), field="reason", minimum=4, maximum=NOTE_MAX)
    dispute = _locked(dispute)
    if dispute.case.state == "agreed" and not selectors.last_visit_not_kept(dispute):
        raise Conflict(_("只有回访发现协议未履行时，才能重新调解。"), code="agreement_kept")
    dispute = _move(dispute, verb="reopen", actor=actor, note=reason)
    dispute.outcome = ""
    dispute.save(update_fields=["outcome"])
    _audit(actor, "mediation.reopened", dispute)
    return dispute


# --- The committee: training, the monthly screening -------------------------------------------------


def _hours(value) -> Decimal:
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise DomainError(_("学时请填写数字，如 2 或 1.5。"), field="hours") from None
    if not hours.is_finite() or not Decimal("0") < hours <= Decimal("80"):
        raise DomainError(_("学时应在0.5到80之间。"), field="hours")
    return hours


@transaction.atomic
def training_record(
    *, actor: User, membership: Membership, held_on: dt.date, course: str, hours, given_by: str
) -> Training:
    """The chair records a member's training (date, course, hours, by whom)."""
    if not selectors.is_chair_of(actor, membership.body.area):
        raise NotPermitted()
    held_on = _day(held_on, label=_("培训日期"), field="held_on")
    course = text_clean(course, label=_("培训内容"), field="course", minimum=2, maximum=100)
    given_by = text_clean(given_by, label=_("培训单位"), field="given_by", minimum=2, maximum=60)
    training = Training.objects.create(
        membership=membership,
        held_on=held_on,
        course=course,
        hours=_hours(hours),
        given_by=given_by,
        recorded_by=actor,
    )
    audit_event_record(
        actor=actor,
        verb="mediation.training_recorded",
        target=membership,
        area=membership.body.area,
        summary={"course": course, "hours": str(training.hours), "held_on": held_on.isoformat()},
    )
    return training


@transaction.atomic
def screening_record(
    *, actor: User, community: Area, month: dt.date, none_found: bool, note: str = ""
) -> Screening:
    """The committee's monthly 矛盾纠纷排查 of its community, once a month; what it finds is registered as
    disputes from the screening (dispute_intake with source "screening"), or it is noted as none found."""
    authorize(actor, "mediation.screen", community)
    if not isinstance(month, dt.date):
        raise DomainError(_("请选择排查月份。"), field="month")
    month = month.replace(day=1)
    if month > timezone.localdate():
        raise DomainError(_("不能登记未来月份的排查。"), field="month")
    note = text_clean(note, label=_("排查说明"), field="note", minimum=0, maximum=300)
    if Screening.objects.filter(community=community, month=month).exists():
        raise Conflict(_("%(month)s的排查已经登记。") % {"month": f"{month:%Y-%m}"}, code="screening_exists")
    screening = Screening.objects.create(
        community=community,
        area_path=community.path,
        month=month,
        none_found=bool(none_found),
        note=note,
        recorded_by=actor,
    )
    audit_event_record(
        actor=actor,
        verb="mediation.screened",
        target=screening,
        area=community,
        summary={"month": f"{month:%Y-%m}", "none_found": screening.none_found},
    )
    return screening


# --- Reminders (a periodic job) ------------------------------------------------------------------------


def confirmation_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind the parties and mediators of each agreement whose parties want 司法确认, once, when at most
    CONFIRMATION_REMIND_DAYS_LEFT days remain of the thirty. Idempotent: the reminded time is stored."""
    today = today or timezone.localdate()
    sent = 0
    for found in selectors.confirmations_due(today=today):
        with transaction.atomic():
            dispute = _locked(found)
            due = dispute.confirmation_due
            if dispute.confirmation_reminded_at is not None or dispute.case.state != "agreed" or due is None:
                continue
            for user in {u.pk: u for u in [*_party_users(dispute), *_mediator_users(dispute)]}.values():
                if not user.is_active:
                    continue
                notice_send(
                    recipient=user,
                    kind="mediation",
                    title=_("请在%(due)s前申请司法确认：%(code)s")
                    % {"due": due.isoformat(), "code": dispute.code},
                    body=_(
                        "调解协议自生效之日起三十日内，双方当事人可以共同向人民法院申请司法确认（民事诉讼法第二百零五条）。"
                    ),
                    url=dispute_url(dispute),
                )
            dispute.confirmation_reminded_at = timezone.now()
            dispute.save(update_fields=["confirmation_reminded_at"])
            _audit(None, "mediation.confirmation_reminded", dispute, due=due.isoformat())
            sent += 1
    return sent


# --- Files -----------------------------------------------------------------------------------------------


FILE_KINDS = {"agreement": "agreement_path", "scan": "scan_path", "referral": "referral_path"}


def dispute_file_read(*, actor: User, dispute: Dispute, kind: str) -> bytes:
    """The agreement PDF, the signed scan or the referral record, for who reads the case's substance; audited."""
    authorize(actor, "mediation.files", dispute)
    relative = getattr(dispute, FILE_KINDS.get(kind, ""), "") if kind in FILE_KINDS else ""
    if not relative:
        from gongzhi.core.errors import NotFound

        raise NotFound()
    content = (Path(settings.DATA_DIR) / relative).read_bytes()
    with transaction.atomic():
        _audit(actor, "mediation.file_read", dispute, file=kind)
    return content


# --- The referral hook (gongzhi.core.referrals) -------------------------------------------------------


def referral_receive(
    *, actor: User, community: Area, source: str, source_ref: int, facts: str, resident
) -> str:
    """A situation note or a wish referred to mediation by its handler: a dispute of the note's community,
    with its author (if on the register) as the applicant; the chair adds the other parties. Returns the code."""
    if source not in (Source.SITUATION, Source.WISH):
        raise DomainError(_("无法转入人民调解。"))
    facts = (facts or "").strip()
    if len(facts) < 5:
        facts = f"{facts}（{_('转来时未写明详情')}）"
    parties = [PartyInput(side=PartySide.APPLICANT, resident=resident)] if resident is not None else []
    dispute = dispute_intake(
        actor=actor,
        community=community,
        category=Category.OTHER,
        facts=facts[:FACTS_MAX],
        parties=parties,
        source=source,
        source_ref=source_ref,
        check_permission=False,
    )
    return dispute.code
