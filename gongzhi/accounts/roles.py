"""The roles of DESIGN.md. A role is always held over an area (and its subtree)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TOWNSHIP_ADMIN = "township_admin", _("镇社治办管理员")
    TOWNSHIP_REVIEWER = "township_reviewer", _("镇级部门审批人")
    COMMUNITY_STAFF = "community_staff", _("村(社区)干部")
    WINDOW_CLERK = "window_clerk", _("前台窗口人员")
    GRID_WORKER = "grid_worker", _("网格员")
    PARTY_MEMBER = "party_member", _("党员")
    VOLUNTEER = "volunteer", _("志愿者")
    MEDIATOR = "mediator", _("调解员")
    SUPERVISOR = "supervisor", _("监委会成员")
    RESIDENT = "resident", _("居民")
    ORG_REPRESENTATIVE = "org_representative", _("社会组织代表")
    SYS_ADMIN = "sys_admin", _("系统管理员")
    SEC_ADMIN = "sec_admin", _("安全管理员")
    AUDIT_ADMIN = "audit_admin", _("审计管理员")


# 三员分立: one person may hold at most one of these.
SEPARATED_ADMIN_ROLES = frozenset({Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN})

# Roles whose holders work on other people's records: shorter idle timeout.
STAFF_ROLES = frozenset(
    {
        Role.TOWNSHIP_ADMIN,
        Role.TOWNSHIP_REVIEWER,
        Role.COMMUNITY_STAFF,
        Role.WINDOW_CLERK,
        Role.GRID_WORKER,
        Role.MEDIATOR,
        Role.SUPERVISOR,
        Role.SYS_ADMIN,
        Role.SEC_ADMIN,
        Role.AUDIT_ADMIN,
    }
)

# Who reads the residents' register, and who may see a full ID number.
REGISTER_READERS = frozenset(
    {Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER, Role.COMMUNITY_STAFF, Role.WINDOW_CLERK, Role.GRID_WORKER}
)
REGISTER_WRITERS = frozenset({Role.COMMUNITY_STAFF, Role.WINDOW_CLERK, Role.GRID_WORKER})
ID_REVEALERS = frozenset({Role.TOWNSHIP_ADMIN, Role.COMMUNITY_STAFF, Role.WINDOW_CLERK})
REGISTER_BULK = frozenset({Role.TOWNSHIP_ADMIN, Role.COMMUNITY_STAFF})
AREA_EDITORS = frozenset({Role.TOWNSHIP_ADMIN})
AUDIT_READERS = frozenset({Role.AUDIT_ADMIN, Role.SUPERVISOR})

# Community work shared by the wish wall, micro-services and later features.
COMMUNITY_MODERATORS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})  # publish, moderate, cancel
ASSISTERS = frozenset({Role.GRID_WORKER, Role.WINDOW_CLERK, Role.COMMUNITY_STAFF})  # act for a resident
HELPERS = frozenset({Role.PARTY_MEMBER, Role.VOLUNTEER})  # claim requests, give services

# Roles that may be held in a township department (科室/部门, decision 0032): its officers. A role held in a
# department covers only that department's matters; every other role is held over its area only.
DEPARTMENT_ROLES = frozenset({Role.TOWNSHIP_REVIEWER})

# Roles held for a registered social organisation (gongzhi.orgs, decision 0043): over the organisation's home
# area, and only for that organisation (`RoleAssignment.organisation`), as a department role is for its
# department. The organisation's keepers grant them on its page, not the security administrator.
ORGANISATION_ROLES = frozenset({Role.ORG_REPRESENTATIVE})
