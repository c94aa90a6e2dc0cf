"""The meetings' writers: recording a meeting in one go (recording.py, for features such as a convention's
adoption) and convening and holding a body's meeting (convening.py)."""

from .balloting import meeting_agenda_ballot_open, meeting_agenda_box_of
from .convening import (
    AgendaEntry,
    RollMark,
    meeting_agenda_vote,
    meeting_cancel,
    meeting_close,
    meeting_convene,
    meeting_minutes_record,
    meeting_roll_close,
    meeting_roll_mark,
    meeting_witness_candidates,
    meeting_witness_name,
    meeting_witness_sign,
)
from .recording import (
    DOCUMENT_MAX,
    PDF_DIR,
    ItemVote,
    RollEntry,
    meeting_document_check,
    meeting_document_store,
    meeting_item_confirm,
    meeting_item_vote_record,
    meeting_record,
)
from .taking import meeting_agenda_vote_takeable

__all__ = [
    "DOCUMENT_MAX",
    "PDF_DIR",
    "AgendaEntry",
    "ItemVote",
    "RollEntry",
    "RollMark",
    "meeting_agenda_ballot_open",
    "meeting_agenda_box_of",
    "meeting_agenda_vote",
    "meeting_agenda_vote_takeable",
    "meeting_cancel",
    "meeting_close",
    "meeting_convene",
    "meeting_document_check",
    "meeting_document_store",
    "meeting_item_confirm",
    "meeting_item_vote_record",
    "meeting_minutes_record",
    "meeting_record",
    "meeting_roll_close",
    "meeting_roll_mark",
    "meeting_witness_candidates",
    "meeting_witness_name",
    "meeting_witness_sign",
]
