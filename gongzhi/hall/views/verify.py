"""/verify/<code>/: anyone — no login — may check whether a result notice is genuine and current.

It says which township and office issued it, for which matter, on which
date, and whether it still stands; nothing about the applicant. Codes carry
100 bits (hall/documents.py), so guessing one is useless and the page needs
no rate limit; an unknown code says so.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from ..documents import document_code_clean
from ..selectors.issued import verification_for


@require_safe
def verify(request: HttpRequest, code: str) -> HttpResponse:
    cleaned = document_code_clean(code)
    found = verification_for(cleaned)
    response = render(
        request,
        "hall/documents/verify.html",
        {"code": code[:40], "found": found},
        status=200 if found else 404,
    )
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def verify_form(request: HttpRequest) -> HttpResponse:
    """The form to type a code from paper; a typed code goes to its page."""
    typed = (request.GET.get("code") or "").strip()
    cleaned = document_code_clean(typed)
    if cleaned:
        return redirect("verify", code=cleaned)
    return render(request, "hall/documents/verify.html", {"code": typed[:40], "found": None, "asking": True},
                  status=404 if typed else 200)  # fmt: skip
