"""Who may do what with wishes. Whether it is possible *now* (state) is the actions' answer."""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.cases.predicates import case_of, is_author, is_submitter

from .roles import WISH_ASSISTERS, WISH_HELPERS, WISH_MODERATORS, WISH_STAFF, WISHERS


@rules.predicate
def is_claimer(user, obj=None) -> bool:
    return obj is not None and user.is_authenticated and getattr(obj, "claimer_id", None) == user.pk


@rules.predicate
def has_no_account_to_confirm(user, obj=None) -> bool:
    """An assisted wish of someone without an account: a witness confirms for them."""
    return obj is not None and case_of(obj).author_id is None


moderator = holds_role_over(WISH_MODERATORS)
assister = holds_role_over(WISH_ASSISTERS)
helper = holds_role_over(WISH_HELPERS)
staff = holds_role_over(WISH_STAFF)

rules.add_perm("wishes.post_own", holds_role_over(WISHERS))
rules.add_perm("wishes.post_assisted", assister)
rules.add_perm("wishes.moderate", moderator)
rules.add_perm("wishes.view_queue", staff)
rules.add_perm("wishes.claim", helper & ~is_author)
rules.add_perm("wishes.fulfil", is_claimer)
rules.add_perm("wishes.confirm", is_author | (assister & has_no_account_to_confirm & ~is_claimer))
rules.add_perm("wishes.rate", is_author)
rules.add_perm("wishes.withdraw", is_author | is_submitter | moderator)
# Only the wisher (or whoever typed it for them) rewrites or revives their own wish; staff return it instead.
rules.add_perm("wishes.reopen", is_author | is_submitter)
rules.add_perm("wishes.resubmit", is_author | is_submitter)
rules.add_perm("wishes.release", is_claimer | moderator)
rules.add_perm("wishes.view_private", is_author | is_submitter | is_claimer | staff)
# The wisher's full name: not to the claimer, who arranges the help through the community
# (PIPL: no more personal data than the task needs; the vulnerable are anonymised anyway).
rules.add_perm("wishes.see_wisher", is_author | is_submitter | staff)
rules.add_perm("wishes.change_settings", moderator)
# The private thread after a claim: the wisher, whoever typed it for them, the claimer, the community's staff.
rules.add_perm("wishes.message", is_author | is_submitter | is_claimer | moderator)
# How the claimer may reach the wisher: the wisher (or whoever typed it for them) decides.
rules.add_perm("wishes.set_contact", is_author | is_submitter)
