"""The result notice 出件 as a PDF (WeasyPrint, Noto CJK) with its verification code and a QR code.

Outside the layers like residents/pdf.py: a pure renderer. The issuing
action gathers what is printed (township, matter, applicant as on the
register, receipt number, decision and reasons, date, the code and the
verification URL) and stores the bytes; this module only lays them out.
The QR code is an inline SVG drawn by segno (decision 0035), so
the document fetches nothing: every URL is refused, as for the household
printout.
"""

import datetime as dt
import secrets
from dataclasses import dataclass

import segno
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from gongzhi.residents.pdf import HTML

# Crockford's base32 without the look-alikes: 20 characters carry 100 bits — guessing a code is useless,
# so /verify/ needs no rate limit (and answers nothing personal anyway).
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 20


def document_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def document_code_clean(raw: str) -> str:
    """A code as typed or scanned (any case, with spaces or dashes) → its stored form; "" if it cannot be one."""
    code = "".join(raw.split()).replace("-", "").upper()[: CODE_LENGTH + 1]
    return code if len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code) else ""


def document_code_grouped(code: str) -> str:
    """ "ABCD EFGH …": easier to read aloud and type from paper."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


@dataclass(frozen=True)
class ResultNotice:
    title: str
    township: str
    department: str
    matter: str
    applicant: str
    community: str
    number: str
    decision: str  # Decision value
    decision_label: str
    reason: str
    county_office: str
    decided_on: dt.date | None
    issued_on: dt.date
    code: str
    verify_url: str


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the result notice fetches nothing ({url[:40]})")


def qr_svg(data: str) -> str:
    return segno.make(data, error="m").svg_inline(scale=3, border=2)


def result_notice_pdf(notice: ResultNotice) -> bytes:
    html = render_to_string(
        "hall/documents/result_notice.html",
        {
            "notice": notice,
            "code_grouped": document_code_grouped(notice.code),
            "qr": mark_safe(qr_svg(notice.verify_url)),  # noqa: S308 (segno's own SVG of our URL)
        },
    )
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()
