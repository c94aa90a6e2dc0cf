"""The front desk 前台受理: accept (with a receipt), accept on a promise (容缺受理), refuse (不予受理),
one notice of everything to supply (一次性告知), forward to the township window, and the applicant's side:
supply what the notice asks, bring a promised material, withdraw.

Every move here is one of the application case type's (workflow.py), made only when it is in
`case_moves_for(application, actor)` — routing, permission and the matter's mode answer there — after
locking the case and the application, through `case_move` (which notifies the applicant).

最多跑一次 (visits): `Application.visits` counts the applicant's visits to a window. Applying online or
through a 代办员 counts none; applying at the window in person counts one (actions.applying); each
front-desk step the clerk records with "申请人本人到窗口" (accept, notify, supply at the window) counts
one more. An application handled with visits ≤ 1 is a one-visit application.
"""

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.actions import case_move, case_row_lock
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import Conflict, DomainError, NotFound
from gongzhi.core.text import text_clean

from ..limits import Step, promised_due
from ..models import (
    Application,
    ApplicationMaterial,
    MaterialSource,
    MaterialState,
    ReceiptCounter,
    SupplyNotice,
    SupplyNoticeItem,
)
from ..workflow import APPLICATION
from .applying import application_url, files_attach, promise_date_check, uploads_check
from .guard import application_locked_for

ACCEPT_VERBS = ("accept", "accept_village", "accept_window")
SUPPLY_VERBS = ("supply", "supply_window")
REASON_MAX, ITEM_NOTE_MAX = 500, 200
PROBLEMS = ("missing", "faulty")


def _locked(actor: User, application: Application, verbs: Iterable[str]) -> tuple[Application, str]:
    """Lock the application and find which of `verbs` the actor may make on it now (guard.py)."""
    verbs = tuple(verbs)
    kind = "applicant" if set(verbs) & {*SUPPLY_VERBS, "withdraw"} else "desk"
    return application_locked_for(actor=actor, application=application, verbs=verbs, kind=kind)


def _lines(application: Application) -> dict[int, ApplicationMaterial]:
    return {
        line.pk: line
        for line in application.materials.select_related("material").order_by("material__order", "id")
    }


def _names(lines: Iterable[ApplicationMaterial]) -> str:
    return "、".join(line.material.name for line in lines)


# --- Receipt numbers ------------------------------------------------------------------------


def receipt_number_next(township, *, day: dt.date | None = None) -> str:
    """The next 受理编号 of `township` today: township code (its first 9 digits), date, sequence —
    "511423101-20261206-0007". The day's counter row is locked, so numbers given at once never repeat."""
    day = day or timezone.localdate()
    try:
        with transaction.atomic():
            ReceiptCounter.objects.get_or_create(township=township, day=day)
    except IntegrityError:
        pass  # made at the same moment by another acceptance: it exists now
    counter = ReceiptCounter.objects.select_for_update().get(township=township, day=day)
    prefix = (township.code or "")[:9] or f"T{township.pk}"
    sequence = counter.last
    while True:  # past a number given outside the counter (an import, a restored backup)
        sequence += 1
        number = f"{prefix}-{day:%Y%m%d}-{sequence:04d}"
        if not Application.objects.filter(number=number).exists():
            break
    ReceiptCounter.objects.filter(pk=counter.pk).update(last=sequence)
    return number


# --- Acceptance -----------------------------------------------------------------------------


