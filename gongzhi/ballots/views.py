"""Ballot pages: the signed-in user's open ballots, the ballot of a box, its results and receipts.

The receipt code is rendered once, in the answer to the cast itself: never redirected through a URL, a
session or a flash message, which would keep it on the server beside the voter (decision 0038).
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import translate_errors

from . import actions, selectors
from .forms import BallotForm, ReceiptCheckForm


def _signed_in(view):
    import functools

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return translate_errors(view)(request, *args, **kwargs)

    return wrapper


@require_safe
@_signed_in
def mine(request: HttpRequest) -> HttpResponse:
    """The open ballots the signed-in user may vote in, voted or not, soonest closing first."""
    boxes = list(selectors.ballot_boxes_open_for(viewer=request.user)[:100])
    closed = list(
        selectors.ballot_boxes_for(viewer=request.user)
        .filter(closed_at__isnull=False)
        .order_by("-closed_at")[:20]
    )
    return render(request, "ballots/mine.html", {"boxes": boxes, "closed": closed})


def _box_context(request, box) -> dict:
    user = request.user
    eligible = selectors.is_eligible(box, user)
    return {
        "box": box,
        "state": selectors.box_state(box),
        "eligible": eligible,
        "voted": eligible and selectors.has_voted(box, user),
    }


@never_cache
@require_http_methods(["GET", "POST"])
@_signed_in
def box(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The ballot: the questions as a form for an eligible voter while the box is open; the receipt once."""
    found = selectors.ballot_box_get_for(viewer=request.user, box_id=pk)
    context = _box_context(request, found)
    form = BallotForm(request.POST or None, box=found)
    status = 200
    if request.method == "POST":
        if not context["eligible"]:
            raise PermissionDenied()
        if form.is_valid():
            try:
                cast = actions.ballot_cast(actor=request.user, box=found, answers=form.answers())
            except NotPermitted:
                raise PermissionDenied() from None
            except Conflict as exc:
                form.add_error(None, exc.message)
                status = 409
            except DomainError as exc:
                form_error_from(form, exc)
            else:
                response = render(
                    request,
                    "ballots/cast.html",
                    {
                        "box": found,
                        "receipt": cast.receipt,
                        "fingerprint": selectors.receipt_fingerprint(
                            selectors.receipt_hash(cast.receipt or "")
                        ),
                    },
                )
                response["Cache-Control"] = "no-store"
                return response
        context = _box_context(request, found)
    return render(request, "ballots/box.html", {**context, "form": form}, status=status)


@require_safe
@_signed_in
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """After the close: the tally per question and option, the turnout and the quorum. Before it: when."""
    found = selectors.ballot_box_get_for(viewer=request.user, box_id=pk)
    outcome = selectors.ballot_box_results(found) if found.closed_at else None
    return render(
        request,
        "ballots/results.html",
        {"box": found, "state": selectors.box_state(found), "results": outcome},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@_signed_in
def receipts(request: HttpRequest, pk: int) -> HttpResponse:
    """Check a receipt (POSTed, so the code is in no URL or access log; nothing is recorded), and after the
    close the public list of every counted ballot's receipt fingerprint, sorted, with no choice beside it."""
    found = selectors.ballot_box_get_for(viewer=request.user, box_id=pk)
    form = ReceiptCheckForm(request.POST or None)
    checked = None
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        checked = {
            "included": selectors.ballot_receipt_included(found, code),
            "fingerprint": selectors.receipt_fingerprint(selectors.receipt_hash(code)),
        }
    listed = selectors.ballot_box_receipts(found) if found.closed_at else None
    context = {"box": found, "form": form, "checked": checked, "receipts": listed}
    if checked is not None and not checked["included"]:
        form.add_error("code", _("没有找到这个回执码的选票。请核对回执码是否抄写正确。"))
    return render(request, "ballots/receipts.html", context)
