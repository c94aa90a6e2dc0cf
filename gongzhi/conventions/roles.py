"""The roles that work with conventions (role sets are data: rules build predicates from them, selectors scope by them)."""

from gongzhi.accounts.roles import Role

LAUNCHERS = frozenset({Role.TOWNSHIP_ADMIN})
REVIEWERS = frozenset({Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER})
DRAFTERS = frozenset({Role.COMMUNITY_STAFF})
READERS = frozenset({Role.COMMUNITY_STAFF, Role.SUPERVISOR, Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER})
