"""A finance board as a PDF (WeasyPrint, as a meeting's record): the community, the period, the opening balance,
the income by source, the spending by plan, the closing balance, the supervisory committee's review and the day
it was published. The figures are the board's own (generated from the ledger and checked to add up); the PDF
prints them, never computes them again. Public once published, the staff's before. WeasyPrint fetches nothing."""

from django.template.loader import render_to_string
from django.utils import timezone

from gongzhi.residents.pdf import HTML

from .models import Board


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the finance board fetches nothing ({url[:40]})")


def board_pdf(board: Board) -> bytes:
    """The board as it stands (a draft says so on every page); the caller has checked who may read it."""
    html = render_to_string(
        "funds/board_print.html",
        {
            "board": board,
            "published": board.state == "published",
            "reviewed_on": timezone.localdate(board.reviewed_at) if board.reviewed_at else None,
            "published_on": timezone.localdate(board.published_at) if board.published_at else None,
            "printed_at": timezone.localtime(),
        },
    )
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()
