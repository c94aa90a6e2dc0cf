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


def build(world) -> None:
    areas = world.areas
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
    world.parts["hall"] = {"matter": matter, "applicant": applicant, "applications": {}}
    applications_in(world, "submitted")


def applications_in(world, state: str, matter: Matter | None = None) -> dict[str, Application]:
    """The table of applications in `state` (own:<actor>, same, grid, other), built on first use: a part of
    the hall calls this from its build() for each state its moves start from. `matter` (default: 最低生活保障)
    makes a separate table, keyed by state and the matter's code."""
    hall = world.parts["hall"]
    matter = matter or hall["matter"]
    key = state if matter == hall["matter"] else f"{state}:{matter.code}"
    if key in hall["applications"]:
        return hall["applications"][key]
    users, applicant = world.users, hall["applicant"]

    def make(author, resident) -> Application:
        world.serial += 1
        case = Case.objects.create(
            kind="application", state=state, title=matter.name, body="", author=author, resident=resident,
            submitted_by=author, community=resident.community, area_path=resident.community.path,
            department=matter.department, privacy="staff_only",
        )  # fmt: skip
        CaseEvent.objects.create(case=case, actor=author, verb="open", to_state="submitted")
        application = Application.objects.create(case=case, matter=matter, channel=Channel.ONLINE)
        ApplicationMaterial.objects.bulk_create(
            ApplicationMaterial(application=application, material=m) for m in matter.materials.all()
        )
        return application

    table = hall["applications"][key] = {}
    for relation in ("same", "grid", "other"):
        table[relation] = make(applicant[relation], world.residents[relation])
    for actor in policy.ACTORS:
        if actor != "anonymous":
            table[f"own:{actor}"] = make(users[actor], world.residents[f"own:{actor}"])
    return table


def application_call(name: str, state: str, data: dict | None = None) -> Callable:
    """The request of a route taking one application (in `state`, or "state:CODE" for another matter's)."""

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
