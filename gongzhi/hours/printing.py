"""The service-hours certificate as a PDF (WeasyPrint, fetching nothing), audited like every printout."""

import hashlib

import segno
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.residents.pdf import HTML

from .certificates import certificate_of


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the hours certificate fetches nothing ({url[:40]})")


def certificate_print(*, actor: User, helper: User, name: str, verify_base: str) -> bytes:
    """The PDF certificate of `helper` (shown as `name`) for the helper or staff over them; audited.

    `verify_base` is the site's address (scheme and host) the QR code's verification link starts with.
    """
    authorize(actor, "hours.certificate", helper)
    certificate = certificate_of(helper.pk)
    verify_url = verify_base + reverse("hours:verify", args=[certificate.reference])
    html = render_to_string(
        "hours/certificate_print.html",
        {
            "certificate": certificate,
            "name": name,
            "verify_url": verify_url,
            "qr": mark_safe(segno.make(verify_url, error="m").svg_inline(scale=2, border=2)),  # noqa: S308
            "printed_by": actor.label,
            "printed_at": timezone.localtime(),
        },
    )
    data = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            verb="hours.certificate_printed",
            target=helper,
            summary={
                "lines": len(certificate.lines),
                "hours": str(certificate.total),
                "sha256": hashlib.sha256(data).hexdigest(),
            },
        )
    return data
