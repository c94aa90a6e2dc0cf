"""The online secret ballot: the kernel's one ballot box, for every feature that votes in secret.

- `BallotBox`: where (the community's area), what for (a generic link to the
  owning record as app label, model and id, and a `purpose` the feature
  names — the kernel imports no feature), the questions as validated data
  (each a key, a text and its options; one choice each), when it opens and
  closes, and an optional quorum (a share of the eligible voters who must
  take part for the result to be valid, core.quorum.turnout_check).
- `Eligibility`: one row per user who may vote, fixed when the box opens.
- `Participation`: who has voted — one row per voter and box (a unique
  constraint), with no timestamp. It never names a ballot.
- `Ballot`: a slot. The box opens with one empty slot per eligible voter,
  created in a random order under random UUID keys; a vote fills one slot
  chosen at random, in the same transaction as the participation. A slot
  holds the answers and the SHA-256 of the voter's receipt code, and
  nothing else: no user, no time, no sequence. Ballots are ordered by
  their random key. Decision 0038 says what a database superuser could
  still infer, and how closing the box rewrites the slots to erase it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class BallotBox(models.Model):
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    purpose = models.CharField(max_length=40)  # the feature's name for it, e.g. "meeting_item", "poll"
    owner_app = models.CharField(max_length=40, blank=True)  # the owning record: app label, model name, id
    owner_model = models.CharField(max_length=40, blank=True)
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(_("投票事项"), max_length=200)
    # [{"key": "q1", "text": "…", "options": [{"key": "for", "label": "赞成"}, …]}, …] (actions.questions_clean)
    questions = models.JSONField()
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    closed_at = models.DateTimeField(null=True, blank=True)
    # The quorum: at least numerator/denominator of the eligible voters take part (inclusive: "以上"), or
    # strictly more than that share (exclusive: "过半数"); numerator 0: no quorum.
    quorum_numerator = models.PositiveSmallIntegerField(default=0)
    quorum_denominator = models.PositiveSmallIntegerField(default=1)
    quorum_inclusive = models.BooleanField(default=True)
    # The permission the box was opened with (the feature's, or "ballots.open"): closing asks for the same.
    manage_perm = models.CharField(max_length=80, default="ballots.open")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "-id"]
        indexes = [
            models.Index(fields=["owner_app", "owner_model", "owner_id"], name="ballot_box_owner"),
            models.Index(fields=["closed_at", "closes_at"], name="ballot_box_closing"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="ballot_box_closes_after"),
            models.CheckConstraint(
                condition=Q(quorum_denominator__gt=0), name="ballot_box_quorum_denominator"
            ),
            models.CheckConstraint(
                condition=Q(quorum_numerator__lte=F("quorum_denominator")), name="ballot_box_quorum_share"
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


class Eligibility(models.Model):
    """A user who may vote in the box, fixed when it opens."""

    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="eligible")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["box", "user"], name="ballot_eligible_once")]

    def __str__(self) -> str:
        return f"{self.box_id} {self.user_id}"


class Participation(models.Model):
    """Who has voted: once per box (the unique constraint holds under any concurrency). No timestamp, no ballot.

    `key_hash`: SHA-256 of the box, the voter and the API's Idempotency-Key of the cast, so that a retry of an
    acknowledged cast is told "already counted" rather than refused; it says nothing about the ballot.
    """

    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    key_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["box", "user"], name="ballot_vote_once")]

    def __str__(self) -> str:
        return f"{self.box_id} {self.user_id}"

    @property
    def audit_area(self):
        return self.box.area


class Ballot(models.Model):
    """One slot of the box: empty until a vote fills it. Random key, no voter, no time (module docstring)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="ballots")
    filled = models.BooleanField(default=False)
    answers = models.JSONField(null=True, blank=True)  # {question key: option key}
    receipt_hash = models.CharField(max_length=64, null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["box", "id"], condition=Q(filled=False), name="ballot_empty_slots"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["box", "receipt_hash"], name="ballot_receipt_once"),
            models.CheckConstraint(
                condition=Q(filled=False, answers__isnull=True, receipt_hash__isnull=True)
                | Q(filled=True, answers__isnull=False, receipt_hash__isnull=False),
                name="ballot_filled_whole",
            ),
        ]

    def __str__(self) -> str:
        return str(self.id)
