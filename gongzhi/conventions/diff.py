"""A side-by-side, line-by-line comparison of two versions of a convention (pure Python).

Rows pair a line of the version in force with a line of the draft: "same",
"changed" (a line replaced, with the characters that differ marked), "added"
(only in the draft), "removed" (only in the version in force) and "moved" (a
clause that stands elsewhere in the draft with the same words, its number
aside: "第五条 …" that became "第九条 …"; the row names both places). Unchanged
runs longer than `context` lines on either side of a change fold into one
"skip" row, so a long convention shows only what moved.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

# Clause numbering that a move changes: 第五条, 五、, 5., (五), ①.
_NUMBERING = re.compile(
    r"^\s*(第[一二三四五六七八九十百零\d]+[条款项]|[一二三四五六七八九十百]+[、.]|\d+[、.．]|[(（][一二三四五六七八九十\d]+[)）]"
    r"|[\u2460-\u2473])\s*"
)


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass
class DiffRow:
    kind: str  # same | changed | added | removed | moved | skip
    old_line: int | None = None
    new_line: int | None = None
    old: list[Segment] = field(default_factory=list)
    new: list[Segment] = field(default_factory=list)
    skipped: int = 0


def _marked(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if old[i1:i2]:
            left.append(Segment(old[i1:i2], tag != "equal"))
        if new[j1:j2]:
            right.append(Segment(new[j1:j2], tag != "equal"))
    return left, right


def convention_diff(old_text: str, new_text: str, *, context: int = 2) -> list[DiffRow]:
    old_lines, new_lines = old_text.splitlines(), new_text.splitlines()
    rows: list[DiffRow] = []
    # Lines are compared without their clause numbers, so that inserting one clause does not make
    # every clause after it a change; a renumbered clause is "same", its number marked.
    matcher = SequenceMatcher(
        None,
        [_clause_key(line) for line in old_lines],
        [_clause_key(line) for line in new_lines],
        autojunk=False,
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                old, new = old_lines[i1 + offset], new_lines[j1 + offset]
                left, right = (
                    _marked(old, new) if old != new else ([Segment(old, False)], [Segment(new, False)])
                )
                rows.append(DiffRow("same", i1 + offset + 1, j1 + offset + 1, left, right))
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(paired):
            left, right = _marked(old_lines[i1 + offset], new_lines[j1 + offset])
            rows.append(DiffRow("changed", i1 + offset + 1, j1 + offset + 1, left, right))
        for index in range(i1 + paired, i2):
            rows.append(DiffRow("removed", old_line=index + 1, old=[Segment(old_lines[index], True)]))
        for index in range(j1 + paired, j2):
            rows.append(DiffRow("added", new_line=index + 1, new=[Segment(new_lines[index], True)]))
    return _fold(_moves_paired(rows), context)


def _clause_key(line: str) -> str:
    return re.sub(r"\s+", "", _NUMBERING.sub("", line, count=1))


def _moves_paired(rows: list[DiffRow]) -> list[DiffRow]:
    """A removed line and an added one with the same words (numbering aside) are one clause moved:
    one "moved" row where it was taken out, naming where it went; the added row goes."""
    added: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        key = _clause_key(row.new[0].text) if row.kind == "added" else ""
        if len(key) >= 4:
            added.setdefault(key, []).append(index)
    dropped: set[int] = set()
    for row in rows:
        if row.kind != "removed":
            continue
        candidates = added.get(_clause_key(row.old[0].text))
        if not candidates:
            continue
        target = rows[candidates.pop(0)]
        dropped.add(id(target))
        left, right = _marked(row.old[0].text, target.new[0].text)
        row.kind, row.new_line, row.old, row.new = "moved", target.new_line, left, right
    return [row for row in rows if id(row) not in dropped]


def _fold(rows: list[DiffRow], context: int) -> list[DiffRow]:
    near: set[int] = set()
    for index, row in enumerate(rows):
        if row.kind != "same":
            near.update(range(index - context, index + context + 1))
    folded: list[DiffRow] = []
    run = 0
    for index, row in enumerate(rows):
        if row.kind == "same" and index not in near:
            run += 1
            continue
        if run:
            folded.append(DiffRow("skip", skipped=run))
            run = 0
        folded.append(row)
    if run:
        folded.append(DiffRow("skip", skipped=run))
    return folded


def diff_counts(rows: list[DiffRow]) -> dict[str, int]:
    counts = {"changed": 0, "added": 0, "removed": 0, "moved": 0}
    for row in rows:
        if row.kind in counts:
            counts[row.kind] += 1
    return counts
