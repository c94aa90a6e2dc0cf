"""Who may read the oversight figures and export them. Which townships and communities: the selectors' answer
(anything outside the reader's area is 404)."""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import READERS

reader = holds_role_over(READERS)

rules.add_perm("oversight.view", reader)
rules.add_perm("oversight.export", reader)
