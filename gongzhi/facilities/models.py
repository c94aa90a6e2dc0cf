"""阵地: the community facilities (九室七站五栏两场所两中心两网点), the township's standard and the bookings.

- `FacilityType`: the catalogue (室/站/栏/场所/中心/网点), shipped with the seed's defaults in a data migration:
  which community kinds (行政村 / 城市社区) must have one and the signage it needs (颜色、标识、门头、挂牌 as a
  checklist). Data, never code.
- `Standard`: a township's own standard for one type (required for villages, for urban communities, its signage
  checklist); a type the township has not set keeps the catalogue's default.
- `Facility`: one community's actual room, station, board or square: its main type and the other types it also
  serves (一室多能、一室多用), floor area, opening hours, the signage items it has, photos, and whether it is
  bookable (capacity, approval) and shared with the neighbouring communities (those of the same township).
- `Booking`: a time range on a bookable facility by a resident or an organisation (through its representative);
  pending (when approval is needed) or approved bookings hold the slot and never overlap: the facility's row is
  locked in the booking's transaction, and on PostgreSQL an exclusion constraint refuses an overlap as well.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FacilityKind(models.TextChoices):
    ROOM = "room", _("室")
    STATION = "station", _("站")
    BOARD = "board", _("栏")
    VENUE = "venue", _("场所")
    CENTRE = "centre", _("中心")
    OUTLET = "outlet", _("网点")


class FacilityType(models.Model):
    """A type of the catalogue (township None: every township's), or one a township added for itself (its own
    required flags and signage are then its standard); a township retires its own types, never deletes them."""

    kind = models.CharField(_("类别"), max_length=10, choices=FacilityKind.choices)
    name = models.CharField(_("名称"), max_length=40)
    required_village = models.BooleanField(_("行政村必备（默认）"), default=False)
    required_urban = models.BooleanField(_("城市社区必备（默认）"), default=False)
    signage = models.JSONField(_("标识要求（默认）"), default=list, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    township = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # None: the catalogue's; else the township that added it
    area_path = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    retired = models.BooleanField(_("已停用"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(township__isnull=True),
                name="facilities_type_catalogue_name",
            ),
            models.UniqueConstraint(fields=["township", "name"], name="facilities_type_township_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def own(self) -> bool:
        return self.township_id is not None

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.township

    @property
    def audit_label(self) -> str:
        return self.name


class Standard(models.Model):
    """A township's standard for one facility type (replaces the catalogue's defaults for that township)."""

    township = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    facility_type = models.ForeignKey(FacilityType, on_delete=models.CASCADE, related_name="standards")
    required_village = models.BooleanField(_("行政村必备"), default=False)
    required_urban = models.BooleanField(_("城市社区必备"), default=False)
    signage = models.JSONField(_("标识要求"), default=list, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area_path", "facility_type__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["township", "facility_type"], name="facilities_one_standard")
        ]

    def __str__(self) -> str:
        return f"standard {self.township_id}/{self.facility_type_id}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.township

    @property
    def audit_label(self) -> str:
        return f"{self.township.name}·{self.facility_type.name}标准"


class Facility(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    facility_type = models.ForeignKey(
        FacilityType, on_delete=models.PROTECT, related_name="+", verbose_name=_("类型")
    )
    functions = models.ManyToManyField(
        FacilityType, related_name="+", blank=True, verbose_name=_("兼作（一室多用）")
    )
    name = models.CharField(_("名称"), max_length=60)
    floor_area = models.PositiveIntegerField(_("面积（平方米）"), null=True, blank=True)
    opens_at = models.TimeField(_("每天开放时间"))
    closes_at = models.TimeField(_("每天关闭时间"))
    signage = models.JSONField(_("已有标识"), default=list, blank=True)
    bookable = models.BooleanField(_("可以预约"), default=False)
    capacity = models.PositiveIntegerField(_("容纳人数"), null=True, blank=True)
    approval_required = models.BooleanField(_("预约须经审批"), default=False)
    shared = models.BooleanField(_("向相邻村(社区)开放"), default=False)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area_path", "facility_type__sort_order", "name", "id"]

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
        return f"{self.community.name}·{self.name}"


class FacilityPhoto(models.Model):
    """A photo of the facility (its door, its signage), EXIF stripped by gongzhi.photos."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="photos")
    photo = models.OneToOneField("photos.Photo", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"facility photo {self.pk}"


class BookingState(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已预约")
    REFUSED = "refused", _("未同意")
    CANCELLED = "cancelled", _("已取消")


# The states that hold the slot (never overlapping on one facility).
HOLDING_STATES = (BookingState.PENDING, BookingState.APPROVED)


class Booking(models.Model):
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="bookings")
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")  # the facility's
    area_path = models.CharField(max_length=120, db_index=True, editable=False)  # the facility's
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    headcount = models.PositiveIntegerField(_("人数"))
    purpose = models.CharField(_("用途"), max_length=100)
    state = models.CharField(_("状态"), max_length=10, choices=BookingState.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # the booker's own account (None: a resident without one, booked for by staff)
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assisted = models.BooleanField(default=False)
    consent_channel = models.CharField(max_length=10, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.CharField(_("未同意的原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["facility", "starts_at"], name="facilities_booking_slot")]

    def __str__(self) -> str:
        return f"booking {self.pk}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        when = timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M") if self.starts_at else ""
        return f"{self.facility.name} {when}"

    @property
    def holding(self) -> bool:
        return self.state in HOLDING_STATES
