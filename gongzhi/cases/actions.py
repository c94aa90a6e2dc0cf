"""The case lifecycle: open → (moves declared by the case type) → closed → rated; reopen where declared.

Feature apps authorize first (each kind has its own who-may rules), then
call these. Every function here runs inside the caller's transaction, locks
the case row before it reads the state (so of two moves at once the second
sees the first's result), writes a timeline row, and records an audit event.
The author — and whoever else the caller names — hears of every move
through the notice inbox (and e-mail, per their preferences); the person
who made the move is not told what they just did.
"""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.pii import pii_find, pii_kinds, pii_kinds_label, pii_redact, pii_summary
from gongzhi.core.text import text_clean
from gongzhi.notices.actions import notice_send

from .models import Case, CaseAttachment, CaseEvent, CaseMessage, Escalation, EscalationTarget
from .workflow import CaseType, Limit, case_type_of


def _due(case: Case, limit: Limit | None) -> None:
    from gongzhi.workdays.selectors import due_for

    if limit is None:
        case.due_at, case.due_limit, case.due_basis, case.due_note = None, "", "", ""
        return
    _due_set(case, due_for(timezone.now(), limit.amount, limit.unit))


def _due_set(case: Case, due: Any) -> None:
    case.due_at, case.due_limit = due.at, due.limit_label[:20]
    case.due_basis, case.due_note = due.basis, due.basis_note[:100]


def _tell(
    case: Case,
    *,
    actor: User | None,
    recipients: Iterable,
    what: str,
    url: str,
    detail: str = "",
    without_detail: Iterable = (),
) -> None:
    """Tell each recipient once (never the actor, never an inactive account); those only in `without_detail`
    hear what happened without the detail (the move's note)."""
    told = set()
    recipients = [*recipients]
    bare = {user.pk for user in without_detail if user is not None} - {
        u.pk for u in recipients if u is not None
    }
    for user in [*recipients, *without_detail]:
        if (
            user is None
            or user.pk in told
            or (actor is not None and user.pk == actor.pk)
            or not user.is_active
        ):
            continue
        told.add(user.pk)
        notice_send(
            recipient=user,
            kind=f"case.{case.kind}",
            title=f"{case_type_of(case.kind).label}「{case.title}」{what}"[:120],
            body=f"{what}。{detail}" if detail and user.pk not in bare else what,
            url=url,
        )


@transaction.atomic
def case_open(*, case: Case, actor: User, note: str = "") -> Case:
    """Save a new case in its type's initial state, with its first timeline row.

    A form sent twice carries the same submission key: the second send
    answers with the case the first one made instead of making another.
    """
    case_type = case_type_of(case.kind)
    case.state = case_type.initial
    case.submitted_by = actor
    _due(case, case_type.limits.get(case.state))
    if case.submission_key:
        existing = Case.objects.filter(
            submitted_by=actor, kind=case.kind, submission_key=case.submission_key
        ).first()
        if existing is not None:
            raise AlreadySubmitted(existing)
    try:
        with transaction.atomic():
            case.save(force_insert=True)
    except IntegrityError:
        existing = Case.objects.filter(
            submitted_by=actor, kind=case.kind, submission_key=case.submission_key
        ).first()
        if existing is None:
            raise
        raise AlreadySubmitted(existing) from None
    CaseEvent.objects.create(case=case, actor=actor, verb="open", to_state=case.state, note=note[:500])
    audit_event_record(
        actor=actor,
        verb="case.opened",
        target=case,
        area=case.community,
        summary={"kind": case.kind, "state": case.state, "assisted": case.assisted, "privacy": case.privacy},
    )
    return case


class AlreadySubmitted(DomainError):
    """The same form was sent again; `case` is the one the first send made."""

    code = "already_submitted"

    def __init__(self, case: Case):
        super().__init__(_("该内容已提交，无需重复提交。"))
        self.case = case


