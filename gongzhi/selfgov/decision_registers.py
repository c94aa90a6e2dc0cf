"""The six 登记表 of 四议两公开 (提议/商议/审议/决议/决议公开/实施结果公开登记表) as PDFs, generated from the
record — the stage's meeting (its roll, quorum and verdict from gongzhi.meetings) or its publication — never
typed. A pure renderer outside the layers, like gongzhi/hall/documents.py: the view gathers the rows it may
show, this module lays them out (WeasyPrint, Noto CJK; nothing fetched)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from gongzhi.residents.pdf import HTML

REGISTER_TITLES = {
    "proposal": _("党组织提议登记表"),
    "consultation": _("两委会商议登记表"),
    "review": _("党员大会审议登记表"),
    "resolution": _("村(居)民会议（代表会议）决议登记表"),
    "disclosure": _("决议公开登记表"),
    "result": _("实施结果公开登记表"),
}


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the register fetches nothing ({url[:40]})")


def register_pdf(context: dict) -> bytes:
    """`context`: decision, stage (its DecisionStage), title, meeting, items, roll, tasks, objections."""
    html = render_to_string("selfgov/decisions/register_pdf.html", context)
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()
