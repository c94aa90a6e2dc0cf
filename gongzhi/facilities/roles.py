"""The roles that work with the facilities (data for rules and selectors).

Booking is not a role: every signed-in person of a community (its register, or a role held there) books its
bookable facilities and the shared ones of the neighbouring communities (the same township).
"""

from gongzhi.accounts.roles import Role

# Record and edit the community's facilities, approve or refuse bookings, book for a resident (assisted).
KEEPERS = frozenset({Role.COMMUNITY_STAFF})
# The gap to the standard, the usage, every booking of a facility (names unmasked), the township table and export.
READERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
# Edit the township's standard (which community kinds must have which type, the signage each needs), and add,
# edit or retire the township's own facility types.
STANDARD_SETTERS = frozenset({Role.TOWNSHIP_ADMIN})
