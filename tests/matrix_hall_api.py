"""The hall's move API in the permission matrix (policy: tests/policy_hall_api.py).

Objects: the hall parts' tables of applications (tests/matrix_hall.py and its parts: submitted, supplementing,
the window-mode matter's submitted, the promising matter's accepted on a promise, township_review, approved,
issued, the marked and refused ones, the follow-ups), plus applications of a matter the county decides
(MZ-CTY, 报县残联) in 乡镇审批中 (hand-off) and 县级部门办理中 (hand-back). Each request sends what a real
client sends for that application — JSON, or a multipart form for the moves that take uploads — so an
allowed cell really writes.
"""

from collections.abc import Callable

from django.utils import timezone

from gongzhi.hall.models import HandlingMode, Material, Matter, MatterStep
from tests.matrix_hall import applications_in
from tests.matrix_hall_office import REVOKE_REASON
from tests.permission_kit import Call

URL = "/api/v1/hall/applications"


def build(world) -> None:
    county = Matter.objects.create(
        township=world.areas["township"], code="MZ-CTY", name="残疾人证办理", department=world.departments["civil"],
        levels=["village", "township"], mode=HandlingMode.VILLAGE_TO_TOWNSHIP, county_office="县残联",
    )  # fmt: skip
    MatterStep.objects.create(matter=county, name="审核", amount=10, unit="workdays")
    Material.objects.create(matter=county, name="申请书", required=True)
    applications_in(world, "township_review", county)
    applications_in(world, "external", county)


def _line_id(application, name: str = "申请书") -> int:
    return application.materials.get(material__name=name).pk


def move(state: str, verb: str, data: Callable | dict | None = None, *, multipart: bool = False) -> Callable:
    """POST /api/v1/hall/applications/{id}/<verb> on the application in `state` ("state:CODE" for another
    matter's); `data(application)` or `data` is the body."""

    def call(world, actor: str, relation: str) -> Call | None:
        application = world.obj(world.parts["hall"]["applications"][state], actor, relation)
        if application is None:
            return None
        body = data(application) if callable(data) else dict(data or {})
        return Call(f"{URL}/{application.pk}/{verb}", body, multipart=multipart)

    return call


def followup_move(state: str, verb: str, data: dict) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        followup = world.obj(world.parts["hall"]["followups"][state], actor, relation)
        return None if followup is None else Call(f"/api/v1/hall/followups/{followup.pk}/{verb}", dict(data))

    return call


def _apply(world, actor: str, relation: str) -> Call:
    data = {"matter_id": world.parts["hall"]["matter"].pk, "phone": "13800138000"}
    return Call(URL, data, multipart=True)


def _today() -> str:
    return timezone.localdate().isoformat()


def _document_revoke(world, actor: str, relation: str) -> Call | None:
    document = world.obj(world.parts["hall"]["documents"], actor, relation)
    if document is None:
        return None
    return Call(f"{URL}/{document.application_id}/documents/{document.pk}/revoke", {"reason": REVOKE_REASON})


API_CALLS: dict[str, Callable] = {
    f"POST {URL}/{{application_id}}/documents/{{document_id}}/revoke": _document_revoke,
    f"POST {URL}": _apply,
    f"POST {URL}/{{application_id}}/accept": move(
        "submitted", "accept", lambda a: {"checked": [_line_id(a)]}
    ),
    f"POST {URL}/{{application_id}}/forward": move("submitted:MZ-002", "forward"),
    f"POST {URL}/{{application_id}}/notify": move(
        "submitted",
        "notify",
        lambda a: {"items": [{"line_id": _line_id(a), "problem": "missing", "note": "请补申请书"}]},
    ),
    f"POST {URL}/{{application_id}}/refuse": move("submitted", "refuse", {"reason": "不属于本事项受理范围"}),
    f"POST {URL}/{{application_id}}/supply": move(
        "supplementing", "supply", lambda a: {"ready": [_line_id(a)]}, multipart=True
    ),
    f"POST {URL}/{{application_id}}/promised": move(
        "township_review:MZ-003",
        "promised",
        lambda a: {"line_id": _line_id(a, "收入证明"), "brought": "true"},
        multipart=True,
    ),
    f"POST {URL}/{{application_id}}/withdraw": move("submitted", "withdraw"),
    f"POST {URL}/{{application_id}}/decide": move(
        "township_review", "decide", {"verb": "approve", "opinion": "经审核，符合条件。"}
    ),
    f"POST {URL}/{{application_id}}/hand-off": move(
        "township_review:MZ-CTY", "hand-off", lambda a: {"sent_on": _today()}
    ),
    f"POST {URL}/{{application_id}}/hand-back": move(
        "external:MZ-CTY", "hand-back", lambda a: {"approved": True, "answered_on": _today()}
    ),
    f"POST {URL}/{{application_id}}/issue": move("approved", "issue", {"delivery": "in_person"}),
    f"POST {URL}/{{application_id}}/rate": move("issued", "rate", {"rating": 4, "comment": "办得快"}),
    f"POST {URL}/{{application_id}}/unreasonable": move(
        "issued",
        "unreasonable",
        {"kind": "outside_powers", "reason": "要求镇里裁决私人合同纠纷", "basis": "《民法典》第四百六十五条"},
    ),
    f"POST {URL}/{{application_id}}/unreasonable/review": move(
        "refused:MZ-UNR", "unreasonable/review", {"decision": "upheld", "note": "确属超出镇级职权"}
    ),
    "POST /api/v1/hall/followups/{followup_id}/visit": followup_move(
        "open", "visit", {"finding": "电话回访：嫌办理太慢"}
    ),
    "POST /api/v1/hall/followups/{followup_id}/rectify": followup_move(
        "rectifying", "rectify", {"remedy": "压缩了审核环节"}
    ),
}
