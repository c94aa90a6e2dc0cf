"""Who may do what with the workforce. Which communities a person reads or keeps is the selectors' answer.

Objects: a community (keeping its people in posts, reading its staffing), an appointment or a contract (their
community), a target (its community), none for the catalogue (the township office edits it).
"""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import KEEPERS, READERS, TOWNSHIP

rules.add_perm("workforce.browse", rules.is_authenticated)
rules.add_perm("workforce.view", holds_role_over(READERS))
rules.add_perm("workforce.export", holds_role_over(READERS))
rules.add_perm("workforce.keep", holds_role_over(KEEPERS))
rules.add_perm("workforce.set_target", holds_role_over(TOWNSHIP))
rules.add_perm("workforce.edit_posts", holds_role_over(TOWNSHIP))
rules.add_perm("workforce.set_defaults", holds_role_over(TOWNSHIP))
