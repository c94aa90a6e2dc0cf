"""The power list's flow on one application (POST from its detail page): record the next step, take down an
objection received during the publication, answer one (actions/flow.py)."""

import datetime as dt

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.errors import DomainError
from gongzhi.core.http import translate_errors
from gongzhi.core.ids import id_from

from ..actions import flow as actions
from .applications import application_move_answer


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return -1


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def meeting_of(data) -> actions.StepMeeting | None:
    if not any(data.get(key) for key in ("held_on", "present", "in_favour")):
        return None
    return actions.StepMeeting(
        held_on=_date(data.get("held_on")),
        present=_int(data.get("present")),
        in_favour=_int(data.get("in_favour")),
        against=_int(data.get("against")) or 0,
        abstaining=_int(data.get("abstaining")) or 0,
        place=data.get("place", ""),
    )


@require_POST
@translate_errors
def flow(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    op = request.POST.get("op", "step")
    post = request.POST

    def run(application):
        if op == "step":
            return actions.application_step_fulfil(
                actor=request.user,
                application=application,
                note=post.get("note", ""),
                meeting=meeting_of(post),
            )
        if op == "objection":
            return actions.application_objection_record(
                actor=request.user, application=application, text=post.get("text", "")
            )
        if op == "answer":
            return actions.application_objection_answer(actor=request.user, application=application,
                                                        objection_id=id_from(post.get("objection")) or 0,
                                                        answer=post.get("answer", ""))  # fmt: skip
        raise DomainError(_("未知的操作。"), code="unknown_op")

    done = {"step": _("已记录这一步。"), "objection": _("已登记异议。"), "answer": _("已答复异议。")}
    return application_move_answer(request, pk, run, str(done.get(op, "")))
