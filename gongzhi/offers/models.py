"""Micro-services 微服务: a party member, volunteer or organisation offers a service with a number of places.

A `ServiceOffer` says what, where, when and how many places (e.g. free
haircuts for the elderly on Saturday morning); a `Booking` holds one place
for one person — a resident with an account booking for themselves, or a
clerk booking for a resident of the register, with the resident's consent.
At most one active booking per offer and person (partial unique
constraints); the count of active bookings never exceeds `places` because
the booking action locks the offer row (gongzhi.offers.actions).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.models import ConsentChannel


class OfferState(models.TextChoices):
    OPEN = "open", _("可预约")
    CANCELLED = "cancelled", _("已取消")
    DONE = "done", _("已完成")


class BookingState(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CANCELLED = "cancelled", _("已取消")
    SERVED = "served", _("已服务")


ACTIVE_BOOKING_STATES = (BookingState.BOOKED, BookingState.SERVED)


class ServiceOffer(models.Model):
    title = models.CharField(_("服务名称"), max_length=60)
    description = models.CharField(_("服务内容"), max_length=1000)
    place = models.CharField(_("服务地点"), max_length=100)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    places = models.PositiveSmallIntegerField(_("名额"))
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    offerer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_offers"
    )
    state = models.CharField(_("状态"), max_length=10, choices=OfferState.choices, default=OfferState.OPEN)
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["community", "state", "starts_at"], name="offer_community_upcoming"),
            models.Index(fields=["state", "starts_at"], name="offer_upcoming"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="offer_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(places__gte=1, places__lte=500), name="offer_places_range"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community


class Booking(models.Model):
    offer = models.ForeignKey(ServiceOffer, on_delete=models.PROTECT, related_name="bookings")
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_bookings",
    )
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assisted = models.BooleanField(default=False)
    consent_channel = models.CharField(
        _("居民同意方式"), max_length=10, choices=ConsentChannel.choices, blank=True
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=BookingState.choices, default=BookingState.BOOKED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "resident"],
                condition=Q(state__in=["booked", "served"], resident__isnull=False),
                name="booking_once_per_resident",
            ),
            models.UniqueConstraint(
                fields=["offer", "user"],
                condition=Q(state__in=["booked", "served"], user__isnull=False),
                name="booking_once_per_user",
            ),
            models.CheckConstraint(
                condition=Q(resident__isnull=False) | Q(user__isnull=False), name="booking_for_someone"
            ),
        ]
        indexes = [models.Index(fields=["offer", "state"], name="booking_offer_state")]

    def __str__(self) -> str:
        # Not the person's name: this label goes into the audit trail and logs.
        return f"预约 #{self.pk}"

    @property
    def scope_path(self) -> str:
        """Staff scope: where the booked resident lives; for an account without a register entry, the offer's."""
        if self.resident is not None:
            return self.resident.area_path
        return self.offer.area_path

    @property
    def audit_area(self):
        return self.offer.community
