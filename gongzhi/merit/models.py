"""The merit board 积德榜 of a community: nominations of a person or a family, their consent, the review by the
community's 道德评议会, the public posting for objections (公示) and the entries on the board.

- `MeritCategory`: a kind of good deed (孝老爱亲, 诚实守信, …), data kept by the township's office.
- `Nomination`: one person (a resident of the register) or one family (a household of the register) named for a
  category, with the story of what was done, a witness and photos; who nominated (a resident, a registered
  social organisation through its representative, or staff); the nominee's consent (online by their own
  account, or a signed paper form recorded by staff) and the name they agreed to show; the review's result;
  the 公示 on the community's public board; the place on the merit board. A nomination without consent can
  never be in review, passed, posted or on the board: a check constraint holds it too.
- `NominationPhoto`: the photos of the evidence (stored through gongzhi.photos, without EXIF).
- `ReviewOpinion`: one member of the 道德评议会 agrees or disagrees, with the reason (once per member).
- `Objection`: one signed-in person's objection during the 公示 (once per person), and staff's answer.
- `MeritSetting`: a community's own 公示 period in calendar days (7 unless it says otherwise).
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PUBLICITY_DAYS_DEFAULT = 7


class MeritCategory(models.Model):
    name = models.CharField(_("类别"), max_length=20, unique=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)
    active = models.BooleanField(_("在用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("积德榜类别")
        verbose_name_plural = _("积德榜类别")

    def __str__(self) -> str:
        return self.name


class NomineeKind(models.TextChoices):
    PERSON = "person", _("个人")
    FAMILY = "family", _("家庭")


class NominatorKind(models.TextChoices):
    RESIDENT = "resident", _("居民")
    ORGANISATION = "organisation", _("社会组织")
    STAFF = "staff", _("村(社区)工作人员")


class NominationState(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", _("待本人同意")
    DECLINED = "declined", _("本人谢绝")
    IN_REVIEW = "in_review", _("道德评议会评议中")
    NOT_PASSED = "not_passed", _("评议未通过")
    PASSED = "passed", _("评议通过，待公示")
    PUBLICISED = "publicised", _("公示中")
    WITHDRAWN = "withdrawn", _("已撤回")
    ON_BOARD = "on_board", _("已上榜")


# States that need the nominee's consent: never reached without it (the actions check; a constraint too).
CONSENTED_STATES = ("in_review", "not_passed", "passed", "publicised", "on_board")


class ConsentChannel(models.TextChoices):
    ONLINE = "online", _("本人在线同意")
    PAPER = "paper", _("签字的纸质同意书（工作人员登记）")


class Nomination(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)  # the nominee's
    category = models.ForeignKey(MeritCategory, on_delete=models.PROTECT, related_name="nominations")
    kind = models.CharField(_("提名对象"), max_length=10, choices=NomineeKind.choices)
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    household = models.ForeignKey(
        "residents.Household", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Who consents: the person, or the household's head (户主) when the family was nominated.
    consenter = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("事迹标题"), max_length=40)
    story = models.TextField(_("事迹"))
    witness = models.CharField(_("证明人"), max_length=100, blank=True)
    nominator_kind = models.CharField(_("提名人"), max_length=14, choices=NominatorKind.choices)
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    nominated_at = models.DateTimeField(db_index=True)
    state = models.CharField(
        _("状态"), max_length=20, choices=NominationState.choices, default=NominationState.AWAITING_CONSENT
    )
    consent_channel = models.CharField(max_length=10, choices=ConsentChannel.choices, blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    consent_photo = models.ForeignKey(
        "photos.Photo", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    consent_pdf_path = models.CharField(max_length=200, blank=True)  # relative to settings.DATA_DIR
    display_name = models.CharField(_("上榜署名"), max_length=40, blank=True)  # as the nominee consented
    declined_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.CharField(max_length=300, blank=True)  # core.quorum's sentence
    publicity_days = models.PositiveSmallIntegerField(null=True, blank=True)
    publicity_starts_at = models.DateTimeField(null=True, blank=True)
    publicity_ends_at = models.DateTimeField(null=True, blank=True)
    disclosure = models.ForeignKey(
        "disclosures.Disclosure", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    placed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-nominated_at", "-id"]
        indexes = [models.Index(fields=["community", "state", "placed_at"], name="merit_board")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="person", resident__isnull=False, household__isnull=True))
                | Q(kind="family", household__isnull=False, resident__isnull=True),
                name="merit_nominee_one",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=CONSENTED_STATES) | Q(consented_at__isnull=False),
                name="merit_consent_first",
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
        return f"积德榜提名 #{self.pk}「{self.title}」"

    @property
    def consented(self) -> bool:
        return self.consented_at is not None

    @property
    def publicity_last_day(self):
        """The last day of the 公示 (it ends at 24:00 that day), in local time."""
        if self.publicity_ends_at is None:
            return None
        return (timezone.localtime(self.publicity_ends_at) - dt.timedelta(days=1)).date()

    @property
    def has_consent_file(self) -> bool:
        return self.consent_photo_id is not None or bool(self.consent_pdf_path)


class NominationPhoto(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="photos")
    photo = models.ForeignKey("photos.Photo", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["nomination", "id"]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.photo_id}"


class ReviewOpinion(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="opinions")
    member = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agrees = models.BooleanField(_("意见"))
    reason = models.CharField(_("理由"), max_length=300)
    at = models.DateTimeField()

    class Meta:
        ordering = ["nomination", "at", "id"]
        constraints = [models.UniqueConstraint(fields=["nomination", "member"], name="merit_opinion_once")]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.member_id} {self.agrees}"


class Objection(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="objections")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("异议"), max_length=500)
    at = models.DateTimeField()
    answer = models.CharField(_("答复"), max_length=500, blank=True)
    upheld = models.BooleanField(null=True)  # None until answered
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["nomination", "at", "id"]
        constraints = [models.UniqueConstraint(fields=["nomination", "by"], name="merit_objection_once")]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.by_id}"

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


class MeritSetting(models.Model):
    community = models.OneToOneField("areas.Area", on_delete=models.PROTECT, related_name="+")
    publicity_days = models.PositiveSmallIntegerField(_("公示天数（日历日）"), default=PUBLICITY_DAYS_DEFAULT)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.community_id} {self.publicity_days}"
