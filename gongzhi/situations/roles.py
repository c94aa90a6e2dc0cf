"""The roles that work with situation notes (role sets are data: rules build predicates from them, selectors scope by them)."""

from gongzhi.accounts.roles import Role

SITUATION_HANDLERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
RESIDENT_REPORTERS = frozenset({Role.RESIDENT})
GRID_REPORTERS = frozenset({Role.GRID_WORKER})
