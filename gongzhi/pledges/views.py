"""The pledges' pages: a member's own pledge and privacy choices, the staff's page of a community's party members,
a pledge (its versions, what the member did, approval), the 先锋岗 list, the township's coverage; and the public
pages (no login, phone first, cacheable): the communities, and a community's members who chose to be shown."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.selectors import community_public_get, township_directory
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import move_answer, public_page_cache, require_perm, translate_errors
from gongzhi.residents.models import Resident

from . import actions, selectors
from .forms import CloseForm, PledgeForm, PostForm, PrivacyForm, ReturnForm
from .models import Pledge, PledgeState, VanguardPost

PUBLIC_SECONDS = 60


def _form_error(form, exc: DomainError) -> None:
    if exc.status in (403, 404):
        raise exc
    form_error_from(form, exc)


def _years() -> list[int]:
    this = timezone.localdate().year
    return [this, this + 1] if timezone.localdate().month == 12 else [this]


def _year_param(request) -> int:
    raw = (request.GET.get("year") or "").strip()
    this = timezone.localdate().year
    return int(raw) if raw.isdigit() and this - 10 <= int(raw) <= this + 1 else this


# --- Signed in ------------------------------------------------------------------------------------


@require_safe
@require_perm("pledges.use")
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    member = selectors.member_of(user)
    return render(
        request,
        "pledges/index.html",
        {
            "member": member,
            "mine": list(selectors.pledges_for(viewer=user).filter(resident__user=user)) if member else [],
            "privacy": selectors.privacy_of(member) if member else None,
            "kept": list(selectors.communities_kept_by(user)[:50]),
            "waiting": list(selectors.awaiting_approval(user)[:50]),
            "can_posts": user.has_perm("pledges.posts"),
            "can_coverage": user.has_perm("pledges.coverage"),
        },
    )


def _write(request, resident: Resident, *, assisted: bool) -> HttpResponse:
    form = PledgeForm(request.POST or None, posts=selectors.posts_active(), years=_years(), assisted=assisted)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pledge = actions.pledge_write(
                actor=request.user,
                resident=resident,
                year=data["year"],
                post=data["post"],
                text=data["text"],
                party_group=data["party_group"],
                consent_channel=data.get("consent_channel", ""),
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("承诺已提交，等待党组织审核；审核通过后公开。"))
            return redirect("pledges:pledge", pledge.pk)
    return render(request, "pledges/write.html", {"form": form, "resident": resident, "assisted": assisted})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@translate_errors
def write(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A party member writes their own pledge (only the register says who is one)."""
    member = selectors.member_of(request.user)
    if member is None:
        raise PermissionDenied()
    return _write(request, member, assisted=False)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@translate_errors
def write_for(request: AuthenticatedHttpRequest, resident_id: int) -> HttpResponse:
    """The party organisation's staff write a member's pledge for them (assisted, the consent recorded)."""
    if not request.user.has_perm("pledges.keep"):
        raise PermissionDenied()
    member = selectors.member_kept_get(viewer=request.user, resident_id=resident_id)
    return _write(request, member, assisted=True)


