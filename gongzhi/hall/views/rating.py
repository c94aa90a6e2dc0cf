"""好差评 and the unreasonable marks on one application: POSTed from its page, answered back on it."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.http import translate_errors, typed_rating

from ..actions import rating as rating_actions
from ..actions import unreasonable as unreasonable_actions
from ..workflow import FOLLOWUP_AT_OR_BELOW
from .applications import application_move_answer


@require_POST
@translate_errors
def rate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rating, comment = typed_rating(request), request.POST.get("comment", "")
    success = (
        _("感谢您的评价。镇里会在几天内回访，了解哪里没有做好并整改，结果会通知您。")
        if 0 < rating <= FOLLOWUP_AT_OR_BELOW
        else _("感谢您的评价。")
    )
    return application_move_answer(
        request, pk,
        lambda a: rating_actions.application_rate(actor=request.user, application=a, rating=rating, comment=comment),
        success,
    )  # fmt: skip


@require_POST
@translate_errors
def mark_unreasonable(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = request.POST
    return application_move_answer(
        request, pk,
        lambda a: unreasonable_actions.application_mark_unreasonable(
            actor=request.user, application=a, kind=post.get("kind", ""), reason=post.get("reason", ""),
            basis=post.get("basis", ""),
        ),
        _("已标记，申请人会收到通知，监委会可复核。"),
    )  # fmt: skip


@require_POST
@translate_errors
def review_unreasonable(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = request.POST
    return application_move_answer(
        request, pk,
        lambda a: unreasonable_actions.application_review_unreasonable(
            actor=request.user, application=a, decision=post.get("decision", ""), note=post.get("note", ""),
        ),
        _("复核意见已记录，申请人会收到通知。"),
    )  # fmt: skip
