"""The back office's and the window's issuing routes in the permission matrix (policy: tests/policy_hall_office.py).

Objects: applications for 最低生活保障 in 乡镇审批中 (the back office decides: "approve" is the move asked),
in 已准予，待出件 (the window issues), and 已办结 with an issued result notice (its PDF under DATA_DIR) for
the download and the public verification.
"""

import hashlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from gongzhi.hall.documents import document_code_new
from gongzhi.hall.models import IssuedDocument
from tests.matrix_hall import applications_in
from tests.permission_kit import Call

PDF = b"%PDF-1.7\n% a result notice\n%%EOF\n"
REVOKE_REASON = "审批依据有误，另行出具"


def build(world) -> None:
    applications_in(world, "township_review")
    applications_in(world, "approved")
    issued = applications_in(world, "issued")
    documents = world.parts["hall"]["documents"] = {}
    for key, application in issued.items():
        code = document_code_new()
        relative = Path("hall") / "documents" / "matrix" / f"{code}.pdf"
        path = Path(settings.DATA_DIR) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(PDF)
        documents[key] = IssuedDocument.objects.create(
            application=application, code=code, title="准予决定书", path=str(relative),
            sha256=hashlib.sha256(PDF).hexdigest(), issued_by=application.case.author,
        )  # fmt: skip


def _on(state: str, name: str, *extra: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        application = world.obj(world.parts["hall"]["applications"][state], actor, relation)
        if application is None:
            return None
        return Call(reverse(name, args=[application.pk, *extra]), dict(data or {}))

    return call


def _document(world, actor: str, relation: str) -> Call | None:
    document = world.obj(world.parts["hall"]["documents"], actor, relation)
    if document is None:
        return None
    return Call(reverse("hall:document", args=[document.application_id, document.pk]))


def _document_revoke(world, actor: str, relation: str) -> Call | None:
    document = world.obj(world.parts["hall"]["documents"], actor, relation)
    if document is None:
        return None
    return Call(
        reverse("hall:document_revoke", args=[document.application_id, document.pk]),
        {"reason": REVOKE_REASON},
    )


def _verify(world, actor: str, relation: str) -> Call | None:
    return Call(reverse("verify", args=[world.parts["hall"]["documents"]["same"].code]))


PAGE_CALLS: dict[str, Callable] = {
    "hall:office_move": _on(
        "township_review", "hall:office_move", "approve", data={"opinion": "经审核，符合条件。"}
    ),
    "hall:issue": _on("approved", "hall:issue", data={"delivery": "in_person"}),
    "hall:document": _document,
    "hall:document_revoke": _document_revoke,
    "verify": _verify,
    "verify_form": lambda world, actor, relation: Call(reverse("verify_form")),
}
