import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.roles import ID_REVEALERS, REGISTER_BULK, REGISTER_READERS, REGISTER_WRITERS

rules.add_perm("residents.view_resident", holds_role_over(REGISTER_READERS))
rules.add_perm("residents.change_resident", holds_role_over(REGISTER_WRITERS))
rules.add_perm("residents.reveal_id", holds_role_over(ID_REVEALERS))
rules.add_perm("residents.import_residents", holds_role_over(REGISTER_BULK))
rules.add_perm("residents.export_residents", holds_role_over(REGISTER_BULK))
# A forgotten password: the staff of the resident's community (they know the person), nobody above them.
rules.add_perm("residents.reset_password", holds_role_over({"community_staff"}))
rules.add_perm("residents.manage_tags", holds_role_over({"township_admin"}))
