import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.roles import AREA_EDITORS, STAFF_ROLES

rules.add_perm("areas.view_area", holds_role_over(STAFF_ROLES))
rules.add_perm("areas.change_area", holds_role_over(AREA_EDITORS))
