"""The record of a poll's count as a PDF (WeasyPrint, Noto CJK): a pure renderer outside the layers.

The figures of every box (ballots issued, returned, spoiled; each candidate's votes as the two clerks
agreed them), the totals, the outcome and its articles, the scrutineers: what the committee files with
the township and posts beside the notice. Nothing is fetched: every URL is refused.
"""

from django.template.loader import render_to_string

from gongzhi.residents.pdf import HTML


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the count record fetches nothing ({url[:40]})")


def count_record_pdf(context: dict) -> bytes:
    html = render_to_string("elections/count/record_print.html", context)
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()
