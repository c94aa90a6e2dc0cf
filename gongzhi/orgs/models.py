"""Social organisations (社会组织) registered with the township or filed (备案) with a community.

An organisation has a home area — the township that registers it, or the community that keeps its
filing — and serves either every community of its home (`serves_all`) or the communities named. Its
representatives are accounts holding the kernel's `org_representative` role for it
(`accounts.RoleAssignment.organisation`, decision 0043).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core.masking import mask_name


class OrgKind(models.TextChoices):
    COMMUNITY_GROUP = "community_group", _("社区社会组织")
    SOCIAL_WORK = "social_work", _("社会工作服务机构")
    VOLUNTEER = "volunteer", _("志愿服务组织")
    CO_BUILDER = "co_builder", _("共驻共建单位")
    OTHER = "other", _("其他")


class OrgState(models.TextChoices):
    PENDING = "pending", _("待审核")
    REGISTERED = "registered", _("已登记")
    SUSPENDED = "suspended", _("暂停活动")
    ENDED = "ended", _("已终止")


class Organisation(models.Model):
    home = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="organisations", verbose_name=_("登记地")
    )
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    name = models.CharField(_("名称"), max_length=60)
    kind = models.CharField(_("类别"), max_length=20, choices=OrgKind.choices)
    serves_all = models.BooleanField(_("服务登记地全部村(社区)"), default=False)
    communities = models.ManyToManyField(
        "areas.Area", blank=True, related_name="+", verbose_name=_("服务的村(社区)")
    )
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    filing_number = models.CharField(_("备案编号"), max_length=40, blank=True)
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    authority = models.CharField(_("登记(备案)机关"), max_length=60)
    description = models.TextField(_("简介"), max_length=500, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=30)
    contact_phone_ciphertext = models.TextField(blank=True, default="")
    contact_phone_masked = models.CharField(_("联系电话"), max_length=11, blank=True, default="")
    state = models.CharField(_("状态"), max_length=12, choices=OrgState.choices, default=OrgState.PENDING)
    state_reason = models.CharField(_("状态说明"), max_length=200, blank=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("社会组织")
        verbose_name_plural = _("社会组织")
        ordering = ["area_path", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~models.Q(credit_code=""), name="org_credit_code_unique"
            ),
            models.UniqueConstraint(fields=["home", "name"], name="org_name_unique_in_home"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.home

    @property
    def contact_name_masked(self) -> str:
        return mask_name(self.contact_name)

    @property
    def is_registered(self) -> bool:
        return self.state == OrgState.REGISTERED
