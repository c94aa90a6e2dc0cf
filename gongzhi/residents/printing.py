"""A household's register entry as a PDF (WeasyPrint): masked, watermarked, audited.

The printout is an export like any other: it shows what the household page
shows (ID numbers by their last four digits, birth years, masked phones),
names who printed it and when on every page, and each print is an audit row
holding the file's SHA-256. WeasyPrint never fetches anything: the fonts are
the system's Noto CJK, and every URL in the document is refused.
"""

import hashlib

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError

from .models import Household
from .pdf import HTML
from .selectors import household_members

PRINTED_FIELDS = ["姓名", "与户主关系", "性别", "出生年份", "身份证号(后四位)", "手机号", "状态"]


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the household printout fetches nothing ({url[:40]})")


def household_pdf_render(*, household: Household, members, printed_by: str, printed_at) -> bytes:
    html = render_to_string(
        "residents/household_print.html",
        {"household": household, "members": members, "printed_by": printed_by, "printed_at": printed_at},
    )
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def household_print(*, actor: User, household: Household) -> bytes:
    """The PDF of one household for someone who may read it; every print is audited."""
    authorize(actor, "residents.view_resident", household)
    members = list(household_members(household))
    if not members:
        raise DomainError(_("本户还没有成员，无需打印。"))
    printed_at = timezone.localtime()
    data = household_pdf_render(
        household=household, members=members, printed_by=actor.label, printed_at=printed_at
    )
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            verb="household.printed",
            target=household,
            summary={
                "members": len(members),
                "fields": PRINTED_FIELDS,
                "sha256": hashlib.sha256(data).hexdigest(),
            },
        )
    return data