@transaction.atomic
def application_accept(
    *,
    actor: User,
    application: Application,
    checked: Iterable[int] = (),
    promises: Mapping[int, dt.date | None] = {},
    came: bool = False,
    note: str = "",
) -> Application:
    """受理: every required material checked (or from the register); an optional one may be promised for a
    date (容缺受理). Gives the receipt number and the due date, the matter's promised limit from now."""
    application, verb = _locked(actor, application, ACCEPT_VERBS)
    note = text_clean(note, label=_("受理意见"), field="note", minimum=0, maximum=REASON_MAX)
    lines = _lines(application)
    checked, promises = set(checked), dict(promises)
    stray = (checked | set(promises)) - set(lines)
    if stray:
        raise DomainError(_("材料清单里没有这一项。"), field="lines")
    missing: list[ApplicationMaterial] = []
    states: dict[int, tuple[str, dt.date | None]] = {}
    for line in lines.values():
        if line.state == MaterialState.FROM_REGISTER:
            continue
        if line.pk in checked:
            states[line.pk] = (MaterialState.CHECKED, None)
        elif line.pk in promises:
            if line.material.required:
                raise DomainError(
                    _("「%(name)s」是必要材料，不能容缺受理。") % {"name": line.material.name}, field="lines"
                )
            states[line.pk] = (
                MaterialState.PROMISED,
                promise_date_check(promises[line.pk], name=line.material.name),
            )
        elif line.material.required:
            missing.append(line)
    if missing:
        raise DomainError(
            _("缺少必要材料：%(names)s。请一次性告知申请人补正，或不予受理。") % {"names": _names(missing)},
            field="lines",
            code="missing_required",
        )
    now = timezone.now()
    for pk, (state, promised_by) in states.items():
        ApplicationMaterial.objects.filter(pk=pk).update(state=state, promised_by=promised_by, note="")
    number = application.number or receipt_number_next(application.matter.township)
    steps = [Step(s.name, s.amount, s.unit) for s in application.matter.steps.all()]
    due = promised_due(now, steps)
    promised = [lines[pk] for pk, (state, _d) in states.items() if state == MaterialState.PROMISED]
    text = _("受理编号 %(number)s") % {"number": number}
    if promised:
        text += _("；容缺受理，待补：%(names)s") % {"names": _names(promised)}
    if note:
        text += f"；{note}"
    Application.objects.filter(pk=application.pk).update(
        number=number, accepted_at=now, accepted_by=actor, visits=F("visits") + (1 if came else 0),
        promised_due_at=due.at if due else None,
    )  # fmt: skip
    case_move(
        case=application.case, verb=verb, actor=actor, note=text, url=application_url(application), due=due
    )
    audit_event_record(
        actor=actor, verb="hall.accepted", target=application, area=application.case.community,
        summary={"number": number, "move": verb, "promised": [line.material.name for line in promised],
                 "due": due.at.isoformat() if due else None, "came": came},
    )  # fmt: skip
    return Application.objects.select_related("case", "matter").get(pk=application.pk)


@transaction.atomic
def application_forward(*, actor: User, application: Application, note: str = "") -> Application:
    """村级受理·转乡级窗口: the village hands the application (and the materials it collected) to the township window."""
    application, verb = _locked(actor, application, ("forward",))
    note = text_clean(note, label=_("说明"), field="note", minimum=0, maximum=REASON_MAX)
    case_move(case=application.case, verb=verb, actor=actor, note=note or _("已转乡镇便民服务中心窗口受理"),
              url=application_url(application))  # fmt: skip
    return Application.objects.select_related("case", "matter").get(pk=application.pk)


@transaction.atomic
def application_refuse(*, actor: User, application: Application, reason: str) -> Application:
    """不予受理, with the reason the applicant is told."""
    application, verb = _locked(actor, application, ("refuse",))
    reason = text_clean(reason, label=_("不予受理的理由"), field="reason", minimum=4, maximum=REASON_MAX)
    case_move(case=application.case, verb=verb, actor=actor, note=reason, url=application_url(application))
    return Application.objects.select_related("case", "matter").get(pk=application.pk)


