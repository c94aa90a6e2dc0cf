"""Reads of a case's own parts. The feature's selector has already decided that the viewer may see the case."""

from gongzhi.core.errors import NotFound
from gongzhi.core.pii import pii_redact

from .models import Case, CaseAttachment, CaseMessage


def case_attachments(case: Case) -> list[CaseAttachment]:
    return list(CaseAttachment.objects.filter(case=case).select_related("photo").order_by("added_at", "id"))


def case_attachment_get(case: Case, attachment_id: int) -> CaseAttachment:
    """One photo of this case; another case's photo id answers like a missing one."""
    attachment = CaseAttachment.objects.filter(pk=attachment_id, case=case).select_related("photo").first()
    if attachment is None:
        raise NotFound()
    return attachment


def case_public_text(case: Case, text: str) -> str:
    """`text` as a public page shows it: personal numbers redacted unless staff released them with a reason.

    The last line of defence: text that reached a public page without
    moderation (an older wish, a note added after publishing) is redacted
    on the way out, whatever is stored.
    """
    return text if case.pii_released else pii_redact(text)


def case_messages(case: Case) -> list[CaseMessage]:
    """The case's private thread, oldest first, with each author."""
    return list(CaseMessage.objects.filter(case=case).select_related("author").order_by("at", "id"))
