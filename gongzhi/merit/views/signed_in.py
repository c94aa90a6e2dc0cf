"""The merit board's pages for the signed in: nominations, consent, review, 公示, the keepers' pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import move_answer, paginate, require_perm, translate_errors
from gongzhi.core.ids import id_from

from .. import actions, selectors
from ..files import consent_file_response, photo_file_response
from ..forms import (
    PHOTO_FIELDS,
    AnswerForm,
    CategoryForm,
    ConsentForm,
    ConsentRecordForm,
    NominateForm,
    OwnReasonForm,
    ReasonForm,
    ReviewForm,
    SettingForm,
)
from ..models import Nomination, NominationState


def _form_error(form, exc: DomainError) -> None:
    if exc.status in (403, 404):
        raise exc
    form_error_from(form, exc)


def _get(request, pk: int) -> Nomination:
    return selectors.nomination_get_for(viewer=request.user, nomination_id=pk)


def _back(nomination: Nomination) -> str:
    return reverse("merit:nomination", args=[nomination.pk])


# --- Signed in ------------------------------------------------------------------------------------


@require_safe
@require_perm("merit.use")
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    mine = selectors.nominations_for(viewer=user).filter(nominated_by=user).order_by("-nominated_at")[:30]
    about_me = (
        selectors.nominations_for(viewer=user).filter(consenter__user=user).order_by("-nominated_at")[:30]
    )
    return render(
        request,
        "merit/index.html",
        {
            "mine": list(mine),
            "about_me": list(about_me),
            "waiting": selectors.nominations_waiting_for(user),
            "kept": list(selectors.communities_kept_by(user)[:50]),
            "can_nominate": bool(selectors.communities_nominable_by(user)),
            "can_categories": user.has_perm("merit.categories"),
            "own_community": selectors.communities_nominable_by(user),
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm("merit.use")
def nominate(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    communities = selectors.communities_nominable_by(user)
    organisations = selectors.organisations_nominating_for(user, communities)
    if not communities and not organisations:
        raise PermissionDenied()
    ids = selectors.community_ids_nominable_by(user, communities, organisations)
    queryset = selectors.communities_in(ids)
    form = NominateForm(
        request.POST or None,
        request.FILES or None,
        communities=queryset,
        categories=selectors.categories_active(),
        organisations=organisations,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nomination = actions.nomination_create(
                actor=user,
                community=data["community"],
                category=data["category"],
                kind=data["kind"],
                title=data["title"],
                story=data["story"],
                witness=data["witness"],
                nominee_name=data["nominee_name"],
                household_number=data["household_number"],
                organisation_id=id_from(data.get("organisation")),
                photos=[data[name].read() for name in PHOTO_FIELDS if data.get(name)],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("提名已提交，等待被提名人确认是否同意。"))
            return redirect("merit:nomination", nomination.pk)
    return render(request, "merit/nominate.html", {"form": form})


@require_safe
@login_required
@translate_errors
def nomination(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _get(request, pk)
    user = request.user
    keeper = can(user, "merit.keep", item)
    member = selectors.review_member_of(user, item.community)
    opinions = list(selectors.opinions_of(item))
    reviewed = member is not None and any(o.member_id == member.pk for o in opinions)
    due, agree, disagree, _result = actions.review_tally(item)
    context = {
        "n": item,
        "keeper": keeper,
        "is_consenter": item.consenter.user_id == user.pk,
        "consent_form": ConsentForm(choices=actions.display_choices(item)),
        "member": member,
        "reviewed": reviewed,
        "review_form": ReviewForm(),
        "opinions": opinions if (keeper or member is not None or can(user, "merit.view", item)) else [],
        "tally": {"due": due, "agree": agree, "disagree": disagree},
        "review_blocker": actions.review_blocker(item) if item.state == NominationState.IN_REVIEW else "",
        "objections": list(selectors.objections_of(item)) if keeper else [],
        "answer_form": AnswerForm(),
        "reason_form": ReasonForm(),
        "own_reason_form": OwnReasonForm(),
        "photos": list(item.photos.all()),
        "now": timezone.now(),
        "live": item.state in actions.LIVE_STATES,
    }
    return render(request, "merit/nomination.html", context)


@require_POST
@login_required
@translate_errors
def consent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _get(request, pk)
    return move_answer(
        request,
        run=lambda: actions.nomination_consent(
            actor=request.user, nomination=item, display=request.POST.get("display", "")
        ),  # fmt: skip
        success=_("谢谢您！您已同意，提名交道德评议会评议。"),
        back=_back(item),
    )


@require_POST
@login_required
@translate_errors
def consent_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _get(request, pk)
    return move_answer(
        request,
        run=lambda: actions.nomination_consent_withdraw(
            actor=request.user, nomination=item, reason=request.POST.get("reason", "")
        ),  # fmt: skip
        success=_("您已撤回同意，这项提名已结束，公示和榜上的内容已撤下。"),
        back=_back(item),
    )


@require_POST
@login_required
@translate_errors
def decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _get(request, pk)
    return move_answer(
        request,
        run=lambda: actions.nomination_decline(actor=request.user, nomination=item),
        success=_("已谢绝，这项提名已结束，不会公开。"),
        back=_back(item),
    )


@require_http_methods(["GET", "POST"])
@login_required
@translate_errors
def consent_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _get(request, pk)
    if not can(request.user, "merit.keep", item):
        raise PermissionDenied()
    form = ConsentRecordForm(
        request.POST or None, request.FILES or None, choices=actions.display_choices(item)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.nomination_consent_record(
                actor=request.user,
                nomination=item,
                display=form.cleaned_data["display"],
                consent_file=form.cleaned_data["consent_file"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已登记本人签字的同意书，提名交道德评议会评议。"))
            return redirect(_back(item))
    return render(request, "merit/consent_record.html", {"n": item, "form": form})


@require_safe
@login_required
@translate_errors
def consent_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    return consent_file_response(request.user, _get(request, pk))


@require_safe
@login_required
@translate_errors
def photo(request: AuthenticatedHttpRequest, pk: int, photo_id: int) -> HttpResponseBase:
    return photo_file_response(_get(request, pk), photo_id)


@require_POST
@login_required
@translate_errors
def review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _get(request, pk)
    form = ReviewForm(request.POST)
    agrees = form.cleaned_data["agrees"] if form.is_valid() else None
    return move_answer(
        request,
        run=lambda: actions.review_opinion_record(
            actor=request.user,
            nomination=item,
            agrees=agrees,
            reason=request.POST.get("reason", ""),
        ),  # fmt: skip
        success=_("您的评议意见已记录。"),
        back=_back(item),
    )


@require_POST
@login_required
@translate_errors
def publicise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _get(request, pk)
    return move_answer(
        request,
        run=lambda: actions.nomination_publicise(actor=request.user, nomination=item),
        success=_("已在公开栏公示。"),
        back=_back(item),
    )


@require_POST
@login_required
@translate_errors
def answer(request: AuthenticatedHttpRequest, pk: int, objection_id: int) -> HttpResponse:
    item = _get(request, pk)
    form = AnswerForm(request.POST)
    upheld = form.cleaned_data["upheld"] if form.is_valid() else None
    return move_answer(
        request,
        run=lambda: actions.objection_answer(
            actor=request.user,
            nomination=item,
            objection_id=objection_id,
            upheld=upheld,
            answer=request.POST.get("answer", ""),
        ),  # fmt: skip
        success=_("答复已记录。"),
        back=_back(item),
    )


@require_POST
@login_required
@translate_errors
def place(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _get(request, pk)
    return move_answer(
        request,
        run=lambda: actions.nomination_place(actor=request.user, nomination=item),
        success=_("已列入积德榜。"),
        back=_back(item),
    )


@require_POST
@login_required
@translate_errors
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _get(request, pk)
    return move_answer(
        request,
        run=lambda: actions.nomination_withdraw(
            actor=request.user, nomination=item, reason=request.POST.get("reason", "")
        ),  # fmt: skip
        success=_("已撤回。"),
        back=_back(item),
    )


@require_safe
@require_perm("merit.keep")
def manage(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    try:
        community = selectors.community_kept_get(viewer=request.user, community_id=community_id)
    except NotFound:
        raise Http404() from None
    state = request.GET.get("state", "")
    state = state if state in NominationState.values else ""
    rows = selectors.nominations_for(viewer=request.user, community_id=community.pk, state=state)
    return render(
        request,
        "merit/manage.html",
        {
            "community": community,
            "page": paginate(request, rows.order_by("-nominated_at", "-id"), per_page=30),
            "states": NominationState.choices,
            "state": state,
            "setting_form": SettingForm(initial={"publicity_days": selectors.publicity_days_of(community)}),
            "review_body": selectors.review_body(community),
            "members": selectors.review_members(community),
        },
    )


@require_POST
@require_perm("merit.keep")
def setting(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    try:
        community = selectors.community_kept_get(viewer=request.user, community_id=community_id)
    except NotFound:
        raise Http404() from None
    raw = (request.POST.get("publicity_days") or "").strip()
    days = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 4 else 0
    return move_answer(
        request,
        run=lambda: actions.merit_setting_change(
            actor=request.user, community=community, publicity_days=days
        ),
        success=_("公示天数已保存。"),
        back=reverse("merit:manage", args=[community.pk]),
    )


@require_http_methods(["GET", "POST"])
@require_perm("merit.categories")
def categories(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.category_add(actor=request.user, name=form.cleaned_data["name"],
                                 description=form.cleaned_data["description"])  # fmt: skip
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("类别已添加。"))
            return redirect("merit:categories")
    return render(request, "merit/categories.html", {"form": form, "categories": selectors.categories_all()})


@require_POST
@require_perm("merit.categories")
def category_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    try:
        category = selectors.category_get(pk)
    except NotFound:
        raise Http404() from None
    active = request.POST.get("active") == "1"
    return move_answer(
        request,
        run=lambda: actions.category_active_set(actor=request.user, category=category, active=active),
        success=_("已启用。") if active else _("已停用：不再接受这个类别的新提名，已上榜的不受影响。"),
        back=reverse("merit:categories"),
    )
