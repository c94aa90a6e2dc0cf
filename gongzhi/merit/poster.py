"""The merit board as an A4 poster for the culture wall: a pure renderer outside the layers, like
gongzhi/selfgov/decision_registers.py — the view gathers the entries, this module lays them out (WeasyPrint,
Noto CJK; nothing fetched)."""

from django.template.loader import render_to_string

from gongzhi.residents.pdf import HTML


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the poster fetches nothing ({url[:40]})")


def poster_pdf(context: dict) -> bytes:
    """`context`: community, entries (on the board, newest first), day."""
    html = render_to_string("merit/poster.html", context)
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()
