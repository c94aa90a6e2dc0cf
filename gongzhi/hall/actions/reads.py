"""Reads of an application's personal files by staff, into the audit trail: the files handed in (an ID
card's copy, a certificate) and the issued result notices. The applicant's own reads, and those of whoever
applied for them, are not recorded. The callers have checked that the reader may see the application."""

from pathlib import Path

from django.db import transaction

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.errors import NotFound

from ..models import Application, ApplicationFile, IssuedDocument
from .issuing import document_path


def _read_by_staff(actor: User, application: Application) -> bool:
    case = application.case
    return actor.pk not in {case.author_id, case.submitted_by_id}


@transaction.atomic
def document_read(*, actor: User, application: Application, document: IssuedDocument) -> Path:
    """The issued PDF's file for someone who may see the application (the caller checked); a read by anyone
    but the applicant and whoever applied for them goes into the audit trail."""
    path = document_path(document)
    if not path.is_file():
        raise NotFound()
    if _read_by_staff(actor, application):
        audit_event_record(
            actor=actor, verb="hall.document_read", target=application, area=application.case.community,
            summary={"title": document.title, "document": document.pk, "code": document.code},
        )  # fmt: skip
    return path


@transaction.atomic
def application_file_read(*, actor: User, application: Application, handed_in: ApplicationFile) -> None:
    """Records a staff member's read of a file handed in for the application (an ID card's copy, a
    certificate): the applicant's own reads are not recorded."""
    if _read_by_staff(actor, application):
        audit_event_record(
            actor=actor, verb="hall.file_read", target=application, area=application.case.community,
            summary={"name": handed_in.name or handed_in.line.material.name, "file": handed_in.pk},
        )  # fmt: skip
