"""Handing out a nomination's files (the paper-consent scan, the evidence photos): one place for the page and the API.

The caller passes a nomination it fetched through `selectors.nomination_get_for` (so one outside the viewer's
reach was already a 404); these check the rest and stream the file, never cacheable.
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404

from gongzhi.core.authz import can
from gongzhi.photos.http import photo_response

from .models import Nomination


def consent_file_response(viewer, nomination: Nomination) -> FileResponse:
    """The scan of the consent signed on paper (a photo or a PDF): the board's keepers only (others 403)."""
    if not can(viewer, "merit.keep", nomination):
        raise PermissionDenied()
    if nomination.consent_photo is not None:
        return photo_response(nomination.consent_photo, public=False)
    if not nomination.consent_pdf_path:
        raise Http404()
    path = Path(settings.DATA_DIR) / nomination.consent_pdf_path
    if not path.is_file():
        raise Http404()
    response = FileResponse(path.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="consent-{nomination.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def photo_file_response(nomination: Nomination, photo_id: int) -> FileResponse:
    """One of the nomination's evidence photos: whoever sees the nomination; another's photo id is a 404."""
    found = nomination.photos.filter(pk=photo_id).select_related("photo").first()
    if found is None:
        raise Http404()
    return photo_response(found.photo, public=False)
