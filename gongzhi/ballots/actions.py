"""The online secret ballot: the kernel's, for every feature that decides or asks in secret.

    ballot_box_open ── questions, eligible voters (fixed now), one empty slot each (random keys, random
         │             order), opens_at … closes_at, the quorum, the permission that may close it
         ▼
     scheduled ──opens_at──▶ open ──closes_at──▶ ended ──ballots.close_due (periodic job)──▶ closed
                             │ ▲ │                 └────────── ballot_box_close ───────────▶ closed
                             │ │ └──────────────── ballot_box_close (early) ───────────────▶ closed
                             ▼ │
       ballot_cast: one participation + one slot filled at random;
       the receipt code shown once (only its hash kept); a second cast refused

     closed: every slot rewritten in key order; results, receipt fingerprints, turnout against the quorum

A feature opens a box for its record (a meeting's agenda item put to a secret ballot: the members present
online; a consultative poll: the adult residents with accounts; the yearly 民主评议: the evaluators),
linking it by app label, model and id (`owner`) and naming what it is for (`purpose`); the kernel imports no
feature. Who may open and close: the feature's permission over its own object (`perm=`, `perm_obj=`; the box
remembers the permission's name, and closing asks for the same), or the kernel's `ballots.open` (community
staff over the area). A voter votes themself (`ballots.cast`: eligible), once: a second ballot is refused with
a message and changes nothing, under any concurrency (the unique participation row), on both databases. No
ballot before the box opens, after it closes, or from someone not eligible. Results (the tally per question
and option), the list of receipt fingerprints and the turnout against the quorum exist only after the close
(`selectors.ballot_box_results`); `selectors.ballot_box_invariant` checks ballots filled = participations =
tally.

Secrecy (decision 0038): nothing the application stores links a voter to a slot. The participation says who
voted and nothing else (no time, no ballot); the slot holds the answers and the receipt's hash and nothing
else (no voter, no time, a random key chosen when the box opened); ballots are listed by their random key;
the audit row of a cast names the voter and the box, never the answers, the slot or the receipt. The API's
retry guard is a hash of the Idempotency-Key on the participation, not the idempotency cache (which would
remember the slot). The receipt code is shown once and never stored, in a session, a message or a URL. What a
database superuser could still infer while the box is open (PostgreSQL's xmin of the rows a cast wrote in one
transaction, their physical order, the WAL) is erased from the live rows by the close, which rewrites every
slot in key order in one transaction; decision 0038 says what remains (dead row versions until VACUUM, WAL
archives and backups taken during the vote).
"""

import datetime as dt
import hashlib
import random
import secrets
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.core.quorum import turnout_check
from gongzhi.core.text import text_clean

from .models import Ballot, BallotBox, Eligibility, Participation
from .selectors import receipt_hash

TITLE_MAX, PURPOSE_MAX, QUESTION_MAX, OPTION_MAX = 200, 40, 500, 50
QUESTIONS_MAX, OPTIONS_MAX = 30, 20
VOTERS_MAX = 200_000  # the adults of the largest community, with room
BOX_AREA_KINDS = frozenset({AreaKind.COMMUNITY, AreaKind.RESIDENT_GROUP})
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U to misread
RECEIPT_LENGTH = 16  # 80 bits

# The option lists features use most (each a list of {"key", "label"}).
FOR_AGAINST_ABSTAIN = (
    {"key": "for", "label": gettext_lazy("赞成")},
    {"key": "against", "label": gettext_lazy("反对")},
    {"key": "abstain", "label": gettext_lazy("弃权")},
)
EVALUATION = (
    {"key": "competent", "label": gettext_lazy("称职")},
    {"key": "basically_competent", "label": gettext_lazy("基本称职")},
    {"key": "incompetent", "label": gettext_lazy("不称职")},
)

_random = random.SystemRandom()


@dataclass(frozen=True)
class Quorum:
    """At least (inclusive, "以上") or more than (exclusive, "过半数") `share` of the eligible voters take part."""

    share: Fraction
    inclusive: bool = True


@dataclass(frozen=True)
class CastResult:
    """A counted ballot: its receipt code (shown to the voter once, never stored), or, for a retry of a cast
    already counted (the same Idempotency-Key), `already_counted` and no code."""

    receipt: str | None
    already_counted: bool = False


def _key(value: Any, *, label: str, field: str) -> str:
    key = str(value or "")
    if not (1 <= len(key) <= 30) or not all(ch.isascii() and (ch.isalnum() or ch == "_") for ch in key):
        raise DomainError(
            _("%(label)s的代码应为1至30个英文字母、数字或下划线。") % {"label": label}, field=field
        )
    return key


