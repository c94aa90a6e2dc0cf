"""Who may do what in the service hall. Whether it is possible *now* (the state, the matter's mode) is the
case type's (workflow.py) and the actions' answer.

- The catalogue: the township's 社治办 (township admin) maintains it; anyone reads the public guides.
- Applying: a resident for themselves (their own community); a window clerk, village cadre or grid worker
  for a resident, in assisted mode with the resident's consent recorded (a village 代办员).
- Handling: the moves without a permission of their own go to the staff the case is routed to in its
  state (the front desk over the applicant's community; the village's cadres for a village review; the
  matter's department for the back office) — `cases.selectors.case_moves_for`.
- Supplying material and withdrawing: the applicant, or whoever applied for them. Rating: the applicant only.
- Seeing one application: the applicant, whoever applied for them, the hall's staff over its community,
  the officers of its department, the township's admin and the supervisory committee (who review requests
  marked unreasonable). Never public: an application is personal.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.roles import REGISTER_READERS
from gongzhi.accounts.scopes import routes_to
from gongzhi.cases.predicates import case_of, is_author, is_submitter

from .roles import APPLICANTS, BACK_OFFICE, FRONT_DESK, HALL_ADMINS, OVERSEERS, PROXIES, VILLAGE_REVIEWERS

front_desk = holds_role_over(FRONT_DESK)
village_reviewer = holds_role_over(VILLAGE_REVIEWERS)
hall_admin = holds_role_over(HALL_ADMINS)
overseer = holds_role_over(OVERSEERS)
applicant = holds_role_over(APPLICANTS)
proxy = holds_role_over(PROXIES)
back_office_anywhere = holds_role_over(BACK_OFFICE)


@rules.predicate
def back_office(user, obj=None) -> bool:
    """An officer of the application's department (or holding the back-office role without one) over its area."""
    if obj is None:
        return bool(back_office_anywhere(user))
    case = case_of(obj)
    return routes_to(user, BACK_OFFICE, case.area_path, case.department_id)


staff = front_desk | village_reviewer | back_office | hall_admin

rules.add_perm("hall.catalogue_manage", hall_admin)
rules.add_perm("hall.apply", applicant)  # the object: the community applied in
rules.add_perm("hall.apply_for", proxy)  # the object: the resident's community
rules.add_perm("hall.view_queue", staff)
rules.add_perm("hall.view", is_author | is_submitter | staff | overseer)
rules.add_perm("hall.supply", is_author | is_submitter)
rules.add_perm("hall.withdraw", is_author | is_submitter)
rules.add_perm("hall.rate", is_author)
rules.add_perm("hall.mark_unreasonable", hall_admin)
rules.add_perm("hall.review_unreasonable", overseer)
rules.add_perm("hall.view_stats", hall_admin | back_office | overseer)
# Revoking an issued result notice (it was wrong, or a decision was withdrawn): the deciding department's
# officers and the township's 社治办; /verify/ then says it is no longer current.
rules.add_perm("hall.revoke_document", hall_admin | back_office)
rules.add_perm("hall.view_followups", hall_admin)
# The applicant's name unmasked: the applicant, whoever applied for them, and those who read the register there.
rules.add_perm("hall.see_names", is_author | is_submitter | holds_role_over(REGISTER_READERS))


# Open311 (GeoReport v2): the township's admin issues and revokes the keys of outside systems; a key's own
# account (standing for the system) submits the requests the system sends, while the key is not revoked.
@rules.predicate
def is_open311_account(user, key=None) -> bool:
    if key is None or not getattr(user, "is_authenticated", False):
        return False
    return key.account_id == user.pk and key.revoked_at is None


rules.add_perm("hall.open311_keys", hall_admin)  # the object: the township
rules.add_perm("hall.open311_submit", is_open311_account)  # the object: the key


# The front desk: a material accepted on a promise (容缺受理) arrives, from the applicant or at the window.
rules.add_perm("hall.receive_promised", front_desk)
rules.add_perm("hall.supply_promised", is_author | is_submitter | front_desk)

# The village power list's flow on an application (actions/flow.py): the community's cadres who review it
# record its steps — verification, the meeting's verdict, the publication and its objections, the signature.
rules.add_perm("hall.keep_flow", village_reviewer)
