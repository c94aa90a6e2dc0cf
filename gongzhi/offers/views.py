"""Micro-service pages. The lists and an offer's page are open to everyone and show no personal data;
booking and every move need their permission, and say clearly why not when the offer does not allow it."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.selectors import communities_public, community_public_get
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import move_answer, move_view, require_perm, set_choices, translate_errors
from gongzhi.core.ids import id_from
from gongzhi.core.lifecycle import lifecycle_verbs_for

from . import actions, selectors
from .forms import AssistedBookingForm, OfferForm, ReasonForm


def _decorate(offers) -> list:
    rows = list(offers)
    for offer in rows:
        offer.left = selectors.places_left(offer)
    return rows


def _list(request: HttpRequest, community=None) -> HttpResponse:
    offers = _decorate(selectors.upcoming_for(community=community)[:100])
    context = {
        "offers": offers,
        "community": community,
        "communities": communities_public().values_list("pk", "name") if community is None else None,
        "can_publish": request.user.is_authenticated and can(request.user, "offers.publish"),
    }
    response = render(request, "offers/list.html", context)
    if not request.user.is_authenticated:
        # private: the page carries a CSRF token (language form), which no shared cache may hand on
        response["Cache-Control"] = "private, max-age=30"
    return response


@require_safe
def offer_list(request: HttpRequest) -> HttpResponse:
    """Upcoming offers of the whole township."""
    community_id = id_from(request.GET.get("community"))
    if community_id:
        return redirect("offers:community_list", community_id=community_id)
    return _list(request)


@require_safe
@translate_errors
def community_list(request: HttpRequest, community_id: int) -> HttpResponse:
    return _list(request, community_public_get(community_id))


@require_safe
@translate_errors
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get(pk)
    mine = selectors.own_booking(viewer=request.user, offer=offer)
    context = {
        "offer": offer,
        "left": selectors.places_left(offer),
        "booking": mine,
        "can_cancel_booking": mine is not None and lifecycle_verbs_for(mine, request.user)["cancel"],
        "moves": selectors.offer_moves_for(request.user, offer),
        "hours": actions.credit_hours(offer),
    }
    return render(request, "offers/detail.html", context)


@require_perm("offers.publish")
@require_http_methods(["GET", "POST"])
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    choices = [(c.pk, c.name) for c in selectors.communities_for_offerer(viewer=request.user)]
    form = OfferForm(
        request.POST or None, initial={"community": choices[0][0] if len(choices) == 1 else None}
    )
    set_choices(form.fields["community"], [("", _("请选择"))] + choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        community = communities_public().filter(pk=data["community"]).first() if data["community"] else None
        try:
            offer = actions.offer_publish(
                actor=request.user,
                community=community,
                title=data["title"],
                description=data["description"],
                place=data["place"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                places=data["places"],
            )
        except DomainError as exc:
            if exc.status == 403:
                form.add_error("community", _("您不能在这个村(社区)发布服务。"))
            else:
                form_error_from(form, exc)
        else:
            messages.success(request, _("服务已发布，居民可以预约了。有人预约或取消时会通知您。"))
            return redirect("offers:detail", pk=offer.pk)
    return render(request, "offers/form.html", {"form": form})


@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    bookings = list(selectors.mine_for(viewer=request.user)[:100])
    rows = [
        {
            "booking": b,
            "who": selectors.booker_label(b, viewer=request.user),
            "for_someone_else": b.user_id != request.user.pk,
        }
        for b in bookings
    ]
    offers = _decorate(selectors.my_offers_for(viewer=request.user)[:100])
    return render(request, "offers/mine.html", {"rows": rows, "offers": offers})


@require_safe
@translate_errors
def bookings(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    offer = selectors.offer_get(pk)
    rows = selectors.bookings_of(viewer=request.user, offer=offer)
    lines = [
        {
            "booking": b,
            "who": selectors.booker_label(b, viewer=request.user),
            "can_serve": lifecycle_verbs_for(b, request.user)["serve"],
        }
        for b in rows
    ]
    context = {
        "offer": offer,
        "lines": lines,
        "counts": selectors.booking_counts(rows),
        "left": selectors.places_left(offer),
        "moves": selectors.offer_moves_for(request.user, offer),
    }
    return render(request, "offers/bookings.html", context)


def _answer(
    request: HttpRequest, offer_pk: int, run, success: str, to: str = "offers:detail"
) -> HttpResponse:
    """Run a move; back to the offer with a message saying what happened or why not (403 stays 403)."""
    return move_answer(request, run=run, success=success, back=reverse(to, args=[offer_pk]))


_view = move_view


@_view
def book(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get(pk)
    return _answer(
        request,
        pk,
        lambda: actions.booking_create(actor=request.user, offer=offer),
        _("预约成功。如不能参加，请在服务开始前取消，把名额留给别人。"),
    )


@require_perm("offers.book_assisted")
@require_http_methods(["GET", "POST"])
def book_assisted(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    from gongzhi.residents.selectors import resident_picked

    offer = selectors.offer_get(pk)
    q = (request.GET.get("q") or "").strip()[:50]
    resident, matches = resident_picked(
        viewer=request.user,
        resident_id=id_from(request.POST.get("resident") or request.GET.get("resident")),
        q=q,
    )
    if resident is None:
        return render(request, "offers/assisted_pick.html", {"offer": offer, "q": q, "matches": matches})
    form = AssistedBookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.booking_create_assisted(
                actor=request.user,
                offer=offer,
                resident=resident,
                consent_channel=form.cleaned_data["consent_channel"],
            )
        except DomainError as exc:
            if exc.status == 403:
                raise
            form_error_from(form, exc)
        else:
            messages.success(request, _("已为%(name)s预约。") % {"name": resident.name})
            return redirect("offers:detail", pk=offer.pk)
    return render(request, "offers/assisted_form.html", {"offer": offer, "resident": resident, "form": form})


@_view
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get(pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _answer(
        request,
        pk,
        lambda: actions.offer_cancel(actor=request.user, offer=offer, reason=reason),
        _("服务已取消，已预约的居民会收到通知。"),
    )


@_view
def complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get(pk)
    return _answer(
        request,
        pk,
        lambda: actions.offer_complete(actor=request.user, offer=offer),
        _("已确认服务完成，服务时长已记入您的志愿服务记录。谢谢！"),
    )


@_view
def booking_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_get_for(viewer=request.user, booking_id=pk)
    return _answer(
        request,
        booking.offer_id,
        lambda: actions.booking_cancel(actor=request.user, booking=booking),
        _("预约已取消。"),
    )


@_view
def booking_serve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_get_for(viewer=request.user, booking_id=pk)
    return _answer(
        request,
        booking.offer_id,
        lambda: actions.booking_serve(actor=request.user, booking=booking),
        _("已确认这位居民的服务完成。"),
        to="offers:bookings",
    )
