"""Who may do what with situation notes. Whether it is possible *now* (state, the reopen period) is the actions' answer.

Handlers are community staff over the note's area and the township's 社治办
(township admin), as for wishes. Window clerks serve walk-in applications,
not notes; grid workers report notes (over their grids) but do not handle
them. A note is staff-only: besides its handlers only the person who wrote
it sees it, and the township departments its handlers call about it (吹哨).
"""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.cases.predicates import is_author, is_submitter
from gongzhi.cases.rules import called_department

from .roles import GRID_REPORTERS, RESIDENT_REPORTERS, SITUATION_HANDLERS

handler = holds_role_over(SITUATION_HANDLERS)
resident_reporter = holds_role_over(RESIDENT_REPORTERS)
grid_reporter = holds_role_over(GRID_REPORTERS)

rules.add_perm("situations.post", resident_reporter | grid_reporter)
rules.add_perm("situations.post_in_area", grid_reporter)  # the object: the grid or building named
rules.add_perm("situations.view_queue", handler)
rules.add_perm("situations.handle", handler)
# A township department called about the note (吹哨) reads it to reply.
rules.add_perm("situations.view", is_author | is_submitter | handler | called_department)
# Call the township's departments about a note (吹哨), and end the call: its handlers.
rules.add_perm("situations.escalate", handler)
rules.add_perm("situations.withdraw", is_author | is_submitter)
rules.add_perm("situations.reopen", is_author)
rules.add_perm("situations.rate", is_author)
