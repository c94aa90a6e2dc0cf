"""Who a case concerns, as predicates of the `rules` package for every case feature's rules.py.

The object is a case or a feature's record that has one (`obj.case`): a
wish, a situation note. The author is the person the case is about and
who has an account; the submitter is whoever typed it for them (a grid
worker or clerk posting for a resident without a phone).
"""

import rules


def case_of(obj):
    """The case behind a feature's record (`obj.case`), or `obj` itself when it is the case."""
    return getattr(obj, "case", obj)


@rules.predicate
def is_author(user, obj=None) -> bool:
    return obj is not None and user.is_authenticated and case_of(obj).author_id == user.pk


@rules.predicate
def is_submitter(user, obj=None) -> bool:
    return obj is not None and user.is_authenticated and case_of(obj).submitted_by_id == user.pk
