import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.roles import AREA_EDITORS, COMMUNITY_MODERATORS, STAFF_ROLES

rules.add_perm("areas.view_area", holds_role_over(STAFF_ROLES))
rules.add_perm("areas.change_area", holds_role_over(AREA_EDITORS))
# Whether search engines may index a community's public pages: its own staff decide (and the township).
rules.add_perm("areas.change_public_settings", holds_role_over(COMMUNITY_MODERATORS))
# A township's departments (科室/部门): the township office keeps the list (decision 0032).
rules.add_perm("areas.manage_departments", holds_role_over(AREA_EDITORS))
