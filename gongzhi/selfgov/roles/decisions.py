"""Who works on 四议两公开 decisions and the power list (role sets are data: rules build predicates from them,
selectors scope by them)."""

from gongzhi.accounts.roles import Role

# The committee executes (执行权): community staff keep the record of every stage and the execution.
KEEPERS = frozenset({Role.COMMUNITY_STAFF})
# A decision may also start from the township (镇里交办): its 社治办 starts it for a community.
STARTERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
# The supervisory committee (监督权) and the township read every decision of their community.
READERS = frozenset({Role.COMMUNITY_STAFF, Role.SUPERVISOR, Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER})
SUPERVISORS = frozenset({Role.SUPERVISOR})
# The township's template of the power list is the 社治办's; a community's copy is its staff's.
TEMPLATE_KEEPERS = frozenset({Role.TOWNSHIP_ADMIN})
LIST_KEEPERS = frozenset({Role.COMMUNITY_STAFF})
