"""Reading ballot boxes: scoped to the viewer; results and receipts only after the close.

A feature reads the box of its own record with `ballot_box_of_owner` (it fetched its record for its viewer) and
`ballot_box_results` after the close. `ballot_box_invariant` checks the one thing a box must always hold:
ballots filled = participations = the votes of every question in the tally.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.core.errors import NotFound
from gongzhi.core.quorum import TurnoutResult, turnout_check

from .models import Ballot, BallotBox, Eligibility, Participation
from .roles import READERS

RECEIPT_FINGERPRINT = 16  # hex digits of the receipt's SHA-256 shown in the public list


def receipt_hash(code: str) -> str:
    """The stored form of a receipt code: SHA-256 of the code as printed, separators and case ignored."""
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


def receipt_fingerprint(hashed: str) -> str:
    """The receipt's short public form: the first 16 hex digits of its hash, in groups of four."""
    short = hashed[:RECEIPT_FINGERPRINT]
    return " ".join(short[i : i + 4] for i in range(0, len(short), 4))


def is_eligible(box: BallotBox, user) -> bool:
    return Eligibility.objects.filter(box=box, user=user).exists()


def has_voted(box: BallotBox, user) -> bool:
    return Participation.objects.filter(box=box, user=user).exists()


def box_state(box: BallotBox, now=None) -> str:
    """ "scheduled" (not yet open), "open", "ended" (past its closing time, not yet closed) or "closed"."""
    now = now or timezone.now()
    if box.closed_at is not None:
        return "closed"
    if now < box.opens_at:
        return "scheduled"
    if now >= box.closes_at:
        return "ended"
    return "open"


def boxes_visible_q(viewer) -> Q:
    eligible = Exists(Eligibility.objects.filter(box=OuterRef("pk"), user=viewer))
    return Q(eligible) | scope_q(paths_for(viewer, READERS))


def ballot_boxes_for(*, viewer, purpose: str = "") -> QuerySet[BallotBox]:
    """The boxes `viewer` may see: those they may vote in, and their area's as staff, supervisor, township."""
    if not viewer.is_authenticated:
        return BallotBox.objects.none()
    found = BallotBox.objects.filter(boxes_visible_q(viewer))
    if purpose:
        found = found.filter(purpose=purpose)
    return found.select_related("area")


def ballot_box_get_for(*, viewer, box_id: int) -> BallotBox:
    """One box `viewer` may see, or NotFound (missing and not theirs alike)."""
    found = ballot_boxes_for(viewer=viewer).filter(pk=box_id).first()
    if found is None:
        raise NotFound()
    return found


def ballot_boxes_open_for(*, viewer) -> QuerySet[BallotBox]:
    """The open boxes `viewer` may vote in, with `voted` annotated (their own participation)."""
    if not viewer.is_authenticated:
        return BallotBox.objects.none()
    now = timezone.now()
    return (
        BallotBox.objects.filter(
            eligible__user=viewer, closed_at__isnull=True, opens_at__lte=now, closes_at__gt=now
        )
        .annotate(voted=Exists(Participation.objects.filter(box=OuterRef("pk"), user=viewer)))
        .select_related("area")
        .order_by("closes_at", "pk")
    )


def ballot_box_of_owner(*, app: str, model: str, owner_id: int, purpose: str = "") -> QuerySet[BallotBox]:
    """The boxes of a feature's record; the feature fetched that record for its viewer."""
    found = BallotBox.objects.filter(owner_app=app, owner_model=model, owner_id=owner_id)
    return found.filter(purpose=purpose) if purpose else found


@dataclass
class QuestionResult:
    key: str
    text: str
    counts: list[tuple[str, str, int]]  # (option key, label, votes), in the question's order
    total: int


@dataclass
class BoxResults:
    eligible: int
    participated: int
    filled: int
    turnout: TurnoutResult
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.turnout.quorate


def _tally(box: BallotBox) -> tuple[int, dict[str, Counter]]:
    filled = 0
    counts: dict[str, Counter] = {q["key"]: Counter() for q in box.questions}
    for answers in Ballot.objects.filter(box=box, filled=True).values_list("answers", flat=True):
        filled += 1
        for key, option in (answers or {}).items():
            counts.setdefault(key, Counter())[option] += 1
    return filled, counts


def ballot_box_results(box: BallotBox) -> BoxResults:
    """The tally per question and option, the turnout and the quorum. Only for a closed box: NotFound before
    (the caller fetched the box for its viewer; results of an open box exist for nobody)."""
    if box.closed_at is None:
        raise NotFound()
    eligible = Eligibility.objects.filter(box=box).count()
    participated = Participation.objects.filter(box=box).count()
    filled, counts = _tally(box)
    turnout = turnout_check(
        eligible=eligible,
        participated=participated,
        share=Fraction(box.quorum_numerator, box.quorum_denominator),
        inclusive=box.quorum_inclusive,
    )
    results = BoxResults(eligible, participated, filled, turnout)
    for question in box.questions:
        tally = counts[question["key"]]
        rows = [(o["key"], o["label"], tally[o["key"]]) for o in question["options"]]
        results.questions.append(QuestionResult(question["key"], question["text"], rows, sum(tally.values())))
    return results


def ballot_box_receipts(box: BallotBox) -> list[str]:
    """The fingerprints of every counted ballot's receipt, sorted (so their order says nothing), after close."""
    if box.closed_at is None:
        raise NotFound()
    hashes = Ballot.objects.filter(box=box, filled=True).values_list("receipt_hash", flat=True)
    return sorted(receipt_fingerprint(h) for h in hashes if h)


def ballot_receipt_included(box: BallotBox, code: str) -> bool:
    """Is a ballot with this receipt code in the box? Nothing is recorded of who asked or what."""
    cleaned = "".join(ch for ch in (code or "") if ch.isalnum())
    if not cleaned or len(cleaned) > 64:
        return False
    return Ballot.objects.filter(box=box, filled=True, receipt_hash=receipt_hash(cleaned)).exists()


def ballot_box_invariant(box: BallotBox) -> dict:
    """Ballots filled = participations = votes counted for every question; slots = eligible voters."""
    filled, counts = _tally(box)
    participated = Participation.objects.filter(box=box).count()
    slots = Ballot.objects.filter(box=box).count()
    eligible = Eligibility.objects.filter(box=box).count()
    per_question = {key: sum(counter.values()) for key, counter in counts.items()}
    ok = (
        filled == participated
        and all(total == filled for total in per_question.values())
        and slots == eligible
        and not Participation.objects.filter(box=box)
        .exclude(user__in=Eligibility.objects.filter(box=box).values("user"))
        .exists()
    )
    return {
        "ok": ok,
        "eligible": eligible,
        "slots": slots,
        "filled": filled,
        "participations": participated,
        "per_question": per_question,
    }
