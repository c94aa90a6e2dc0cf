"""Reading decisions and the power list, scoped to the viewer (404 for missing and not-yours alike)."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.bodies.models import BodyKind
from gongzhi.bodies.selectors import shoulder_one
from gongzhi.cases.models import Case
from gongzhi.core.errors import NotFound
from gongzhi.core.indicators import counts_by, period_bounds
from gongzhi.meetings.models import Meeting, MeetingAgendaItem, MeetingDocument, MeetingItem, MeetingState
from gongzhi.meetings.selectors import meeting_documents_of, meeting_items_of

from ..models import (
    MEETING_STAGES,
    Decision,
    DecisionObjection,
    DecisionStage,
    DecisionState,
    DecisionTask,
    MatterType,
    PowerItem,
    ResolutionBody,
    Stage,
)
from ..roles.decisions import READERS, STARTERS, TEMPLATE_KEEPERS
from ..workflow.decisions import RESOLUTION_BODIES, STAGE_BODY

ORIGIN_CASE_KINDS = ("wish", "situation")  # the case engine's kinds an escalation may come from


def decisions_for(*, viewer, state: str = "") -> QuerySet[Decision]:
    found = Decision.objects.filter(scope_q(paths_for(viewer, READERS))).select_related(
        "community", "power_item"
    )
    if state:
        found = found.filter(state=state)
    return found


def decision_get_for(*, viewer, decision_id: int) -> Decision:
    found = decisions_for(viewer=viewer).filter(pk=decision_id).first()
    if found is None:
        raise NotFound()
    return found


def decision_stages_of(decision: Decision) -> dict[str, DecisionStage]:
    rows = decision.stage_records.select_related("meeting", "item", "recorded_by").prefetch_related(
        "meeting__items", "meeting__documents"
    )
    return {row.stage: row for row in rows}


def resolution_needs_assembly(decision: Decision) -> bool:
    """Whether the resolution must be the whole meeting's (its power item says so, or it is the charter)."""
    return (
        decision.power_item is not None and decision.power_item.resolution_body == ResolutionBody.ASSEMBLY
    ) or decision.matter_type == MatterType.CHARTER


def decision_stage_kinds(decision: Decision) -> tuple[str, tuple[str, ...], bool]:
    """The stage the decision waits for, the kinds of body whose meeting may decide it, and whether it merges
    提议 and 商议 (一肩挑: the party secretary chairs the committee, so one joint meeting proposes and consults)."""
    stage = decision.state
    if stage not in MEETING_STAGES:
        return stage, (), False
    if stage == Stage.PROPOSAL and shoulder_one(decision.community) is not None:
        return stage, (BodyKind.JOINT,), True
    if stage == Stage.RESOLUTION:
        return (
            stage,
            ((BodyKind.ASSEMBLY,) if resolution_needs_assembly(decision) else RESOLUTION_BODIES),
            False,
        )
    return stage, (STAGE_BODY[Stage(stage)],), False


def _previous_meeting_day(decision: Decision):
    last = (
        decision.stage_records.filter(meeting__isnull=False)
        .select_related("meeting")
        .order_by("-recorded_at", "-id")
        .first()
    )
    return last.meeting.held_on if last is not None and last.meeting is not None else None


def decision_stage_meetings(decision: Decision, *, limit: int = 20) -> dict[str, list]:
    """The meetings convened in gongzhi for the stage the decision waits for (its bodies' meetings, held on or
    after the previous stage's): `usable` agenda items voted at a held, quorate meeting and not yet taken by any
    decision; `waiting` meetings still convened (the roll not closed); `short` meetings held without a quorum."""
    stage, kinds, _merged = decision_stage_kinds(decision)
    if not kinds:
        return {"usable": [], "waiting": [], "short": []}
    meetings = Meeting.objects.filter(
        area=decision.community, body__kind__in=kinds, body__area=decision.community
    ).select_related("body")
    since = _previous_meeting_day(decision)
    if since is not None:
        meetings = meetings.filter(held_on__gte=since)
    taken = DecisionStage.objects.filter(item__isnull=False).values("item_id")
    usable = list(
        MeetingAgendaItem.objects.filter(
            meeting__in=meetings.filter(state__in=(MeetingState.HELD, MeetingState.CLOSED), quorate=True),
            vote__isnull=False,
        )
        .exclude(vote_id__in=taken)
        .select_related("meeting__body", "vote")
        .order_by("-meeting__held_on", "-meeting_id", "number")[:limit]
    )
    waiting = list(meetings.filter(state=MeetingState.CONVENED).order_by("held_on", "id")[:limit])
    short = list(
        meetings.filter(state__in=(MeetingState.HELD, MeetingState.CLOSED), quorate=False).order_by(
            "-held_on", "-id"
        )[:limit]
    )
    return {"usable": usable, "waiting": waiting, "short": short}


