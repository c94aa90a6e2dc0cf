"""Reads of the front desk 前台受理: the matters one may apply for, the promises of 容缺受理, the notices."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongzhi.accounts.scopes import SEGMENT, paths_for, role_grants, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import NotFound

from ..models import Application, ApplicationFile, ApplicationMaterial, MaterialState, Matter, SupplyNotice
from ..roles import FRONT_DESK
from ..workflow import APPLICATION


def matters_to_apply_for(*, viewer, q: str = "") -> QuerySet[Matter]:
    """The active matters (those without active sub-items) of the townships the viewer's roles lie in or cover:
    a resident's own township's, a township or county window's whole catalogue; never another township's."""
    paths = {path for _, path, _ in role_grants(viewer)}
    ancestors = {path[:end] for path in paths for end in range(SEGMENT, len(path) + 1, SEGMENT)}
    townships = Area.objects.filter(kind=AreaKind.TOWNSHIP).filter(
        Q(path__in=ancestors) | scope_q(paths, "path")
    )
    matters = (
        Matter.objects.filter(is_active=True, township__in=townships)
        .exclude(children__is_active=True)
        .select_related("department")
    )
    if q:
        matters = matters.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return matters.distinct().order_by("township_id", "sort_order", "code")


def matter_get_for_applying(*, matter_id: int) -> Matter:
    """An active matter one can apply for (a sub-item, or a main item without sub-items)."""
    matter = (
        Matter.objects.select_related("township", "department").filter(pk=matter_id, is_active=True).first()
    )
    if matter is None or matter.children.filter(is_active=True).exists():
        raise NotFound()
    return matter


def matter_covers(matter: Matter, community) -> bool:
    """Whether `community` applies from `matter`'s township catalogue."""
    return community.path.startswith(matter.township.path)


def promises_of(application: Application) -> list[ApplicationMaterial]:
    """The lines accepted on a promise (容缺受理), the earliest promise first."""
    return list(
        application.materials.filter(state=MaterialState.PROMISED)
        .select_related("material")
        .order_by("promised_by", "id")
    )


def overdue_promises_for(*, viewer, today: dt.date | None = None) -> QuerySet[ApplicationMaterial]:
    """The promised materials past their date, on applications the viewer's window accepted or handles now.

    The front desk follows its promises whatever stage the application is in, so this reads every state
    of the applications routed to the window's roles over its communities.
    """
    today = today or timezone.localdate()
    states = [s for s in APPLICATION.states if s not in APPLICATION.closed]
    paths = paths_for(viewer, FRONT_DESK)
    return (
        ApplicationMaterial.objects.filter(
            scope_q(paths, "application__case__area_path"),
            state=MaterialState.PROMISED,
            promised_by__lt=today,
            application__case__state__in=states,
        )
        .select_related("material", "application__matter", "application__case__community")
        .order_by("promised_by", "id")
    )


def notices_of(application: Application) -> list[SupplyNotice]:
    return list(application.notices.prefetch_related("items__line__material").order_by("round"))


def open_notice_of(application: Application) -> SupplyNotice | None:
    return application.notices.filter(supplied_at=None).order_by("-round").first()


def application_file_get(application: Application, file_id: int) -> ApplicationFile:
    """One file of this application; another application's file id answers like a missing one."""
    found = (
        ApplicationFile.objects.select_related("photo").filter(pk=file_id, application=application).first()
    )
    if found is None:
        raise NotFound()
    return found


def application_file_path(handed_in: ApplicationFile) -> Path:
    """Where a PDF lies under DATA_DIR/hall (NotFound for a path that would leave it)."""
    root = (Path(settings.DATA_DIR) / "hall").resolve()
    path = (Path(settings.DATA_DIR) / handed_in.path).resolve()
    if not handed_in.path or not path.is_relative_to(root):
        raise NotFound()
    return path
