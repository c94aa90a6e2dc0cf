"""The life of a situation note 微民情, on the case engine.

    submitted ──accept──▶ handling ──resolve──▶ resolved ─rate
        │                  │   ▲                   │
     withdraw           reply  └──────reopen───────┘ (the author, within 7 days)
        ▼                (stays)
     withdrawn

A resident posts a note about their own community; a grid worker posts one
about a grid or building they cover (their grid unless they name another of
theirs). The note says what (category, a short description), where (the
place in words) and may carry a photo. It is staff-only from the start: its
handlers — community staff over its area and the township's 社治办 — and its
author see it, nobody else.

A handler accepts it within one workday (becoming its assignee), which
starts three workdays to handle it; replies to the author keep the note in
处理中 and keep its due time; the handler resolves it with a note on what was
done (and may add a photo). The author may withdraw a note nobody has
accepted yet, reopen a resolved one within seven days (the handling clock
starts again; an earlier rating is cleared so that the rating is of the
final outcome — the timeline keeps it), and rate a resolved note once.
Every move is told to the author by the engine (and to the assignee when the
author moves it).

A handler may call departments of the township about a note not yet
resolved (吹哨: the village calls, the departments report in), with a due time
in workdays; each department replies once on the note's timeline and the
reply comes back to the handler; the handler ends the call and carries on
(gongzhi.cases: case_escalate, case_escalation_reply, case_escalation_close).

Why no separate 已受理 state between accepting and the first reply: the
engine sets a new due time on every change of state, so a first reply would
restart the three workdays. Accepting moves to 处理中 directly; the timeline
shows the acceptance ("受理") by whom and when.
"""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.accounts.scopes import paths_for
from gongzhi.areas.models import Area, AreaKind
from gongzhi.areas.selectors import area_list_for, community_of, departments_of
from gongzhi.cases.actions import (
    case_escalate,
    case_escalation_close,
    case_escalation_reply,
    case_move,
    case_open,
    case_photo_attach,
    case_rate,
    case_row_lock,
)
from gongzhi.cases.models import Case, Escalation, EscalationTarget, PrivacyTier
from gongzhi.cases.selectors import case_open_escalation, escalation_target_get_for
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.text import text_clean

from .models import SituationCategory, SituationNote
from .rules import GRID_REPORTERS, RESIDENT_REPORTERS
from .workflow import REOPEN_DAYS, REPORT_AREA_KINDS, SITUATION

PLACE_MAX, BODY_MAX, REPLY_MAX, REASON_MAX = 100, 500, 500, 200
MEDIATION_TARGET = "mediation"  # the referral target people's mediation registers (gongzhi.core.referrals)
TITLE_LENGTH = 30


def situation_url(situation: SituationNote) -> str:
    return reverse("situations:detail", args=[situation.pk])


def _title_of(body: str) -> str:
    """The note's title in lists: the start of its description, on one line."""
    line = " ".join(body.split())
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1] + "…"


def _report_area(actor: User, area_id: int | None) -> Area | None:
    """The grid or building a grid worker names (one of theirs), or their first grid; None for residents."""
    if area_id is None and paths_for(actor, RESIDENT_REPORTERS):
        return None
    areas = area_list_for(viewer=actor, kinds=REPORT_AREA_KINDS, roles=GRID_REPORTERS)
    area = (
        areas.filter(pk=area_id).first() if area_id is not None else areas.filter(kind=AreaKind.GRID).first()
    )
    if area is None:
        raise DomainError(_("请选择您负责的网格或楼栋。"), field="area")
    return area


# One check per field, used by the action and by the form (which reports every field at once).
def situation_place_clean(place: str | None) -> str:
    return text_clean(place, label=_("地点"), field="place", minimum=2, maximum=PLACE_MAX)


def situation_body_clean(body: str | None) -> str:
    return text_clean(body, label=_("情况描述"), field="body", minimum=5, maximum=BODY_MAX)


