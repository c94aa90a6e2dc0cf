"""People's mediation 人民调解: disputes on the case engine, their parties, mediators, sessions and outcomes.

The case (gongzhi.cases) holds the lifecycle, the timeline and the one case
code's number; a `Dispute` holds what only disputes have: the code shown on
every paper (TJ + year + the case number), the category, where it came from,
the facts, the outcome (the agreement's terms, the referral, the withdrawal)
and the files (the generated 人民调解协议书, the signed scan, the referral
export). Parties are residents of the register or outsiders named with a
phone (encrypted, shown masked, as the register keeps phones).

The committee is a body of kind `mediation` (gongzhi.bodies), its members
residents of the register; training records hang on the member.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    NEIGHBOURS = "neighbours", _("邻里纠纷")
    FAMILY = "family", _("婚姻家庭纠纷（家事调解）")
    LAND = "land", _("土地承包纠纷")
    DAMAGES = "damages", _("损害赔偿纠纷")
    LABOUR = "labour", _("劳务纠纷")
    PROPERTY = "property", _("房屋宅基地纠纷")
    DEBT = "debt", _("借贷纠纷")
    OTHER = "other", _("其他纠纷")


# 孝文化+家事调解: facts and positions are hidden even from the chair once mediators are assigned, and the
# statistics show the category only where enough cases stand behind the number (see selectors).
FAMILY_CATEGORIES = frozenset({Category.FAMILY})


class Source(models.TextChoices):
    PARTY = "party", _("当事人申请")
    GRID = "grid", _("网格员报告")
    COMMITTEE = "committee", _("调委会登记")
    SITUATION = "situation", _("微民情转来")
    WISH = "wish", _("微心愿转来")
    SCREENING = "screening", _("矛盾纠纷排查")


class Outcome(models.TextChoices):
    AGREEMENT = "agreement", _("达成调解协议")
    FAILED = "failed", _("调解不成，引导其他途径")
    WITHDRAWN = "withdrawn", _("当事人撤回")
    DECLINED = "declined", _("不予受理")


class ReferralTo(models.TextChoices):
    COURT = "court", _("人民法院（诉讼）")
    POLICE = "police", _("公安派出所")
    ARBITRATION = "arbitration", _("仲裁机构")
    TOWNSHIP_CENTRE = "township_centre", _("乡镇（街道）矛盾纠纷调处中心")
    COUNTY_CENTRE = "county_centre", _("县级矛盾纠纷调处中心")


class Dispute(models.Model):
    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="dispute"
    )
    code = models.CharField(_("案件编号"), max_length=20, unique=True)
    category = models.CharField(_("纠纷类别"), max_length=12, choices=Category.choices)
    source = models.CharField(_("来源"), max_length=12, choices=Source.choices)
    source_ref = models.PositiveIntegerField(
        null=True, blank=True
    )  # the note, wish or screening it came from
    facts = models.TextField(_("纠纷事实"), max_length=2000)
    # The chair who took it (受理) and when.
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    taken_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField(_("说明"), max_length=500, blank=True)
    # The agreement (人民调解协议书): its terms, the day it takes effect, the parties' wish for 司法确认.
    terms = models.TextField(_("协议内容"), max_length=3000, blank=True)
    performance = models.CharField(_("履行方式和期限"), max_length=300, blank=True)
    effective_on = models.DateField(_("协议生效日期"), null=True, blank=True)
    confirmation_wanted = models.BooleanField(_("当事人申请司法确认"), default=False)
    confirmation_due = models.DateField(_("申请司法确认截止日期"), null=True, blank=True)
    confirmation_reminded_at = models.DateTimeField(null=True, blank=True)
    agreement_path = models.CharField(max_length=200, blank=True)  # under DATA_DIR, the generated PDF
    agreement_sha256 = models.CharField(max_length=64, blank=True)
    scan_path = models.CharField(max_length=200, blank=True)  # the signed paper, scanned back
    scan_sha256 = models.CharField(max_length=64, blank=True)
    scan_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scan_uploaded_at = models.DateTimeField(null=True, blank=True)
    # The referral when mediation failed: where to, and the export that goes with the case code.
    referral_to = models.CharField(_("引导至"), max_length=20, choices=ReferralTo.choices, blank=True)
    referral_path = models.CharField(max_length=200, blank=True)
    referral_sha256 = models.CharField(max_length=64, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["confirmation_due"], name="dispute_confirmation_due")]

    def __str__(self) -> str:
        return self.code

    @property
    def audit_label(self) -> str:
        # Audit rows name the case code only: never a party, never the facts.
        return self.code

    @property
    def scope_path(self) -> str:
        return self.case.area_path

    @property
    def audit_area(self):
        return self.case.community

    @property
    def family(self) -> bool:
        return self.category in FAMILY_CATEGORIES


class PartySide(models.TextChoices):
    APPLICANT = "applicant", _("申请人")
    RESPONDENT = "respondent", _("被申请人")


class Party(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="parties")
    side = models.CharField(_("当事人身份"), max_length=12, choices=PartySide.choices)
    # A resident of the register (their account, when they have one, reads the case) or an outsider.
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("姓名"), max_length=50)
    phone_ciphertext = models.TextField(blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, default="", db_index=True)
    phone_masked = models.CharField(_("手机号"), max_length=11, blank=True, default="")

    class Meta:
        ordering = ["dispute", "side", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispute", "resident"],
                condition=Q(resident__isnull=False),
                name="party_resident_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dispute_id} {self.side}"


class Assignment(models.Model):
    """A mediator on a case: assigned by the chair; ends when they recuse (回避) or the chair releases them."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="assignments")
    mediator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(_("回避原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["dispute", "assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispute", "mediator"], condition=Q(ended_at=None), name="assignment_current_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mediator_id} on {self.dispute_id}"


class Session(models.Model):
    """One mediation session: when, where, who came, each party's position, what was agreed next."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("调解日期"))
    place = models.CharField(_("地点"), max_length=100)
    attendees = models.CharField(_("参加人员"), max_length=300)
    next_steps = models.CharField(_("下一步"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dispute", "held_on", "id"]

    def __str__(self) -> str:
        return f"session {self.pk} of {self.dispute_id}"


class Position(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="positions")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("意见和诉求"), max_length=500)

    class Meta:
        ordering = ["session", "party_id"]
        constraints = [models.UniqueConstraint(fields=["session", "party"], name="position_once")]

    def __str__(self) -> str:
        return f"{self.party_id} at {self.session_id}"


class VisitOutcome(models.TextChoices):
    KEPT = "kept", _("协议已履行")
    NOT_KEPT = "not_kept", _("协议未履行")


class FollowUp(models.Model):
    """回访 after the agreement: due on a day, recorded with its outcome (kept / not kept → may reopen)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="followups")
    due_on = models.DateField(_("回访期限"))
    visited_on = models.DateField(_("回访日期"), null=True, blank=True)
    outcome = models.CharField(_("回访结果"), max_length=10, choices=VisitOutcome.choices, blank=True)
    note = models.CharField(_("回访情况"), max_length=500, blank=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["dispute", "due_on", "id"]

    def __str__(self) -> str:
        return f"follow-up {self.pk} of {self.dispute_id}"


class Training(models.Model):
    """A mediator's training (人民调解法 第十四条: 县级司法行政部门应当定期对人民调解员进行业务培训)."""

    membership = models.ForeignKey("bodies.Membership", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("培训日期"))
    course = models.CharField(_("培训内容"), max_length=100)
    hours = models.DecimalField(_("学时"), max_digits=4, decimal_places=1)
    given_by = models.CharField(_("培训单位"), max_length=60)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=80), name="training_hours_range")
        ]

    def __str__(self) -> str:
        return f"{self.course} {self.held_on}"


class Screening(models.Model):
    """The monthly 矛盾纠纷排查 of one community: what was found (each finding a case) or none."""

    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True)
    month = models.DateField(_("排查月份"))  # the first day of the month
    none_found = models.BooleanField(_("未发现矛盾纠纷"), default=False)
    note = models.CharField(_("排查说明"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "community_id"]
        constraints = [models.UniqueConstraint(fields=["community", "month"], name="screening_once_a_month")]

    def __str__(self) -> str:
        return f"{self.community_id} {self.month:%Y-%m}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"{self.month:%Y-%m}"
