"""The optional points (积分制): off unless a township switches it on.

- `PointsSwitch`: one row per township that has ever switched; no row, or `enabled` false, is off.
- `Catalogue`: a community's rule catalogue, in versions. A version is drafted by staff, put on the agenda of
  the community's representatives' meeting (gongzhi.meetings), and in force only once that meeting's vote on
  it is taken; a later version, adopted the same way, supersedes it.
- `RuleItem`: an item of a catalogue — what is rewarded (or, where the catalogue allows deductions, deducted),
  how many points (per unit: per hour of service, per attendance), the evidence it needs, and where an award
  comes from: a recorded-deed source (gongzhi.core.deeds) or staff entry.
- `Account`: a household's balance in its community (the row that redemptions lock).
- `Entry`: a line of a household's ledger: an award, a deduction, a reversal (of an upheld appeal) or a
  redemption. A staff entry counts only once a second member of staff approved it; an award from a recorded
  deed counts at once and at most once (`source`, `source_id` unique).
- `Appeal`: a household member's appeal against an award or deduction within the community's window.
- `Goods` and `Funding`: the points store (积分超市) of a community, and where the money for its goods came from.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PointsSwitch(models.Model):
    township = models.OneToOneField("areas.Area", on_delete=models.PROTECT, related_name="+")
    enabled = models.BooleanField(default=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.township_id}: {self.enabled}"

    @property
    def scope_path(self) -> str:
        return self.township.path

    @property
    def audit_area(self):
        return self.township


class CommunitySettings(models.Model):
    community = models.OneToOneField("areas.Area", on_delete=models.PROTECT, related_name="+")
    appeal_days = models.PositiveSmallIntegerField(_("申诉期（天）"), default=7)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.community_id}: {self.appeal_days}"


class CatalogueState(models.TextChoices):
    DRAFT = "draft", _("草案")
    CONVENED = "convened", _("已提交代表会议")
    IN_FORCE = "in_force", _("施行中")
    SUPERSEDED = "superseded", _("已被新版本取代")
    NOT_ADOPTED = "not_adopted", _("未获通过")


class Catalogue(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    version = models.PositiveSmallIntegerField(_("版本"))
    title = models.CharField(_("名称"), max_length=60)
    allows_deductions = models.BooleanField(_("允许扣分"), default=False)
    state = models.CharField(
        _("状态"), max_length=12, choices=CatalogueState.choices, default=CatalogueState.DRAFT
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agenda_item = models.OneToOneField(
        "meetings.MeetingAgendaItem", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vote_reason = models.CharField(max_length=500, blank=True)
    in_force_from = models.DateField(_("施行日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["community", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["community", "version"], name="points_catalogue_version"),
            models.UniqueConstraint(
                fields=["community"], condition=Q(state="in_force"), name="points_one_catalogue_in_force"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community


STAFF_SOURCE = "staff"  # an item awarded by staff entry (evidence + a second person's approval)


class RuleItem(models.Model):
    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(_("项目"), max_length=60)
    points = models.SmallIntegerField(_("分值"))  # per unit; negative: a deduction
    evidence = models.CharField(_("所需凭证"), max_length=200)
    photo_required = models.BooleanField(_("须附照片"), default=False)
    source = models.CharField(_("来源"), max_length=20, default=STAFF_SOURCE)  # "staff" or a deed source

    class Meta:
        ordering = ["catalogue", "number"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "number"], name="points_item_number"),
            models.CheckConstraint(condition=~Q(points=0), name="points_item_not_zero"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_path(self) -> str:
        return self.catalogue.area_path


class Account(models.Model):
    household = models.OneToOneField("residents.Household", on_delete=models.PROTECT, related_name="+")
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    balance = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.household_id}: {self.balance}"

    @property
    def scope_path(self) -> str:
        return self.area_path


class EntryKind(models.TextChoices):
    AWARD = "award", _("加分")
    DEDUCTION = "deduction", _("扣分")
    REVERSAL = "reversal", _("冲正")
    REDEMPTION = "redemption", _("兑换")


class EntryState(models.TextChoices):
    PENDING = "pending", _("待复核")
    COUNTED = "counted", _("已计入")
    REFUSED = "refused", _("复核未通过")


class Entry(models.Model):
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    kind = models.CharField(_("类别"), max_length=12, choices=EntryKind.choices)
    state = models.CharField(_("状态"), max_length=10, choices=EntryState.choices)
    points = models.IntegerField(_("积分"))
    item = models.ForeignKey(RuleItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    goods = models.ForeignKey("Goods", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    quantity = models.PositiveSmallIntegerField(default=1)
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    occurred_on = models.DateField(_("日期"))
    description = models.CharField(_("说明"), max_length=200, blank=True)
    evidence = models.CharField(_("凭证"), max_length=500, blank=True)
    photo = models.ForeignKey(
        "photos.Photo", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=20, blank=True)  # a deed source's name, for an award from a deed
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    # Who entered it: staff, or nobody for an award the periodic sweep credited from a recorded deed.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    counted_on = models.DateField(null=True, blank=True)
    appeal_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-entered_at", "-id"]
        indexes = [models.Index(fields=["area_path", "state", "counted_on"], name="points_entry_scope")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], condition=~Q(source=""), name="points_deed_credited_once"
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("entered_by")),
                name="points_entry_approved_by_another",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.points}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community


class AppealState(models.TextChoices):
    OPEN = "open", _("待答复")
    UPHELD = "upheld", _("申诉成立")
    DISMISSED = "dismissed", _("申诉不成立")


class Appeal(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="appeals")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("申诉理由"), max_length=500)
    state = models.CharField(_("状态"), max_length=10, choices=AppealState.choices, default=AppealState.OPEN)
    answer = models.CharField(_("答复"), max_length=500, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"], condition=Q(state="open"), name="points_one_open_appeal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.state}"

    @property
    def scope_path(self) -> str:
        return self.area_path


class Goods(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    name = models.CharField(_("物品"), max_length=60)
    price = models.PositiveIntegerField(_("所需积分"))
    quantity = models.PositiveIntegerField(_("库存"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["community", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="points_goods_name"),
            models.CheckConstraint(condition=Q(price__gt=0), name="points_goods_price_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community


class FundingKind(models.TextChoices):
    DONATION = "donation", _("社会捐赠")
    COLLECTIVE = "collective", _("集体经费")
    GRANT = "grant", _("上级补助")


class Funding(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    kind = models.CharField(_("资金类别"), max_length=12, choices=FundingKind.choices)
    source = models.CharField(_("来源"), max_length=100)
    amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2)
    received_on = models.DateField(_("日期"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="points_funding_positive")]

    def __str__(self) -> str:
        return f"{self.source} {self.amount}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community