@transaction.atomic
def situation_post(
    *,
    actor: User,
    category: str,
    place: str,
    body: str,
    area_id: int | None = None,
    photo=None,
    submission_key: str = "",
) -> SituationNote:
    """A resident posts a note about their community; a grid worker about one of their grids or buildings.

    `area_id` is for grid workers only: a grid or building they cover (by
    default their first grid). A form sent twice makes one note (AlreadySubmitted).
    """
    authorize(actor, "situations.post")
    if category not in SituationCategory.values:
        raise DomainError(_("请选择民情类别。"), field="category")
    place, body = situation_place_clean(place), situation_body_clean(body)
    area = _report_area(actor, area_id)
    if area is None:
        from gongzhi.residents.selectors import resident_home_of

        community, area_path, resident = resident_home_of(actor)
    else:
        found = community_of(area)
        if found is None:
            raise DomainError(_("请选择您负责的网格或楼栋。"), field="area")
        community, area_path, resident = found, area.path, None
    case = Case(
        kind=SITUATION.kind,
        title=_title_of(body),
        body=body,
        author=actor,
        resident=resident,
        community=community,
        area_path=area_path,
        place=place,
        privacy=PrivacyTier.STAFF_ONLY,
        submission_key=(submission_key or "")[:64],
    )
    case_open(case=case, actor=actor)
    situation = SituationNote.objects.create(case=case, category=category)
    case_photo_attach(case=case, actor=actor, upload=photo, stage="post")
    return situation


@transaction.atomic
def situation_accept(*, actor: User, situation: SituationNote, note: str = "") -> SituationNote:
    """A handler takes the note on: they become its assignee; three workdays to handle it start now."""
    authorize(actor, "situations.handle", situation)
    note = text_clean(note, label=_("受理说明"), field="note", minimum=0, maximum=REASON_MAX)
    situation = case_row_lock(situation)
    situation.case = case_move(
        case=situation.case,
        verb="accept",
        actor=actor,
        note=note,
        url=situation_url(situation),
        assignee=actor,
    )
    return situation


@transaction.atomic
def situation_reply(*, actor: User, situation: SituationNote, reply: str) -> SituationNote:
    """A handler answers the author; the note stays 处理中 and keeps its due time."""
    authorize(actor, "situations.handle", situation)
    reply = text_clean(reply, label=_("答复内容"), field="reply", minimum=2, maximum=REPLY_MAX)
    situation = case_row_lock(situation)
    situation.case = case_move(
        case=situation.case,
        verb="reply",
        actor=actor,
        note=reply,
        url=situation_url(situation),
        refused=_("只有处理中的民情可以答复（现为“%(state)s”）。")
        % {"state": SITUATION.state_label(situation.case.state)},
    )
    situation.reply, situation.replied_by, situation.replied_at = reply, actor, timezone.now()
    situation.save(update_fields=["reply", "replied_by", "replied_at"])
    return situation


@transaction.atomic
def situation_resolve(
    *, actor: User, situation: SituationNote, handled_note: str, photo=None
) -> SituationNote:
    authorize(actor, "situations.handle", situation)
    handled_note = text_clean(
        handled_note, label=_("办理结果"), field="handled_note", minimum=2, maximum=REPLY_MAX
    )
    situation = case_row_lock(situation)
    situation.case = case_move(
        case=situation.case, verb="resolve", actor=actor, note=handled_note, url=situation_url(situation)
    )
    situation.handled_note, situation.resolved_at = handled_note, timezone.now()
    situation.save(update_fields=["handled_note", "resolved_at"])
    case_photo_attach(case=situation.case, actor=actor, upload=photo, stage="result")
    return situation


@transaction.atomic
def situation_refer_to_mediation(*, actor: User, situation: SituationNote) -> SituationNote:
    """A handler hands a note that is a dispute to the community's people's mediation committee (through the
    kernel hook gongzhi.core.referrals): the note is resolved with the dispute's case code; the dispute is
    the committee's from now on, and the handler does not read it."""
    from gongzhi.core.referrals import referral_send, referral_target

    authorize(actor, "situations.handle", situation)
    if referral_target(MEDIATION_TARGET) is None:
        raise Conflict(_("本平台未启用人民调解。"), code="no_mediation")
    situation = case_row_lock(situation)
    case = situation.case
    if case.state != "handling":
        raise Conflict(
            _("受理后才能转人民调解（现为“%(state)s”）。") % {"state": SITUATION.state_label(case.state)}
        )
    code = referral_send(
        MEDIATION_TARGET,
        actor=actor,
        community=case.community,
        source="situation",
        source_ref=situation.pk,
        facts=case.body,
        resident=case.resident,
    )
    handled_note = _("已转人民调解委员会调解，案件编号 %(code)s。") % {"code": code}
    situation.case = case_move(
        case=case, verb="resolve", actor=actor, note=handled_note, url=situation_url(situation)
    )
    situation.handled_note, situation.resolved_at = handled_note, timezone.now()
    situation.save(update_fields=["handled_note", "resolved_at"])
    return situation


