"""Fixtures of the service hall: a department, its officer, matters of each handling mode, and applications
in any state (set directly, for tests of what comes after; the lifecycle's own tests move them for real)."""

import pytest

from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Department
from gongzhi.cases.actions import case_open
from gongzhi.cases.models import Case
from gongzhi.hall.models import (
    Application,
    ApplicationMaterial,
    Channel,
    HandlingMode,
    Material,
    MaterialSource,
    Matter,
    MatterStep,
)
from gongzhi.hall.workflow import APPLICATION_KIND
from gongzhi.residents.models import Resident
from tests.conftest import make_user


@pytest.fixture
def department(areas):
    return Department.objects.create(township=areas["township"], name="民政办")


@pytest.fixture
def other_department(areas):
    return Department.objects.create(township=areas["township"], name="农业农村办")


@pytest.fixture
def officer(areas, department):
    """A township reviewer holding the role in 民政办 (the back office of its matters)."""
    user = make_user("officer", display_name="民政办审批员")
    RoleAssignment.objects.create(
        user=user, role=Role.TOWNSHIP_REVIEWER, area=areas["township"], area_path=areas["township"].path,
        department=department,
    )  # fmt: skip
    return user


@pytest.fixture
def township_clerk(areas):
    """A window clerk of the township's own service hall (乡镇便民服务中心)."""
    return make_user("township_clerk", Role.WINDOW_CLERK, areas["township"], display_name="镇窗口")


@pytest.fixture
def make_matter(areas, department):
    counter = iter(range(1, 10_000))

    def build(
        *,
        mode: str = HandlingMode.VILLAGE_TO_TOWNSHIP,
        name: str = "最低生活保障",
        village_review: bool = False,
        county_office: str = "",
        steps=(("审核", 15, "workdays"),),
        materials=(("申请书", True, MaterialSource.APPLICANT), ("户口簿", True, MaterialSource.REGISTER),
                   ("收入证明", False, MaterialSource.APPLICANT)),
        **extra,
    ) -> Matter:  # fmt: skip
        n = next(counter)
        matter = Matter.objects.create(
            township=areas["township"],
            code=extra.pop("code", f"T-{n:03d}"),
            name=name,
            department=None if mode == HandlingMode.VILLAGE_DIRECT else extra.pop("department", department),
            levels=["village", "township"],
            mode=mode,
            village_review=village_review,
            county_office=county_office,
            **extra,
        )
        for order, (step_name, amount, unit) in enumerate(steps):
            MatterStep.objects.create(matter=matter, order=order, name=step_name, amount=amount, unit=unit)
        for order, (material_name, required, source) in enumerate(materials):
            Material.objects.create(
                matter=matter, order=order, name=material_name, required=required, source=source,
                register_fact="household" if source == MaterialSource.REGISTER else "",
            )  # fmt: skip
        return matter

    return build


@pytest.fixture
def make_application(users, areas):
    """An application by the village's resident, put straight into `state` (no moves: for later stages' tests)."""

    def build(
        matter: Matter, *, state: str = "submitted", author=None, community=None, **extra
    ) -> Application:
        author = author or users["resident"]
        community = community or areas["village"]
        case = case_open(
            case=Case(
                kind=APPLICATION_KIND,
                title=matter.name[:60],
                body="",
                author=author,
                community=community,
                area_path=community.path,
                department=matter.department,
            ),  # fmt: skip
            actor=author,
        )
        application = Application.objects.create(case=case, matter=matter, channel=Channel.ONLINE, **extra)
        ApplicationMaterial.objects.bulk_create(
            ApplicationMaterial(application=application, material=m) for m in matter.materials.all()
        )
        if state != case.state:
            Case.objects.filter(pk=case.pk).update(state=state)
        return Application.objects.select_related("case", "matter").get(pk=case.pk)

    return build


@pytest.fixture
def matter(make_matter):
    """最低生活保障, the matter most tests apply for."""
    return make_matter(code="MZ-001", name="最低生活保障")


@pytest.fixture
def me(users, make_resident):
    """The resident account with its entry in the register (the 户口簿 line comes from it)."""
    resident = make_resident(name="李秀兰")
    Resident.objects.filter(pk=resident.pk).update(user=users["resident"])
    return users["resident"]
