"""Micro-wishes 微心愿: a resident's small wish, on a case, claimed and fulfilled by a helper.

The case (gongzhi.cases) holds the lifecycle, the timeline, the privacy tier
and the rating; a Wish holds what only wishes have: the category, the
desired date, the claimer and the claim period, the fulfilment and who
confirmed it. Confirmed help is credited as service hours (`gongzhi.hours`),
kept for the merit board.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WishCategory(models.TextChoices):
    ELDERLY = "elderly", _("助老")
    STUDY = "study", _("助学")
    GOODS = "goods", _("生活用品")
    MEDICAL = "medical", _("就医陪护")
    OTHER = "other", _("其他")


class Wish(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="wish")
    category = models.CharField(_("类别"), max_length=12, choices=WishCategory.choices)
    desired_by = models.DateField(_("希望完成日期"), null=True, blank=True)
    claimer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claimed_wishes",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_due_at = models.DateTimeField(null=True, blank=True)
    claim_reminded_at = models.DateTimeField(null=True, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    fulfilment_note = models.CharField(_("完成情况"), max_length=500, blank=True)
    service_hours = models.DecimalField(
        _("服务时长（小时）"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_as = models.CharField(max_length=10, blank=True)  # "wisher" or "witness"
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # How the claimer may reach the wisher: shown to the claimer only, and only while the wisher agrees.
    contact_shared = models.BooleanField(_("同意认领人看到联系方式"), default=False)
    contact_phone_ciphertext = models.TextField(blank=True, default="", editable=False)
    contact_phone_masked = models.CharField(
        _("联系电话"), max_length=11, blank=True, default="", editable=False
    )
    meeting_place = models.CharField(_("见面地点"), max_length=100, blank=True)

    class Meta:
        indexes = [models.Index(fields=["claimer", "claim_due_at"], name="wish_claims")]

    def __str__(self) -> str:
        return self.case.title

    @property
    def scope_path(self) -> str:
        return self.case.area_path

    @property
    def contact_phone(self) -> str:
        from gongzhi.core.crypto import decrypt

        return (
            decrypt(self.contact_phone_ciphertext, context="wish.contact_phone")
            if self.contact_phone_ciphertext
            else ""
        )


class WishSettings(models.Model):
    """A community's own rules for its wall."""

    community = models.OneToOneField("areas.Area", on_delete=models.CASCADE, related_name="wish_settings")
    claim_days = models.PositiveSmallIntegerField(_("认领后完成期限（天）"), default=14)

    def __str__(self) -> str:
        return f"{self.community_id}: {self.claim_days} days"
