"""Who asks, who reviews, who reads polls and evaluations: role sets the rules and the selectors both read."""

from gongzhi.accounts.roles import Role

ASKERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})  # open and close consultative polls
REVIEWERS = frozenset({Role.SUPERVISOR})  # run the 双评, if also sitting on the supervisory committee
READERS = frozenset({Role.COMMUNITY_STAFF, Role.SUPERVISOR, Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER})
TOWNSHIP = frozenset({Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER})  # the page of flags
