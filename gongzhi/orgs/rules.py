"""Who may do what with social organisations. The object: the home area (registering), else the organisation.

Keepers (the township office, a community's staff) register, review and keep the organisations of their
area; an organisation's representatives edit its profile (never its state) and speak for it."""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.scopes import organisation_ids_for

from .roles import KEEPERS, READERS, REPRESENTATIVES


@rules.predicate
def represents(user, obj=None) -> bool:
    """The user holds a representative's role for this organisation (for any, without an object)."""
    ids = organisation_ids_for(user, REPRESENTATIVES)
    if obj is None:
        return bool(ids)
    return getattr(obj, "pk", None) in ids and hasattr(obj, "serves_all")


keeper = holds_role_over(KEEPERS)
reader = holds_role_over(READERS)

rules.add_perm("orgs.keep", keeper)  # register (备案), review, suspend, end, representatives
rules.add_perm("orgs.view", reader | represents)
rules.add_perm("orgs.edit_profile", keeper | represents)