def questions_clean(questions: Sequence[Mapping]) -> list[dict]:
    """The questions as stored: [{"key", "text", "options": [{"key", "label"}, …]}, …], or a DomainError."""
    if not isinstance(questions, Sequence) or isinstance(questions, str) or not questions:
        raise DomainError(_("请至少设置一个投票问题。"), field="questions")
    if len(questions) > QUESTIONS_MAX:
        raise DomainError(_("一次投票最多%(n)d个问题。") % {"n": QUESTIONS_MAX}, field="questions")
    cleaned, keys = [], set()
    for question in questions:
        if not isinstance(question, Mapping):
            raise DomainError(_("投票问题的格式不正确。"), field="questions")
        key = _key(question.get("key"), label=_("问题"), field="questions")
        if key in keys:
            raise DomainError(_("问题代码不能重复。"), field="questions")
        keys.add(key)
        text = text_clean(
            question.get("text"), label=_("问题"), field="questions", minimum=1, maximum=QUESTION_MAX
        )
        options = question.get("options")
        if (
            not isinstance(options, Sequence)
            or isinstance(options, str)
            or not 2 <= len(options) <= OPTIONS_MAX
        ):
            raise DomainError(
                _("「%(text)s」应有2至%(n)d个选项。") % {"text": text, "n": OPTIONS_MAX}, field="questions"
            )
        option_keys: set[str] = set()
        cleaned_options = []
        for option in options:
            if not isinstance(option, Mapping):
                raise DomainError(_("选项的格式不正确。"), field="questions")
            option_key = _key(option.get("key"), label=_("选项"), field="questions")
            if option_key in option_keys:
                raise DomainError(_("同一问题的选项代码不能重复。"), field="questions")
            option_keys.add(option_key)
            label = text_clean(
                str(option.get("label") or ""),
                label=_("选项"),
                field="questions",
                minimum=1,
                maximum=OPTION_MAX,
            )
            cleaned_options.append({"key": option_key, "label": label})
        cleaned.append({"key": key, "text": text, "options": cleaned_options})
    return cleaned


def answers_clean(box: BallotBox, answers: Mapping) -> dict[str, str]:
    """One option for every question of the box, in the questions' order, or a DomainError."""
    if not isinstance(answers, Mapping):
        raise DomainError(_("请对每个问题作出选择。"), field="answers")
    known = {q["key"] for q in box.questions}
    if set(answers) - known:
        raise DomainError(_("选票中有本次投票没有的问题。"), field="answers")
    cleaned = {}
    for question in box.questions:
        choice = answers.get(question["key"])
        if not choice:
            raise DomainError(
                _("请对「%(text)s」作出选择。") % {"text": question["text"]}, field=question["key"]
            )
        if choice not in {o["key"] for o in question["options"]}:
            raise DomainError(
                _("「%(text)s」的选项无效，请重新选择。") % {"text": question["text"]}, field=question["key"]
            )
        cleaned[question["key"]] = str(choice)
    return cleaned


def _authorize(actor, perm: str | None, perm_obj, area) -> None:
    authorize(actor, perm or "ballots.open", area if perm_obj is None else perm_obj)


