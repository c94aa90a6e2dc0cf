"""Reads of applications: the staff queue (routed by stage), the applicant's own, one application — never public."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongzhi.cases.selectors import case_routed_q
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound
from gongzhi.core.masking import mask_name

from ..limits import due_colour
from ..models import Application
from ..workflow import APPLICATION


def _base() -> QuerySet[Application]:
    return Application.objects.select_related("case", "case__community", "matter", "matter__department")


# What a queue's row shows (the page and the API): a long queue reads only these columns, not every column
# of six tables (the applicant's register row and account among them).
QUEUE_COLUMNS = (
    "case_id", "matter_id", "number", "channel", "facts", "accepted_at",
    "case__id", "case__kind", "case__state", "case__community_id", "case__area_path", "case__department_id",
    "case__author_id", "case__resident_id", "case__submitted_by_id", "case__due_at", "case__due_limit",
    "case__due_basis", "case__due_note", "case__created_at", "case__updated_at", "case__closed_at",
    "case__community__id", "case__community__name", "case__community__path", "case__community__kind",
    "matter__id", "matter__code", "matter__name", "matter__department_id", "matter__township_id",
    "matter__department__id", "matter__department__name",
    "case__author__id", "case__author__username", "case__author__display_name",
    "case__resident__id", "case__resident__name",
)  # fmt: skip


def queue_for(*, viewer, state: str | None = None, matter_id: int | None = None) -> QuerySet[Application]:
    """The applications waiting for the viewer in their stage (or in one state), earliest due first."""
    query = _base().filter(
        case_routed_q(viewer, APPLICATION, states=[state] if state else None, prefix="case__")
    )
    if matter_id:
        query = query.filter(Q(matter_id=matter_id) | Q(matter__parent_id=matter_id))
    return (
        query.select_related("case__author", "case__resident")
        .only(*QUEUE_COLUMNS)
        .order_by("case__due_at", "case__created_at", "case_id")
    )


def mine_for(*, viewer) -> QuerySet[Application]:
    """The applications the viewer made, or made for someone (assisted), newest change first."""
    if not viewer.is_authenticated:
        return Application.objects.none()
    return (
        _base()
        .filter(Q(case__author=viewer) | Q(case__submitted_by=viewer), case__kind=APPLICATION.kind)
        .order_by("-case__updated_at", "-case_id")
    )


def application_get_for(*, viewer, application_id: int) -> Application:
    """One application the viewer may see; missing and not-yours answer alike (NotFound)."""
    application = (
        _base()
        .select_related("case__author", "case__resident", "case__submitted_by", "accepted_by", "decided_by")
        .filter(pk=application_id)
        .first()
    )
    if application is None or not viewer.is_authenticated or not can(viewer, "hall.view", application):
        raise NotFound()
    return application


def applicant_label(application: Application, *, full: bool = False) -> str:
    """Who applied: their name in the register, else their account's; masked (王**) unless `full`."""
    case = application.case
    if case.resident is not None:
        name = case.resident.name
    elif case.author is not None:
        name = case.author.display_name or case.author.username
    else:
        name = str(application.facts.get("name", ""))
    return name if full else mask_name(name)


def started_at(application: Application) -> dt.datetime:
    """From when the current due time runs: acceptance for the review states, else the last move."""
    case = application.case
    if case.state in {"village_review", "township_review", "external"} and application.accepted_at:
        return application.accepted_at
    return case.updated_at


def colour_of(application: Application, *, now: dt.datetime | None = None) -> str:
    """ "red" overdue, "amber" past 80 % of the time allowed, else "" (see limits.due_colour)."""
    return due_colour(started_at(application), application.case.due_at, now or timezone.now())
