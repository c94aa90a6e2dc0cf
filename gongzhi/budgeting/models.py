"""参与式预算 (村公资金): a community's yearly round in which residents propose small public-service projects,
the 议事会 ranks and decides them within the 公共服务资金 fund, and residents rate the finished ones.

- `Category`: the township's catalogue of what the fund pays for, as data (seeded by a migration): the priority
  list (优先支持), others it may pay for (可以支持), and the never-pay list (负面清单).
- `Round`: one community's round (征集轮次) for one year, against that year's 公共服务资金 fund: the proposing
  window, an optional cap per project, its state (prepared → proposing → ranking → decided), and the 议事会's
  meeting item that decided it and the disclosure that published the result.
- `Project`: a resident's proposal (or one staff entered for a resident who asked in person, with the consent
  recorded), screened eligible or not (with the reason), then funded (a funds plan, `plan`) or not, then
  finished; `ProjectPhoto`s through gongzhi.photos.
- `Ranking` / `RankingEntry`: one seated member's full ranking of the eligible projects (Borda count).
- `Rating`: a resident's 1–5 for a finished project, once each; only the mean and count are ever shown.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Listing(models.TextChoices):
    PRIORITY = "priority", _("优先支持")
    ALLOWED = "allowed", _("可以支持")
    EXCLUDED = "excluded", _("负面清单（不得使用村公资金）")


class Category(models.Model):
    # None: the catalogue every township shares (not editable by a township); else the township's own category.
    township = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("镇(乡、街道)"),
    )
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    listing = models.CharField(_("类别"), max_length=10, choices=Listing.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    active = models.BooleanField(_("使用中"), default=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def excluded(self) -> bool:
        return self.listing == Listing.EXCLUDED


class RoundState(models.TextChoices):
    PREPARED = "prepared", _("筹备中")
    PROPOSING = "proposing", _("征集项目中")
    RANKING = "ranking", _("议事会排序中")
    DECIDED = "decided", _("已议定")


class Round(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"))
    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="+")
    opens_on = models.DateField(_("征集开始日期"))
    closes_on = models.DateField(_("征集截止日期"))
    cap = models.DecimalField(_("单个项目上限（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    state = models.CharField(max_length=10, choices=RoundState.choices, default=RoundState.PREPARED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The decision: the 议事会's passed meeting item, the ranking quorum as core.quorum gave it, the result.
    meeting_item = models.ForeignKey(
        "meetings.MeetingItem", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quorum_reason = models.CharField(max_length=300, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    disclosure = models.ForeignKey(
        "disclosures.Disclosure", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["area_path", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["community", "year"], name="budgeting_one_round_a_year"),
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="budgeting_window"),
            models.CheckConstraint(
                condition=Q(cap__isnull=True) | Q(cap__gt=0), name="budgeting_cap_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年村公资金项目征集"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"{self.community.name}·{self.year}年村公资金项目征集"


class ProjectState(models.TextChoices):
    SUBMITTED = "submitted", _("待审查")
    ELIGIBLE = "eligible", _("符合条件")
    INELIGIBLE = "ineligible", _("不符合条件")
    FUNDED = "funded", _("已立项")
    NOT_FUNDED = "not_funded", _("未入选")
    FINISHED = "finished", _("已完工")


class Project(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="projects")
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")  # the round's
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    title = models.CharField(_("项目名称"), max_length=60)
    description = models.TextField(_("项目内容"), max_length=1000)
    place = models.CharField(_("地点"), max_length=100)
    cost = models.DecimalField(_("估算金额（元）"), max_digits=14, decimal_places=2)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="projects", verbose_name=_("类别")
    )
    # Who proposed it: the resident (their entry in the register) and, if they did it themselves, their account;
    # staff who entered it for a resident who asked in person record how the resident agreed.
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    consent = models.CharField(_("本人同意的方式"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=12, choices=ProjectState.choices, default=ProjectState.SUBMITTED)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    screened_at = models.DateTimeField(null=True, blank=True)
    screen_reason = models.CharField(_("不符合条件的理由"), max_length=300, blank=True)
    # The decision: its Borda points and place, and the funds plan it became.
    points = models.PositiveIntegerField(null=True, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    plan = models.OneToOneField(
        "funds.Plan", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finished_on = models.DateField(_("完工日期"), null=True, blank=True)

    class Meta:
        ordering = ["round", "rank", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gt=0), name="budgeting_cost_positive"),
            models.CheckConstraint(
                condition=Q(proposer__isnull=False) | Q(entered_by__isnull=False),
                name="budgeting_who_proposed",
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

    @property
    def audit_label(self) -> str:
        return f"{self.community.name}·{self.title}"


class ProjectPhoto(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="photos")
    photo = models.OneToOneField("photos.Photo", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"project photo {self.pk}"


class Ranking(models.Model):
    """One seated member's ranking of the round's eligible projects (first = most wanted)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="rankings")
    membership = models.ForeignKey("bodies.Membership", on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "membership"], name="budgeting_one_ranking_each")
        ]

    def __str__(self) -> str:
        return f"ranking {self.pk}"


class RankingEntry(models.Model):
    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="entries")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["ranking", "position"]
        constraints = [
            models.UniqueConstraint(fields=["ranking", "project"], name="budgeting_ranked_once"),
            models.UniqueConstraint(fields=["ranking", "position"], name="budgeting_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.position}"


class Rating(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    stars = models.PositiveSmallIntegerField(_("评分"))
    rated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rated_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="budgeting_one_rating_each"),
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="budgeting_stars_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"rating {self.pk}"