@transaction.atomic
def ballot_box_open(
    *,
    actor,
    area: Area,
    title: str,
    questions: Sequence[Mapping],
    voters: Iterable,
    closes_at: dt.datetime,
    opens_at: dt.datetime | None = None,
    purpose: str = "ballot",
    owner: tuple[str, str, int] | None = None,
    quorum: Quorum | None = None,
    perm: str | None = None,
    perm_obj: Any = None,
) -> BallotBox:
    """Open a box: its questions, its eligible voters (users, fixed now) and one empty slot for each of them.

    `owner`: the feature's record as (app label, model name, id); `purpose`: the feature's name for what the
    box decides. `perm`/`perm_obj`: the feature's permission over its object, asked now and again at the
    close; without them the kernel's `ballots.open` over `area`.
    """
    _authorize(actor, perm, perm_obj, area)
    if area.kind not in BOX_AREA_KINDS:
        raise DomainError(_("投票箱只能设在村(社区)或村(居)民小组。"), field="area")
    title = text_clean(title, label=_("投票事项"), field="title", minimum=1, maximum=TITLE_MAX)
    purpose = _key(purpose, label=_("用途"), field="purpose")[:PURPOSE_MAX]
    cleaned = questions_clean(questions)
    now = timezone.now()
    opens_at = opens_at or now
    if closes_at <= opens_at:
        raise DomainError(_("截止时间应晚于开始时间。"), field="closes_at")
    if closes_at <= now:
        raise DomainError(_("截止时间应晚于现在。"), field="closes_at")
    people = {}
    for voter in voters:
        if not getattr(voter, "pk", None) or not voter.is_active:
            raise DomainError(_("投票人名单中有无效或已停用的账号。"), field="voters")
        people[voter.pk] = voter
    if not people:
        raise DomainError(_("投票人名单为空。"), field="voters")
    if len(people) > VOTERS_MAX:
        raise DomainError(_("投票人数超出上限。"), field="voters")
    numerator, denominator, inclusive = 0, 1, True
    if quorum is not None:
        share = Fraction(quorum.share)
        if not 0 <= share <= 1 or share.denominator > 1000:
            raise DomainError(_("法定比例应在0到1之间。"), field="quorum")
        numerator, denominator, inclusive = share.numerator, share.denominator, quorum.inclusive
    owner_app, owner_model, owner_id = owner if owner else ("", "", None)
    box = BallotBox.objects.create(
        area=area,
        area_path=area.path,
        purpose=purpose,
        owner_app=owner_app,
        owner_model=owner_model,
        owner_id=owner_id,
        title=title,
        questions=cleaned,
        opens_at=opens_at,
        closes_at=closes_at,
        quorum_numerator=numerator,
        quorum_denominator=denominator,
        quorum_inclusive=inclusive,
        manage_perm=perm or "ballots.open",
        created_by=actor,
    )
    Eligibility.objects.bulk_create(
        [Eligibility(box=box, user_id=pk) for pk in sorted(people)], batch_size=1000
    )
    slots = [uuid.uuid4() for _n in people]
    _random.shuffle(slots)
    Ballot.objects.bulk_create([Ballot(id=slot, box=box) for slot in slots], batch_size=1000)
    audit_event_record(
        actor=actor,
        verb="ballot.box_opened",
        target=box,
        summary={
            "eligible": len(people),
            "opens_at": timezone.localtime(opens_at).strftime("%Y-%m-%d %H:%M"),
            "closes_at": timezone.localtime(closes_at).strftime("%Y-%m-%d %H:%M"),
            "purpose": purpose,
        },
    )
    return box


def _key_hash(box: BallotBox, actor, key: str) -> str:
    return hashlib.sha256(f"{box.pk}\n{actor.pk}\n{key}".encode()).hexdigest() if key else ""


def _already(box: BallotBox, actor, key: str) -> CastResult:
    """A second cast by the same voter: a retry of the counted one (same key) hears so; anything else is refused."""
    mine = Participation.objects.filter(box=box, user=actor).values_list("key_hash", flat=True).first()
    if key and mine and secrets.compare_digest(mine, _key_hash(box, actor, key)):
        return CastResult(None, already_counted=True)
    raise Conflict(_("您已经投过票了，每人只能投一票，选票已计入，无法更改。"), code="already_voted")


def _state_refusal(box: BallotBox, now: dt.datetime) -> None:
    if box.closed_at is not None or now >= box.closes_at:
        raise DomainError(_("本次投票已经结束，不能再投票。"), code="ballot_closed")
    if now < box.opens_at:
        raise DomainError(
            _("投票尚未开始，开始时间：%(at)s。")
            % {"at": timezone.localtime(box.opens_at).strftime("%Y-%m-%d %H:%M")},
            code="ballot_not_open",
        )


def _box_shared_lock(pk: int) -> BallotBox:
    """The box as it is now, its row held against a close until this transaction ends.

    On PostgreSQL a KEY SHARE lock: casts do not wait for each other, a close (FOR UPDATE) waits for the casts
    under way and the casts after it wait for the close and then see it closed. (The participation's foreign
    key would take the same lock, but Django makes foreign keys DEFERRABLE INITIALLY DEFERRED: only at the
    commit, too late.) SQLite serialises writers: a plain read in the IMMEDIATE transaction is as good.
    """
    if connection.vendor == "postgresql":
        table = BallotBox._meta.db_table
        sql = f'SELECT * FROM "{table}" WHERE id = %s FOR KEY SHARE'  # noqa: S608 (the model's own table name)
        found = list(BallotBox.objects.raw(sql, [pk]))
        if not found:
            raise NotFound()
        return found[0]
    return BallotBox.objects.get(pk=pk)


def _receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _n in range(RECEIPT_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECEIPT_LENGTH, 4))


def _empty_slot(box: BallotBox) -> Ballot | None:
    """A randomly chosen empty slot, locked: the first at or after a random key, else the first of all.

    On PostgreSQL a slot another cast holds is skipped (SKIP LOCKED), so casts at once do not queue on one
    row; SQLite serialises writers, and ignores the lock clause. The choice depends on the random pivot only,
    never on the voter.
    """
    empty = Ballot.objects.filter(box=box, filled=False).order_by("id").select_for_update(skip_locked=True)
    pivot = uuid.UUID(int=_random.getrandbits(128))
    return empty.filter(id__gte=pivot).first() or empty.first()


