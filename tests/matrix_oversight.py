"""The oversight page's part of the permission matrix (tests/policy_oversight.py).

Objects: a township — "same" the world's 永安镇, "other" 督导外镇 (a township nobody of the world holds a role
in) — and a community — "same" 青山村, "other" 东街社区.
"""

from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind
from tests.permission_kit import Call


def build(world) -> None:
    areas = world.areas
    elsewhere = area_create_unchecked(
        kind=AreaKind.TOWNSHIP, name="督导外镇", parent=None, code="511423199000"
    )
    world.parts["oversight"] = {
        "township": {"same": areas["township"], "other": elsewhere},
        "community": {"same": areas["village"], "other": areas["urban"]},
        "form": {"same": _form(areas["township"], world), "other": _form(elsewhere, world)},
    }


def _template() -> bytes:
    from tests.oversight.test_countyforms import template

    return template([["{{community.name}}", "{{residents.people}}", "{{manual:oversight_matrix_key}}"]])


def _form(township, world):
    from gongzhi.oversight.countyforms import template_scan
    from gongzhi.oversight.models import CountyForm

    content = _template()
    scan = template_scan(content, "oversight-matrix.xlsx")
    return CountyForm.objects.create(
        township=township, title="oversight-matrix-form", filename="oversight-matrix.xlsx", content=content,
        sha256=scan.sha256, placeholders=scan.placeholders, uploaded_by=world.users["township_admin"],
    )  # fmt: skip


def _upload(world, actor, relation) -> dict:
    return {
        "title": "oversight-matrix-upload",
        "file": SimpleUploadedFile("oversight-matrix.xlsx", _template()),
    }


def _facts_page(world, actor, relation) -> dict:
    village = world.areas["village"] if relation == "same" else None
    name = f"v-{village.pk}-0" if village else "v-0-0"
    return {"year": timezone.localdate().year, "quarter": 0, name: "7"}


def _facts_api(world, actor, relation) -> dict:
    return {"year": timezone.localdate().year, "quarter": 0,
            "values": [{"area_id": world.areas["village"].pk, "key": "oversight_matrix_key", "value": "7"}]}  # fmt: skip


def _obj(world, kind: str, relation: str):
    return world.parts["oversight"][kind][relation]


def page(name: str, kind: str) -> Callable:
    return lambda world, actor, relation: Call(reverse(name, args=[_obj(world, kind, relation).pk]))


def api(path: str, kind: str) -> Callable:
    return lambda world, actor, relation: Call(path.format(_obj(world, kind, relation).pk))


PAGE_CALLS: dict[str, Callable] = {
    "oversight:index": lambda world, actor, relation: Call(reverse("oversight:index")),
    "oversight:township": page("oversight:township", "township"),
    "oversight:export": page("oversight:export", "township"),
    "oversight:community": page("oversight:community", "community"),
    "oversight:report": page("oversight:report", "community"),
    "oversight:forms": lambda world, actor, relation: Call(
        reverse("oversight:forms", args=[_obj(world, "township", relation).pk]),
        _upload(world, actor, relation),
    ),
    "oversight:form": lambda world, actor, relation: Call(
        reverse("oversight:form", args=[_obj(world, "form", relation).pk]),
        _facts_page(world, actor, relation),
    ),
    "oversight:form_download": lambda world, actor, relation: Call(
        reverse("oversight:form_download", args=[_obj(world, "form", relation).pk])
        + f"?year={timezone.localdate().year}"
    ),
}

API_CALLS: dict[str, Callable] = {
    "GET /api/v1/oversight/townships": lambda world, actor, relation: Call("/api/v1/oversight/townships"),
    "GET /api/v1/oversight/townships/{township_id}/indicators": api(
        "/api/v1/oversight/townships/{}/indicators", "township"
    ),
    "GET /api/v1/oversight/townships/{township_id}/export": api(
        "/api/v1/oversight/townships/{}/export", "township"
    ),
    "GET /api/v1/oversight/communities/{community_id}/year": api(
        "/api/v1/oversight/communities/{}/year", "community"
    ),
    "GET /api/v1/oversight/communities/{community_id}/report": api(
        "/api/v1/oversight/communities/{}/report", "community"
    ),
    "GET /api/v1/oversight/townships/{township_id}/forms": api(
        "/api/v1/oversight/townships/{}/forms", "township"
    ),
    "POST /api/v1/oversight/townships/{township_id}/forms": lambda world, actor, relation: Call(
        f"/api/v1/oversight/townships/{_obj(world, 'township', relation).pk}/forms",
        _upload(world, actor, relation),
        multipart=True,
    ),
    "GET /api/v1/oversight/forms/{form_id}/facts": api("/api/v1/oversight/forms/{}/facts", "form"),
    "POST /api/v1/oversight/forms/{form_id}/facts": lambda world, actor, relation: Call(
        f"/api/v1/oversight/forms/{_obj(world, 'form', relation).pk}/facts",
        _facts_api(world, actor, relation),
    ),
    "GET /api/v1/oversight/forms/{form_id}/filled": api("/api/v1/oversight/forms/{}/filled", "form"),
    "GET /api/v1/oversight/townships/{township_id}/typed-twice": api(
        "/api/v1/oversight/townships/{}/typed-twice", "township"
    ),
}
