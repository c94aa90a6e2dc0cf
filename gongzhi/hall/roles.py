"""The roles that work in the service hall (data: rules build predicates from them, the case type routes by them)."""

from gongzhi.accounts.roles import Role

# 前台: the window of a village or community service station, or the township's hall.
FRONT_DESK = frozenset({Role.WINDOW_CLERK, Role.COMMUNITY_STAFF})
# 村级初审 and the decisions a village settles itself.
VILLAGE_REVIEWERS = frozenset({Role.COMMUNITY_STAFF})
# 后台: the deciding department's officers (a role held in the matter's department).
BACK_OFFICE = frozenset({Role.TOWNSHIP_REVIEWER})
# Maintain the catalogue; mark a request unreasonable; handle the follow-up of a bad rating.
HALL_ADMINS = frozenset({Role.TOWNSHIP_ADMIN})
# Review a request marked unreasonable (监委会).
OVERSEERS = frozenset({Role.SUPERVISOR})
# Apply on a resident's behalf (assisted mode, consent recorded): a window, a village 代办员.
PROXIES = frozenset({Role.WINDOW_CLERK, Role.COMMUNITY_STAFF, Role.GRID_WORKER})
APPLICANTS = frozenset({Role.RESIDENT})
