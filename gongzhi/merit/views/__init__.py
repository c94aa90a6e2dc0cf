"""The merit board's pages: a signed-in user's nominations and what waits for them, the nomination form, a
nomination's page (consent, review, 公示, objections and their answers, the board — each part for whom it is),
the staff's page of a community with its 公示 period, the township's categories; and the public pages: the
board of a community and of a township (no login, phone first, cacheable), an entry (with the objection form
while it is posted) and the printable poster."""

from .public import board, boards, entry, object_, poster, township_board
from .signed_in import (
    answer,
    categories,
    category_active,
    consent,
    consent_file,
    consent_record,
    consent_withdraw,
    decline,
    index,
    manage,
    nominate,
    nomination,
    photo,
    place,
    publicise,
    review,
    setting,
    withdraw,
)

__all__ = [
    "answer",
    "board",
    "boards",
    "categories",
    "category_active",
    "consent",
    "consent_file",
    "consent_record",
    "consent_withdraw",
    "decline",
    "entry",
    "index",
    "manage",
    "nominate",
    "nomination",
    "object_",
    "photo",
    "place",
    "poster",
    "publicise",
    "review",
    "setting",
    "township_board",
    "withdraw",
]
