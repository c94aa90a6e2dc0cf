"""Legal aides and the law-savvy of each community (法律顾问、法律助理、警务助理、法律明白人), consultations with the
village's legal adviser, and the 民主法治示范村 applications.

- `Aide`: one person on a community's legal roster — its legal adviser (法律顾问: one in office per
  community, a lawyer or legal worker, usually from outside), a legal assistant (法律助理) or a police liaison
  (警务助理) — with their unit, phone (encrypted, shown masked), term and duties. An adviser may be linked to
  an account: then they publish their own consultation slots and record consultations.
- `LawSavvy`: a 法律明白人 — a resident of the register, chosen from a priority group, trained and assessed
  before taking up the role (gongzhi.legal.workflow); `Training` is one course they attended.
- `Setting`: the township's target of 法律明白人 per community (default 3); coverage is computed from the roster.
- `Slot` / `Consultation`: a time the adviser offers (a place, or by phone) and the one resident who booked
  it. The topic of the question is private to the resident, the adviser and the community's staff.
- `Application` / `Attachment`: a community's application to be named a 民主法治示范村(社区), with its
  self-assessment against the criteria (gongzhi.legal.standards) and PDF attachments; the township decides.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.masking import mask_name


class AreaScoped(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)

    class Meta:
        abstract = True

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community


class AideKind(models.TextChoices):
    ADVISER = "adviser", _("法律顾问")
    ASSISTANT = "assistant", _("法律助理")
    POLICE = "police", _("警务助理")


class Aide(AreaScoped):
    kind = models.CharField(_("类别"), max_length=10, choices=AideKind.choices)
    name = models.CharField(_("姓名"), max_length=30)
    unit = models.CharField(_("工作单位"), max_length=60)
    phone_ciphertext = models.TextField(blank=True, default="", editable=False)
    phone_masked = models.CharField(_("联系电话"), max_length=11, blank=True, default="", editable=False)
    term_start = models.DateField(_("任期开始"))
    term_end = models.DateField(_("任期结束"), null=True, blank=True)
    duties = models.CharField(_("职责"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(_("离任原因"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area_path", "kind", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community"],
                condition=Q(kind="adviser", ended_at__isnull=True),
                name="legal_one_adviser_in_office",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name_masked}"

    @property
    def name_masked(self) -> str:
        return mask_name(self.name)

    @property
    def in_office(self) -> bool:
        return self.ended_at is None


class SavvyState(models.TextChoices):
    SELECTED = "selected", _("已选定")
    TRAINING = "training", _("培训中")
    PASSED = "passed", _("考核合格")
    ACTIVE = "active", _("在岗")
    ENDED = "ended", _("已退出")


class LawSavvy(AreaScoped):
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    group = models.CharField(_("重点人群"), max_length=20)
    duties = models.CharField(_("职责"), max_length=300, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=SavvyState.choices, default=SavvyState.SELECTED
    )
    assessed_on = models.DateField(_("考核日期"), null=True, blank=True)
    assessment_passed = models.BooleanField(_("考核合格"), default=False)
    assessment_note = models.CharField(_("考核说明"), max_length=200, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    selected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    selected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area_path", "state", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident"], condition=~Q(state="ended"), name="legal_savvy_once_per_resident"
            )
        ]

    def __str__(self) -> str:
        return f"法律明白人 {self.resident_id}"

    @property
    def audit_label(self) -> str:
        return f"法律明白人 {mask_name(self.resident.name)}"


class Training(models.Model):
    savvy = models.ForeignKey(LawSavvy, on_delete=models.CASCADE, related_name="trainings")
    held_on = models.DateField(_("培训日期"))
    course = models.CharField(_("课程"), max_length=60)
    hours = models.DecimalField(_("学时"), max_digits=4, decimal_places=1)
    organiser = models.CharField(_("组织单位"), max_length=60)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.course}"


class Setting(models.Model):
    township = models.OneToOneField("areas.Area", on_delete=models.CASCADE, related_name="+")
    area_path = models.CharField(max_length=120, editable=False)
    savvy_target = models.PositiveSmallIntegerField(_("每村(社区)法律明白人目标数"), default=3)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.township_id}: {self.savvy_target}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.township


class Slot(AreaScoped):
    adviser = models.ForeignKey(Aide, on_delete=models.PROTECT, related_name="slots")
    starts_at = models.DateTimeField(_("开始时间"))
    minutes = models.PositiveSmallIntegerField(_("时长（分钟）"), default=30)
    by_phone = models.BooleanField(_("电话咨询"), default=False)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["community", "starts_at"], name="legal_slot_community_start")]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class ConsultationState(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CANCELLED = "cancelled", _("已取消")
    HELD = "held", _("已咨询")
    MISSED = "missed", _("未到")


class Consultation(AreaScoped):
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="consultations")
    # The resident's account (None when a clerk booked for a resident without one) and register entry.
    booker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assisted = models.BooleanField(default=False)
    consent_channel = models.CharField(_("居民同意方式"), max_length=10, blank=True)
    topic = models.CharField(_("咨询事项（仅本人、法律顾问和村(社区)工作人员可见）"), max_length=200)
    state = models.CharField(
        _("状态"), max_length=10, choices=ConsultationState.choices, default=ConsultationState.BOOKED
    )
    booked_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["slot__starts_at", "id"]
        constraints = [
            # One person per slot: the database refuses a second live booking whatever the lock did.
            models.UniqueConstraint(
                fields=["slot"], condition=~Q(state="cancelled"), name="legal_one_booking_per_slot"
            )
        ]

    def __str__(self) -> str:
        return f"consultation {self.pk}"


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("退回补充")
    APPROVED = "approved", _("已命名")
    REJECTED = "rejected", _("未通过")


class Application(AreaScoped):
    year = models.PositiveSmallIntegerField(_("年度"))
    assessment = models.JSONField(
        _("对照建设指导标准自评"), default=dict
    )  # {criterion: {"met": bool, "note": str}}
    summary = models.TextField(_("创建情况"))
    state = models.CharField(
        _("状态"), max_length=10, choices=ApplicationState.choices, default=ApplicationState.SUBMITTED
    )
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("审核意见"), max_length=500, blank=True)

    class Meta:
        ordering = ["-year", "area_path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "year"],
                condition=~Q(state="rejected"),
                name="legal_one_application_a_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.community} · {self.year}"

    @property
    def audit_label(self) -> str:
        return f"{self.community.name}{self.year}年民主法治示范村申报"

    def met_count(self) -> int:
        return sum(1 for v in self.assessment.values() if isinstance(v, dict) and v.get("met"))


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("文件名"), max_length=100)
    path = models.CharField(max_length=200, editable=False)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, editable=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.name
