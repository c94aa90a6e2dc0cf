"""Who may do what with conventions and the revision campaign. Whether it is possible *now* is the actions' answer.

The township's 社治办 (township admin) launches a campaign, sees every
community on its board and decides demonstration-village applications; the
legality review is the township's — its 社治办 or a township department
(the judicial office sits among the township reviewers). Community staff
draft their community's revision, record the meeting that adopted it, file
it and apply for the demonstration title. The supervisory committee reads
its community's drafts (监督权). The convention in force is public.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import DRAFTERS, LAUNCHERS, READERS, REVIEWERS

launcher = holds_role_over(LAUNCHERS)
reviewer = holds_role_over(REVIEWERS)
drafter = holds_role_over(DRAFTERS)
reader = holds_role_over(READERS)

rules.add_perm("conventions.launch", launcher)  # the object: the township
rules.add_perm("conventions.view_board", reviewer)  # the object: the campaign
rules.add_perm("conventions.export", reviewer)
rules.add_perm("conventions.view", reader)  # a revision, a campaign, an application
rules.add_perm("conventions.draft", drafter)  # a community, or its revision
rules.add_perm("conventions.review", reviewer)
rules.add_perm("conventions.adopt", drafter)
rules.add_perm("conventions.file", drafter)
rules.add_perm("conventions.acknowledge", launcher)  # the township office acknowledges a filing
rules.add_perm("conventions.record_in_force", drafter)
rules.add_perm("conventions.apply_demonstration", drafter)
rules.add_perm("conventions.decide_demonstration", launcher)
