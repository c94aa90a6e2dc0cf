"""The roles that work with the funds (data for rules and selectors)."""

from gongzhi.accounts.roles import Role

# Keep the ledger: funds, income, plans, expenditures and vouchers, answer questions, generate and publish boards.
KEEPERS = frozenset({Role.COMMUNITY_STAFF})
# Read every fund, plan, expenditure and voucher of their communities (township admin: read-only).
READERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN, Role.SUPERVISOR})
# 民主理财: a supervisor who also holds a seat on the community's supervisory committee today.
SUPERVISORS = frozenset({Role.SUPERVISOR})
# Set the township's funds policy and edit the catalogues.
POLICY_SETTERS = frozenset({Role.TOWNSHIP_ADMIN})
