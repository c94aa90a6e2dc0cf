"""Who may do what in the participatory budget. Whether it is possible *now* (the round's state, the window, the
fund's balance, the register) is the actions' answer.

Objects: a community or a round or a project (organising, reading: the community's staff; proposing and rating:
a resident — the action also asks for their entry in the community's register; ranking: a member seated on the
community's 议事会 today), a township (its catalogue).
"""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import CATALOGUE_EDITORS, ORGANISERS, READERS, RESIDENTS
from .selectors import community_of, seat_of, sits_on_a_council


@rules.predicate
def seated_on_council(user, obj=None) -> bool:
    if obj is None:
        return sits_on_a_council(user)
    return seat_of(user, community_of(obj)) is not None


organiser = holds_role_over(ORGANISERS)
reader = holds_role_over(READERS)
resident = holds_role_over(RESIDENTS)

rules.add_perm("budgeting.enter", reader | resident | seated_on_council)  # the menu entry and the index page
rules.add_perm("budgeting.view", reader)
rules.add_perm("budgeting.organise", organiser)
rules.add_perm("budgeting.propose", resident)
rules.add_perm("budgeting.rank", seated_on_council)
rules.add_perm("budgeting.rate", resident)
rules.add_perm("budgeting.edit_catalogue", holds_role_over(CATALOGUE_EDITORS))
