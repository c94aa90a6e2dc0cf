"""Who may do what in people's mediation. Whether it is possible now (state, terms, the agreement) is the actions'.

Mediation is never public, and never the staff's: a dispute is read by its
parties (their own accounts), the mediators the chair assigned (and not yet
recused) and the chair of the community's committee — not the community's
staff, not the township, not grid workers (the intake they made ends with
its case code in their inbox), not the committee's other mediators. Family
disputes (家事调解) hide their facts and the parties' positions even from the
chair once a mediator is assigned: the chair keeps the case's course, the
mediators and parties its substance.

The chair and the mediators act through `Role.MEDIATOR` over the community
and a current seat on its mediation committee (gongzhi.bodies): see roles.py.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over

from . import selectors
from .roles import GRID_REPORTERS, MEDIATORS, RESIDENT_APPLICANTS, ROSTER_READERS, STATISTICS_READERS


def _dispute(obj):
    return getattr(obj, "dispute", obj)


@rules.predicate
def is_party(user, obj=None) -> bool:
    return obj is not None and user.is_authenticated and selectors.is_party(user, _dispute(obj))


@rules.predicate
def is_assigned(user, obj=None) -> bool:
    return obj is not None and user.is_authenticated and selectors.is_assigned(user, _dispute(obj))


@rules.predicate
def is_chair(user, obj=None) -> bool:
    """The chair of the committee of the dispute's community (or, for a community, of that community)."""
    if obj is None or not user.is_authenticated:
        return False
    community = getattr(_dispute(obj), "case", None)
    community = community.community if community is not None else obj
    return selectors.is_chair_of(user, community)


@rules.predicate
def is_committee_member(user, community=None) -> bool:
    """A mediator of the community's committee (seat and role); with no community, of any."""
    if not user.is_authenticated:
        return False
    if community is None:
        return bool(selectors.communities_mediated_by(user))
    return selectors.is_mediator_of(user, community)


@rules.predicate
def chairs_any(user) -> bool:
    return user.is_authenticated and bool(selectors.communities_chaired_by(user))


@rules.predicate
def is_family(user, obj=None) -> bool:
    return obj is not None and _dispute(obj).family


@rules.predicate
def has_mediators(user, obj=None) -> bool:
    return obj is not None and selectors.has_mediators(_dispute(obj))


resident_applicant = holds_role_over(RESIDENT_APPLICANTS)
grid_reporter = holds_role_over(GRID_REPORTERS)
mediator_role = holds_role_over(MEDIATORS)

rules.add_perm("mediation.view", is_party | is_assigned | is_chair)
# The facts and the positions: hidden from the chair of a family dispute once a mediator is assigned.
rules.add_perm("mediation.view_facts", is_party | is_assigned | (is_chair & ~(is_family & has_mediators)))
rules.add_perm("mediation.chair", is_chair)
rules.add_perm("mediation.mediate", is_assigned)
rules.add_perm("mediation.withdraw", is_party | is_assigned | is_chair)
rules.add_perm("mediation.follow_up", is_assigned | is_chair)
# The files (the agreement PDF, the signed scan, the referral export): who reads the case's substance.
rules.add_perm("mediation.files", is_party | is_assigned | (is_chair & ~(is_family & has_mediators)))
# Bringing a dispute in: a resident (for themself), a grid worker (from their grids), the committee.
rules.add_perm("mediation.intake", resident_applicant | grid_reporter | (mediator_role & is_committee_member))
rules.add_perm("mediation.intake_for_others", grid_reporter | (mediator_role & is_committee_member))
rules.add_perm("mediation.cases", resident_applicant | grid_reporter | mediator_role)
rules.add_perm("mediation.screen", mediator_role & is_committee_member)
rules.add_perm("mediation.roster", holds_role_over(ROSTER_READERS))
rules.add_perm("mediation.train", chairs_any)
rules.add_perm("mediation.stats", holds_role_over(STATISTICS_READERS))
