"""Who may read the oversight figures and export them. Which townships and communities: the selectors' answer
(anything outside the reader's area is 404)."""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import FORM_KEEPERS, READERS

reader = holds_role_over(READERS)

rules.add_perm("oversight.view", reader)
rules.add_perm("oversight.export", reader)
# The county forms: upload a template, type the hand-typed values, fill it for a period (the township office).
rules.add_perm("oversight.forms", holds_role_over(FORM_KEEPERS))