@require_safe
@login_required
@translate_errors
def community(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    if not request.user.has_perm("pledges.keep"):
        raise PermissionDenied()
    area = selectors.community_kept_get(viewer=request.user, community_id=community_id)
    year = _year_param(request)
    members = list(selectors.party_members_of(area))
    pledges = {p.resident_id: p for p in Pledge.objects.filter(community=area, year=year)}
    from .models import MemberPrivacy

    privacy = {p.resident_id: p for p in MemberPrivacy.objects.filter(resident__in=members)}
    rows = [(m, pledges.get(m.pk), privacy.get(m.pk)) for m in members]
    return render(request, "pledges/community.html", {"community": area, "year": year, "rows": rows})


@require_safe
@login_required
@translate_errors
def pledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.pledge_get_for(viewer=request.user, pledge_id=pk)
    user = request.user
    return render(
        request,
        "pledges/pledge.html",
        {
            "p": item,
            "versions": list(selectors.versions_of(item)),
            "deeds": selectors.pledge_deeds(item),
            "can_approve": item.state == PledgeState.SUBMITTED and can(user, "pledges.approve", item),
            "can_write": item.state != PledgeState.CLOSED and can(user, "pledges.write", item),
            "can_close": item.state != PledgeState.CLOSED
            and item.public_version_id is not None
            and can(user, "pledges.write", item),
            "own": item.resident.user_id == user.pk,
            "return_form": ReturnForm(),
            "close_form": CloseForm(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@translate_errors
def revise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.pledge_get_for(viewer=request.user, pledge_id=pk)
    if not can(request.user, "pledges.write", item):
        raise PermissionDenied()
    assisted = item.resident.user_id != request.user.pk
    initial = {"post": item.post_id, "text": item.text, "party_group": item.party_group}
    form = PledgeForm(
        request.POST or None, initial=initial, posts=selectors.posts_active(), assisted=assisted
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.pledge_revise(
                actor=request.user,
                pledge=item,
                post=data["post"],
                text=data["text"],
                party_group=data["party_group"],
                consent_channel=data.get("consent_channel", ""),
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("修改已提交，等待党组织审核；审核前公开的仍是上一稿。"))
            return redirect("pledges:pledge", item.pk)
    return render(request, "pledges/write.html", {"form": form, "resident": item.resident, "assisted": assisted,
                                                  "pledge": item})  # fmt: skip


@require_POST
@login_required
@translate_errors
def approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.pledge_get_for(viewer=request.user, pledge_id=pk)
    return move_answer(
        request,
        run=lambda: actions.pledge_approve(actor=request.user, pledge=item),
        success=_("已审核通过，承诺公开。"),
        back=reverse("pledges:pledge", args=[item.pk]),
    )


@require_POST
@login_required
@translate_errors
def return_(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.pledge_get_for(viewer=request.user, pledge_id=pk)
    return move_answer(
        request,
        run=lambda: actions.pledge_return(
            actor=request.user, pledge=item, reason=request.POST.get("reason", "")
        ),
        success=_("已退回，请党员修改。"),
        back=reverse("pledges:pledge", args=[item.pk]),
    )


@require_POST
@login_required
@translate_errors
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.pledge_get_for(viewer=request.user, pledge_id=pk)
    return move_answer(
        request,
        run=lambda: actions.pledge_close(
            actor=request.user, pledge=item, account=request.POST.get("account", "")
        ),
        success=_("践诺情况已记录，本年度承诺结束。"),
        back=reverse("pledges:pledge", args=[item.pk]),
    )


def _privacy(request, resident: Resident, *, own: bool, back: str) -> HttpResponse:
    current = selectors.privacy_of(resident)
    initial = (
        {"public": current.public, "name_display": current.name_display, "deeds_shown": current.deeds_shown}
        if current
        else {}
    )
    form = PrivacyForm(request.POST or None, initial=initial, own=own)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.privacy_set(
                actor=request.user,
                resident=resident,
                public=data["public"],
                name_display=data["name_display"],
                deeds_shown=data["deeds_shown"],
                paper_consent=data.get("paper_consent", False),
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("公开方式已保存。"))
            return redirect(back)
    choices = [selectors.shown_name(resident, "full"), selectors.shown_name(resident, "surname")]
    return render(request, "pledges/privacy.html", {"form": form, "resident": resident, "own": own,
                                                    "choices": choices})  # fmt: skip


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@translate_errors
def privacy(request: AuthenticatedHttpRequest) -> HttpResponse:
    member = selectors.member_of(request.user)
    if member is None:
        raise PermissionDenied()
    return _privacy(request, member, own=True, back=reverse("pledges:index"))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@translate_errors
def privacy_for(request: AuthenticatedHttpRequest, resident_id: int) -> HttpResponse:
    if not request.user.has_perm("pledges.keep"):
        raise PermissionDenied()
    member = selectors.member_kept_get(viewer=request.user, resident_id=resident_id)
    return _privacy(request, member, own=False, back=reverse("pledges:community", args=[member.community_id]))


@require_http_methods(["GET", "HEAD", "POST"])
@require_perm("pledges.posts")
def posts(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.post_add(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("先锋岗已添加。"))
            return redirect("pledges:posts")
    return render(request, "pledges/posts.html", {"form": form, "posts": selectors.posts_all()})


@require_POST
@require_perm("pledges.posts")
@translate_errors
def post_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = VanguardPost.objects.filter(pk=pk).first()
    if post is None:
        from django.http import Http404

        raise Http404()
    return move_answer(
        request,
        run=lambda: actions.post_active_set(
            actor=request.user, post=post, active=request.POST.get("active") == "1"
        ),
        success=_("已保存。"),
        back=reverse("pledges:posts"),
    )


@require_safe
@require_perm("pledges.coverage")
def coverage(request: AuthenticatedHttpRequest) -> HttpResponse:
    year = _year_param(request)
    return render(
        request,
        "pledges/coverage.html",
        {"rows": selectors.coverage(viewer=request.user, year=year), "year": year},
    )


# --- Public -----------------------------------------------------------------------------------


@require_safe
@public_page_cache(PUBLIC_SECONDS)
def boards(request: HttpRequest) -> HttpResponse:
    return render(request, "pledges/boards.html", {"directory": township_directory()})


@require_safe
@public_page_cache(PUBLIC_SECONDS, params=("year",))
@translate_errors
def board(request: HttpRequest, community_id: int) -> HttpResponse:
    area = community_public_get(community_id)
    year = _year_param(request)
    return render(
        request,
        "pledges/board.html",
        {
            "community": area,
            "year": year,
            "years": selectors.board_years(area),
            "cards": selectors.board_cards(area, year),
        },
    )