@transaction.atomic
def application_notify(
    *,
    actor: User,
    application: Application,
    items: Iterable[tuple[int, str, str]],
    note: str = "",
    came: bool = False,
) -> SupplyNotice:
    """一次性告知: ONE notice naming every missing or faulty material, each with what is wrong.

    Round 1 must name every required material still missing (that is what "once" means). A later round
    may name only material supplied since the round before (the lines that round's supply changed):
    gongzhi refuses a notice that comes back to material it already accepted as it was. The clock stops
    (no due time) until the applicant supplies.
    """
    application, verb = _locked(actor, application, ("notify",))
    note = text_clean(note, label=_("说明"), field="note", minimum=0, maximum=REASON_MAX)
    lines = _lines(application)
    last = application.notices.order_by("-round").first()
    round_ = (last.round if last else 0) + 1
    named: dict[int, tuple[str, str]] = {}
    for line_id, problem, item_note in items:
        line = lines.get(line_id)
        if line is None:
            raise DomainError(_("材料清单里没有这一项。"), field="items")
        if problem not in PROBLEMS:
            raise DomainError(
                _("请选择「%(name)s」的问题：缺少或不符合要求。") % {"name": line.material.name},
                field="items",
            )
        if line.material.source == MaterialSource.REGISTER:
            raise DomainError(
                _("「%(name)s」由系统根据登记信息生成，不能要求申请人补正。") % {"name": line.material.name},
                field="items",
            )
        item_note = text_clean(item_note, label=_("「%(name)s」的说明") % {"name": line.material.name},
                               field="items", minimum=2, maximum=ITEM_NOTE_MAX)  # fmt: skip
        if round_ >= 2 and line.round != round_ - 1:
            raise DomainError(
                _(
                    "第%(round)d次告知只能针对上次告知后新补交的材料；「%(name)s」不是新补交的材料，应在第一次告知时一并告知。"
                )
                % {"round": round_, "name": line.material.name},
                field="items",
                code="notice_old_material",
            )
        named[line.pk] = (problem, item_note)
    if not named:
        raise DomainError(_("请至少列出一项需要补正的材料，并写明具体要求。"), field="items")
    if round_ == 1:
        left_out = [
            line for line in lines.values()
            if line.material.required and line.state == MaterialState.MISSING and line.pk not in named
        ]  # fmt: skip
        if left_out:
            raise DomainError(
                _("一次性告知应列出所有缺少的必要材料，还缺：%(names)s。") % {"names": _names(left_out)},
                field="items",
                code="notice_incomplete",
            )
    notice = SupplyNotice.objects.create(application=application, round=round_, sent_by=actor, note=note)
    for line_id, (problem, item_note) in named.items():
        SupplyNoticeItem.objects.create(notice=notice, line_id=line_id, problem=problem, note=item_note)
        ApplicationMaterial.objects.filter(pk=line_id).update(
            state=MaterialState.MISSING if problem == "missing" else MaterialState.FAULTY, note=item_note
        )
    if came:
        Application.objects.filter(pk=application.pk).update(visits=F("visits") + 1)
    summary = "；".join(f"{lines[pk].material.name}：{n}" for pk, (_p, n) in named.items())
    text = _("第%(round)d次一次性告知，请补正：%(items)s") % {"round": round_, "items": summary}
    case_move(case=application.case, verb=verb, actor=actor, note=(text + (f"。{note}" if note else ""))[:500],
              url=application_url(application))  # fmt: skip
    audit_event_record(
        actor=actor, verb="hall.notified", target=application, area=application.case.community,
        summary={"round": round_, "items": [lines[pk].material.name for pk in named]},
    )  # fmt: skip
    return notice


# --- The applicant's side -------------------------------------------------------------------


