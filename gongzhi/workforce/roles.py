"""The roles that work with the workforce (data for rules and selectors).

The 网格员 *post* (an Appointment) is the staffing fact: who serves which grid, for what term. The `grid_worker`
*role* (accounts) is access control: whose account may read and write the grid's register. They are granted
separately (decision 0055): the staffing gap counts posts, never role grants.
"""

from gongzhi.accounts.roles import Role

# Record people in posts, vacate them, record their training, the community's contracts.
KEEPERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
# The community's staffing page (names and posts, the gap), the township table and its export.
READERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
# Set a community's staffing target; edit the post catalogue.
TOWNSHIP = frozenset({Role.TOWNSHIP_ADMIN})
