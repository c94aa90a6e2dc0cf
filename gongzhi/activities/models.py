"""Activities 活动 and volunteering: what a community or a registered social organisation holds, and who comes.

A `Series` (道德讲堂, 法治文化六进, 新时代好家风, 清明会, 志愿服务, 扶贫帮困,
防范传销宣传 …) and an `ActivityKind` (a talk, a volunteer service, a visit …)
are data, seeded by a data migration and kept by the township. An `Activity`
says what, where, when, how many places (or unlimited), for whom, and whether
volunteers are credited with hours. A `SignUp` holds one place for one person
— a resident (or volunteer) with an account signing up themselves, or a clerk
signing up a resident of the register, recorded as assisted with the consent.
At most one active sign-up per activity and person (partial unique
constraints); the active sign-ups never exceed `places` because every sign-up
locks the activity row (gongzhi.core.places). After the event the organiser
marks who attended (never a check-in, a location or a photo of a person as
proof) and may add a photo report.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.models import ConsentChannel


class Series(models.Model):
    """A series activities belong to (道德讲堂, 法治文化六进 …): data, seeded and kept by the township."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(_("系列"), max_length=30)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("活动系列")
        verbose_name_plural = _("活动系列")

    def __str__(self) -> str:
        return self.name


class ActivityKind(models.Model):
    """What sort of activity it is (宣讲, 志愿服务, 走访慰问 …): data, like the series."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(_("类型"), max_length=30)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("活动类型")
        verbose_name_plural = _("活动类型")

    def __str__(self) -> str:
        return self.name


class ActivityState(models.TextChoices):
    OPEN = "open", _("报名中")
    CANCELLED = "cancelled", _("已取消")


class SignUpState(models.TextChoices):
    SIGNED = "signed", _("已报名")
    WITHDRAWN = "withdrawn", _("已退出")
    CANCELLED = "cancelled", _("随活动取消")
    ATTENDED = "attended", _("已参加")


ACTIVE_SIGNUP_STATES = (SignUpState.SIGNED, SignUpState.ATTENDED)


class Activity(models.Model):
    title = models.CharField(_("活动名称"), max_length=60)
    description = models.CharField(_("活动内容"), max_length=1000)
    place = models.CharField(_("活动地点"), max_length=100)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    places = models.PositiveSmallIntegerField(_("名额"), null=True, blank=True)  # None: unlimited
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="activities")
    kind = models.ForeignKey(ActivityKind, on_delete=models.PROTECT, related_name="activities")
    volunteer = models.BooleanField(_("志愿服务活动（计服务时长）"), default=False)
    audience = models.CharField(_("面向"), max_length=60, blank=True)
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    # Published by a registered social organisation (through its representative), else by the community's staff.
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("状态"), max_length=10, choices=ActivityState.choices, default=ActivityState.OPEN
    )
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)
    report = models.CharField(_("活动报道"), max_length=1000, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        indexes = [
            models.Index(fields=["community", "starts_at"], name="activity_community_when"),
            models.Index(fields=["starts_at"], name="activity_when"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="activity_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(places__isnull=True) | Q(places__gte=1, places__lte=2000),
                name="activity_places_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community


class SignUp(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="signups")
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assisted = models.BooleanField(default=False)
    consent_channel = models.CharField(
        _("居民同意方式"), max_length=10, choices=ConsentChannel.choices, blank=True
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=SignUpState.choices, default=SignUpState.SIGNED
    )
    attended_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "resident"],
                condition=Q(state__in=["signed", "attended"], resident__isnull=False),
                name="signup_once_per_resident",
            ),
            models.UniqueConstraint(
                fields=["activity", "user"],
                condition=Q(state__in=["signed", "attended"], user__isnull=False),
                name="signup_once_per_user",
            ),
            models.CheckConstraint(
                condition=Q(resident__isnull=False) | Q(user__isnull=False), name="signup_for_someone"
            ),
        ]
        indexes = [models.Index(fields=["activity", "state"], name="signup_activity_state")]

    def __str__(self) -> str:
        # Not the person's name: this label goes into the audit trail and logs.
        return f"报名 #{self.pk}"

    @property
    def scope_path(self) -> str:
        """Staff scope: where the resident lives; for an account without a register entry, the activity's."""
        if self.resident is not None:
            return self.resident.area_path
        return self.activity.area_path

    @property
    def audit_area(self):
        return self.activity.community


class ReportPhoto(models.Model):
    """A photo of the event in the organiser's report (EXIF stripped by gongzhi.photos); never proof of who came."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="report_photos")
    photo = models.OneToOneField("photos.Photo", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"活动照片 #{self.pk}"
