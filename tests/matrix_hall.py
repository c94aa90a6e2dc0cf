"""The service hall's part of the permission matrix: its objects and the request of each of its routes.

Objects: applications for 最低生活保障 (a matter of 永安镇's 民政办, the back office) in each state a move
starts from, {state: {"own:<actor>" / relation: Application}}. "own" is the actor's own application (about
themselves, 1组网格); "same"/"grid"/"other" are by a resident account of 青山村 (东街社区 for "other") for
the register's residents planted in those relations. Applications belong to the community, so "same" and
"grid" differ only in the resident. The parts of the hall add their states and routes below.
"""

from collections.abc import Callable

from django.urls import reverse

from gongzhi.accounts.roles import Role
from gongzhi.cases.models import Case, CaseEvent
from gongzhi.hall.models import (
    Application,
    ApplicationMaterial,
    Channel,
    HandlingMode,
    Material,
    Matter,
    MatterStep,
)
from tests import policy
from tests.conftest import make_user
from tests.permission_kit import Call

# The states the matrix builds applications in (each part of the hall adds the ones its moves start from).
STATES = ["submitted"]


def build(world) -> None:
    users, areas = world.users, world.areas
    township = areas["township"]
    matter = Matter.objects.create(
        township=township, code="MZ-001", name="最低生活保障", department=world.departments["civil"],
        levels=["village", "township"], mode=HandlingMode.VILLAGE_TO_TOWNSHIP,
    )  # fmt: skip
    MatterStep.objects.create(matter=matter, name="审核", amount=15, unit="workdays")
    Material.objects.create(matter=matter, name="申请书", required=True)
    applicant = {
        "same": make_user("applicant_village", Role.RESIDENT, areas["village"]),
        "other": make_user("applicant_urban", Role.RESIDENT, areas["urban"]),
    }
    applicant["grid"] = applicant["same"]
    hall = world.parts.setdefault("hall", {"matter": matter, "applications": {}})

    def make(state: str, author, resident) -> Application:
        world.serial += 1
        case = Case.objects.create(
            kind="application", state=state, title=matter.name, body="", author=author, resident=resident,
            submitted_by=author, community=resident.community, area_path=resident.community.path,
            department=matter.department, privacy="staff_only",
        )  # fmt: skip
        CaseEvent.objects.create(case=case, actor=author, verb="open", to_state="submitted")
        application = Application.objects.create(case=case, matter=matter, channel=Channel.ONLINE)
        ApplicationMaterial.objects.create(application=application, material=matter.materials.get())
        return application

    for state in STATES:
        table = hall["applications"].setdefault(state, {})
        for relation in ("same", "grid", "other"):
            table[relation] = make(state, applicant[relation], world.residents[relation])
        for actor in policy.ACTORS:
            if actor != "anonymous":
                table[f"own:{actor}"] = make(state, users[actor], world.residents[f"own:{actor}"])


def application_call(name: str, state: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        application = world.obj(world.parts["hall"]["applications"][state], actor, relation)
        return None if application is None else Call(reverse(name, args=[application.pk]), dict(data or {}))

    return call


def simple_call(name: str, data: dict | None = None) -> Callable:
    return lambda world, actor, relation: Call(reverse(name), dict(data or {}))


PAGE_CALLS: dict[str, Callable] = {
    "hall:queue": simple_call("hall:queue"),
    "hall:detail": application_call("hall:detail", "submitted"),
    "hall:followups": simple_call("hall:followups"),
}
