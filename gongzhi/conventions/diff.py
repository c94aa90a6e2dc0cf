"""A side-by-side, line-by-line comparison of two versions of a convention (pure Python).

Rows pair a line of the version in force with a line of the draft: "same",
"changed" (a line replaced, with the characters that differ marked), "added"
(only in the draft) and "removed" (only in the version in force). Unchanged
runs longer than `context` lines on either side of a change fold into one
"skip" row, so a long convention shows only what moved.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass
class DiffRow:
    kind: str  # same | changed | added | removed | skip
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
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                text = old_lines[i1 + offset]
                rows.append(DiffRow("same", i1 + offset + 1, j1 + offset + 1, [Segment(text, False)],
                                    [Segment(new_lines[j1 + offset], False)]))  # fmt: skip
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(paired):
            left, right = _marked(old_lines[i1 + offset], new_lines[j1 + offset])
            rows.append(DiffRow("changed", i1 + offset + 1, j1 + offset + 1, left, right))
        for index in range(i1 + paired, i2):
            rows.append(DiffRow("removed", old_line=index + 1, old=[Segment(old_lines[index], True)]))
        for index in range(j1 + paired, j2):
            rows.append(DiffRow("added", new_line=index + 1, new=[Segment(new_lines[index], True)]))
    return _fold(rows, context)


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
    counts = {"changed": 0, "added": 0, "removed": 0}
    for row in rows:
        if row.kind in counts:
            counts[row.kind] += 1
    return counts
