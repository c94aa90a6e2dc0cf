"""Serving a meeting's document, for the feature view that has checked its viewer may see it."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.http.response import HttpResponseBase

from gongzhi.photos.http import photo_response

from .actions import PDF_DIR
from .models import MeetingDocument

# The folders under DATA_DIR that hold meeting PDFs: the module's own, and those a feature stored in before
# the meetings module existed (registered by that feature's AppConfig.ready).
PDF_ROOTS: list[str] = [PDF_DIR]


def meeting_document_root_register(root: str) -> None:
    """Serve meeting PDFs a feature stored under DATA_DIR/<root>/ before the meetings module held them."""
    if root not in PDF_ROOTS:
        PDF_ROOTS.append(root)


def meeting_document_response(document: MeetingDocument) -> HttpResponseBase:
    """The image or PDF, never cached, never sniffed; 404 if the file is gone or lies outside its folders."""
    if document.photo is not None:
        response = photo_response(document.photo, public=False)  # meeting papers: signed-in readers only
    else:
        data = Path(settings.DATA_DIR)
        path = (data / document.pdf_path).resolve()
        if not any(path.is_relative_to((data / root).resolve()) for root in PDF_ROOTS) or not path.is_file():
            raise Http404()
        response = FileResponse(
            path.open("rb"), content_type="application/pdf", filename=f"{document.kind}.pdf"
        )
        response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
