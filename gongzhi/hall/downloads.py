"""The answers that carry an application's files, for the pages and the API alike.

Who may fetch one was checked by the caller (the application is one the user may see); these read the
file, record a staff read in the audit trail (actions.reads) and answer it never cached: a photo inline,
a handed-in PDF as a download, an issued result notice inline under its verification code.
"""

from django.http import FileResponse, Http404
from django.http.response import HttpResponseBase

from .actions import reads
from .models import Application, ApplicationFile, IssuedDocument
from .selectors.desk import application_file_path


def handed_in_response(*, actor, application: Application, handed_in: ApplicationFile) -> HttpResponseBase:
    if handed_in.photo is not None:
        from gongzhi.photos.http import photo_response

        response = photo_response(handed_in.photo, public=False)
        reads.application_file_read(actor=actor, application=application, handed_in=handed_in)
        return response
    try:
        handle = application_file_path(handed_in).open("rb")
    except FileNotFoundError:
        raise Http404() from None
    reads.application_file_read(actor=actor, application=application, handed_in=handed_in)
    response = FileResponse(
        handle, content_type="application/pdf", as_attachment=True, filename=f"{handed_in.pk}.pdf"
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def document_response(*, actor, application: Application, document: IssuedDocument) -> HttpResponseBase:
    path = reads.document_read(actor=actor, application=application, document=document)
    response = FileResponse(path.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
