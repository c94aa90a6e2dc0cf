"""Who publishes and who reads a community's board: role sets that the rules and the selectors both read."""

from gongzhi.accounts.roles import Role

PUBLISHERS = frozenset({Role.COMMUNITY_STAFF})
# Staff pages (every item, withdrawn ones too, every revision's text, what is due): the publishers, the
# supervisory committee (监督权) and the township.
READERS = frozenset({Role.COMMUNITY_STAFF, Role.SUPERVISOR, Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER})
