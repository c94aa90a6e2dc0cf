"""The roles that work with legal rosters, consultations and 民主法治示范村 applications (data for rules and selectors)."""

from gongzhi.accounts.roles import ASSISTERS, Role

# Keep the rosters (advisers, assistants, police liaisons, 法律明白人 and their training) and publish an
# adviser's slots for them: a community's staff over their community, the township office over the township
# (the township's 司法所 appoints the village advisers).
KEEPERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
READERS = frozenset({Role.COMMUNITY_STAFF, Role.SUPERVISOR, Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER})
# Who sees what a resident wants to ask (the topic of a consultation), beside the resident and the adviser.
TOPIC_READERS = frozenset({Role.COMMUNITY_STAFF})
BOOKERS = frozenset({Role.RESIDENT})
APPLICANTS = frozenset({Role.COMMUNITY_STAFF})
DECIDERS = frozenset({Role.TOWNSHIP_ADMIN})
# Book for a resident of the register who cannot do it themselves (assisted mode: consent recorded).
BOOKING_ASSISTERS = ASSISTERS
