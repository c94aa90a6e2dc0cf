"""A version of a governing document as a PDF (WeasyPrint, Noto CJK; nothing fetched): the title, the
community, the kind, the version and its state, the meeting and item that adopted it, the effective date and the
text. A pure renderer outside the layers, like gongzhi/selfgov/decision_registers.py: the view finds the version
the reader may see (an adopted one: anyone; a draft: its readers), this module lays it out.

Not audited, as the public page it prints is not (the text of a community's rules names nobody; the meetings'
record is audited because it prints the roll)."""

from django.template.loader import render_to_string
from django.utils import timezone

from gongzhi.residents.pdf import HTML

from .models import Version


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the rulebook printout fetches nothing ({url[:40]})")


def version_pdf(version: Version) -> bytes:
    html = render_to_string(
        "rulebook/version_print.html", {"version": version, "printed_at": timezone.localtime()}
    )
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()
