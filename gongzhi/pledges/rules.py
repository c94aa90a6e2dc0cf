"""Who may, on the pledges. Whether it is possible now (a second pledge for a year, a closed year) is the actions'.

- `pledges.use`: anyone signed in (their own pledge page, if the register records them as a party member).
- `pledges.keep`: the community's staff and the township's office over the pledge, member or community: write
  for a member (assisted), record a member's paper consent to be shown, see the approval queue.
- `pledges.approve`: the keepers, and the secretary of the community's party organisation; never on one's own.
- `pledges.view`: the readers over it (staff, supervisory committee, township) and the member themselves.
- `pledges.write`: the member by their own account, or a keeper (for the member, with their consent recorded).
- `pledges.posts`: the township's office keeps the 先锋岗 list.
- `pledges.coverage`: the township's office, the community's staff and its supervisory committee.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.areas.models import Area
from gongzhi.residents.models import Resident

from .models import Pledge
from .roles import COVERAGE_READERS, KEEPERS, POST_KEEPERS, READERS
from .selectors import secretary_of

keeper = holds_role_over(KEEPERS)
reader = holds_role_over(READERS)
post_keeper = holds_role_over(POST_KEEPERS)
coverage_reader = holds_role_over(COVERAGE_READERS)


def _resident(obj) -> Resident | None:
    if isinstance(obj, Pledge):
        return obj.resident
    if isinstance(obj, Resident):
        return obj
    return None


@rules.predicate
def is_the_member(user, obj=None) -> bool:
    resident = _resident(obj)
    return resident is not None and user.is_authenticated and resident.user_id == user.pk


@rules.predicate
def party_secretary(user, obj=None) -> bool:
    community = obj.community if isinstance(obj, Pledge) else obj if isinstance(obj, Area) else None
    return community is not None and secretary_of(user, community)


rules.add_perm("pledges.use", rules.is_authenticated)
rules.add_perm("pledges.keep", keeper)
rules.add_perm("pledges.approve", (keeper | party_secretary) & ~is_the_member)
rules.add_perm("pledges.view", reader | is_the_member | party_secretary)
rules.add_perm("pledges.write", is_the_member | keeper)
rules.add_perm("pledges.posts", post_keeper)
rules.add_perm("pledges.coverage", coverage_reader)
