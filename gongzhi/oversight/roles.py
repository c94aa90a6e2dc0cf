"""Who reads the township's oversight page (data for rules and selectors). A county role, when one exists, is held
over the county and so covers its townships: the scoping is by area, not by role name."""

from gongzhi.accounts.roles import Role

# The township page, the community drill-down, the Excel export and the yearly reports.
READERS = frozenset({Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER})

# The county forms (templates, hand-typed values, the filled workbooks): the township office.
FORM_KEEPERS = frozenset({Role.TOWNSHIP_ADMIN})
