"""Splitting lines into sentences, which may run over wrapped lines and page breaks (patterns.md decision 8),
each piece remembering the line it came from."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from .normalising import CHROME_LINE, text_normalise
from .patterns import MONEY

_SENTENCE_PIECE = re.compile(r"[^。;；!！?？]*[。;；!！?？]+|[^。;；!！?？]+")
_TERMINATED = re.compile(r"[。;!?:：]$")
_NUMBERED = re.compile(
    r"^(第[一二三四五六七八九十百零\d]+[条章节款项部篇]|[一二三四五六七八九十]+[、.,]|\(?[一二三四五六七八九十\d]+\)"
    r"|\d+[、.,](?!\d)|[a-zA-Z][.、)])"
)
_OPENING_QUOTE = re.compile(r"^\s*[“「『\"]")
_CIRCLED = re.compile(r"^\s*[\u2460-\u2473\u24f5-\u24fe\u2776-\u277f]")


@dataclass
class Sentence:
    pieces: list[tuple[int, str, str]] = field(default_factory=list)  # (line, original, normalised)

    @property
    def text(self) -> str:
        return "".join(piece[2] for piece in self.pieces)

    @property
    def original(self) -> str:
        return re.sub(r"\s+", " ", "".join(piece[1] for piece in self.pieces)).strip()

    def line_at(self, offset: int) -> int:
        for line, _original, normalised in self.pieces:
            if offset < len(normalised):
                return line
            offset -= len(normalised)
        return self.pieces[-1][0]


_MID_SENTENCE_END = re.compile(r"[,，、（(“《—-]\s*$")
_UNPUNCTUATED_END = re.compile(r"[\w\d]\s*$")


def _columns(text: str) -> int:
    """Display width: CJK and full-width characters take two columns, others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text.strip())


def _wrap_width(lines: Sequence[str]) -> int | None:
    """The column at which the text was hard-wrapped, if it was (text copied out of a PDF or a
    fixed-width page): most of its long lines that stop without punctuation end within a few
    columns of one another. None for text written a line an item."""
    widths = sorted(
        _columns(raw) for raw in lines if _UNPUNCTUATED_END.search(raw) and len(text_normalise(raw)) >= 10
    )
    if not widths:
        return None
    # No line of wrapped text runs past the wrap column, and a full line stops within one column of
    # it (a two-column character that did not fit went to the next line).
    widest = max(_columns(raw) for raw in lines if len(text_normalise(raw)) >= 10)
    count = sum(1 for width in widths if width >= widest - 1)
    return widest if count >= 2 and count * 2 >= len(widths) else None


def _items_punctuated(lines: Sequence[str], starts_item: Sequence[bool]) -> bool:
    """Whether the text ends its items with a stop: most lines followed by a new item (or ending the
    text) stop at 。；！？ or a colon; headings (short, without punctuation) are not counted. Then a
    line of 10 characters or more that stops without punctuation, and is not followed by a new item,
    was broken by a copy or a converter (OCR lines break wherever the scanned line did, not at one
    column), and runs on. A text written an item a line without stops (patterns.md #25) is not
    punctuated, and its lines stay apart."""
    ends = [
        bool(_TERMINATED.search(normalised))
        for index, normalised in enumerate(text_normalise(line) for line in lines)
        if (len(normalised) >= 10 or re.search(r"[,;。:!?、]", normalised))
        and (index + 1 == len(lines) or starts_item[index + 1])
    ]
    return len(ends) >= 3 and sum(ends) * 4 >= len(ends) * 3


def _runs_on(raw: str, wrap: int | None, punctuated: bool = False) -> bool:
    """Whether the sentence on this line may continue on the next one.

    A line stopping at a comma (or an opening quote) does; one stopping at a full stop, a closing
    quote or bracket does not. A line stopping without punctuation runs on only in hard-wrapped
    text when it reaches the wrap column, or in a text that ends its items with stops (decision 8);
    otherwise it is a heading, a title or an item written without its full stop.
    """
    if _MID_SENTENCE_END.search(raw):
        return True
    if not _UNPUNCTUATED_END.search(raw) or len(text_normalise(raw)) < 10:
        return False
    return punctuated or (wrap is not None and _columns(raw) >= wrap - 1)


def _starts_item(raw: str) -> bool:
    return bool(_NUMBERED.match(text_normalise(raw)) or _CIRCLED.match(raw) or _OPENING_QUOTE.match(raw))


def sentences_split(lines: Sequence[str]) -> list[Sentence]:
    sentences: list[Sentence] = []
    current = Sentence()
    counts: dict[str, int] = {}
    for raw in lines:
        key = text_normalise(raw)
        counts[key] = counts.get(key, 0) + 1
    # A running header or footer repeats on every page; a short clause may repeat too ("违者罚款50元。"
    # after each article), but a header is no sentence: no stop, no comma, no amount.
    running = {
        key
        for key, count in counts.items()
        if count >= 3
        and 0 < len(key) <= 40
        and not _TERMINATED.search(key)
        and "," not in key
        and not MONEY.search(key)
    }
    wrap = _wrap_width([raw for raw in lines if text_normalise(raw) not in running])
    content = [
        raw
        for raw in lines
        if text_normalise(raw) not in running and not CHROME_LINE.match(text_normalise(raw))
    ]
    punctuated = _items_punctuated(content, [_starts_item(raw) for raw in content])
    previous_open = False  # the previous line ended mid-sentence and may continue
    previous_unpunctuated = False  # ... or stopped without punctuation, which a page break explains
    page_break = False
    for number, raw in enumerate(lines, start=1):
        whole = text_normalise(raw)
        if CHROME_LINE.match(whole) or whole in running:
            page_break = page_break or bool(whole)
            continue  # blank or page chrome: it neither ends nor continues a sentence
        starts_item = _starts_item(raw)
        runs_on = previous_open or (previous_unpunctuated and page_break)
        page_break = False
        if current.pieces and not (runs_on and not starts_item):
            sentences.append(current)
            current = Sentence()
        for match in _SENTENCE_PIECE.finditer(raw):
            original = match.group(0)
            normalised = text_normalise(original)
            if not normalised:
                continue
            current.pieces.append((number, original, normalised))
            if _TERMINATED.search(normalised):
                sentences.append(current)
                current = Sentence()
        previous_open = bool(current.pieces) and _runs_on(raw, wrap, punctuated)
        previous_unpunctuated = bool(current.pieces) and bool(_UNPUNCTUATED_END.search(raw))
    if current.pieces:
        sentences.append(current)
    return sentences
