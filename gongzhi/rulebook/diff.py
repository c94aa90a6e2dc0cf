"""Line by line, what changed between two versions of a document (pure Python, difflib): the idea of the
conventions' diff (rows of same / changed / added / removed lines, unchanged runs folded) for any text."""

from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Row:
    kind: str  # same | changed | added | removed | skip
    old: str = ""
    new: str = ""
    skipped: int = 0


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in (text or "").splitlines() if line.strip()]


def diff_rows(old_text: str, new_text: str, *, context: int = 2) -> list[Row]:
    old, new = _lines(old_text), _lines(new_text)
    rows: list[Row] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            run = old[i1:i2]
            if len(run) > 2 * context + 1:
                rows += [Row("same", line, line) for line in run[:context]]
                rows.append(Row("skip", skipped=len(run) - 2 * context))
                rows += [Row("same", line, line) for line in run[-context:]]
            else:
                rows += [Row("same", line, line) for line in run]
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        rows += [Row("changed", old[i1 + k], new[j1 + k]) for k in range(pairs)]
        rows += [Row("removed", old=line) for line in old[i1 + pairs : i2]]
        rows += [Row("added", new=line) for line in new[j1 + pairs : j2]]
    return rows
