"""The bodies' section of the signed-in home page for those who keep them (registered in BodiesConfig.ready):
what the statute asks of their community's bodies and is not met. It counts warnings, never people.

Community staff see their community's warnings; the township office, which keeps many communities, gets the
link to its list of them (gongzhi.bodies.views.index), which reads them all only when opened."""

from .overview import community_summary
from .roles import KEEPERS
from .selectors import communities_for

COMMUNITIES_READ = 3  # a community's staff keep one, sometimes two; a township keeps many


def keeper_section(viewer) -> dict | None:
    if not viewer.has_perm("bodies.manage"):
        return None
    communities = list(communities_for(viewer=viewer, roles=KEEPERS)[: COMMUNITIES_READ + 1])
    if not communities:
        return None
    if len(communities) > COMMUNITIES_READ:
        return {"many": True}
    summaries = [community_summary(community) for community in communities]
    warnings = [(s.community, body, warning) for s in summaries for body, warning in s.warnings]
    return {"warnings": warnings, "empty": not any(s.bodies for s in summaries)}