@transaction.atomic
def ballot_cast(*, actor, box: BallotBox, answers: Mapping, key: str = "") -> CastResult:
    """Cast `actor`'s ballot: one participation, one slot filled at random, a receipt code returned once.

    `key`: the API's Idempotency-Key; a retry with the same key of a cast already counted returns
    `already_counted` (and no code: it was shown once). Every other second cast is refused (409,
    `already_voted`) and changes nothing.
    """
    if not (actor is not None and actor.is_authenticated and actor.is_active):
        raise NotPermitted()
    if not actor.has_perm("ballots.cast", box):
        raise NotPermitted(_("您不在本次投票的投票人名单中，不能投票。"))
    box = _box_shared_lock(box.pk)  # the state as it is now, not as the caller read it
    _state_refusal(box, timezone.now())
    if Participation.objects.filter(box=box, user=actor).exists():
        return _already(box, actor, key)
    cleaned = answers_clean(box, answers)
    try:
        with transaction.atomic():
            # The unique (box, user) row: of two casts at once, the second waits for the first and then fails.
            Participation.objects.create(box=box, user=actor, key_hash=_key_hash(box, actor, key))
    except IntegrityError:
        return _already(box, actor, key)
    slot = _empty_slot(box)
    if slot is None:  # slots = eligible voters, participations unique among them: never, short of tampering
        raise DomainError(_("投票箱状态异常，请联系村(社区)工作人员。"), code="ballot_box_full")
    receipt = _receipt_code()
    slot.filled, slot.answers, slot.receipt_hash = True, cleaned, receipt_hash(receipt)
    slot.save(update_fields=["filled", "answers", "receipt_hash"])
    # Names the voter and the box; never the answers, the slot or the receipt.
    audit_event_record(actor=actor, verb="ballot.cast", target=box, summary={})
    return CastResult(receipt)


def _slots_rewrite(box: BallotBox) -> None:
    """Write every slot of the box again, in the order of its random key, in this one transaction.

    While the box was open, PostgreSQL kept with each filled slot the id of the transaction that filled it
    (xmin, the same as its participation's and audit row's) and its new place in the table (ctid, in the order
    of the casts). Deleted and inserted again in key order, the live slots carry the close's transaction id and
    places in key order: neither says who filled which. (SQLite updates rows in place under the rowid they got
    when the box opened, in random order; the rewrite does no harm there.)
    """
    rows = list(
        Ballot.objects.filter(box=box).order_by("id").values("id", "filled", "answers", "receipt_hash")
    )
    Ballot.objects.filter(box=box).delete()
    Ballot.objects.bulk_create([Ballot(box=box, **row) for row in rows], batch_size=1000)


def _close(box: BallotBox, actor, *, early: bool) -> BallotBox:
    box.closed_at = timezone.now()
    box.save(update_fields=["closed_at"])
    _slots_rewrite(box)
    eligible = Eligibility.objects.filter(box=box).count()
    participated = Participation.objects.filter(box=box).count()
    turnout = turnout_check(
        eligible=eligible,
        participated=participated,
        share=Fraction(box.quorum_numerator, box.quorum_denominator),
        inclusive=box.quorum_inclusive,
    )
    audit_event_record(
        actor=actor,
        verb="ballot.box_closed",
        target=box,
        summary={
            "eligible": eligible,
            "participated": participated,
            "quorate": turnout.quorate,
            "early": early,
        },
    )
    return box


@transaction.atomic
def ballot_box_close(*, actor, box: BallotBox, perm_obj: Any = None) -> BallotBox:
    """Close the box now (early, or when its time is up): the permission it was opened with, over the feature's
    object (`perm_obj`) or the box's area. A closed box takes no more ballots; its results can be read."""
    _authorize(actor, box.manage_perm, perm_obj, box.area)
    locked = BallotBox.objects.select_for_update(of=("self",)).select_related("area").get(pk=box.pk)
    if locked.closed_at is not None:
        raise DomainError(_("本次投票已经结束。"), code="ballot_closed")
    return _close(locked, actor, early=timezone.now() < locked.closes_at)


def ballot_boxes_close_due() -> int:
    """The periodic job: close every box whose closing time has passed. Idempotent; returns how many it closed."""
    closed = 0
    due = BallotBox.objects.filter(closed_at__isnull=True, closes_at__lte=timezone.now()).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        with transaction.atomic():
            box = (
                BallotBox.objects.select_for_update(of=("self",)).select_related("area").filter(pk=pk).first()
            )
            if box is None or box.closed_at is not None:
                continue
            _close(box, None, early=False)
            closed += 1
    return closed
