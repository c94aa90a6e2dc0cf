"""Elections 换届: the township's round and each community's committee election, around the paper ballot box.

Statutory elections are held on paper, by secret ballot with public counting
(村民委员会组织法 第十一至十六条; 城市居民委员会组织法 第八条). gongzhi keeps
what surrounds the ballot box and makes the count verifiable; it never
pretends an online vote is a statutory election.

- `Round`: the township opens one for a term (第十一届), with each
  community's election day and seats (`Election`).
- `CommitteeMember`: the community's election committee (选举委员会, 第十二条).
  A member nominated as a candidate leaves it (`left_on`, `left_reason`);
  past members are kept.
- `Voter`: one line of the voter roll (选民登记, 第十三条), built from the
  register, never retyped. `round` is copied from the election so that
  nobody stands on two rolls of one round (a partial unique constraint),
  whichever community.

The steps a community goes through (committee formed → roll published →
objections closed → candidates published → election day → result filed) are
read from these records by the selectors, never typed as a state.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Round(models.Model):
    """One township's round of elections for a term (第十一届村(社区)"三委"换届选举)."""

    township = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    term = models.PositiveSmallIntegerField(_("届次"))  # 11 for 第十一届
    name = models.CharField(_("名称"), max_length=60)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("换届")
        verbose_name_plural = _("换届")
        ordering = ["-term", "id"]
        constraints = [models.UniqueConstraint(fields=["township", "term"], name="election_round_term_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_path(self) -> str:
        return self.township.path

    @property
    def audit_area(self):
        return self.township


class Election(models.Model):
    """One community's committee election (村(居)民委员会选举) in a round."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="elections")
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    election_day = models.DateField(_("选举日"))
    # 应选名额: the committee's seats, chair and vice-chairs included (3 to 7, 第六条; 5 to 9, 居委会组织法 第七条).
    seats = models.PositiveSmallIntegerField(_("应选名额"))
    committee_formed_on = models.DateField(_("选举委员会产生日期"), null=True, blank=True)
    roll_published_at = models.DateTimeField(_("选民名单公布时间"), null=True, blank=True)
    candidates_published_at = models.DateTimeField(_("候选人名单公布时间"), null=True, blank=True)
    result_filed_at = models.DateTimeField(_("结果报备时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("村(居)委会选举")
        verbose_name_plural = _("村(居)委会选举")
        ordering = ["round", "community__path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "community"], name="election_community_once"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="election_seats_positive"),
        ]

    def __str__(self) -> str:
        # What its audit rows and the admin read: "青山村 第11届换届选举".
        return f"{self.community.name} 第{self.round.term}届换届选举"

    @property
    def scope_path(self) -> str:
        return self.community.path

    @property
    def audit_area(self):
        return self.community


class OfElection:
    """A record of one community's election: scoped and audited where its community is."""

    election: "Election"

    @property
    def scope_path(self) -> str:
        return self.election.community.path

    @property
    def audit_area(self):
        return self.election.community


class CommitteePost(models.TextChoices):
    CHAIR = "chair", _("主任")
    VICE_CHAIR = "vice_chair", _("副主任")
    MEMBER = "member", _("委员")


class LeftReason(models.TextChoices):
    NOMINATED = "nominated", _("被提名为候选人")
    OTHER = "other", _("其他原因")


class CommitteeMember(OfElection, models.Model):
    """A seat on the community's election committee (村(居)民选举委员会)."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="committee")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    post = models.CharField(
        _("职务"), max_length=20, choices=CommitteePost.choices, default=CommitteePost.MEMBER
    )
    joined_on = models.DateField(_("产生日期"))
    left_on = models.DateField(_("退出日期"), null=True, blank=True)
    left_reason = models.CharField(_("退出原因"), max_length=20, choices=LeftReason.choices, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("选举委员会成员")
        verbose_name_plural = _("选举委员会成员")
        ordering = ["election", "left_on", "post", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "resident"],
                condition=Q(left_on=None),
                name="election_committee_seat_once",
            ),
            models.CheckConstraint(
                condition=Q(left_on=None) | Q(left_on__gte=F("joined_on")),
                name="election_committee_left_after",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.election_id} {self.resident_id} {self.post}"


class VoterBasis(models.TextChoices):
    """Why a person is on the roll (村民委员会组织法 第十三条)."""

    LIVING = "living", _("户籍在本村(社区)并且在本村(社区)居住")
    AWAY = "away", _("户籍在本村(社区), 不在本村(社区)居住, 本人表示参加选举")
    NEWCOMER = "newcomer", _("户籍不在本村(社区), 在本村(社区)居住一年以上, 本人申请, 经会议同意")


class Voter(OfElection, models.Model):
    """One line of a community's voter roll: who may vote, and why."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="voters")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="+", editable=False)
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(_("登记依据"), max_length=20, choices=VoterBasis.choices)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(_("除名时间"), null=True, blank=True)
    removal_reason = models.CharField(_("除名原因"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("选民")
        verbose_name_plural = _("选民")
        ordering = ["election", "id"]
        constraints = [
            # Nobody on two rolls of one round, whichever community (第十三条: 不得再参加其他地方的选举).
            models.UniqueConstraint(
                fields=["round", "resident"], condition=Q(removed_at=None), name="election_voter_one_roll"
            ),
        ]
        indexes = [models.Index(fields=["election", "removed_at"], name="election_voter_roll")]

    def __str__(self) -> str:
        return f"{self.election_id} {self.resident_id}"

    def save(self, *args, **kwargs) -> None:
        self.round_id = self.election.round_id
        super().save(*args, **kwargs)


# --- The round's periods, the roll's additions, objections and proxies (the roll part) ----------------------


class RoundPractice(models.Model):
    """The round's periods that are provincial practice, not statute, and the township's target shares.

    Kept beside the round (one to one) so the round's own fields stay as they are. The statute's periods
    (roll 20 days before election day, objections 5 days, answers 3 days) are constants in deadlines.py.
    """

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="practice")
    # The committee is chosen this many days before election day at the latest (provinces: 30 to 60).
    committee_lead_days = models.PositiveSmallIntegerField(_("选举委员会最迟产生(选举日前天数)"), default=60)
    # The candidates are published this many days before election day at the latest (provinces: 5).
    candidates_lead_days = models.PositiveSmallIntegerField(_("候选人名单最迟公布(选举日前天数)"), default=5)
    # The result is filed with the township within this many days of election day (provinces: 15).
    filing_days = models.PositiveSmallIntegerField(_("结果报备期限(选举日后天数)"), default=15)
    # Target shares in percent: 一肩挑 (the party secretary chairs the committee) and 交叉任职.
    shoulder_one_target = models.PositiveSmallIntegerField(_("一肩挑目标比例(%)"), default=50)
    cross_holding_target = models.PositiveSmallIntegerField(_("交叉任职目标比例(%)"), default=50)

    class Meta:
        verbose_name = _("换届工作期限")
        verbose_name_plural = _("换届工作期限")
        constraints = [
            models.CheckConstraint(
                condition=Q(shoulder_one_target__lte=100) & Q(cross_holding_target__lte=100),
                name="election_practice_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return str(self.round_id)


class VoterAdmission(models.Model):
    """How a line of basis (2) or (3) came onto the roll, or why one was added after publication."""

    voter = models.OneToOneField(Voter, on_delete=models.CASCADE, related_name="admission")
    requested_on = models.DateField(_("本人表示或申请日期"), null=True, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    admitted_on = models.DateField(_("会议同意日期"), null=True, blank=True)
    minute_ref = models.CharField(_("会议记录编号"), max_length=60, blank=True)
    reason = models.CharField(_("公布后增补原因"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("选民登记依据")
        verbose_name_plural = _("选民登记依据")

    def __str__(self) -> str:
        return str(self.voter_id)


class ObjectionKind(models.TextChoices):
    WRONGLY_ON = "wrongly_on", _("不应列入选民名单")
    LEFT_OFF = "left_off", _("应列入而未列入")
    WRONG_BASIS = "wrong_basis", _("登记依据有误")


class Objection(OfElection, models.Model):
    """An objection to the published roll (第十四条): filed within 5 days, answered within 3 days, published."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="objections")
    author = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("异议类型"), max_length=20, choices=ObjectionKind.choices)
    basis = models.CharField(_("应为登记依据"), max_length=20, choices=VoterBasis.choices, blank=True)
    reason = models.CharField(_("异议理由"), max_length=300)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(auto_now_add=True)
    upheld = models.BooleanField(_("异议成立"), null=True)
    answer = models.CharField(_("处理决定"), max_length=300, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("选民名单异议")
        verbose_name_plural = _("选民名单异议")
        ordering = ["election", "filed_at", "id"]

    def __str__(self) -> str:
        return f"{self.election_id} {self.pk}"


class Proxy(OfElection, models.Model):
    """A written authorisation to vote (委托投票, 第十五条): to a close relative on the same roll, at most 3 each."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="proxies")
    grantor = models.ForeignKey(Voter, on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(Voter, on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("委托书签署日期"))
    scan_name = models.CharField(max_length=80, blank=True, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("委托投票")
        verbose_name_plural = _("委托投票")
        ordering = ["election", "holder", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["grantor"], condition=Q(withdrawn_at=None), name="election_proxy_one_per_grantor"
            ),
            models.CheckConstraint(condition=~Q(grantor=F("holder")), name="election_proxy_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.grantor_id} → {self.holder_id}"


# --- Candidates, election day, the double-entry count, the result and recall ------------------------------


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    ACCEPTED = "accepted", _("已确认")
    REJECTED = "rejected", _("未确认")


class Nomination(OfElection, models.Model):
    """A voter nominated as a candidate by voters of the roll (村民委员会组织法 第十五条: 由登记参加选举的村民直接提名)."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="nominations")
    candidate = models.ForeignKey(Voter, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("状态"), max_length=20, choices=NominationStatus.choices, default=NominationStatus.PENDING
    )
    reason = models.CharField(_("理由"), max_length=200, blank=True)
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    nominated_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("候选人提名")
        verbose_name_plural = _("候选人提名")
        ordering = ["election", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "candidate"],
                condition=~Q(status="rejected"),
                name="election_nomination_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.election_id} {self.candidate_id}"


class Nominator(models.Model):
    """One voter of the roll who signed a nomination (联名 when there are several, 个人 when one)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="nominators")
    voter = models.ForeignKey(Voter, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["nomination", "voter"], name="election_nominator_once")
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.voter_id}"


class Recall(OfElection, models.Model):
    """A proposal to recall (罢免, 第十六条) a sitting member of the committee, with its supporters."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="recalls")  # whose roll
    membership = models.ForeignKey("bodies.Membership", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("罢免理由"), max_length=300)
    proposed_on = models.DateField(_("提出日期"))
    supporters = models.ManyToManyField(Voter, related_name="+", verbose_name=_("联名选民"))
    representatives = models.PositiveSmallIntegerField(_("联名的村(居)民代表人数"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("罢免")
        verbose_name_plural = _("罢免")
        ordering = ["election", "id"]

    def __str__(self) -> str:
        return f"{self.election_id} {self.membership_id}"


class PollKind(models.TextChoices):
    FIRST = "first", _("选举")
    SECOND = "second", _("另行选举")
    RECALL = "recall", _("罢免投票")


class Poll(OfElection, models.Model):
    """One vote on paper: the election, its second round (另行选举), or a recall; its boxes, count and result."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="polls")
    kind = models.CharField(_("类型"), max_length=20, choices=PollKind.choices)
    recall = models.OneToOneField(
        Recall, on_delete=models.PROTECT, null=True, blank=True, related_name="poll"
    )
    seats = models.PositiveSmallIntegerField(_("应选名额"))
    held_on = models.DateField(_("投票日期"))
    meeting_place = models.CharField(_("选举大会会场"), max_length=100)
    signed_off_at = models.DateTimeField(_("监票人签字时间"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    result = models.JSONField(null=True, blank=True)  # the tally's outcome, computed at sign-off
    announced_at = models.DateTimeField(_("宣布时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("投票")
        verbose_name_plural = _("投票")
        ordering = ["election", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "kind"], condition=Q(recall=None), name="election_poll_round_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.election_id} {self.kind}"


class BoxKind(models.TextChoices):
    CENTRAL = "central", _("中心会场")
    STATION = "station", _("投票站")
    MOBILE = "mobile", _("流动票箱")


class BallotBox(models.Model):
    """A ballot box of a poll and its paper: ballots issued (发出), returned (收回) and spoiled (无效)."""

    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="boxes")
    kind = models.CharField(_("类型"), max_length=20, choices=BoxKind.choices)
    place = models.CharField(_("地点"), max_length=100)
    staff = models.CharField(_("工作人员"), max_length=200)
    issued = models.PositiveIntegerField(_("发出选票"), null=True, blank=True)
    returned = models.PositiveIntegerField(_("收回选票"), null=True, blank=True)
    spoiled = models.PositiveIntegerField(_("无效选票"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("票箱")
        verbose_name_plural = _("票箱")
        ordering = ["poll", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(returned=None) | Q(returned__lte=F("issued")), name="election_box_returned_issued"
            ),
            models.CheckConstraint(
                condition=Q(spoiled=None) | Q(spoiled__lte=F("returned")),
                name="election_box_spoiled_returned",
            ),
        ]

    def __str__(self) -> str:
        return self.place

    @property
    def valid(self) -> int | None:
        return None if self.returned is None or self.spoiled is None else self.returned - self.spoiled

    @property
    def scope_path(self) -> str:
        return self.poll.election.community.path

    @property
    def audit_area(self):
        return self.poll.election.community


class CountSheet(models.Model):
    """One clerk's independent count of one box (double entry: two clerks, two sheets)."""

    box = models.ForeignKey(BallotBox, on_delete=models.PROTECT, related_name="sheets")
    clerk = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)
    corrected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["box", "id"]
        constraints = [models.UniqueConstraint(fields=["box", "clerk"], name="election_sheet_clerk_once")]

    def __str__(self) -> str:
        return f"{self.box_id} {self.clerk_id}"


class CountLine(models.Model):
    """A candidate's votes on a sheet; without a candidate, the votes for the recall."""

    sheet = models.ForeignKey(CountSheet, on_delete=models.CASCADE, related_name="lines")
    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    votes = models.PositiveIntegerField(_("票数"))

    class Meta:
        ordering = ["sheet", "nomination"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "nomination"], name="election_line_once"),
            models.UniqueConstraint(
                fields=["sheet"], condition=Q(nomination=None), name="election_line_recall_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sheet_id} {self.nomination_id} {self.votes}"


class Scrutineer(models.Model):
    """A scrutineer (监票人) who signed the poll's count: a voter of the roll, not a candidate."""

    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="scrutineers")
    voter = models.ForeignKey(Voter, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "voter"], name="election_scrutineer_once")]

    def __str__(self) -> str:
        return f"{self.poll_id} {self.voter_id}"
