import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.roles import STAFF_ROLES, Role

# The schedule is public knowledge: every staff role may look at it; only the
# township office enters it, since it changes every due time in the township.
CALENDAR_EDITORS = frozenset({Role.TOWNSHIP_ADMIN})

rules.add_perm("workdays.view_calendar", holds_role_over(STAFF_ROLES))
rules.add_perm("workdays.manage_calendar", holds_role_over(CALENDAR_EDITORS))
