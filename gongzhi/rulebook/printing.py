"""A version of a governing document as a PDF (WeasyPrint, Noto CJK; nothing fetched): the title, the
community, the kind, the version and its state, the meeting and item that adopted it, the effective date and the
text. A pure renderer outside the layers, like gongzhi/selfgov/decision_registers.py: the view finds the version
the reader may see (an adopted one: anyone; a draft: its readers), this module lays it out.

A draft's printout is audited like the other staff printouts (`rulebook.draft_printed`, with the file's
SHA-256): its text is not public yet. An adopted version's is not — anyone may fetch it, as its public page, and
gongzhi counts no one's reads."""

import hashlib

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import can
from gongzhi.core.errors import NotPermitted
from gongzhi.residents.pdf import HTML

from .models import Version, VersionState


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the rulebook printout fetches nothing ({url[:40]})")


def version_pdf(version: Version, *, actor: User | None = None) -> bytes:
    """The version's PDF; a draft's only for its readers (the view found it through their reach), audited."""
    draft = version.state == VersionState.DRAFT
    if draft and (actor is None or not can(actor, "rulebook.view", version)):
        raise NotPermitted()
    html = render_to_string(
        "rulebook/version_print.html", {"version": version, "printed_at": timezone.localtime()}
    )
    data = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    if draft:
        with transaction.atomic():
            audit_event_record(
                actor=actor,
                verb="rulebook.draft_printed",
                target=version,
                summary={"sha256": hashlib.sha256(data).hexdigest()},
            )
    return data
