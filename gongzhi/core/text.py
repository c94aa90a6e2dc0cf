"""Checking what people type: one place for the length and character rules and their messages."""

from django.utils.translation import gettext as _

from .errors import DomainError

# Fields typed on one line (titles, places): runs of whitespace become one space.
SINGLE_LINE_FIELDS = frozenset({"title", "place"})


def text_clean(value: str | None, *, label: str, field: str, minimum: int, maximum: int) -> str:
    """The trimmed text, or a DomainError naming `label` (empty, too short, too long, control characters).

    HTML is not refused here: pages escape what they show, so "<b>" is shown as typed.
    """
    text = " ".join((value or "").split()) if field in SINGLE_LINE_FIELDS else (value or "").strip()
    if minimum and not text:
        raise DomainError(_("请填写%(label)s。") % {"label": label}, field=field)
    if len(text) < minimum:
        raise DomainError(_("%(label)s至少%(n)d个字。") % {"label": label, "n": minimum}, field=field)
    if len(text) > maximum:
        raise DomainError(_("%(label)s不能超过%(n)d个字。") % {"label": label, "n": maximum}, field=field)
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in text):
        raise DomainError(_("%(label)s含有无法显示的字符。") % {"label": label}, field=field)
    return text