def stage_agenda_item_get(decision: Decision, agenda_item_id: int) -> MeetingAgendaItem:
    """An agenda item of a meeting of the decision's community (404 otherwise; the action checks the rest)."""
    found = (
        MeetingAgendaItem.objects.filter(pk=agenda_item_id, meeting__area=decision.community)
        .select_related("meeting__body", "vote")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def stage_items_of(record: DecisionStage | None) -> list[MeetingItem]:
    """The vote that decided a stage: the agenda item's of a convened meeting, or the one of a meeting recorded
    after the fact."""
    if record is None or record.meeting is None:
        return []
    if record.item_id is not None:
        return [record.item]  # type: ignore[list-item]
    return list(meeting_items_of(record.meeting))


def stage_documents_of(record: DecisionStage | None) -> list[MeetingDocument]:
    """The scanned minutes and sign-in sheet of the stage's meeting."""
    return list(meeting_documents_of(record.meeting)) if record is not None and record.meeting else []


def decision_document_of(decision: Decision, document_id: int) -> MeetingDocument:
    """A document of one of the decision's stage meetings (NotFound for any other)."""
    meetings = decision.stage_records.filter(meeting__isnull=False).values("meeting_id")
    found = (
        MeetingDocument.objects.filter(pk=document_id, meeting_id__in=meetings)
        .select_related("photo")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def decision_tasks_of(decision: Decision) -> QuerySet[DecisionTask]:
    return decision.tasks.select_related("case").order_by("case__created_at", "pk")


def decision_objections_of(decision: Decision) -> QuerySet[DecisionObjection]:
    return decision.objections.select_related("raised_by", "answered_by")


def decision_task_get_for(*, viewer, task_id: int) -> DecisionTask:
    found = (
        DecisionTask.objects.filter(scope_q(paths_for(viewer, READERS), field="case__area_path"), pk=task_id)
        .select_related("case", "decision__community")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def decision_objection_get_for(*, viewer, objection_id: int) -> DecisionObjection:
    found = (
        DecisionObjection.objects.filter(
            scope_q(paths_for(viewer, READERS), field="decision__area_path"), pk=objection_id
        )
        .select_related("decision__community")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def objection_overdue(objection: DecisionObjection) -> bool:
    return objection.answered_at is None and timezone.now() > objection.due_at


def communities_to_start_for(*, viewer) -> QuerySet[Area]:
    return Area.objects.filter(
        scope_q(paths_for(viewer, STARTERS), field="path"), kind=AreaKind.COMMUNITY
    ).order_by("path")


def origin_cases_for(*, viewer, community: Area, kind: str) -> QuerySet[Case]:
    """The wishes or situation notes of a community a decision may start from (staff choose one)."""
    return Case.objects.filter(scope_q(paths_for(viewer, STARTERS)), community=community, kind=kind).order_by(
        "-created_at"
    )[:100]


def origin_case_get_for(*, viewer, community: Area, case_id: int) -> Case:
    found = Case.objects.filter(
        scope_q(paths_for(viewer, STARTERS)), community=community, kind__in=ORIGIN_CASE_KINDS, pk=case_id
    ).first()
    if found is None:
        raise NotFound()
    return found


# --- The power list ---------------------------------------------------------------------------------


def power_lists_for(*, viewer) -> QuerySet[Area]:
    """The areas whose list the viewer reads: townships (templates) and communities."""
    return Area.objects.filter(
        scope_q(paths_for(viewer, READERS | TEMPLATE_KEEPERS), field="path"),
        kind__in=[AreaKind.TOWNSHIP, AreaKind.COMMUNITY],
    ).order_by("path")


def power_area_get_for(*, viewer, area_id: int) -> Area:
    found = power_lists_for(viewer=viewer).filter(pk=area_id).first()
    if found is None:
        raise NotFound()
    return found


def power_items_of(area: Area) -> QuerySet[PowerItem]:
    return PowerItem.objects.filter(area=area).select_related("template")


def power_item_get_for(*, viewer, item_id: int) -> PowerItem:
    found = (
        PowerItem.objects.filter(scope_q(paths_for(viewer, READERS | TEMPLATE_KEEPERS)), pk=item_id)
        .select_related("area")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def power_items_decided(community: Area) -> QuerySet[PowerItem]:
    """A community's active items that are decided by 四议两公开 (for starting a decision)."""
    return PowerItem.objects.filter(area=community, active=True).exclude(stages=[]).order_by("code")


def objections_overdue_for(*, viewer, now) -> int:
    """Objections of the viewer's communities left unanswered past their due time."""
    return DecisionObjection.objects.filter(
        scope_q(paths_for(viewer, READERS), field="decision__area_path"), answered_at=None, due_at__lt=now
    ).count()


# --- The township's oversight figures (gongzhi.core.indicators) ------------------------------------------


def decisions_started_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """Decisions started through 四议两公开 in the period."""
    since, until = period_bounds(start, end)
    rows = (
        Decision.objects.filter(community_id__in=community_ids, started_at__gte=since, started_at__lt=until)
        .values("community_id")
        .annotate(n=Count("pk"))
    )
    return counts_by(rows, key="community_id")


def decisions_done_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """Decisions that went through every stage (the result made public) in the period."""
    since, until = period_bounds(start, end)
    rows = (
        Decision.objects.filter(
            community_id__in=community_ids,
            state=DecisionState.DONE,
            closed_at__gte=since,
            closed_at__lt=until,
        )
        .values("community_id")
        .annotate(n=Count("pk"))
    )
    return counts_by(rows, key="community_id")


def decisions_of(community: Area, start: dt.date, end: dt.date) -> QuerySet[Decision]:
    """The decisions started or closed in the period (the community's yearly report lists them)."""
    since, until = period_bounds(start, end)
    return Decision.objects.filter(
        Q(started_at__gte=since, started_at__lt=until) | Q(closed_at__gte=since, closed_at__lt=until),
        community=community,
    ).order_by("started_at", "pk")
