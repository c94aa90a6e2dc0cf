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
        return f"{self.round_id} {self.community_id}"

    @property
    def scope_path(self) -> str:
        return self.community.path

    @property
    def audit_area(self):
        return self.community


class CommitteePost(models.TextChoices):
    CHAIR = "chair", _("主任")
    VICE_CHAIR = "vice_chair", _("副主任")
    MEMBER = "member", _("委员")


class LeftReason(models.TextChoices):
    NOMINATED = "nominated", _("被提名为候选人")
    OTHER = "other", _("其他原因")


class CommitteeMember(models.Model):
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

    @property
    def scope_path(self) -> str:
        return self.election.community.path

    @property
    def audit_area(self):
        return self.election.community


class VoterBasis(models.TextChoices):
    """Why a person is on the roll (村民委员会组织法 第十三条)."""

    LIVING = "living", _("户籍在本村(社区)并且在本村(社区)居住")
    AWAY = "away", _("户籍在本村(社区), 不在本村(社区)居住, 本人表示参加选举")
    NEWCOMER = "newcomer", _("户籍不在本村(社区), 在本村(社区)居住一年以上, 本人申请, 经会议同意")


class Voter(models.Model):
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

    @property
    def scope_path(self) -> str:
        return self.election.community.path

    @property
    def audit_area(self):
        return self.election.community
