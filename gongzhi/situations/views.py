"""Situation note pages: post (phone first), my notes, the handlers' queue, one note with its moves.

Nothing here is public: every page needs a login, and a note is shown only
to its author and its handlers (others get 404, so ids cannot be probed).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.cases.actions import AlreadySubmitted
from gongzhi.cases.presentation import MoveForm, case_move_forms
from gongzhi.cases.selectors import case_attachment_get, case_attachments, case_escalations, case_timeline
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import (
    move_answer,
    paginate,
    querystring_without,
    require_perm,
    translate_errors,
    typed_rating,
)
from gongzhi.core.images import photo_clean
from gongzhi.core.referrals import referral_target

from . import actions, selectors
from .forms import (
    EscalateForm,
    EscalationReplyForm,
    NoteForm,
    RateForm,
    ReplyForm,
    ResolveForm,
    SituationForm,
    new_submission_key,
)
from .models import SituationCategory


@require_perm("situations.post")
@require_http_methods(["GET", "POST"])
def post(request: AuthenticatedHttpRequest) -> HttpResponse:
    area_choices = selectors.report_area_choices_for(viewer=request.user)
    form = SituationForm(
        request.POST or None,
        request.FILES or None,
        area_choices=area_choices,
        initial={"submission_key": new_submission_key()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            situation = actions.situation_post(
                actor=request.user,
                category=data["category"],
                place=data["place"],
                body=data["body"],
                area_id=data.get("area"),
                photo=photo_clean(data["photo"]),
                submission_key=data["submission_key"],
            )
        except AlreadySubmitted as exc:
            messages.info(request, exc.message)
            return redirect("situations:detail", pk=exc.case.pk)
        except DomainError as exc:
            if exc.status == 403:
                raise
            form_error_from(form, exc)
        else:
            messages.success(request, _("已提交，村(社区)工作人员受理后会答复您，每一步都会通知您。"))
            return redirect("situations:detail", pk=situation.pk)
    return render(request, "situations/form.html", {"form": form})


@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    situations = list(selectors.mine_for(viewer=request.user)[:100])
    for situation in situations:
        setattr(situation, "state_label", actions.SITUATION.state_label(situation.case.state))  # noqa: B010
    return render(request, "situations/mine.html", {"situations": situations})


@require_perm("situations.view_queue")
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state") or ""
    state = state if state in actions.SITUATION.states else ""
    category = request.GET.get("category") or ""
    category = category if category in SituationCategory.values else ""
    query = selectors.queue_for(viewer=request.user, state=state or None, category=category or None)
    page = paginate(request, query, per_page=30)
    now = timezone.now()
    for situation in page:
        situation.state_label = actions.SITUATION.state_label(situation.case.state)
        situation.author = selectors.author_label(situation)
        situation.overdue = selectors.is_overdue(situation, now=now)
    context = {
        "page": page,
        "state": state,
        "states": [(s, actions.SITUATION.state_label(s)) for s in actions.SITUATION.states],
        "category": category,
        "categories": SituationCategory.choices,
        "query": querystring_without(request, "page"),
    }
    return render(request, "situations/queue.html", context)


@require_safe
@translate_errors
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    situation = selectors.situation_get_for(viewer=request.user, situation_id=pk)
    context = {
        "situation": situation,
        "case": situation.case,
        "state_label": actions.SITUATION.state_label(situation.case.state),
        "author": selectors.author_label(situation),
        "overdue": selectors.is_overdue(situation),
        "timeline": case_timeline(situation.case),
        "attachments": case_attachments(situation.case),
        "may_refer_mediation": situation.case.state == "handling"
        and can(request.user, "situations.handle", situation)
        and referral_target(actions.MEDIATION_TARGET) is not None,
        "moves": case_move_forms(
            situation,
            request.user,
            url_name="situations:{verb}",
            forms=[
                MoveForm("accept", NoteForm(), _("受理"), testid="accept"),
                MoveForm("reply", ReplyForm(), _("答复提交人"), testid="reply"),
                MoveForm("resolve", ResolveForm(), _("办结"), testid="resolve", multipart=True),
                MoveForm("rate", RateForm(), _("提交评价"), testid="rate"),
                MoveForm(
                    "reopen",
                    None,
                    _("重新办理"),
                    testid="reopen",
                    css="secondary",
                    fields_template="situations/_reopen_fields.html",
                ),
                MoveForm(
                    "withdraw",
                    None,
                    _("撤回"),
                    testid="withdraw",
                    css="secondary outline",
                    fields_template="situations/_withdraw_fields.html",
                ),
            ],
        ),
        "stars": "★" * (situation.case.rating or 0),
        "reopen_days": actions.REOPEN_DAYS,
        **_escalation_context(request.user, situation),
    }
    return render(request, "situations/detail.html", context)


def _escalation_context(user, situation) -> dict:
    """The note's escalations (吹哨) with the departments' replies, and the forms this user may use on them."""
    case = situation.case
    escalations = case_escalations(case)
    open_escalation = next((e for e in escalations if e.is_open), None)
    handler = can(user, "situations.escalate", situation)
    called = getattr(open_escalation, "called", [])
    replies = [t for t in called if t.replied_at is None and can(user, "cases.reply_escalation", t)]
    now = timezone.now()
    for escalation in escalations:
        escalation.overdue = escalation.is_open and escalation.due_at < now  # type: ignore[attr-defined]
    choices = selectors.escalation_department_choices(situation) if handler else []
    may_escalate = bool(choices) and open_escalation is None and case.state not in actions.SITUATION.closed
    return {
        "escalations": escalations,
        "open_escalation": open_escalation,
        "may_escalate": may_escalate,
        "may_close_escalation": handler and open_escalation is not None,
        "escalation_replies": replies,
        "escalate_form": EscalateForm(department_choices=choices) if may_escalate else None,
        "escalation_reply_form": EscalationReplyForm(),
    }


@require_safe
@translate_errors
def photo(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    situation = selectors.situation_get_for(viewer=request.user, situation_id=pk)
    attachment = case_attachment_get(situation.case, attachment_id)
    from gongzhi.photos.http import photo_response

    return photo_response(attachment.photo, public=False)  # notes are never public


def _move(request: HttpRequest, pk: int, run, success: str) -> HttpResponse:
    """Answer a move on a note the user can see (404 otherwise); back to the note."""
    back = reverse("situations:detail", args=[pk])
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    situation = selectors.situation_get_for(viewer=request.user, situation_id=pk)
    return move_answer(request, run=lambda: run(situation), success=success, back=back)


def _typed(request: HttpRequest, name: str) -> str:
    """As typed: the action checks it and answers in Chinese (empty where required, too long)."""
    return request.POST.get(name, "")


def _view(fn):
    """A move view: POST only, 404/403 from the domain, a login first for anonymous users."""
    return require_POST(translate_errors(fn))


@_view
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    note = _typed(request, "note")
    return _move(
        request,
        pk,
        lambda s: actions.situation_accept(actor=request.user, situation=s, note=note),
        _("已受理，请在时限内办理并答复。"),
    )


@_view
def reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    text = _typed(request, "reply")
    return _move(
        request,
        pk,
        lambda s: actions.situation_reply(actor=request.user, situation=s, reply=text),
        _("已答复，提交人会收到通知。"),
    )


@_view
def resolve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    handled_note, photo = _typed(request, "handled_note"), request.FILES.get("photo")
    return _move(
        request,
        pk,
        lambda s: actions.situation_resolve(
            actor=request.user, situation=s, handled_note=handled_note, photo=photo_clean(photo)
        ),
        _("已办结，提交人会收到通知。"),
    )


@_view
def refer_mediation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda s: actions.situation_refer_to_mediation(actor=request.user, situation=s),
        _("已转人民调解委员会，提交人会收到通知。"),
    )


@_view
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reason = _typed(request, "reason")
    return _move(
        request,
        pk,
        lambda s: actions.situation_withdraw(actor=request.user, situation=s, reason=reason),
        _("已撤回。"),
    )


@_view
def reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reason = _typed(request, "reason")
    return _move(
        request,
        pk,
        lambda s: actions.situation_reopen(actor=request.user, situation=s, reason=reason),
        _("已重新交办，办理人员会收到通知。"),
    )


def _int(value: str, field: str, message: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DomainError(message, field=field) from None


@_view
def escalate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reason, workdays = _typed(request, "reason"), _typed(request, "workdays")
    departments = request.POST.getlist("departments")

    def run(situation):
        ids = [_int(d, "departments", _("请选择本镇(街道)的部门。")) for d in departments]
        days = _int(workdays, "workdays", _("答复时限请填工作日天数。"))
        return actions.situation_escalate(
            actor=request.user, situation=situation, department_ids=ids, reason=reason, workdays=days
        )

    return _move(request, pk, run, _("已吹哨，相关部门会收到通知，答复后会通知您。"))


@_view
def escalation_reply(request: AuthenticatedHttpRequest, pk: int, target_id: int) -> HttpResponse:
    text = _typed(request, "reply")
    return _move(
        request,
        pk,
        lambda s: actions.situation_escalation_reply(
            actor=request.user, situation=s, target_id=target_id, reply=text
        ),
        _("已答复，吹哨的村(社区)会收到通知。"),
    )


@_view
def escalation_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    note = _typed(request, "note")
    return _move(
        request,
        pk,
        lambda s: actions.situation_escalation_close(actor=request.user, situation=s, note=note),
        _("本次吹哨已结束。"),
    )


@_view
def rate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rating, comment = typed_rating(request), request.POST.get("comment", "")
    return _move(
        request,
        pk,
        lambda s: actions.situation_rate(actor=request.user, situation=s, rating=rating, comment=comment),
        _("感谢您的评价。"),
    )
