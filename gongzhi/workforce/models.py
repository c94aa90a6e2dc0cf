"""队伍: the posts of a community's workforce, the people in them, their training, the township's staffing targets
and the purchased social-work services (政府购买服务) that fund posts.

- `PostType`: the catalogue of posts (专职社区工作者, 网格员, 村民小组长, 楼院门栋长, the 五员, 志愿服务队 …), data the
  township office edits: the area level a post sits at, full- or part-time, and whether it counts toward the
  "专兼职工作者" staffing figure. Seeded with defaults by a data migration.
- `ServiceContract`: a contract of purchased social-work services with a registered organisation (gongzhi.orgs):
  its number, amount, period and scanned contract; the posts it funds point at it.
- `Appointment`: a resident of the register in a post, in one area of their community (the community itself, a
  resident group, a grid or a building, as the post's level says), with a term, vacated with a reason.
- `Training`: a training record (date, title, hours, organiser) of one person in a post.
- `Target`: the township's staffing target for one community: at least N full- and part-time workers, and the post
  types every area of their level must have a holder of (every grid a 网格员, every group a 组长 …).
- `DefaultTarget`: the default target per kind of community (行政村, 城市社区), seeded and edited by the township
  office; a community without a target of its own is measured against its kind's default (marked 默认).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gongzhi.areas.models import CommunityType


class PostLevel(models.TextChoices):
    COMMUNITY = "community", _("村(社区)")
    RESIDENT_GROUP = "resident_group", _("村(居)民小组")
    GRID = "grid", _("网格")
    BUILDING = "building", _("楼院门栋")


class Duty(models.TextChoices):
    FULL_TIME = "full_time", _("专职")
    PART_TIME = "part_time", _("兼职")
    VOLUNTEER = "volunteer", _("志愿")


class PostType(models.Model):
    name = models.CharField(_("岗位名称"), max_length=30, unique=True)
    group = models.CharField(_("所属队伍"), max_length=30, blank=True)  # e.g. 五员, 二队, 网格
    level = models.CharField(_("所在层级"), max_length=20, choices=PostLevel.choices)
    duty = models.CharField(_("专职/兼职"), max_length=10, choices=Duty.choices)
    counts_as_worker = models.BooleanField(_("计入专兼职工作者"), default=False)
    # The key of the roster that keeps the one record of this post's holders (gongzhi.core.posts, decision 0061):
    # its holders are read from there, shown and counted here, and never appointed here. Blank: kept here.
    kept_in = models.CharField(_("在哪里登记"), max_length=30, blank=True, default="")
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        return self.name


class ServiceContract(models.Model):
    """A contract of purchased social-work services (政府购买社会工作服务) for one community."""

    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("承接机构")
    )
    number = models.CharField(_("合同编号"), max_length=40)
    amount = models.DecimalField(_("合同金额（元）"), max_digits=12, decimal_places=2)
    starts_on = models.DateField(_("服务开始日期"))
    ends_on = models.DateField(_("服务结束日期"))
    scope = models.CharField(_("服务内容"), max_length=200, blank=True)
    scan_path = models.CharField(max_length=120, blank=True, editable=False)
    scan_name = models.CharField(max_length=80, blank=True, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area_path", "-ends_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="workforce_contract_number_once"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="workforce_contract_period"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"{self.community.name}·{self.number}"


class Appointment(models.Model):
    """A resident of the register in a post (任职), in one area of their community."""

    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("负责区域")
    )
    area_path = models.CharField(max_length=120, db_index=True, editable=False)  # the area's
    post_type = models.ForeignKey(
        PostType, on_delete=models.PROTECT, related_name="+", verbose_name=_("岗位")
    )
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("任期开始"))
    term_ends_on = models.DateField(_("任期结束"), null=True, blank=True)
    contract = models.ForeignKey(
        ServiceContract,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("购买服务合同"),
    )
    vacated_on = models.DateField(_("离岗日期"), null=True, blank=True)
    vacate_reason = models.CharField(_("离岗原因"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area_path", "post_type__sort_order", "started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post_type", "area", "resident"],
                condition=Q(vacated_on=None),
                name="workforce_appointment_current_once",
            ),
            models.CheckConstraint(
                condition=Q(term_ends_on=None) | Q(term_ends_on__gte=F("started_on")),
                name="workforce_term_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"appointment {self.pk}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"{self.area.name}·{self.post_type.name}"

    @property
    def current(self) -> bool:
        return self.vacated_on is None


class Training(models.Model):
    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="trainings")
    held_on = models.DateField(_("培训日期"))
    title = models.CharField(_("培训内容"), max_length=100)
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)
    organiser = models.CharField(_("组织单位"), max_length=60)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.appointment.area_path

    @property
    def audit_area(self):
        return self.appointment.community

    @property
    def audit_label(self) -> str:
        return f"{self.appointment.post_type.name}·{self.title}"


class Target(models.Model):
    """The township's staffing target for one community."""

    community = models.OneToOneField("areas.Area", on_delete=models.CASCADE, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    min_workers = models.PositiveIntegerField(_("专兼职工作者至少（人）"), default=0)
    covered = models.ManyToManyField(
        PostType, blank=True, related_name="+", verbose_name=_("每个区域都要有人担任的岗位")
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area_path"]

    def __str__(self) -> str:
        return f"target {self.community_id}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"{self.community.name}·配备目标"


class DefaultTarget(models.Model):
    """The default staffing target of a kind of community (行政村, 城市社区), data the township office edits: a
    community the township has set no target of its own for is measured against it, marked 默认."""

    community_type = models.CharField(
        _("村/社区类别"), max_length=10, choices=CommunityType.choices, unique=True
    )
    min_workers = models.PositiveIntegerField(_("专兼职工作者至少（人）"), default=0)
    covered = models.ManyToManyField(
        PostType, blank=True, related_name="+", verbose_name=_("每个区域都要有人担任的岗位")
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # None: as seeded
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["community_type"]

    def __str__(self) -> str:
        return f"default target {self.community_type}"

    @property
    def audit_label(self) -> str:
        return f"{self.get_community_type_display()}·默认配备目标"
