"""Who may ask, review and read. Whether it is possible now (open, closed, voted) is the actions' answer.

- `polls.ask`: a consultative poll — the community's staff over the community or a resident group, the
  township's office over the township (the object: the area, or the round).
- `polls.review`: the 双评 (民主评议 of the committee's members, 群众评议 of its work) are run by the
  supervisory committee (村民委员会组织法 第三十三条: 由村务监督机构主持): a user holding the supervisor role
  over the community who also sits on its supervisory committee today (the object: the community, or the
  round).
- `polls.view`: a round's voters, the residents of its area with an account, and the staff, the supervisory
  committee and the township over its area.
- `polls.flags`: the township's page of members flagged for 不称职 twice running.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.areas.models import Area

from .models import Round, RoundBox
from .roles import ASKERS, READERS, REVIEWERS, TOWNSHIP
from .selectors import resident_paths, supervisory_member

asker = holds_role_over(ASKERS)
supervisor = holds_role_over(REVIEWERS)
reader = holds_role_over(READERS)
township = holds_role_over(TOWNSHIP)


def _community(obj) -> Area | None:
    area = obj.area if isinstance(obj, Round) else obj
    if not isinstance(area, Area):
        return None
    return area if area.kind == "community" else None


@rules.predicate
def sits_on_supervisory(user, obj=None) -> bool:
    if obj is None:
        return True  # a list or a form: the action asks again over the community
    community = _community(obj)
    return community is not None and supervisory_member(user, community)


@rules.predicate
def voter_or_resident(user, obj=None) -> bool:
    if not isinstance(obj, Round) or not user.is_authenticated:
        return False
    if any(path.startswith(obj.area_path) for path in resident_paths(user)):
        return True
    return RoundBox.objects.filter(round=obj, box__eligible__user=user).exists()


rules.add_perm("polls.ask", asker)
rules.add_perm("polls.review", supervisor & sits_on_supervisory)
rules.add_perm("polls.view", reader | voter_or_resident)
rules.add_perm("polls.flags", township)
