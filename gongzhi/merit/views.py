"""The merit board's pages: a signed-in user's nominations and what waits for them, the nomination form, a
nomination's page (consent, review, 公示, objections and their answers, the board — each part for whom it is),
the staff's page of a community with its 公示 period, the township's categories; and the public pages: the
board of a community and of a township (no login, phone first, cacheable), an entry (with the objection form
while it is posted) and the printable poster."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.selectors import community_public_get, township_directory
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import move_answer, paginate, public_page_cache, require_perm, translate_errors
from gongzhi.core.ids import id_from
from gongzhi.photos.http import photo_response

from . import actions, selectors
from .forms import (
    PHOTO_FIELDS,
    AnswerForm,
    CategoryForm,
    ConsentForm,
    ConsentRecordForm,
    NominateForm,
    ObjectionForm,
    ReasonForm,
    ReviewForm,
    SettingForm,
)
from .models import MeritCategory, Nomination, NominationState

PUBLIC_SECONDS = 60
POSTER_SECONDS = 600
POSTER_ENTRIES = 12  # two columns of six on an A4 sheet


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


def _organisations(user, communities):
    from gongzhi.orgs.selectors import organisations_speaking_for

    seen: dict[int, object] = {}
    for community in communities:
        for org in organisations_speaking_for(user, community):
            seen.setdefault(org.pk, org)
    return list(seen.values())


@require_http_methods(["GET", "POST"])
@require_perm("merit.use")
def nominate(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    communities = selectors.communities_nominable_by(user)
    organisations = _organisations(user, communities)
    if not communities and not organisations:
        raise PermissionDenied()
    from gongzhi.areas.models import Area

    if organisations:
        from gongzhi.orgs.selectors import communities_served

        extra = {c.pk for org in organisations for c in communities_served(org)}
        ids = {c.pk for c in communities} | extra
    else:
        ids = {c.pk for c in communities}
    queryset = Area.objects.filter(pk__in=ids).order_by("path")
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
    item = _get(request, pk)
    if not can(request.user, "merit.keep", item):
        raise PermissionDenied()
    if item.consent_photo is not None:
        return photo_response(item.consent_photo, public=False)
    if not item.consent_pdf_path:
        raise Http404()
    path = Path(settings.DATA_DIR) / item.consent_pdf_path
    if not path.is_file():
        raise Http404()
    response = FileResponse(path.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="consent-{item.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@login_required
@translate_errors
def photo(request: AuthenticatedHttpRequest, pk: int, photo_id: int) -> HttpResponseBase:
    item = _get(request, pk)
    found = item.photos.filter(pk=photo_id).select_related("photo").first()
    if found is None:
        raise Http404()
    return photo_response(found.photo, public=False)


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
    category = MeritCategory.objects.filter(pk=pk).first()
    if category is None:
        raise Http404()
    active = request.POST.get("active") == "1"
    return move_answer(
        request,
        run=lambda: actions.category_active_set(actor=request.user, category=category, active=active),
        success=_("已启用。") if active else _("已停用：不再接受这个类别的新提名，已上榜的不受影响。"),
        back=reverse("merit:categories"),
    )


# --- Public ---------------------------------------------------------------------------------------


def _category_filter(request) -> MeritCategory | None:
    chosen = id_from(request.GET.get("category"))
    return MeritCategory.objects.filter(pk=chosen).first() if chosen else None


@require_safe
@public_page_cache(PUBLIC_SECONDS)
def boards(request: HttpRequest) -> HttpResponse:
    return render(request, "merit/boards.html", {"directory": township_directory()})


@require_safe
@public_page_cache(PUBLIC_SECONDS, params=("category", "page"))
@translate_errors
def board(request: HttpRequest, community_id: int) -> HttpResponse:
    community = community_public_get(community_id)
    chosen = _category_filter(request)
    entries = selectors.board_entries(community, chosen.pk if chosen else None)
    return render(
        request,
        "merit/board.html",
        {
            "community": community,
            "place": community,
            "page": paginate(request, entries, per_page=20),
            "posted": list(selectors.publicity_entries(community)) if chosen is None else [],
            "categories": selectors.categories_all(),
            "chosen": chosen,
            "board_url": reverse("merit:board", args=[community.pk]),
        },
    )


@require_safe
@public_page_cache(PUBLIC_SECONDS, params=("category", "page"))
@translate_errors
def township_board(request: HttpRequest, township_id: int) -> HttpResponse:
    township = selectors.township_get_public(township_id)
    chosen = _category_filter(request)
    entries = selectors.board_entries_township(township, chosen.pk if chosen else None)
    return render(
        request,
        "merit/board.html",
        {
            "township": township,
            "place": township,
            "page": paginate(request, entries, per_page=20),
            "posted": [],
            "categories": selectors.categories_all(),
            "chosen": chosen,
            "board_url": reverse("merit:township_board", args=[township.pk]),
        },
    )


@require_safe
@translate_errors
def poster(request: HttpRequest, community_id: int) -> HttpResponse:
    """The community's board as an A4 poster (WeasyPrint) for the physical 积德榜 on the culture wall."""
    from .poster import poster_pdf

    community = community_public_get(community_id)
    entries = list(selectors.board_entries(community)[:POSTER_ENTRIES])
    # Rendering takes a moment: the same board on the same day in the same language is rendered once.
    day = timezone.localdate()
    version = ",".join(f"{n.pk}:{n.updated_at.timestamp()}" for n in entries)
    raw = f"{translation.get_language()}|{community.pk}|{day}|{version}"
    key = "gz:merit-poster:" + hashlib.sha256(raw.encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = poster_pdf({"community": community, "entries": entries, "day": day})
        cache.set(key, data, POSTER_SECONDS)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="merit-board-{community.pk}.pdf"'
    response["Cache-Control"] = f"public, max-age={PUBLIC_SECONDS}"
    return response


@require_safe
@translate_errors
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.entry_public_get(pk)
    mine = selectors.objection_of(item, request.user)
    running = (
        item.state == NominationState.PUBLICISED
        and item.publicity_ends_at is not None
        and timezone.now() < item.publicity_ends_at
    )
    context = {"n": item, "mine": mine, "running": running, "form": ObjectionForm()}
    return render(request, "merit/entry.html", context)


@require_POST
@login_required
@translate_errors
def object_(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.entry_public_get(pk)
    return move_answer(
        request,
        run=lambda: actions.objection_record(
            actor=request.user, nomination=item, text=request.POST.get("text", "")
        ),
        success=_("您的异议已提交，工作人员会答复您。"),
        back=reverse("merit:entry", args=[item.pk]),
    )
