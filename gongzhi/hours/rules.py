"""Who may print a service-hours certificate (obj: the helper, a User): the helper themselves, and the staff of a
community (or the township office) over the helper's entry in the register."""

import rules

from gongzhi.accounts.roles import COMMUNITY_MODERATORS
from gongzhi.accounts.scopes import covers, paths_for


@rules.predicate
def is_self(user, helper=None) -> bool:
    return helper is not None and user.is_authenticated and user.pk == helper.pk


@rules.predicate
def staff_over_helper(user, helper=None) -> bool:
    if helper is None or not user.is_authenticated:
        return False
    from gongzhi.residents.models import Resident

    paths = paths_for(user, COMMUNITY_MODERATORS)
    if not paths:
        return False
    area_paths = Resident.objects.filter(user=helper).values_list("area_path", flat=True)
    return any(covers(paths, path) for path in area_paths)


rules.add_perm("hours.certificate", is_self | staff_over_helper)
