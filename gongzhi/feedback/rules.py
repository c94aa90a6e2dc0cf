"""Who may do what with suggestions and complaints about gongzhi. Whether it is possible *now* (still open) is
the actions' answer; which ones a person sees at all (their own, or their township's for the township office)
is the selectors' (`feedback_get_for`: anything else is 404)."""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import ANSWERERS


@rules.predicate
def is_filer(user, obj=None) -> bool:
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    return getattr(obj, "user_id", None) == user.pk


answerer = holds_role_over(ANSWERERS)

rules.add_perm("feedback.file", rules.always_allow)
rules.add_perm("feedback.mine", rules.is_authenticated)
rules.add_perm("feedback.answer", answerer)
rules.add_perm("feedback.view", is_filer | answerer)
rules.add_perm("feedback.withdraw", is_filer)
rules.add_perm("feedback.keep_categories", answerer)
