"""Consultative polls and the 双评 evaluation rounds, each voted in secret through the kernel's ballot box.

- `Round`: one poll (咨询性投票, a community's or a resident group's, or the township's across its
  communities), one yearly 民主评议 of the committee's members (run by the supervisory committee), or one
  群众评议 of the committee's work. Its questions, voters, secrecy and tally are the ballot box's
  (gongzhi.ballots); the round keeps what the feature adds: who asked, what kind, the year, whether the
  results are public without login, and when it was finalised.
- `RoundBox`: the round's ballot box in one community (a township poll has one per community, because a box
  lives in one community).
- `ReviewSeat`: a committee member or a hired staff member (聘用人员, 第三十三条) under review, fixed when
  the 民主评议 opens, in post order (the members first, then the staff); at the close
  the counts of 称职/基本称职/不称职 for them (aggregates, never who gave which), whether 不称职 was more than
  half of the ballots (`unfit`), and, for a committee member only, whether that is the second consecutive time
  (`flagged`: 村民委员会组织法 第三十三条, the post ends; the township is told).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RoundKind(models.TextChoices):
    POLL = "poll", _("咨询性投票")
    REVIEW = "review", _("民主评议")
    SATISFACTION = "satisfaction", _("群众评议")


class Round(models.Model):
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    kind = models.CharField(_("类型"), max_length=20, choices=RoundKind.choices)
    title = models.CharField(_("事项"), max_length=200)
    question = models.CharField(_("问题"), max_length=500)
    year = models.PositiveSmallIntegerField(_("评议年度"), null=True, blank=True)
    public_results = models.BooleanField(_("结果不登录也可查看"), default=False)
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    closed_at = models.DateTimeField(null=True, blank=True)  # finalised: every box closed, results kept
    eligible = models.PositiveIntegerField(default=0)  # voters fixed at the opening, all boxes
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "kind", "year"],
                condition=Q(kind__in=["review", "satisfaction"]),
                name="polls_evaluation_once_a_year",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.area

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class RoundBox(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="boxes")
    box = models.OneToOneField("ballots.BallotBox", on_delete=models.PROTECT, related_name="+")
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["round", "community__path", "id"]

    def __str__(self) -> str:
        return f"{self.round_id} {self.box_id}"


class ReviewSeat(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="seats")
    membership = models.ForeignKey("bodies.Membership", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=20)
    position = models.PositiveSmallIntegerField()  # post order (主任, 副主任, 委员), never a score
    key = models.CharField(max_length=30)  # the box's question key for this member
    # A member of the committee (True) or hired staff paid 误工补贴 (False): both are evaluated (村民委员会组织法
    # 第三十三条第一款), but only a committee member's office ends after two consecutive 不称职 (第二款).
    committee_member = models.BooleanField(default=True)
    competent = models.PositiveIntegerField(default=0)
    basically_competent = models.PositiveIntegerField(default=0)
    incompetent = models.PositiveIntegerField(default=0)
    unfit = models.BooleanField(default=False)  # 不称职 more than half of the ballots, in a quorate round
    flagged = models.BooleanField(default=False)  # unfit twice running: flagged to the township

    class Meta:
        ordering = ["round", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "membership"], name="polls_seat_once"),
            models.UniqueConstraint(fields=["round", "key"], name="polls_seat_key_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} {self.name}"

    @property
    def scope_path(self) -> str:
        return self.round.area_path

    @property
    def audit_area(self):
        return self.round.area

    @property
    def total(self) -> int:
        return self.competent + self.basically_competent + self.incompetent
