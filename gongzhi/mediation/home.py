"""The mediation section of the signed-in home page (registered in MediationConfig.ready): the viewer's own
cases (as a party, a mediator or the chair), latest change first. Nothing for anyone else."""

from .selectors import dispute_list_for
from .workflow import DISPUTE

SHOWN = 5


def section(viewer) -> dict | None:
    if not viewer.has_perm("mediation.cases"):
        return None
    rows = list(dispute_list_for(viewer=viewer)[:SHOWN])
    if not rows:
        return None
    for row in rows:
        row.state_label = DISPUTE.state_label(row.case.state)  # type: ignore[attr-defined]
    return {"rows": rows}
