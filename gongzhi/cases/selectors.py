"""Reads of a case's own parts. The feature's selector has already decided that the viewer may see the case."""

from django.utils.translation import gettext as _

from gongzhi.core.errors import NotFound
from gongzhi.core.pii import pii_redact

from .models import Case, CaseAttachment, CaseEvent, CaseMessage
from .workflow import case_type_of


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


def case_timeline(case: Case, *, private: bool = True, author_alias: str = "") -> list[dict]:
    """Every move of the case, oldest first: when, the move, the state it led to, who, and its note.

    `private` is whether the viewer is one the case concerns (its author,
    whoever typed it for them, its handlers), as the feature's rules decide.
    To anyone else the notes are left out (replies and reasons may name
    people) and the author and submitter appear only as `author_alias`
    (e.g. 许愿人), never by name.
    """
    case_type = case_type_of(case.kind)
    hidden = set() if private else {case.author_id, case.submitted_by_id} - {None}
    rows = []
    for event in CaseEvent.objects.filter(case=case).select_related("actor"):
        if event.actor is None:
            who = _("系统")
        elif event.actor_id in hidden:
            who = author_alias
        else:
            who = str(event.actor)
        rows.append(
            {
                "at": event.at,
                "verb": case_type.verb_label(event.verb),
                "to": case_type.state_label(event.to_state) if event.to_state else "",
                "who": who,
                "note": event.note if private else "",
            }
        )
    return rows
