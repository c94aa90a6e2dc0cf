"""Handing out a 民主法治示范村 application's attachment (a PDF): one place for the page and the API.

The application is reached through the viewer's scope (`selectors.application_get_for`) and the attachment
through the application, so one outside the viewer's reach and one that does not exist are the same 404.
"""

from django.http import FileResponse

from . import actions, selectors


def attachment_response(viewer, *, application_id: int, attachment_id: int) -> FileResponse:
    found = selectors.application_get_for(viewer=viewer, application_id=application_id)
    item = selectors.attachment_get_for(viewer=viewer, application=found, attachment_id=attachment_id)
    path = actions.attachment_path(item)
    response = FileResponse(path.open("rb"), content_type="application/pdf", filename=f"legal-{item.pk}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
