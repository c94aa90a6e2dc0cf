"""Who may, on the merit board. Whether it is possible now (consented, in review, in 公示) is the actions' answer.

- `merit.use`: anyone signed in (the pages of their nominations, their consent, their objections).
- `merit.nominate`: over a community — its staff (and the grid worker, the window clerk), a resident registered
  there, or the representative of a registered social organisation serving it (the action checks which).
- `merit.keep`: the community's staff and the township's office over the nomination or the community.
- `merit.view`: the readers over it (staff, supervisory committee, township), its nominator, the nominee (or the
  household's head), and once consented, the members of the community's 道德评议会.
- `merit.consent`: the nominee (or the household's head) by their own account.
- `merit.review`: a member of the community's 道德评议会 today (staff only if they sit on it).
- `merit.categories`: the township's office.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.areas.models import Area
from gongzhi.residents.models import Resident

from .models import CONSENTED_STATES, Nomination
from .roles import CATEGORY_KEEPERS, KEEPERS, READERS
from .selectors import review_member_of, staff_nominator_over

keeper = holds_role_over(KEEPERS)
reader = holds_role_over(READERS)
category_keeper = holds_role_over(CATEGORY_KEEPERS)


def _community(obj) -> Area | None:
    if isinstance(obj, Nomination):
        return obj.community
    if isinstance(obj, Area):
        return obj
    return None


@rules.predicate
def nominator_of_community(user, obj=None) -> bool:
    if not user.is_authenticated:
        return False
    community = _community(obj)
    if community is None:
        return True  # a form: the action asks again over the chosen community
    if staff_nominator_over(user, community):
        return True
    if Resident.objects.filter(user=user, community=community, status="active").exists():
        return True
    from gongzhi.orgs.selectors import organisations_speaking_for

    return organisations_speaking_for(user, community).exists()


@rules.predicate
def nominated_it(user, obj=None) -> bool:
    return isinstance(obj, Nomination) and user.is_authenticated and obj.nominated_by_id == user.pk


@rules.predicate
def is_consenter(user, obj=None) -> bool:
    if not isinstance(obj, Nomination) or not user.is_authenticated:
        return False
    return obj.consenter.user_id == user.pk


@rules.predicate
def sits_on_review(user, obj=None) -> bool:
    community = _community(obj)
    return community is not None and review_member_of(user, community) is not None


@rules.predicate
def consented(user, obj=None) -> bool:
    return isinstance(obj, Nomination) and obj.state in CONSENTED_STATES


rules.add_perm("merit.use", rules.is_authenticated)
rules.add_perm("merit.nominate", nominator_of_community)
rules.add_perm("merit.keep", keeper)
rules.add_perm("merit.view", reader | nominated_it | is_consenter | (sits_on_review & consented))
rules.add_perm("merit.consent", is_consenter)
rules.add_perm("merit.review", sits_on_review)
rules.add_perm("merit.object", rules.is_authenticated)
rules.add_perm("merit.categories", category_keeper)
