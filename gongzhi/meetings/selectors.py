"""Reading meetings. A feature reads the meeting of its own record (which it fetched for its viewer);
`meetings_for` scopes meetings to a viewer by the kernel's `meetings.view`."""

from django.db.models import QuerySet

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.core.errors import NotFound

from .models import Meeting, MeetingDocument, MeetingItem
from .roles import READERS


def meetings_for(*, viewer, purpose: str = "") -> QuerySet[Meeting]:
    found = Meeting.objects.filter(scope_q(paths_for(viewer, READERS)))
    if purpose:
        found = found.filter(purpose=purpose)
    return found.select_related("area")


def meeting_items_of(meeting: Meeting | None) -> QuerySet[MeetingItem]:
    if meeting is None:
        return MeetingItem.objects.none()
    return meeting.items.all()


def meeting_documents_of(meeting: Meeting | None) -> QuerySet[MeetingDocument]:
    """The meeting's minutes and sign-in sheet; the caller fetched the meeting's owner for its viewer."""
    if meeting is None:
        return MeetingDocument.objects.none()
    return meeting.documents.all()


def meeting_document_of(meeting: Meeting | None, document_id: int) -> MeetingDocument:
    """One of them, or NotFound (another meeting's document is as missing as none)."""
    found = meeting_documents_of(meeting).select_related("photo").filter(pk=document_id).first()
    if found is None:
        raise NotFound()
    return found
