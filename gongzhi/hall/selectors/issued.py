"""Reads of issued result notices: one application's documents, one to download, and the public verification."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.errors import NotFound
from gongzhi.core.masking import mask_id_last4, mask_name

from ..models import Application, Handover, IssuedDocument


def documents_of(application: Application) -> QuerySet[IssuedDocument]:
    """The documents issued for an application the caller has already let the viewer see."""
    return IssuedDocument.objects.filter(application=application).order_by("-issued_at", "-id")


def document_get(application: Application, document_id: int) -> IssuedDocument:
    """One document of this application; another application's id answers like a missing one."""
    document = documents_of(application).filter(pk=document_id).first()
    if document is None:
        raise NotFound()
    return document


def handover_label(application: Application) -> str:
    """How the result was handed over, with an authorised person's name and ID masked (王**, ****1234)."""
    if not application.delivery:
        return ""
    how = application.get_delivery_display()
    handover = Handover.objects.filter(application=application).first()
    if handover is not None and handover.collector_name:
        detail = f"{mask_name(handover.collector_name)} {mask_id_last4(handover.collector_id_last4)}"
    else:
        detail = application.delivery_note
    return _("%(how)s：%(detail)s") % {"how": how, "detail": detail} if detail else str(how)


@dataclass(frozen=True)
class Verification:
    """What /verify/ may say about a document: nothing personal."""

    title: str
    township: str
    issuer: str
    matter: str
    issued_on: str
    current: bool
    revoked_on: str


def verification_for(code: str) -> Verification | None:
    """The public facts of the document with `code` (already cleaned), or None for an unknown code."""
    if not code:
        return None
    document = (
        IssuedDocument.objects.select_related(
            "application__matter__township", "application__matter__department", "application__case__community"
        )
        .filter(code=code)
        .first()
    )
    if document is None:
        return None
    matter = document.application.matter
    return Verification(
        title=document.title,
        township=matter.township.name,
        issuer=matter.department.name
        if matter.department is not None
        else document.application.case.community.name,
        matter=matter.name,
        issued_on=timezone.localtime(document.issued_at).strftime("%Y-%m-%d"),
        current=document.revoked_at is None,
        revoked_on=timezone.localtime(document.revoked_at).strftime("%Y-%m-%d")
        if document.revoked_at
        else "",
    )
