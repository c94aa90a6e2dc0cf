"""The catalogue's part of the permission matrix (事项目录管理 and the public 办事指南).

Objects: one matter of 永安镇 (CAT-001, 民政办), edited and switched off by the township admin; the guide
pages read the township's active matters (MZ-001 of tests/matrix_hall.py and this one).
"""

from collections.abc import Callable

from django.urls import reverse

from gongzhi.hall.models import HandlingMode, Material, Matter, MatterStep
from tests.permission_kit import Call


def build(world) -> None:
    township = world.areas["township"]
    matter = Matter.objects.create(
        township=township, code="CAT-001", name="临时救助", department=world.departments["civil"],
        levels=["village", "township"], mode=HandlingMode.VILLAGE_TO_TOWNSHIP,
    )  # fmt: skip
    MatterStep.objects.create(matter=matter, name="审核", amount=10, unit="workdays")
    Material.objects.create(matter=matter, name="临时救助申请书", required=True)
    world.parts["hall_catalogue"] = {"matter": matter}


def _matter_form(world, code: str, name: str) -> dict:
    return {
        "code": code, "name": name, "department": str(world.departments["civil"].pk), "mode": "village_to_township",
        "levels": ["village", "township"], "sort_order": "0",
        "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "0", "steps-MIN_NUM_FORMS": "0", "steps-MAX_NUM_FORMS": "10",
        "steps-0-name": "审核", "steps-0-amount": "10", "steps-0-unit": "workdays",
        "materials-TOTAL_FORMS": "1", "materials-INITIAL_FORMS": "0", "materials-MIN_NUM_FORMS": "0",
        "materials-MAX_NUM_FORMS": "40", "materials-0-name": "申请书", "materials-0-form": "copy",
        "materials-0-count": "1", "materials-0-source": "applicant",
    }  # fmt: skip


def _plain(name: str, data: dict | None = None) -> Callable:
    return lambda world, actor, relation: Call(reverse(name), dict(data or {}))


def _matter_call(name: str, data: Callable | None = None) -> Callable:
    def call(world, actor, relation) -> Call:
        matter = world.parts["hall_catalogue"]["matter"]
        return Call(reverse(name, args=[matter.pk]), data(world) if data else {})

    return call


PAGE_CALLS: dict[str, Callable] = {
    "hall:catalogue": _plain("hall:catalogue"),
    "hall:catalogue_new": lambda world, actor, relation: Call(
        reverse("hall:catalogue_new"), _matter_form(world, "CAT-NEW", "新事项")
    ),
    "hall:catalogue_edit": _matter_call(
        "hall:catalogue_edit", lambda world: _matter_form(world, "CAT-001", "临时救助(改)")
    ),
    "hall:catalogue_active": _matter_call("hall:catalogue_active", lambda world: {"active": "0"}),
    "hall:catalogue_export": _plain("hall:catalogue_export"),
    "hall:catalogue_import": _plain(
        "hall:catalogue_import"
    ),  # POST without a file: the form's error, nothing written
    "hall:catalogue_import_report": _plain("hall:catalogue_import_report"),
    "hall:guide_home": _plain("hall:guide_home"),
    "hall:guide_community": lambda world, actor, relation: Call(
        reverse("hall:guide_community", args=[world.areas["village"].pk])
    ),
    "hall:guide_index": lambda world, actor, relation: Call(
        reverse("hall:guide_index", args=[world.areas["township"].pk])
    ),
    "hall:guide": _matter_call("hall:guide"),
}
