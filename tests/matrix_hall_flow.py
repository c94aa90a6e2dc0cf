"""The power list's flow on applications in the permission matrix (policy: tests/policy_hall_flow.py).

Objects: a village-direct matter, 居住证明 (ZM-FLOW), bound to the power list's C06 村级证明出具 (the township's
template item made here from the shipped standard; the selfgov part installs the rest later and skips it), and
its applications in 村级审核中 (tables of tests/matrix_hall.py). Each request records the flow's next step (核实),
so an allowed cell really writes.
"""

from collections.abc import Callable

from django.urls import reverse

from gongzhi.hall.models import HandlingMode, Material, Matter, MatterStep
from gongzhi.selfgov.models import PowerItem
from gongzhi.selfgov.power_flows import standard_flow
from gongzhi.selfgov.power_standard import STANDARD
from tests.matrix_hall import applications_in
from tests.permission_kit import Call

STATE = "village_review:ZM-FLOW"
NOTE = {"op": "step", "note": "已核实申请人在本村居住"}


def build(world) -> None:
    township = world.areas["township"]
    item = next(i for i in STANDARD if i.code == "C06")
    PowerItem.objects.create(
        area=township, area_path=township.path, code=item.code, name=item.name, matter_type=item.matter_type,
        basis=item.basis, decider=item.decider, stages=list(item.stages), resolution_body=item.resolution_body,
        procedure=item.procedure, publish=item.publish, flow=standard_flow(item.code),
        changed_by=world.users["township_admin"],
    )  # fmt: skip
    matter = Matter.objects.create(
        township=township, code="ZM-FLOW", name="居住证明", levels=["village"], mode=HandlingMode.VILLAGE_DIRECT,
        power_code="C06",
    )  # fmt: skip
    MatterStep.objects.create(matter=matter, name="核实", amount=3, unit="workdays")
    Material.objects.create(matter=matter, name="申请书", required=True)
    applications_in(world, "village_review", matter)


def _flow(api: bool) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        application = world.obj(world.parts["hall"]["applications"][STATE], actor, relation)
        if application is None:
            return None
        if api:
            return Call(f"/api/v1/hall/applications/{application.pk}/flow", dict(NOTE))
        return Call(reverse("hall:flow", args=[application.pk]), dict(NOTE))

    return call


PAGE_CALLS: dict[str, Callable] = {"hall:flow": _flow(api=False)}
API_CALLS: dict[str, Callable] = {"POST /api/v1/hall/applications/{application_id}/flow": _flow(api=True)}
