"""The roles that work with suggestions and complaints about gongzhi (data for rules and selectors).

Filing is not a role: anyone signed in files, and a visitor who leaves a name and a mobile number.
"""

from gongzhi.accounts.roles import Role

# Answer the suggestions and complaints of their township and read its counts.
ANSWERERS = frozenset({Role.TOWNSHIP_ADMIN})
