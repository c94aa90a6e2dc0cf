"""The area tree: county → township → community → resident group / grid → building.

`path` is the chain of ancestor ids, 8 digits each, so a subtree is one range
query on an indexed column (see accounts.scopes).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    COUNTY = "county", _("县(区)")
    TOWNSHIP = "township", _("镇(乡、街道)")
    COMMUNITY = "community", _("村(社区)")
    RESIDENT_GROUP = "resident_group", _("村(居)民小组")
    GRID = "grid", _("网格")
    BUILDING = "building", _("楼院门栋")


class CommunityType(models.TextChoices):
    VILLAGE = "village", _("行政村")
    URBAN = "urban", _("城市社区")


# Which kinds may hang under which.
ALLOWED_CHILDREN: dict[str, set[str]] = {
    AreaKind.COUNTY: {AreaKind.TOWNSHIP},
    AreaKind.TOWNSHIP: {AreaKind.COMMUNITY},
    AreaKind.COMMUNITY: {AreaKind.RESIDENT_GROUP, AreaKind.GRID},
    AreaKind.RESIDENT_GROUP: {AreaKind.GRID, AreaKind.BUILDING},
    AreaKind.GRID: {AreaKind.BUILDING},
    AreaKind.BUILDING: set(),
}


class Area(models.Model):
    kind = models.CharField(_("类型"), max_length=20, choices=AreaKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(max_length=120, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    code = models.CharField(_("统计用区划代码"), max_length=12, blank=True, default="")
    community_type = models.CharField(
        _("村/社区类别"), max_length=10, choices=CommunityType.choices, blank=True, default=""
    )
    sort_order = models.PositiveIntegerField(default=0)
    # A community's public pages (its wish wall, its convention) carry noindex unless it opts in.
    search_indexing = models.BooleanField(_("允许搜索引擎收录公开页面"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("区域")
        verbose_name_plural = _("区域")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~models.Q(code=""), name="area_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_path(self) -> str:
        return self.path

    @property
    def audit_area(self) -> "Area":
        return self

    def ancestor_ids(self) -> list[int]:
        return [int(self.path[i : i + 8]) for i in range(0, len(self.path), 8)]


class DepartmentKind(models.TextChoices):
    DEPARTMENT = "department", _("部门(科室)")
    # The township's joint handling: the 综治中心 that gathers departments when a village 吹哨.
    JOINT = "joint", _("联合处置中心")


class Department(models.Model):
    """A department (科室/部门) of a township: 民政办, 社会事务办, 综治中心 …

    Staff work in a department by holding a role in it (a RoleAssignment
    that names the department); a case may belong to one, and any case can
    be escalated to one or more departments of its township (吹哨).
    """

    township = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("名称"), max_length=50)
    kind = models.CharField(
        _("类型"), max_length=12, choices=DepartmentKind.choices, default=DepartmentKind.DEPARTMENT
    )
    sort_order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["township_id", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="department_name_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_path(self) -> str:
        return self.township.path

    @property
    def audit_area(self) -> Area:
        return self.township
