"""Service-hours certificates: one's own (from one's page), a resident's for staff over them, and the public
verification page a certificate's QR code leads to."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import COMMUNITY_MODERATORS
from gongzhi.core.authz import can
from gongzhi.core.http import translate_errors
from gongzhi.core.masking import mask_name

from .certificates import certificate_verify
from .printing import certificate_print
from .selectors import helper_name


def _pdf(data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="service-hours.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@login_required
@translate_errors
def certificate(request: HttpRequest) -> HttpResponse:
    """My own certificate: every hour credited to me."""
    assert isinstance(request.user, User)  # login_required
    data = certificate_print(
        actor=request.user,
        helper=request.user,
        name=helper_name(request.user),
        verify_base=request.build_absolute_uri("/")[:-1],
    )
    return _pdf(data)


@require_safe
@login_required
@translate_errors
def certificate_for(request: HttpRequest, resident_id: int) -> HttpResponse:
    """A resident's certificate, for the staff of their community (or the township office)."""
    from gongzhi.residents.selectors import resident_get_for

    assert isinstance(request.user, User)  # login_required
    resident = resident_get_for(viewer=request.user, resident_id=resident_id, roles=COMMUNITY_MODERATORS)
    helper = resident.user
    if helper is None:
        # No account: no hours can have been credited; the certificate says so (nothing to hide or reveal).
        if not can(request.user, "residents.view_resident", resident):
            raise PermissionDenied
        return render(request, "hours/no_account.html", {"resident": resident})
    data = certificate_print(
        actor=request.user,
        helper=helper,
        name=resident.name,
        verify_base=request.build_absolute_uri("/")[:-1],
    )
    return _pdf(data)


@require_safe
def verify(request: HttpRequest, reference: str) -> HttpResponse:
    """Public: what a certificate's reference certifies, and whether the record still says so."""
    found = certificate_verify(reference[:500])
    context: dict = {"found": found}
    if found is not None:
        helper = User.objects.filter(pk=found.helper_id).first()
        context["name"] = mask_name(helper_name(helper)) if helper is not None else ""
    response = render(request, "hours/verify.html", context, status=200 if found else 404)
    response["Cache-Control"] = "private, max-age=60"
    return response
