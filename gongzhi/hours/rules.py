"""Who may read service hours. Crediting is checked with the crediting feature's own permission (`sources`)."""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.roles import COMMUNITY_MODERATORS


@rules.predicate
def is_helper(user, obj=None) -> bool:
    return obj is not None and user.is_authenticated and obj.helper_id == user.pk


rules.add_perm("hours.view_credit", is_helper | holds_role_over(COMMUNITY_MODERATORS))