@transaction.atomic
def application_supply(
    *,
    actor: User,
    application: Application,
    files: Mapping[int, Iterable] = {},
    ready: Iterable[int] = (),
    note: str = "",
    came: bool = False,
) -> Application:
    """补正: the applicant (or whoever applied for them) answers the open notice — a file for each line it
    names, or "ready" for a paper original they will bring — and the application goes back to the window,
    whose check starts a new clock. Every line the notice names must be answered. `files` are by Material id."""
    checked = uploads_check(files)
    application, verb = _locked(actor, application, SUPPLY_VERBS)
    note = text_clean(note, label=_("说明"), field="note", minimum=0, maximum=REASON_MAX)
    notice = application.notices.filter(supplied_at=None).order_by("-round").first()
    if notice is None:
        raise Conflict(_("没有待补正的告知。"))
    named = {item.line_id: item for item in notice.items.select_related("line__material")}
    by_material = {item.line.material_id: item.line_id for item in named.values()}
    stray = [m for m in checked if m not in by_material]
    ready = set(ready)
    if stray or ready - set(named):
        raise DomainError(_("只需补交告知书列出的材料。"), field="files")
    answered = {by_material[m] for m in checked} | ready
    unanswered = [item.line for pk, item in named.items() if pk not in answered]
    if unanswered:
        raise DomainError(
            _("还有告知书列出的材料没有补交：%(names)s。") % {"names": _names(unanswered)}, field="files"
        )
    files_attach(application=application, actor=actor, files=checked, round=notice.round)
    now = timezone.now()
    ApplicationMaterial.objects.filter(pk__in=answered).update(
        state=MaterialState.PROVIDED, round=notice.round, supplied_at=now
    )
    SupplyNotice.objects.filter(pk=notice.pk).update(supplied_at=now)
    if came:
        Application.objects.filter(pk=application.pk).update(visits=F("visits") + 1)
    text = _("已补正：%(names)s") % {"names": _names(named[pk].line for pk in sorted(answered))}
    case_move(case=application.case, verb=verb, actor=actor, note=(text + (f"；{note}" if note else ""))[:500],
              url=application_url(application))  # fmt: skip
    audit_event_record(
        actor=actor, verb="hall.supplied", target=application, area=application.case.community,
        summary={"round": notice.round, "lines": len(answered)},
    )  # fmt: skip
    return Application.objects.select_related("case", "matter").get(pk=application.pk)


@transaction.atomic
def application_promise_keep(
    *, actor: User, application: Application, line_id: int, files: Iterable = (), brought: bool = False
) -> ApplicationMaterial:
    """A material accepted on a promise (容缺受理) arrives: uploaded by the applicant, or brought to the window
    and checked there. The application's state and clock do not change."""
    checked_files = [f for f in (files or ())]
    if not can(actor, "hall.view", application):
        raise NotFound()
    authorize(actor, "hall.supply_promised", application)
    uploads = uploads_check({0: checked_files}).get(0, [])
    application = case_row_lock(application)
    line = application.materials.select_related("material").filter(pk=line_id).first()
    if line is None:
        raise DomainError(_("材料清单里没有这一项。"), field="line")
    if line.state != MaterialState.PROMISED:
        raise Conflict(_("「%(name)s」不是容缺受理待补交的材料。") % {"name": line.material.name})
    if application.case.state in APPLICATION.closed:
        raise Conflict(_("办件已结束，不能再补交材料。"))
    if not uploads and not brought:
        raise DomainError(
            _("请上传「%(name)s」，或确认已交到窗口。") % {"name": line.material.name}, field="files"
        )
    files_attach(application=application, actor=actor, files={line.material_id: uploads}, round=line.round)
    window = can(actor, "hall.receive_promised", application)
    state = MaterialState.CHECKED if brought and window else MaterialState.PROVIDED
    ApplicationMaterial.objects.filter(pk=line.pk).update(state=state, supplied_at=timezone.now())
    audit_event_record(
        actor=actor, verb="hall.promise_kept", target=application, area=application.case.community,
        summary={"material": line.material.name, "promised_by": str(line.promised_by), "state": state},
    )  # fmt: skip
    return ApplicationMaterial.objects.select_related("material").get(pk=line.pk)


@transaction.atomic
def application_withdraw(*, actor: User, application: Application, reason: str = "") -> Application:
    """The applicant (or whoever applied for them) withdraws an open application."""
    application, verb = _locked(actor, application, ("withdraw",))
    reason = text_clean(reason, label=_("撤回原因"), field="reason", minimum=0, maximum=REASON_MAX)
    case_move(case=application.case, verb=verb, actor=actor, note=reason, url=application_url(application))
    return Application.objects.select_related("case", "matter").get(pk=application.pk)
