"""The Open311 part of the hall in the permission matrix: a matter open to outside systems, a key issued by
the township's admin, one request that system sent; and the applications API over matrix_hall's tables."""

from collections.abc import Callable

from django.urls import reverse

from gongzhi.hall.actions.open311 import RequestIn, open311_key_issue, open311_request_create
from gongzhi.hall.models import HandlingMode, Material, Matter, MatterStep
from tests.matrix_hall import applications_in
from tests.permission_kit import Call

JURISDICTION = "?jurisdiction_id=511423101000"


def build(world) -> None:
    township = world.areas["township"]
    matter = Matter.objects.create(
        township=township, code="MZ-311", name="高龄津贴", department=world.departments["civil"],
        levels=["village", "township"], mode=HandlingMode.VILLAGE_TO_TOWNSHIP, open311=True,
    )  # fmt: skip
    MatterStep.objects.create(matter=matter, name="审核", amount=10, unit="workdays")
    Material.objects.create(matter=matter, name="申请书", required=True)
    key, _raw = open311_key_issue(actor=world.users["township_admin"], township=township, name="12345热线")
    request = open311_request_create(
        actor=key.account, key=key, matter=matter,
        data=RequestIn(last_name="矩", first_name="外部", phone="13912345678", address_string="青山村"),
    )  # fmt: skip
    world.parts["hall_open311"] = {"matter": matter, "key": key, "request": request}
    applications_in(world, "submitted")


def _open311(name: str, data: dict | None = None, **kwargs) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        part = world.parts["hall_open311"]
        args = {"fmt": "json"}
        if name == "open311:service":
            args["service_code"] = part["matter"].code
        if name == "open311:request":
            args["request_id"] = str(part["request"].pk)
        return Call(reverse(name, kwargs=args) + JURISDICTION, dict(data or {}))

    return call


def _key_revoke(world, actor: str, relation: str) -> Call:
    return Call(reverse("hall:open311_key_revoke", args=[world.parts["hall_open311"]["key"].pk]))


def _application(world, actor: str, relation: str) -> Call | None:
    application = world.obj(world.parts["hall"]["applications"]["submitted"], actor, relation)
    return None if application is None else Call(f"/api/v1/hall/applications/{application.pk}")


PAGE_CALLS: dict[str, Callable] = {
    "open311:services": _open311("open311:services"),
    "open311:service": _open311("open311:service"),
    # POST without a key (a session grants nothing): 403 in the specification's format.
    "open311:requests": _open311(
        "open311:requests", {"service_code": "MZ-311", "last_name": "王", "phone": "13912345678"}
    ),
    "open311:request": _open311("open311:request"),
    "hall:open311_keys": lambda world, actor, relation: Call(
        reverse("hall:open311_keys"), {"name": "矩阵系统"}
    ),
    "hall:open311_key_revoke": _key_revoke,
}

API_CALLS: dict[str, Callable] = {
    "GET /api/v1/hall/applications/queue": lambda world, actor, relation: Call(
        "/api/v1/hall/applications/queue"
    ),
    "GET /api/v1/hall/applications/mine": lambda world, actor, relation: Call(
        "/api/v1/hall/applications/mine"
    ),
    "GET /api/v1/hall/applications/{application_id}": _application,
}
