"""The front desk's part of the permission matrix (tests/matrix_hall.py builds the hall's objects).

Objects: applications of 最低生活保障 (MZ-001) submitted (accept, notify, refuse, withdraw) and supplementing
with an open 一次性告知 (supply); applications of a 村级受理·转乡级窗口 matter (MZ-002) submitted (forward); and
applications of a matter with an optional material (MZ-003) accepted on a promise (receipt, supply_promised).
Each POST sends what a real form sends for that application, so an allowed cell really writes.
"""

import datetime as dt
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from gongzhi.hall.actions.applying import CheckedUpload, files_attach
from gongzhi.hall.models import (
    ApplicationMaterial,
    HandlingMode,
    Material,
    MaterialState,
    Matter,
    MatterStep,
    SupplyNotice,
    SupplyNoticeItem,
)
from tests.matrix_hall import applications_in, simple_call
from tests.pdfs import BLANK_PDF
from tests.permission_kit import Call


def build(world) -> None:
    hall = world.parts["hall"]
    township, department = world.areas["township"], world.departments["civil"]
    window = Matter.objects.create(
        township=township, code="MZ-002", name="残疾人两项补贴", department=department,
        levels=["village", "township"], mode=HandlingMode.VILLAGE_TO_WINDOW,
    )  # fmt: skip
    Material.objects.create(matter=window, name="申请书", required=True)
    promising = Matter.objects.create(
        township=township, code="MZ-003", name="临时救助", department=department,
        levels=["village", "township"], mode=HandlingMode.VILLAGE_TO_TOWNSHIP,
    )  # fmt: skip
    MatterStep.objects.create(matter=promising, name="审核", amount=10, unit="workdays")
    Material.objects.create(matter=promising, name="申请书", required=True)
    Material.objects.create(matter=promising, name="收入证明", required=False)
    hall["desk"] = {"window": window, "promising": promising}
    applications_in(world, "submitted")
    applications_in(world, "submitted", window)
    clerk = world.users["window_clerk"]
    for application in applications_in(world, "supplementing").values():
        line = application.materials.get()
        notice = SupplyNotice.objects.create(application=application, round=1, sent_by=clerk)
        SupplyNoticeItem.objects.create(notice=notice, line=line, problem="missing", note="请补申请书")
    promised_by = timezone.localdate() + dt.timedelta(days=5)
    hall["desk"]["files"] = {}
    for n, application in enumerate(applications_in(world, "township_review", promising).values(), start=1):
        application.number = f"511423101-20260101-{n:04d}"
        application.accepted_at, application.accepted_by = timezone.now(), clerk
        application.save(update_fields=["number", "accepted_at", "accepted_by"])
        application.materials.filter(material__name="申请书").update(state=MaterialState.CHECKED)
        application.materials.filter(material__name="收入证明").update(
            state=MaterialState.PROMISED, promised_by=promised_by
        )
        handed_in = {promising.materials.get(name="申请书").pk: [CheckedUpload(name="申请书.pdf", pdf=PDF)]}
        files_attach(application=application, actor=clerk, files=handed_in, round=0)
        hall["desk"]["files"][application.pk] = application.files.get().pk


PDF = BLANK_PDF  # a real one-page PDF (tests/pdfs.py)


def file_call(world, actor: str, relation: str) -> Call | None:
    application = world.obj(world.parts["hall"]["applications"]["township_review:MZ-003"], actor, relation)
    if application is None:
        return None
    file_id = world.parts["hall"]["desk"]["files"][application.pk]
    return Call(reverse("hall:file", args=[application.pk, file_id]))


def _line(application, name: str = "申请书") -> ApplicationMaterial:
    return application.materials.get(material__name=name)


def desk_call(name: str, state: str, data: Callable | None = None) -> Callable:
    """A route taking one application in `state` ("state:CODE" for another matter's), with the form the
    application's page would send (`data(application)`)."""

    def call(world, actor: str, relation: str) -> Call | None:
        application = world.obj(world.parts["hall"]["applications"][state], actor, relation)
        if application is None:
            return None
        return Call(reverse(name, args=[application.pk]), data(application) if data else {})

    return call


def matter_call(name: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(reverse(name, args=[world.parts["hall"]["matter"].pk]), dict(data or {}))

    return call


def apply_for_call(world, actor: str, relation: str) -> Call | None:
    resident = world.obj(world.residents, actor, relation)
    if resident is None:
        return None
    path = reverse("hall:apply_for", args=[world.parts["hall"]["matter"].pk]) + f"?resident={resident.pk}"
    return Call(path, {"resident": resident.pk, "consent_channel": "in_person"})


PAGE_CALLS: dict[str, Callable] = {
    "hall:apply_start": simple_call("hall:apply_start"),
    "hall:apply": matter_call("hall:apply", {"phone": "13800138000"}),
    "hall:proxy_request": matter_call("hall:proxy_request", {"phone": "13800138000", "consent": "on"}),
    "hall:apply_for": apply_for_call,
    "hall:mine": simple_call("hall:mine"),
    "hall:promises": simple_call("hall:promises"),
    "hall:accept": desk_call("hall:accept", "submitted", lambda a: {f"line_{_line(a).pk}": "checked"}),
    "hall:notify": desk_call(
        "hall:notify",
        "submitted",
        lambda a: {f"problem_{_line(a).pk}": "missing", f"note_{_line(a).pk}": "请补"},
    ),
    "hall:refuse": desk_call("hall:refuse", "submitted", lambda a: {"reason": "不属于本事项受理范围"}),
    "hall:withdraw": desk_call("hall:withdraw", "submitted"),
    "hall:forward": desk_call("hall:forward", "submitted:MZ-002"),
    "hall:supply": desk_call("hall:supply", "supplementing", lambda a: {"ready": [_line(a).pk]}),
    "hall:file": file_call,
    "hall:receipt": desk_call("hall:receipt", "township_review:MZ-003"),
    "hall:supply_promised": desk_call(
        "hall:supply_promised",
        "township_review:MZ-003",
        lambda a: {"line": _line(a, "收入证明").pk, "brought": "1"},
    ),
}
