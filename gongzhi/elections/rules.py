"""Who may, in the elections. Whether it is possible now (before the roll is published, …) is the actions' answer.

- `elections.round`: the township office over the township (open a round, set the days and seats).
- `elections.view`: the readers over the community, and the election committee's current members.
- `elections.run`: the community's staff and the township office over the community, and the election
  committee's current members (it presides over the election, 村民委员会组织法 第十二条).
"""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .models import CommitteeMember, Election, Voter
from .roles import KEEPERS, READERS, ROUND_KEEPERS
from .selectors import committee_seat_of

round_keeper = holds_role_over(ROUND_KEEPERS)
keeper = holds_role_over(KEEPERS)
reader = holds_role_over(READERS)


def _election(obj) -> Election | None:
    if isinstance(obj, Election):
        return obj
    if isinstance(obj, (CommitteeMember, Voter)):
        return obj.election
    return None


@rules.predicate
def seated_on_committee(user, obj=None) -> bool:
    election = _election(obj)
    return election is not None and committee_seat_of(user, election) is not None


rules.add_perm("elections.round", round_keeper)
rules.add_perm("elections.view", reader | seated_on_committee)
rules.add_perm("elections.run", keeper | seated_on_committee)
