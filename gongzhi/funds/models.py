"""经费: a community's funds per year and kind, their income, spending plans, expenditures, 民主理财, the board.

- `FundKind`, `IncomeSource`: catalogues the township edits (seeded by a data migration: 专项经费, 办公经费,
  公共服务资金 (code "public_service", used by the participatory budget); 财政, 部门, 共驻共建, 捐赠, 其他).
- `FundPolicy`: a township's settings as data — the plan amount above which a 四议两公开 decision is needed,
  the number of transactions in a quarter above which the finance board is monthly, who approves spending.
- `Fund`: one community's fund of one kind for one year; its `Income` lines (source, amount, date, note) add up
  to the allocated total.
- `Plan`: a spending plan against a fund, within its unplanned balance, linked to the meeting item or the
  四议两公开 decision that approved it; `origin_*` is an optional generic owner (e.g. a participatory-budget project).
- `Expenditure`: a spending against a plan, with scanned `Voucher`s; it counts as spent once two different
  people (never its recorder) have approved it (`Approval`). The supervisory committee reviews it (民主理财):
  passed or questioned with remarks; a questioned one is answered.
- `Board`: the finance part of the public board for one period (a month or a quarter): opening balance, income
  by source, spending by plan, closing balance, which must add up; reviewed, then published as a disclosure.

Amounts are yuan with fen (Decimal, two places).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PUBLIC_SERVICE = "public_service"  # the stable code of 公共服务资金 (村公资金)


class FundKind(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40, unique=True)
    active = models.BooleanField(_("使用中"), default=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class IncomeSource(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40, unique=True)
    active = models.BooleanField(_("使用中"), default=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


DEFAULT_DECISION_ABOVE = Decimal("50000.00")
DEFAULT_MONTHLY_ABOVE = 30
DEFAULT_APPROVER_ROLES = ["community_staff"]


class FundPolicy(models.Model):
    """A township's funds settings; a township without a row uses the defaults above."""

    township = models.OneToOneField("areas.Area", on_delete=models.CASCADE, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    decision_above = models.DecimalField(
        _("须经四议两公开的计划金额（元，超过即须）"),
        default=DEFAULT_DECISION_ABOVE,
        max_digits=14,
        decimal_places=2,
    )
    monthly_above = models.PositiveIntegerField(
        _("按月公开的笔数（一个季度超过即按月）"), default=DEFAULT_MONTHLY_ABOVE
    )
    approver_roles = models.JSONField(_("审批人角色"), default=list, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"funds policy {self.township_id}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.township

    @property
    def audit_label(self) -> str:
        return f"{self.township.name}·经费规则"


class Fund(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.ForeignKey(
        FundKind, on_delete=models.PROTECT, related_name="funds", verbose_name=_("经费类别")
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area_path", "-year", "kind__sort_order"]
        constraints = [models.UniqueConstraint(fields=["community", "year", "kind"], name="funds_one_fund")]

    def __str__(self) -> str:
        return f"{self.year}年{self.kind.name}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"{self.community.name}·{self.year}年{self.kind.name}"


class Income(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="incomes")
    source = models.ForeignKey(
        IncomeSource, on_delete=models.PROTECT, related_name="+", verbose_name=_("来源")
    )
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    received_on = models.DateField(_("到账日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="funds_income_positive")]

    def __str__(self) -> str:
        return f"income {self.pk}"

    @property
    def scope_path(self) -> str:
        return self.fund.area_path

    @property
    def audit_area(self):
        return self.fund.community

    @property
    def audit_label(self) -> str:
        return f"{self.fund.audit_label}·{self.source.name}{self.amount}元"


class PlanState(models.TextChoices):
    OPEN = "open", _("执行中")
    CLOSED = "closed", _("已结束")


class Plan(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="plans")
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")  # the fund's
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    title = models.CharField(_("计划名称"), max_length=100)
    amount = models.DecimalField(_("计划金额（元）"), max_digits=14, decimal_places=2)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    # What approved it: a meeting item (gongzhi.meetings), or a decision reached through the hook
    # (core.fund_decisions: e.g. a 四议两公开 decision of the self-governance feature), kept as app/id/label.
    meeting_item = models.ForeignKey(
        "meetings.MeetingItem", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_app = models.CharField(max_length=40, blank=True)
    decision_id = models.PositiveBigIntegerField(null=True, blank=True)
    decision_label = models.CharField(max_length=200, blank=True)
    # An optional owner (e.g. a participatory-budget project): app label, object id and label.
    origin_app = models.CharField(max_length=40, blank=True)
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin_label = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=PlanState.choices, default=PlanState.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area_path", "-created_at", "-id"]
        indexes = [models.Index(fields=["origin_app", "origin_id"], name="funds_plan_origin")]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="funds_plan_positive")]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"{self.community.name}·{self.title}"


class Verdict(models.TextChoices):
    NONE = "", _("未审核")
    PASSED = "passed", _("审核通过")
    QUESTIONED = "questioned", _("有疑问")


class Expenditure(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="expenditures")
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")  # the plan's
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    payee = models.CharField(_("收款方"), max_length=100)
    spent_on = models.DateField(_("支出日期"))
    purpose = models.CharField(_("用途"), max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Counts as spent once approved by two different people (neither the recorder).
    approved_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # 民主理财: the supervisory committee's review.
    verdict = models.CharField(
        _("民主理财意见"), max_length=12, choices=Verdict.choices, blank=True, default=""
    )
    remark = models.CharField(_("审核意见"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(_("答复"), max_length=500, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-spent_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="funds_expenditure_positive")]

    def __str__(self) -> str:
        return f"expenditure {self.pk}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"{self.community.name}·{self.plan.title}·{self.payee}{self.amount}元"


class Approval(models.Model):
    expenditure = models.ForeignKey(Expenditure, on_delete=models.CASCADE, related_name="approvals")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["approved_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["expenditure", "approver"], name="funds_one_approval_each")
        ]

    def __str__(self) -> str:
        return f"approval {self.pk}"


class Voucher(models.Model):
    """A scanned voucher: a photo (EXIF stripped by gongzhi.photos) or a checked PDF; served privately."""

    expenditure = models.ForeignKey(Expenditure, on_delete=models.CASCADE, related_name="vouchers")
    photo = models.OneToOneField(
        "photos.Photo", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pdf_path = models.CharField(max_length=200, blank=True)  # relative to settings.DATA_DIR
    pdf_size = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=100, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"voucher {self.pk}"


class BoardState(models.TextChoices):
    DRAFT = "draft", _("待民主理财审核")
    REVIEWED = "reviewed", _("已审核待公开")
    PUBLISHED = "published", _("已公开")


class Board(models.Model):
    """The finance board of one community for one period ("2026-Q3" or "2026-11"), generated from the ledger."""

    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    period = models.CharField(_("期间"), max_length=8)
    starts_on = models.DateField()
    ends_on = models.DateField()
    opening = models.DecimalField(_("期初余额"), max_digits=14, decimal_places=2)
    income = models.DecimalField(_("本期收入"), max_digits=14, decimal_places=2)
    spending = models.DecimalField(_("本期支出"), max_digits=14, decimal_places=2)
    closing = models.DecimalField(_("期末余额"), max_digits=14, decimal_places=2)
    # {"income": [{"source": name, "amount": "1.00"}], "spending": [{"plan": title, "fund": name, "amount": ..}]}
    lines = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=BoardState.choices, default=BoardState.DRAFT)
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    generated_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_remark = models.CharField(_("审核意见"), max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    disclosure = models.ForeignKey(
        "disclosures.Disclosure", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["area_path", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["community", "period"], name="funds_one_board_per_period"),
            models.CheckConstraint(
                condition=Q(closing=models.F("opening") + models.F("income") - models.F("spending")),
                name="funds_board_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period}财务公开"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"{self.community.name}·{self.period}财务公开"
