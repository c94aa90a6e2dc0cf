"""The mediation papers as PDFs (WeasyPrint, Noto CJK), pure renderers outside the layers like hall/documents.py.

The 人民调解协议书 (人民调解法 第二十八、二十九条: the parties, the dispute's
main facts and points in dispute, the terms with the manner and time of
performance; signed or sealed by the parties, signed by the mediators, sealed
by the committee; it takes effect when signed and sealed), printed to be
signed on paper and scanned back. The referral record (调解不成引导记录) goes
with the case code to a court, the police, an arbitration body or a dispute
centre. Nothing is fetched: every URL is refused.
"""

from django.template.loader import render_to_string

from gongzhi.residents.pdf import HTML


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the mediation papers fetch nothing ({url[:40]})")


def agreement_pdf(context: dict) -> bytes:
    return HTML(
        string=render_to_string("mediation/agreement_print.html", context), url_fetcher=_no_fetch
    ).write_pdf()


def referral_pdf(context: dict) -> bytes:
    return HTML(
        string=render_to_string("mediation/referral_print.html", context), url_fetcher=_no_fetch
    ).write_pdf()
