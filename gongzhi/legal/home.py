"""The legal section of the signed-in home page (registered in LegalConfig.ready): a resident's coming
consultations; for the rosters' readers, the communities short of 法律明白人."""

from django.utils import timezone

from . import selectors
from .models import ConsultationState


def work_section(viewer) -> dict | None:
    coming = list(
        selectors.consultations_of(viewer).filter(
            state=ConsultationState.BOOKED, slot__starts_at__gt=timezone.now()
        )[:3]
    )
    short = (
        [r for r in selectors.coverage_for(viewer=viewer) if r.short] if viewer.has_perm("legal.view") else []
    )
    advises = bool(
        selectors.adviser_communities_of(viewer)
    )  # the adviser has no role: their way to their slots
    if not coming and not short and not advises:
        return None
    return {"coming": coming, "short": short, "advises": advises}
