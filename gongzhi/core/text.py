"""Checking what people type: one place for the length and character rules and their messages.

Every text a person types passes `text_clean` (or, for names and other
short values checked elsewhere, `text_normalise`), so one rule decides which
characters a field may hold:

- invisible characters that copy-paste brings along (zero-width space, BOM,
  word joiner, soft hyphen, Mongolian vowel separator) are dropped, so that
  a title of zero-width spaces is empty, and refused as empty;
- direction overrides and isolates (U+202A–U+202E, U+2066–U+2069) are
  refused: they make a card read differently from what it says;
- control characters (C0 but tab and newlines, DEL, C1 such as U+0085),
  lone surrogates and non-characters are refused;
- line and paragraph separators (U+2028, U+2029) become newlines.

The zero-width joiner (U+200D) stays: emoji sequences need it.
"""

import unicodedata

from django.utils.translation import gettext as _

from .errors import DomainError

# Fields typed on one line (titles, places): runs of whitespace become one space.
SINGLE_LINE_FIELDS = frozenset({"title", "place"})

_DROPPED = dict.fromkeys(map(ord, "\u200b\u200c\u200e\u200f\ufeff\u2060\u00ad\u180e\u2061\u2062\u2063\u2064"))
_NEWLINES = {0x2028: "\n", 0x2029: "\n"}
_DIRECTION = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def text_normalise(value: str | None) -> str:
    """`value` without the invisible characters copy-paste brings along (not trimmed)."""
    return (value or "").translate(_DROPPED).translate(_NEWLINES)


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored as typed ("direction", "control"), or None."""
    for ch in text:
        if ch in _DIRECTION:
            return "direction"
        code = ord(ch)
        if (code < 32 and ch not in "\n\r\t") or 0x7F <= code <= 0x9F:
            return "control"
        if 0xD800 <= code <= 0xDFFF or (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
            return "control"
    return None


def text_refusal(text: str, *, label: str, field: str) -> None:
    """Raise the DomainError that names what is wrong with the characters of `text`, if anything."""
    problem = text_problem(text)
    if problem == "direction":
        raise DomainError(
            _("%(label)s含有改变文字方向的隐藏字符，请删去后重新输入。") % {"label": label}, field=field
        )
    if problem:
        raise DomainError(_("%(label)s含有无法显示的字符。") % {"label": label}, field=field)


def text_clean(value: str | None, *, label: str, field: str, minimum: int, maximum: int) -> str:
    """The trimmed text, or a DomainError naming `label` (empty, too short, too long, hidden characters).

    HTML is not refused here: pages escape what they show, so "<b>" is shown as typed.
    """
    raw = unicodedata.normalize("NFC", text_normalise(value))
    text = " ".join(raw.split()) if field in SINGLE_LINE_FIELDS else raw.strip()
    text_refusal(text, label=label, field=field)
    if minimum and not text:
        raise DomainError(_("请填写%(label)s。") % {"label": label}, field=field)
    if len(text) < minimum:
        raise DomainError(_("%(label)s至少%(n)d个字。") % {"label": label, "n": minimum}, field=field)
    if len(text) > maximum:
        raise DomainError(_("%(label)s不能超过%(n)d个字。") % {"label": label, "n": maximum}, field=field)
    return text
