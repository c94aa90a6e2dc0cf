"""Who may open, vote in and read ballot boxes. Whether it is possible now (open, closed, voted) is the actions'.

- `ballots.open`: the kernel's own permission, for a box that serves no feature's record: community staff over
  the community (the object: the area, or a box in it). A feature passes its own (`perm=`, `perm_obj=`).
- `ballots.cast`: an eligible voter of the box, themself (nobody votes for another: a secret ballot has no
  assisted mode online; those who cannot vote online vote on paper at the meeting).
- `ballots.view`: the box's eligible voters, and the community's staff, its supervisory committee and the
  township over the area. They see the questions, and after the close the results and the receipts.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import OPENERS, READERS
from .selectors import is_eligible


@rules.predicate
def eligible_voter(user, box=None) -> bool:
    return box is not None and user.is_authenticated and is_eligible(box, user)


opener = holds_role_over(OPENERS)
reader = holds_role_over(READERS)

rules.add_perm("ballots.open", opener)
rules.add_perm("ballots.cast", eligible_voter)
rules.add_perm("ballots.view", eligible_voter | reader)
