import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.roles import ID_REVEALERS, REGISTER_BULK, REGISTER_READERS, REGISTER_WRITERS

from .roles import EXPORT_APPROVERS, EXPORT_REQUESTERS

rules.add_perm("residents.view_resident", holds_role_over(REGISTER_READERS))
rules.add_perm("residents.change_resident", holds_role_over(REGISTER_WRITERS))
rules.add_perm("residents.reveal_id", holds_role_over(ID_REVEALERS))
rules.add_perm("residents.import_residents", holds_role_over(REGISTER_BULK))
rules.add_perm("residents.export_residents", holds_role_over(REGISTER_BULK))
# A forgotten password: the staff of the resident's community (they know the person), nobody above them.
rules.add_perm("residents.reset_password", holds_role_over({"community_staff"}))
rules.add_perm("residents.manage_tags", holds_role_over({"township_admin"}))
# Full exports (IDs and phones): asked for by those who may both export and reveal IDs, approved by
# the township office over the request's area — never by the person who asked (export_actions).
rules.add_perm("residents.request_export", holds_role_over(EXPORT_REQUESTERS))
rules.add_perm("residents.approve_export", holds_role_over(EXPORT_APPROVERS))
