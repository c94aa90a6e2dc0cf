"""The bodies' section of the signed-in home page for those who keep them (registered in BodiesConfig.ready):
what the statute asks of their communities' bodies and is not met. It counts warnings, never people."""

from .models import Body
from .overview import community_overview
from .roles import KEEPERS
from .selectors import communities_for

COMMUNITIES_READ = 30  # a township's villages and communities; past that the bodies' own page lists them all


def keeper_section(viewer) -> dict | None:
    if not viewer.has_perm("bodies.manage"):
        return None
    communities = list(communities_for(viewer=viewer, roles=KEEPERS)[:COMMUNITIES_READ])
    if not communities:
        return None
    warnings = []
    for community in communities:
        found = community_overview(community)
        warnings += [(community, body, warning) for body, warning in found.warnings]
    empty = not Body.objects.filter(area__in=communities).exists()
    return {"warnings": warnings, "empty": empty}
