"""Reading decisions and the power list, scoped to the viewer (404 for missing and not-yours alike)."""

from django.db.models import QuerySet
from django.utils import timezone

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.cases.models import Case
from gongzhi.core.errors import NotFound

from ..models import Decision, DecisionObjection, DecisionStage, DecisionTask, PowerItem
from ..roles.decisions import READERS, STARTERS, TEMPLATE_KEEPERS

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
    rows = decision.stage_records.select_related("meeting", "recorded_by").prefetch_related("meeting__items")
    return {row.stage: row for row in rows}


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
