"""The roles that work with people's mediation (role sets are data: rules build predicates from them).

A mediator acts through `Role.MEDIATOR` held over the community *and* a current seat on the community's
people's mediation committee (a body of kind `mediation`, gongzhi.bodies): the role is the account's
access, the seat is the office (人民调解法 第八条、第十三条). Neither alone reads a case: a case is read
by its parties, its assigned mediators and the committee's chair only (rules.py).
"""

from gongzhi.accounts.roles import Role

MEDIATORS = frozenset({Role.MEDIATOR})
# Who may bring a dispute in: a resident for themself, a grid worker from their grid, the committee.
RESIDENT_APPLICANTS = frozenset({Role.RESIDENT})
GRID_REPORTERS = frozenset({Role.GRID_WORKER})
# Who reads the statistics (aggregates only): the township office, the community's staff, the committee.
STATISTICS_READERS = frozenset({Role.TOWNSHIP_ADMIN, Role.COMMUNITY_STAFF, Role.MEDIATOR})
# Who reads the committee's roster and training records: the committee, the community's staff, the township.
ROSTER_READERS = frozenset({Role.TOWNSHIP_ADMIN, Role.COMMUNITY_STAFF, Role.MEDIATOR})
