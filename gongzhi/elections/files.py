"""Handing out a proxy's scan (the signed 委托书, a PDF or a photo): one place for the page and the API.

The caller passes a proxy it fetched through `selectors.proxy_get_for` (the election's readers and its
committee: one outside the viewer's reach was already a 404). The file is never public and never cached.
"""

from django.http import FileResponse, Http404

from .actions.roll import proxy_scan_path
from .models import Proxy

CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


def proxy_scan_response(proxy: Proxy) -> FileResponse:
    path = proxy_scan_path(proxy)
    if path is None:
        raise Http404()
    extension = path.suffix.lstrip(".")
    response = FileResponse(
        path.open("rb"),
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
        filename=f"proxy-{proxy.pk}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
