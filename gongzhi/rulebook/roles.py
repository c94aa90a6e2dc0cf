"""The roles that work with the governing documents (data for rules and selectors).

Reading the adopted, in-force versions is public (every community's library page)."""

from gongzhi.accounts.roles import Role

# Draft, version and adopt the community's documents.
KEEPERS = frozenset({Role.COMMUNITY_STAFF})
# Read every version of the documents (drafts included): the community's staff and the township office.
READERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
# Add, edit, retire and restore the township's own document kinds and templates (the catalogue's stay as seeded).
CATALOGUE_KEEPERS = frozenset({Role.TOWNSHIP_ADMIN})