def case_lock(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def case_move(
    *,
    case: Case,
    verb: str,
    actor: User | None,
    note: str = "",
    notify: Iterable = (),
    notify_without_note: Iterable = (),
    url: str = "",
    refused: str | None = None,
    limit: Limit | None = None,
    due: Any = None,
    **changes,
) -> Case:
    """Move `case` by `verb` if its type allows that from the current state.

    `changes` are further fields of the case written with the move (an
    assignee, a privacy tier). `refused` is the message when the move is not
    possible now (default: names the current state). `limit` replaces the
    type's time limit for the new state (a community's own claim period);
    `due` sets a due time the feature computed (an application's promised
    time, chained over steps in different units): anything with `at`,
    `limit_label`, `basis` and `basis_note`, as `workdays.selectors.due_for` returns.
    The author and `notify` are told, with the note; `notify_without_note` are told of the move but not its
    note (on a private case, someone who hears that it moved but no longer reads its content). Returns the moved case, read afresh
    under lock; the `case` passed in is left as it was.
    """
    locked = case_lock(case)
    case_type: CaseType = case_type_of(locked.kind)
    move = case_type.move(verb, locked.state)
    if move is None:
        raise Conflict(
            refused
            or _("当前状态为“%(state)s”，不能%(verb)s。")
            % {"state": case_type.state_label(locked.state), "verb": case_type.verb_label(verb)}
        )
    before = locked.state
    locked.state = move.target
    fields = ["state", "updated_at", "due_at", "due_limit", "due_basis", "due_note", "closed_at"]
    for name, value in changes.items():
        setattr(locked, name, value)
        fields.append(name)
    if due is not None:
        _due_set(locked, due)
    elif move.target != before or limit is not None:
        _due(locked, limit or case_type.limits.get(move.target))
    if move.target in case_type.closed:
        locked.closed_at = locked.closed_at or timezone.now()
    else:
        locked.closed_at = None
    locked.save(update_fields=sorted(set(fields)))
    CaseEvent.objects.create(
        case=locked, actor=actor, verb=verb, from_state=before, to_state=move.target, note=note[:500]
    )
    audit_event_record(
        actor=actor,
        verb="case.moved",
        target=locked,
        area=locked.community,
        summary={"kind": locked.kind, "move": verb, "from": before, "to": move.target},
    )
    what = _("%(verb)s，现为“%(state)s”") % {
        "verb": case_type.verb_label(verb),
        "state": case_type.state_label(move.target),
    }
    detail = _("说明：%(note)s") % {"note": note[:200]} if note else ""
    _tell(
        locked,
        actor=actor,
        recipients=[locked.author, *notify],
        what=what,
        url=url,
        detail=detail,
        without_detail=notify_without_note,
    )
    return locked


@transaction.atomic
def case_rate(
    *, case: Case, actor: User, rating: int, comment: str = "", notify: Iterable = (), url: str = ""
) -> Case:
    """The author's rating of a closed case, once. Returns the rated case, read afresh under lock."""
    locked = case_lock(case)
    case_type = case_type_of(locked.kind)
    if locked.state not in case_type.closed:
        raise Conflict(_("办结后才能评价。"))
    if locked.rating is not None:
        raise Conflict(_("已经评价过了。"))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError(_("评价请选择1到5星。"), field="rating")
    comment = text_clean(comment, label=_("评价意见"), field="comment", minimum=0, maximum=200)
    locked.rating, locked.rating_comment, locked.rated_at = rating, comment, timezone.now()
    locked.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    CaseEvent.objects.create(
        case=locked,
        actor=actor,
        verb="rate",
        from_state=locked.state,
        to_state=locked.state,
        note=f"{case_type.rating_label(rating)} {comment}".strip(),
    )
    audit_event_record(
        actor=actor, verb="case.rated", target=locked, area=locked.community, summary={"rating": rating}
    )
    _tell(
        locked,
        actor=actor,
        recipients=notify,
        what=(
            _("收到评价：%(rating)s") % {"rating": case_type.rating_labels[rating]}
            if rating in case_type.rating_labels
            else _("收到%(n)d星评价") % {"n": rating}
        ),
        url=url,
    )
    return locked


def _texts_of(case: Case, rows: Iterable[tuple]) -> list[tuple[Any, str]]:
    return [(case, "title"), (case, "body"), *rows]


def case_pii_findings(case: Case, rows: Iterable[tuple] = ()) -> dict[str, list]:
    """{"case.body": [Finding, …]} for every text of the case (and the feature's `rows`) with personal data."""
    found = {}
    for obj, field in _texts_of(case, rows):
        findings = pii_find(getattr(obj, field))
        if findings:
            found[f"{obj._meta.model_name}.{field}"] = findings
    return found


@transaction.atomic
def case_redact(*, case: Case, actor: User, rows: Iterable[tuple] = ()) -> tuple[Case, list[str]]:
    """Replace the personal data in the case's title and body (and `rows`: (feature row, field) pairs)
    with placeholders; the originals are kept in the audit trail, which is append-only and hash-chained.

    The caller has authorized the actor (staff over the case). Returns the case, read afresh, and the
    kinds redacted; the case and rows passed in are left as they were (the rows are re-read locked and
    written; the caller reads them again for their new text).
    """
    locked = case_lock(case)
    rows = [
        (locked if isinstance(obj, Case) else type(obj).objects.select_for_update().get(pk=obj.pk), field)
        for obj, field in rows
    ]
    originals, redacted, kinds = {}, {}, []
    for obj, field in _texts_of(locked, rows):
        value = getattr(obj, field)
        findings = pii_find(value)
        if not findings:
            continue
        key = f"{obj._meta.model_name}.{field}"
        max_length = obj._meta.get_field(field).max_length or len(value) * 2
        originals[key], redacted[key] = value, pii_redact(value, findings)[:max_length]
        kinds += [k for k in pii_kinds(findings) if k not in kinds]
        setattr(obj, field, redacted[key])
        obj.save(update_fields=[field, "updated_at"] if obj is locked else [field])
    if not originals:
        raise Conflict(_("没有找到需要隐去的个人信息。"), code="nothing_to_redact")
    CaseEvent.objects.create(
        case=locked,
        actor=actor,
        verb="redact",
        from_state=locked.state,
        to_state=locked.state,
        note=_("隐去了%(kinds)s") % {"kinds": pii_kinds_label(kinds)},
    )
    audit_event_record(
        actor=actor,
        verb="case.redacted",
        target=locked,
        area=locked.community,
        summary={"kinds": kinds, "original": originals, "redacted": redacted},
    )
    return locked, kinds


@transaction.atomic
def case_pii_release(*, case: Case, actor: User, reason: str, rows: Iterable[tuple] = ()) -> Case:
    """Staff publish personal numbers unredacted on purpose: the reason is required, shown and audited.

    Returns the case, read afresh under lock; `rows` (feature rows and fields) are only read."""
    reason = text_clean(reason, label=_("保留原文公开的理由"), field="pii_reason", minimum=4, maximum=200)
    locked = case_lock(case)
    found = case_pii_findings(locked, rows)
    if not found:
        raise Conflict(_("没有找到个人信息，无需保留原文。"), code="nothing_to_release")
    locked.pii_released = reason
    locked.save(update_fields=["pii_released", "updated_at"])
    findings = [f for fs in found.values() for f in fs]
    CaseEvent.objects.create(
        case=locked,
        actor=actor,
        verb="release_pii",
        from_state=locked.state,
        to_state=locked.state,
        note=_("保留%(kinds)s公开，理由：%(reason)s") % {"kinds": pii_summary(findings), "reason": reason},
    )
    audit_event_record(
        actor=actor,
        verb="case.pii_released",
        target=locked,
        area=locked.community,
        summary={"kinds": pii_kinds(findings), "fields": sorted(found), "reason": reason},
    )
    return locked


MESSAGE_MAX = 1000


@transaction.atomic
def case_message_post(
    *, case: Case, actor: User, body: str, recipients: Iterable, url: str = ""
) -> CaseMessage:
    """A message in the case's private thread; the caller has authorized the actor and names who hears of it.

    The notice says that there is a message and where, not what it says:
    notices also go out by e-mail, and a message may hold a phone number.
    """
    body = text_clean(body, label=_("留言"), field="body", minimum=1, maximum=MESSAGE_MAX)
    message = CaseMessage.objects.create(case=case, author=actor, body=body)
    audit_event_record(
        actor=actor,
        verb="case.message_posted",
        target=case,
        area=case.community,
        summary={"message": message.pk, "length": len(body)},
    )
    what = _("有新留言")
    _tell(
        case,
        actor=actor,
        recipients=recipients,
        what=what,
        url=url,
        detail=_("%(who)s 给您留言，请登录查看。") % {"who": actor.display_name or actor.username},
    )
    return message


def case_attach(*, case: Case, actor: User, photo, stage: str) -> CaseAttachment:
    return CaseAttachment.objects.create(case=case, photo=photo, stage=stage, added_by=actor)


def case_photo_attach(*, case: Case, actor: User, upload, stage: str) -> CaseAttachment | None:
    """Clean and store an uploaded photo (gongzhi.photos) and attach it; None when nothing was sent."""
    if upload is None:
        return None
    from gongzhi.photos.actions import photo_store

    return case_attach(case=case, actor=actor, photo=photo_store(actor=actor, upload=upload), stage=stage)


def case_row_lock(row):
    """Lock a feature row (a Wish, a SituationNote) and its case: the case first, as every move does."""
    case_lock(row.case)
    return type(row).objects.select_for_update().select_related("case").get(pk=row.pk)


# --- Escalation up the hierarchy (吹哨) ------------------------------------------------------
#
#   case_escalate ──▶ open ──every department replies──▶ answered ──case_escalation_close──▶ closed
#                       └──────────────────case_escalation_close──────────────────────────┘
#
# The village calls, the departments report in: one or more departments of the case's township are
# called with a reason and a due time in workdays; each replies once, on the case's timeline, and the
# reply goes back down to whoever raised it and to the case's handler. One escalation is open per case
# at a time; the case stays the community's, which closes the escalation when it has what it needs.

ESCALATION_REASON_MAX, ESCALATION_REPLY_MAX = 500, 500
ESCALATION_WORKDAYS_MAX = 20


def _department_staff(department_ids: Iterable[int]):
    return User.objects.filter(
        role_assignments__department_id__in=list(department_ids), is_active=True
    ).distinct()


@transaction.atomic
def case_escalate(
    *, case: Case, actor: User, departments: Iterable, reason: str, workdays: int, url: str = ""
) -> Escalation:
    """Call `departments` (of the case's township) about `case`, to reply within `workdays` workdays.

    The caller has authorized the actor (the feature decides who may 吹哨).
    The departments' staff are told; the author is not (the matter stays
    with the community, which answers them as before).
    """
    from gongzhi.areas.selectors import township_of
    from gongzhi.workdays.selectors import due_for

    reason = text_clean(reason, label=_("吹哨事由"), field="reason", minimum=4, maximum=ESCALATION_REASON_MAX)
    if not isinstance(workdays, int) or not 1 <= workdays <= ESCALATION_WORKDAYS_MAX:
        raise DomainError(
            _("答复时限请填1到%(n)d个工作日。") % {"n": ESCALATION_WORKDAYS_MAX}, field="workdays"
        )
    called = list({d.pk: d for d in departments}.values())
    if not called:
        raise DomainError(_("请至少选择一个部门。"), field="departments")
    locked = case_lock(case)
    township = township_of(locked.community)
    if any(d.township_id != getattr(township, "pk", None) or not d.is_active for d in called):
        raise DomainError(_("只能向本镇(街道)的部门吹哨。"), field="departments")
    if locked.state in case_type_of(locked.kind).closed:
        raise Conflict(_("已办结的事项不能再吹哨。"), code="case_closed")
    if Escalation.objects.filter(case=locked, closed_at=None).exists():
        raise Conflict(_("这件事已经吹哨，等部门答复后结束本次吹哨，才能再吹哨。"), code="escalation_open")
    due = due_for(timezone.now(), workdays, "workdays")
    escalation = Escalation.objects.create(
        case=locked,
        raised_by=actor,
        reason=reason,
        due_at=due.at,
        due_limit=due.limit_label[:20],
        due_basis=due.basis,
        due_note=due.basis_note[:100],
    )
    EscalationTarget.objects.bulk_create(
        [EscalationTarget(escalation=escalation, department=d) for d in called]
    )
    names = "、".join(d.name for d in called)
    CaseEvent.objects.create(
        case=locked,
        actor=actor,
        verb="escalate",
        from_state=locked.state,
        to_state=locked.state,
        note=_("向%(departments)s吹哨：%(reason)s") % {"departments": names, "reason": reason},
    )
    audit_event_record(
        actor=actor,
        verb="case.escalated",
        target=locked,
        area=locked.community,
        summary={
            "escalation": escalation.pk,
            "departments": names,
            "workdays": workdays,
            "due": due.at.isoformat(),
        },
    )
    what = _("吹哨，请在%(due)s前答复") % {"due": timezone.localtime(due.at).strftime("%Y-%m-%d %H:%M")}
    _tell(
        locked,
        actor=actor,
        recipients=_department_staff(d.pk for d in called),
        what=what,
        url=url,
        detail=_("%(community)s：%(reason)s") % {"community": locked.community.name, "reason": reason},
    )
    return escalation


@transaction.atomic
def case_escalation_reply(
    *, target: EscalationTarget, actor: User, reply: str, url: str = ""
) -> EscalationTarget:
    """A called department answers, once; the answer goes down to whoever raised the escalation and the handler."""
    authorize(actor, "cases.reply_escalation", target)
    reply = text_clean(reply, label=_("部门答复"), field="reply", minimum=2, maximum=ESCALATION_REPLY_MAX)
    case = case_lock(target.escalation.case)
    target = (
        EscalationTarget.objects.select_for_update()
        .select_related("escalation", "department")
        .get(pk=target.pk)
    )
    escalation = target.escalation
    if escalation.closed_at is not None:
        raise Conflict(_("本次吹哨已经结束，不能再答复。"), code="escalation_closed")
    if target.replied_at is not None:
        raise Conflict(_("本部门已经答复过了。"), code="already_replied")
    now = timezone.now()
    target.reply, target.replied_by, target.replied_at = reply, actor, now
    target.save(update_fields=["reply", "replied_by", "replied_at"])
    if not escalation.targets.filter(replied_at=None).exists():
        escalation.answered_at = now
        escalation.save(update_fields=["answered_at"])
    CaseEvent.objects.create(
        case=case,
        actor=actor,
        verb="escalation_reply",
        from_state=case.state,
        to_state=case.state,
        note=f"{target.department.name}：{reply}"[:500],
    )
    audit_event_record(
        actor=actor,
        verb="case.escalation_replied",
        target=case,
        area=case.community,
        summary={"escalation": escalation.pk, "department": target.department.name},
    )
    what = _("%(department)s已答复") % {"department": target.department.name}
    _tell(
        case,
        actor=actor,
        recipients=[escalation.raised_by, case.assignee],
        what=what,
        url=url,
        detail=reply[:200],
    )
    return target


@transaction.atomic
def case_escalation_close(
    *, escalation: Escalation, actor: User, note: str = "", url: str = ""
) -> Escalation:
    """The community ends the escalation (answered, or no longer needed); the matter is the community's again.

    The caller has authorized the actor (the feature's handlers). Departments
    that have not replied are told that no reply is needed any more.
    """
    note = text_clean(note, label=_("结束说明"), field="note", minimum=0, maximum=200)
    case = case_lock(escalation.case)
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    if escalation.closed_at is not None:
        raise Conflict(_("本次吹哨已经结束。"), code="escalation_closed")
    escalation.closed_at, escalation.closed_by, escalation.closing_note = timezone.now(), actor, note
    escalation.save(update_fields=["closed_at", "closed_by", "closing_note"])
    waiting = list(escalation.targets.filter(replied_at=None).values_list("department_id", flat=True))
    CaseEvent.objects.create(
        case=case, actor=actor, verb="escalation_close", from_state=case.state, to_state=case.state, note=note
    )
    audit_event_record(
        actor=actor,
        verb="case.escalation_closed",
        target=case,
        area=case.community,
        summary={"escalation": escalation.pk, "unanswered": len(waiting)},
    )
    if waiting:
        _tell(
            case,
            actor=actor,
            recipients=_department_staff(waiting),
            what=_("吹哨已结束，无需再答复"),
            url=url,
        )
    return escalation
