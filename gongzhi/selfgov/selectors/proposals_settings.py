"""A township's own rules for residents' proposals: read here, for the actions, the pages and the API."""

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.areas.selectors import township_of
from gongzhi.core.errors import NotFound

from .. import proposal_thresholds as th
from ..models import ProposalSetting
from ..roles.proposals import CONFIGURERS


def meeting_due_days(community: Area) -> int:
    """Within how many days a meeting a proposal of `community` made due is held: its township's setting, or
    the default (gongzhi.selfgov.proposal_thresholds.MEETING_DUE_DAYS)."""
    township = township_of(community)
    setting = ProposalSetting.objects.filter(township=township).first() if township is not None else None
    return setting.meeting_due_days if setting is not None else th.MEETING_DUE_DAYS


def townships_configured_by(*, viewer) -> list[tuple[Area, ProposalSetting | None]]:
    """The townships whose proposal rules `viewer` sets, each with its setting (None: the default)."""
    if not viewer.is_authenticated:
        return []
    townships = list(
        Area.objects.filter(
            scope_q(paths_for(viewer, CONFIGURERS), field="path"), kind=AreaKind.TOWNSHIP
        ).order_by("path")
    )
    settings = {s.township_id: s for s in ProposalSetting.objects.filter(township__in=townships)}
    return [(township, settings.get(township.pk)) for township in townships]


def township_configured_get(*, viewer, township_id: int) -> Area:
    """One township `viewer` sets the rules of; NotFound for any other id alike."""
    for township, _setting in townships_configured_by(viewer=viewer):
        if township.pk == township_id:
            return township
    raise NotFound()
