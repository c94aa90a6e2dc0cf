"""The residents' register: households and people, personal data protected.

ID numbers and phones are stored encrypted (AES-GCM) with a keyed blind
index for uniqueness and exact look-up; lists show the last four digits of
the ID only, never beside a full birth date.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core.masking import mask_id_last4

from .codes import (
    EDUCATION_CHOICES,
    ETHNICITY_CHOICES,
    GENDER_CHOICES,
    MARITAL_STATUS_CHOICES,
    POLITICAL_STATUS_CHOICES,
    RELATION_CHOICES,
    RESIDENCE_TYPE_CHOICES,
)


class Tag(models.Model):
    """A managed label (党员, 三留守, 低保, …). Sensitive tags are staff-only."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40, unique=True)
    is_sensitive = models.BooleanField(_("敏感标签"), default=False)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("标签")
        verbose_name_plural = _("标签")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class Household(models.Model):
    number = models.CharField(_("户编号"), max_length=40)
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="households")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+", editable=False)
    address = models.CharField(_("住址"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("户")
        verbose_name_plural = _("户")
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="household_number_unique")
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
        return f"户 {self.number}"


class ResidentStatus(models.TextChoices):
    ACTIVE = "active", _("在册")
    MOVED_OUT = "moved_out", _("已迁出")
    DECEASED = "deceased", _("已故")


class Resident(models.Model):
    name = models.CharField(_("姓名"), max_length=50)
    name_pinyin = models.CharField(max_length=200, db_index=True, editable=False)
    name_initials = models.CharField(max_length=50, db_index=True, editable=False)
    # The list's order: pinyin syllables, spaced (pinyin.name_sort_key), never the DB collation.
    name_sort = models.CharField(max_length=250, default="", editable=False)
    gender = models.CharField(_("性别"), max_length=1, choices=GENDER_CHOICES)
    birth_date = models.DateField(_("出生日期"))
    ethnicity = models.CharField(_("民族"), max_length=2, choices=ETHNICITY_CHOICES, default="01")
    political_status = models.CharField(
        _("政治面貌"), max_length=2, choices=POLITICAL_STATUS_CHOICES, default="13"
    )
    education = models.CharField(_("文化程度"), max_length=2, choices=EDUCATION_CHOICES, blank=True)
    marital_status = models.CharField(_("婚姻状况"), max_length=2, choices=MARITAL_STATUS_CHOICES, blank=True)
    id_ciphertext = models.TextField(editable=False)
    id_index = models.CharField(max_length=64, unique=True, editable=False)
    id_last4 = models.CharField(max_length=4, editable=False)
    phone_ciphertext = models.TextField(blank=True, default="", editable=False)
    phone_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    phone_masked = models.CharField(_("手机号"), max_length=11, blank=True, default="", editable=False)
    registered_address = models.CharField(_("户籍地址"), max_length=200, blank=True)
    current_address = models.CharField(_("现住址"), max_length=200, blank=True)
    residence_type = models.CharField(
        _("人口类型"), max_length=20, choices=RESIDENCE_TYPE_CHOICES, default="registered"
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    relation_to_head = models.CharField(_("与户主关系"), max_length=2, choices=RELATION_CHOICES, blank=True)
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="residents")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+", editable=False)
    grid = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", null=True, editable=False
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="residents")
    status = models.CharField(_("状态"), max_length=12, choices=ResidentStatus.choices, default="active")
    user = models.OneToOneField(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="resident"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("居民")
        verbose_name_plural = _("居民")
        indexes = [
            # Lists filter one scope by status and search initials or pinyin, ordered by initials:
            # with those columns in the index, counting and filtering never touch the table.
            models.Index(
                fields=["area_path", "name_initials", "status", "name_pinyin"], name="resident_scope_search"
            ),
            models.Index(fields=["area_path", "birth_date"], name="resident_scope_birth"),
            models.Index(fields=["name_sort", "name", "id"], name="resident_name_sort"),
            models.Index(fields=["name"], name="resident_name"),
            models.Index(fields=["id_last4"], name="resident_last4"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"{self.name}({self.masked_id})"

    @property
    def masked_id(self) -> str:
        return mask_id_last4(self.id_last4)


class ResidentEventKind(models.TextChoices):
    REGISTERED = "registered", _("登记")
    MOVED = "moved", _("迁居")
    MOVED_OUT = "moved_out", _("迁出")
    RETURNED = "returned", _("迁回")
    DECEASED = "deceased", _("死亡")


class ResidentEvent(models.Model):
    """Moving house, leaving and death are events; the resident row is never deleted."""

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("变动类型"), max_length=12, choices=ResidentEventKind.choices)
    happened_on = models.DateField(_("发生日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    from_area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, null=True, related_name="+")
    to_area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, null=True, related_name="+")
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("居民变动")
        verbose_name_plural = _("居民变动")
        ordering = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.resident} {self.get_kind_display()}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    VALIDATING = "validating", _("正在校验")
    IMPORTING = "importing", _("正在导入")
    SUCCEEDED = "succeeded", _("导入成功")
    REJECTED = "rejected", _("有错误，未导入")
    FAILED = "failed", _("系统错误，未导入")


class ImportJob(models.Model):
    """One uploaded Excel file and what became of it. All rows or none are imported."""

    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("文件名"), max_length=200)
    stored_name = models.CharField(max_length=80, editable=False)
    source_ip = models.CharField(max_length=45, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=ImportStatus.choices, default="queued")
    total_rows = models.PositiveIntegerField(_("数据行数"), default=0)
    imported_rows = models.PositiveIntegerField(_("已导入"), default=0)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    report_name = models.CharField(max_length=80, blank=True, editable=False)
    # The first rows' errors as [row, column, reason], shown on the job's page (the report has them all).
    row_errors = models.JSONField(default=list, blank=True, editable=False)
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.SUCCEEDED, ImportStatus.REJECTED, ImportStatus.FAILED)


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准，待下载")
    REFUSED = "refused", _("未批准")
    DOWNLOADED = "downloaded", _("已下载")


class ExportRequest(models.Model):
    """An export that needs a second person's approval (SECURITY-TARGETS §7 row 33): any file with
    full ID numbers and phones (`full_data`), or a masked one of more than GONGZHI_EXPORT_APPROVAL_ROWS.

    Its purpose, filters and field list are fixed when it is asked for; a second
    person approves or refuses it; the requester downloads the file once before
    the approval expires. The audit trail holds each step and the file's SHA-256.
    """

    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    reason = models.CharField(_("用途"), max_length=200)
    full_data = models.BooleanField(_("含完整身份证号、出生日期和手机号"), default=True)
    filters = models.JSONField(default=dict, blank=True)
    row_count = models.PositiveIntegerField(_("申请时的行数"), default=0)
    status = models.CharField(
        _("状态"), max_length=12, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"))
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=200, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)
    downloaded_rows = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("导出申请")
        verbose_name_plural = _("导出申请")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requested_by")),
                name="export_request_not_self_approved",
            )
        ]

    def __str__(self) -> str:
        return f"导出申请 {self.pk}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.area

    @property
    def audit_label(self) -> str:
        return f"导出申请 {self.pk}"

    def is_expired(self, now) -> bool:
        live = self.status in (ExportStatus.PENDING, ExportStatus.APPROVED)
        return live and now >= self.expires_at
