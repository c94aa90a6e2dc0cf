"""The moves a page shows on a case, rendered by one partial (templates/cases/_moves.html).

A feature's page says, in the order it shows them, how each move of its
case type looks — the form with its fields, the button's words, its test
id — and `case_move_forms` keeps those the user may make now (the engine's
`case_moves_for`: the type's routing, permissions and checks). The partial
renders one form per move, posting to the move's URL.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.urls import reverse

from .selectors import case_moves_for
from .workflow import case_type_of


@dataclass(frozen=True)
class MoveForm:
    verb: str
    form: Any = None  # a Django form whose fields the move posts (or None: just the button)
    button: str = ""  # the button's words; the move's label by default
    testid: str = ""
    css: str = ""  # the button's class ("secondary", "secondary outline")
    multipart: bool = False  # the form uploads a file
    fields_template: str = ""  # a template with hand-made fields, instead of the form's
    url: str = ""  # filled in by case_move_forms


def case_move_forms(
    subject: Any, user, forms: Iterable[MoveForm], *, url_name: str, now: dt.datetime | None = None
) -> list[MoveForm]:
    """`forms` (in the page's order) that `user` may use now on `subject`, each with its URL:
    `url_name` with "{verb}" in it ("<app>:{verb}"), reversed with the subject's id."""
    allowed = set(case_moves_for(subject, user, now=now))
    case_type = case_type_of(getattr(subject, "case", subject).kind)
    return [
        replace(
            move,
            url=reverse(url_name.format(verb=move.verb), args=[subject.pk]),
            button=move.button or case_type.verb_label(move.verb),
        )
        for move in forms
        if move.verb in allowed
    ]
