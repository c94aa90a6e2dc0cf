"""The notice board's papers of a community's election as PDFs (WeasyPrint, fetching nothing), audited.

The roll shows each voter's name, resident group and basis — never an ID number or a birth date.
"""

import hashlib

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError
from gongzhi.residents.pdf import HTML

from . import selectors
from .models import Election

PAPERS = {
    "roll": gettext_lazy("选民名单"),
    "objections": gettext_lazy("选民名单异议处理结果"),
    "proxies": gettext_lazy("委托投票名单"),
}


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the election's papers fetch nothing ({url[:40]})")


def paper_print(*, actor: User, election: Election, kind: str) -> bytes:
    authorize(actor, "elections.view", election)
    if election.roll_published_at is None and kind != "roll":
        raise DomainError(_("选民名单还没有公布。"))
    context = {
        "election": election,
        "title": PAPERS[kind],
        "kind": kind,
        "lines": selectors.roll_lines(election) if kind == "roll" else [],
        "objections": selectors.objections_of(election).exclude(answered_at=None)
        if kind == "objections"
        else [],
        "proxies": selectors.proxies_of(election) if kind == "proxies" else [],
        "counts": selectors.roll_counts(election),
        "printed_by": actor.label,
        "printed_at": timezone.localtime(),
    }
    data = HTML(
        string=render_to_string("elections/roll/paper_print.html", context), url_fetcher=_no_fetch
    ).write_pdf()
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            verb="elections.roll_printed",
            target=election,
            area=election.community,
            summary={"community": election.community.name, "paper": str(PAPERS[kind]),
                     "sha256": hashlib.sha256(data).hexdigest()},
        )  # fmt: skip
    return data
