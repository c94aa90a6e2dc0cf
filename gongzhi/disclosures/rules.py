"""Who may publish on a community's board and read its staff pages. The board itself is public.

Community staff publish, revise and withdraw on their own community's board
(the kernel's `disclosures.publish`). A feature that publishes its own
record (a decision's resolution) passes its own permission and object to
the actions instead (`perm=`, `perm_obj=`), so whoever may resolve the
decision may publish it. The supervisory committee and the township read
the staff pages: what is due, what is overdue, every revision's text.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import PUBLISHERS, READERS

publisher = holds_role_over(PUBLISHERS)
reader = holds_role_over(READERS)

rules.add_perm("disclosures.publish", publisher)  # the object: the community, or a disclosure on its board
rules.add_perm("disclosures.view", reader)
