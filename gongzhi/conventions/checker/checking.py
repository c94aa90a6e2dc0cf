"""Checking a convention: each required topic covered or missing, and each sentence that sets a fine or
another unlawful penalty, with a lawful alternative."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from .messages import (
    SUGGESTION_BENEFIT,
    SUGGESTION_COERCION,
    SUGGESTION_CONFISCATION,
    SUGGESTION_FEE,
    SUGGESTION_FINE,
    SUGGESTION_LABOUR,
    SUGGESTION_MARITAL,
    SUGGESTION_PUNISH,
    SUGGESTION_SERVICE,
    SUGGESTION_SHAMING,
)
from .patterns import (
    AGREED,
    AMOUNT_PAID,
    CLAUSE_BREAK,
    COLLECTIVE_PROPERTY,
    CONDITION_END,
    CONDITIONAL,
    COST_CHARGED,
    DEDUCT_SHARE,
    DONE_IN_PLACE,
    EXCEPTION_CLAUSE,
    FINE_WORDS,
    FIXED_DAMAGES,
    FORCED_LABOUR,
    LAW,
    MARITAL_STATUS,
    MARITAL_WITHHOLD,
    MISCONDUCT,
    MONEY,
    NEGATED,
    NEGATED_GROUND,
    NOT_LAW_TITLE,
    PAY_AMOUNT,
    POINTS,
    PUNISH,
    PUNISHED_BEFORE,
    QUALIFICATION,
    REAL_LOSS,
    REWARD,
    REWARD_LOST,
    SEIZE,
    SHAMING,
    SHAMING_NAMES,
    STATE,
    SURCHARGE,
    TO_COLLECTIVE,
    VILLAGE,
    WITHHELD_AFTER,
    WITHHOLD,
    WITHHOLD_STANDALONE,
    WRONGDOING,
)
from .reading import convention_lines_read
from .results import FINE, OTHER_PENALTY, ConventionReport, Evidence, TopicResult, Violation
from .sentences import Sentence, sentences_split
from .topics import DEFAULT_TOPICS, Topic


def convention_check(lines: Sequence[str], *, topics: Iterable[Topic] = DEFAULT_TOPICS) -> ConventionReport:
    """Check a convention given as its lines (for .docx: its paragraphs)."""
    topics = tuple(topics)
    sentences = sentences_split(lines)
    evidence: dict[str, list[Evidence]] = {topic.key: [] for topic in topics}
    violations: list[Violation] = []
    for sentence in sentences:
        text = sentence.text
        for topic in topics:
            match = topic.regex.search(text)
            if match and not any(e.line == sentence.line_at(match.start()) for e in evidence[topic.key]):
                evidence[topic.key].append(Evidence(sentence.line_at(match.start()), sentence.original))
        violations.extend(_sentence_violations(sentence))
    return ConventionReport(
        topics=tuple(TopicResult(t.key, t.label, tuple(evidence[t.key])) for t in topics),
        violations=tuple(violations),
    )


def convention_text_check(text: str, *, topics: Iterable[Topic] = DEFAULT_TOPICS) -> ConventionReport:
    return convention_check(re.split(r"\r\n|\r|\n", text), topics=topics)


def convention_file_check(path: str | Path, *, topics: Iterable[Topic] = DEFAULT_TOPICS) -> ConventionReport:
    """Read and check a .txt or .docx; raises ConventionInputError for input that cannot be checked."""
    return convention_check(convention_lines_read(path), topics=topics)


def _sentence_violations(sentence: Sentence) -> list[Violation]:
    text = sentence.text
    # "除…外" names what is done besides the penalty ("除依法赔偿外，并处罚款"): it neither
    # excuses nor sets a penalty, so it is blanked out (keeping offsets).
    masked = EXCEPTION_CLAUSE.sub(lambda m: "□" * len(m.group(0)), text)
    found: dict[str, tuple[int, str, str]] = {}  # kind -> (offset, matched, suggestion)

    def add(kind: str, match: re.Match[str], suggestion: str) -> None:
        if kind not in found:
            found[kind] = (match.start(), match.group(0), suggestion)

    labour = [m for m in FORCED_LABOUR.finditer(masked) if not _lawful(masked, m.start())]
    if labour:
        add(OTHER_PENALTY, labour[0], SUGGESTION_LABOUR)
    for match in FINE_WORDS.finditer(masked):
        if _lawful(masked, match.start()) or any(m.start() <= match.start() < m.end() for m in labour):
            continue
        fee = "费" in match.group(0) or ("金" in match.group(0) and "罚金" not in match.group(0))
        add(FINE, match, SUGGESTION_FEE if fee else SUGGESTION_FINE)
    if FINE not in found:
        for match in _other_named_charges(masked):
            add(FINE, match, SUGGESTION_FEE)
            break
    if FINE not in found:
        for match in [*PAY_AMOUNT.finditer(masked), *AMOUNT_PAID.finditer(masked)]:
            if not _penal_near(masked, match):
                continue
            clause_before = re.split(r"[,;。:]", masked[: match.start()])[-1]
            after = masked[match.end() : match.end() + 4]
            # A subsidy named after a deduction ("扣误工补贴五十元") is what is taken, not a reward given.
            deduction = match.group(0).startswith("扣")
            if not deduction and (REWARD.search(clause_before + match.group(0)) or REWARD.match(after)):
                continue
            if not _lawful(masked, match.start()):
                add(FINE, match, SUGGESTION_FEE if "费" in match.group(0) else SUGGESTION_FINE)
                break
    for match in WITHHOLD_STANDALONE.finditer(masked):
        if not _lawful(masked, match.start()):
            word = match.group(0)
            suggestion = SUGGESTION_CONFISCATION if word in ("没收", "收缴", "扣押") else SUGGESTION_SERVICE
            if word in ("株连", "血亲", "开除村籍", "注销户口"):
                suggestion = SUGGESTION_BENEFIT
            elif word.startswith(("强制", "强行")):
                suggestion = SUGGESTION_COERCION
            add(OTHER_PENALTY, match, suggestion)
    if OTHER_PENALTY not in found:
        for match in SHAMING.finditer(masked):
            if not _lawful(masked, match.start()):
                add(OTHER_PENALTY, match, SUGGESTION_SHAMING)
    if OTHER_PENALTY not in found:
        for match in SHAMING_NAMES.finditer(masked):
            if _penal_near(masked, match) and not _lawful(masked, match.start()):
                add(OTHER_PENALTY, match, SUGGESTION_SHAMING)
    if OTHER_PENALTY not in found:
        for status in MARITAL_STATUS.finditer(masked):
            taken = MARITAL_WITHHOLD.search(masked, status.end(), status.end() + 30)
            if (
                taken
                and not _lawful(masked, taken.start())
                and not NEGATED_GROUND.search(masked[: status.start()])
            ):
                add(OTHER_PENALTY, taken, SUGGESTION_MARITAL)
                break
    if OTHER_PENALTY not in found and MISCONDUCT.search(masked):
        for match in SEIZE.finditer(masked):
            if not _lawful(masked, match.start()):
                add(OTHER_PENALTY, match, SUGGESTION_CONFISCATION)
    if OTHER_PENALTY not in found and MISCONDUCT.search(masked):
        for match in TO_COLLECTIVE.finditer(masked):
            conditions = list(CONDITION_END.finditer(masked, 0, match.start()))
            if not conditions or _lawful(masked, match.start()):
                continue
            if COLLECTIVE_PROPERTY.search(masked[: conditions[-1].start()]):
                continue
            add(OTHER_PENALTY, match, SUGGESTION_CONFISCATION)
            break
    if OTHER_PENALTY not in found and not QUALIFICATION.search(masked):
        for match in [*WITHHOLD.finditer(masked), *WITHHELD_AFTER.finditer(masked)]:
            if _lawful(masked, match.start()):
                continue
            # A reward lost ("停止享受…奖励优惠政策") is an honour withdrawn, the lawful alternative, not
            # a benefit withheld; 奖补 and 奖学金 are subsidies and stay benefits.
            if REWARD_LOST.search(match.group(0)):
                continue
            # Held "in trust" (代管) is withholding only as a consequence of misconduct.
            if match.group(0).endswith("代管") and not MISCONDUCT.search(masked):
                continue
            service = re.search(
                r"水|电|证明|盖章|手续|受理|办理|户口|上户|落户|网络|电视|服务", match.group(0)
            )
            add(OTHER_PENALTY, match, SUGGESTION_SERVICE if service else SUGGESTION_BENEFIT)
            break
    if not found:
        for match in PUNISH.finditer(masked):
            before = masked[max(0, match.start() - 8) : match.start()]
            if (
                PUNISHED_BEFORE.search(before)
                or _lawful(masked, match.start())
                or not _penal_near(masked, match)
            ):
                continue
            add(OTHER_PENALTY, match, SUGGESTION_PUNISH)
            break
    return [
        Violation(kind, sentence.line_at(offset), sentence.original, suggestion, matched)
        for kind, (offset, matched, suggestion) in sorted(found.items(), key=lambda item: item[1][0])
    ]


def _other_named_charges(text: str) -> Iterable[re.Match[str]]:
    """Money taken under names other than a fine, in a sentence about misconduct (decision 11)."""
    for match in FIXED_DAMAGES.finditer(text):
        clause = _clause_around(text, match)
        if _penal_near(text, match) and not REAL_LOSS.search(clause) and not _lawful(text, match.start()):
            yield match
    # A tariff agreed for use beyond a quota ("超过定额的部分按阶梯水价加收，经村民代表会议通过") is a price.
    tariff = bool(AGREED.search(text)) and not WRONGDOING.search(text)
    for match in SURCHARGE.finditer(text):
        if not tariff and _penal_near(text, match) and not _lawful(text, match.start()):
            yield match
    for match in DEDUCT_SHARE.finditer(text):
        if (
            _penal_near(text, match)
            and not POINTS.search(match.group(0))
            and not _lawful(text, match.start())
        ):
            yield match
    for match in COST_CHARGED.finditer(text):
        if (
            MONEY.search(text)
            and DONE_IN_PLACE.search(text)
            and not REAL_LOSS.search(text)
            and _penal_near(text, match)
            and not _lawful(text, match.start())
        ):
            yield match


def _clause_around(text: str, match: re.Match[str]) -> str:
    start = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, match.start())), default=0)
    end = CLAUSE_BREAK.search(text, match.end())
    return text[start : end.start() if end else len(text)]


def _penal_near(text: str, match: re.Match[str]) -> bool:
    """Whether the clause of `match` (with the two before it) is about misconduct.

    A payment or a published name there is a penalty; elsewhere it is a price, an agreed fee or a notice.
    """
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, match.start())]
    near = text[breaks[-3] if len(breaks) >= 3 else 0 : match.end()]
    return bool(MISCONDUCT.search(near)) or bool(CONDITIONAL.search(near) and not AGREED.search(near))


def _lawful(text: str, position: int) -> bool:
    """Whether the trigger at `position` is negated, or is imposed by the state / quoted law."""
    if NEGATED.search(text[max(0, position - 16) : position]):
        return True
    # The body named right after it: "罚款由派出所依法作出" is the state's penalty, quoted.
    rest = CLAUSE_BREAK.split(text[position:], maxsplit=1)[0]
    named = re.search(r"由([^,;。]{0,16})", rest)
    if named and STATE.search(named.group(1)) and not VILLAGE.search(named.group(1)):
        return True
    # The trigger's own clause and the one before it ("由公安机关依法给予警告，并处罚款"), not
    # further back: "依法缴纳卫生费…，对拒不缴费的…不予办理" is not quoted law.
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, position)]
    start = breaks[-2] if len(breaks) >= 2 else 0
    for condition in CONDITION_END.finditer(text, 0, position):
        start = max(start, condition.end())
    scope = text[start:position]
    markers: list[tuple[int, str]] = []
    markers += [(m.end(), "state") for m in STATE.finditer(scope)]
    markers += [
        (m.end(), "law")
        for m in LAW.finditer(scope)
        if not (m.group(0).startswith("《") and NOT_LAW_TITLE.search(m.group(0)))
        and not NOT_LAW_TITLE.search(m.group(0))
    ]
    village = [(m.end(), "village") for m in VILLAGE.finditer(scope)]
    if not markers:
        return False
    last_position, last_kind = max(markers + village)
    if last_kind == "state":
        return True
    if last_kind == "law":
        return not (village and not any(kind == "state" for _, kind in markers))
    return False