@transaction.atomic
def situation_withdraw(*, actor: User, situation: SituationNote, reason: str = "") -> SituationNote:
    authorize(actor, "situations.withdraw", situation)
    reason = text_clean(reason, label=_("撤回原因"), field="reason", minimum=0, maximum=REASON_MAX)
    situation = case_row_lock(situation)
    situation.case = case_move(
        case=situation.case,
        verb="withdraw",
        actor=actor,
        note=reason,
        url=situation_url(situation),
        refused=_("已受理的民情不能撤回；如问题已解决，请告知办理人员。")
        if situation.case.state == "handling"
        else None,
    )
    return situation


@transaction.atomic
def situation_reopen(
    *, actor: User, situation: SituationNote, reason: str, now: dt.datetime | None = None
) -> SituationNote:
    """The author says it is not solved, within REOPEN_DAYS of its resolution; the handler is told."""
    authorize(actor, "situations.reopen", situation)
    reason = text_clean(reason, label=_("仍未解决的情况"), field="reason", minimum=2, maximum=REASON_MAX)
    situation = case_row_lock(situation)
    case = situation.case
    now = now or timezone.now()
    if case.state == "resolved" and case.closed_at and case.closed_at < now - dt.timedelta(days=REOPEN_DAYS):
        raise Conflict(
            _("办结已超过%(n)d天，不能再重新办理；如问题仍在，请重新提交一条民情。") % {"n": REOPEN_DAYS},
            code="reopen_period_over",
        )
    situation.case = case_move(
        case=case,
        verb="reopen",
        actor=actor,
        note=reason,
        url=situation_url(situation),
        notify=[case.assignee],
        rating=None,
        rating_comment="",
        rated_at=None,
    )
    return situation


@transaction.atomic
def situation_rate(*, actor: User, situation: SituationNote, rating: int, comment: str = "") -> SituationNote:
    authorize(actor, "situations.rate", situation)
    situation = case_row_lock(situation)
    if situation.case.state != "resolved":
        raise Conflict(_("办结后才能评价。"))
    situation.case = case_rate(
        case=situation.case,
        actor=actor,
        rating=rating,
        comment=comment,
        notify=[situation.case.assignee],
        url=situation_url(situation),
    )
    return situation


@transaction.atomic
def situation_escalate(
    *, actor: User, situation: SituationNote, department_ids: list[int], reason: str, workdays: int
) -> Escalation:
    """A handler calls departments of the township about the note (吹哨), to reply within `workdays` workdays."""
    authorize(actor, "situations.escalate", situation)
    wanted = set(department_ids)
    departments = list(departments_of(situation.case.community).filter(pk__in=wanted))
    if len(departments) != len(wanted):
        raise DomainError(_("请选择本镇(街道)的部门。"), field="departments")
    return case_escalate(
        case=situation.case,
        actor=actor,
        departments=departments,
        reason=reason,
        workdays=workdays,
        url=situation_url(situation),
    )


@transaction.atomic
def situation_escalation_reply(
    *, actor: User, situation: SituationNote, target_id: int, reply: str
) -> EscalationTarget:
    """A called department answers the handler, on the note's timeline."""
    target = escalation_target_get_for(viewer=actor, case=situation.case, target_id=target_id)
    return case_escalation_reply(target=target, actor=actor, reply=reply, url=situation_url(situation))


@transaction.atomic
def situation_escalation_close(*, actor: User, situation: SituationNote, note: str = "") -> Escalation:
    """The handler ends the call: answered, or no longer needed; the note is the community's alone again."""
    authorize(actor, "situations.escalate", situation)
    escalation = case_open_escalation(situation.case)
    if escalation is None:
        raise Conflict(_("没有进行中的吹哨。"), code="no_open_escalation")
    return case_escalation_close(escalation=escalation, actor=actor, note=note, url=situation_url(situation))
