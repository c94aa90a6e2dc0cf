"""The hall's API beyond the moves in the permission matrix (policy: tests/policy_hall_api2.py): the catalogue,
the downloads by token, applying for a resident and the 代办 request, the follow-ups' reads and the statistics.

Objects are the hall parts' (tests/matrix_hall.py and its parts): 最低生活保障 (the catalogue's matter and the
one applied for), the issued applications' result notices (matrix_hall_office), the files handed in for the
promising matter's applications (matrix_hall_desk), the open follow-ups (matrix_hall_rate) and the register's
residents of each relation (applying for them). Each request is what a real client sends, so an allowed
cell really writes (an application, or the audit row of a staff read).
"""

from collections.abc import Callable

from tests.permission_kit import Call

URL = "/api/v1/hall/applications"


def build(world) -> None:
    """Nothing of its own: every object is another hall part's."""


def _matter(world, actor: str, relation: str) -> Call:
    return Call(f"/api/v1/hall/matters/{world.parts['hall']['matter'].pk}")


def _document(world, actor: str, relation: str) -> Call | None:
    document = world.obj(world.parts["hall"]["documents"], actor, relation)
    return None if document is None else Call(f"{URL}/{document.application_id}/documents/{document.pk}")


def _file(world, actor: str, relation: str) -> Call | None:
    application = world.obj(world.parts["hall"]["applications"]["township_review:MZ-003"], actor, relation)
    if application is None:
        return None
    return Call(f"{URL}/{application.pk}/files/{world.parts['hall']['desk']['files'][application.pk]}")


def _apply_for(world, actor: str, relation: str) -> Call | None:
    resident = world.obj(world.residents, actor, relation)
    if resident is None:
        return None
    data = {
        "matter_id": world.parts["hall"]["matter"].pk,
        "resident_id": resident.pk,
        "consent_channel": "in_person",
    }
    return Call(f"{URL}/for", data, multipart=True)


def _proxy_request(world, actor: str, relation: str) -> Call:
    data = {"matter_id": world.parts["hall"]["matter"].pk, "phone": "13800138000", "consent": True}
    return Call(f"{URL}/proxy-request", data)


def _followup(world, actor: str, relation: str) -> Call | None:
    followup = world.obj(world.parts["hall"]["followups"]["open"], actor, relation)
    return None if followup is None else Call(f"/api/v1/hall/followups/{followup.pk}")


def _simple(path: str) -> Callable:
    return lambda world, actor, relation: Call(path)


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/hall/matters": _simple("/api/v1/hall/matters"),
    "GET /api/v1/hall/matters/{matter_id}": _matter,
    f"GET {URL}/{{application_id}}/documents/{{document_id}}": _document,
    f"GET {URL}/{{application_id}}/files/{{file_id}}": _file,
    f"POST {URL}/for": _apply_for,
    f"POST {URL}/proxy-request": _proxy_request,
    "GET /api/v1/hall/followups": _simple("/api/v1/hall/followups"),
    "GET /api/v1/hall/followups/{followup_id}": _followup,
    "GET /api/v1/hall/stats": _simple("/api/v1/hall/stats"),
}
