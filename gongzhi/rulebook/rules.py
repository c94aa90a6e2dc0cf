"""Who may do what with the governing documents. Whether it is possible *now* (a draft is edited, an adopted
version never) is the actions' answer."""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import CATALOGUE_KEEPERS, KEEPERS, READERS

rules.add_perm("rulebook.view", holds_role_over(READERS))
rules.add_perm("rulebook.keep", holds_role_over(KEEPERS))
rules.add_perm("rulebook.keep_catalogue", holds_role_over(CATALOGUE_KEEPERS))
