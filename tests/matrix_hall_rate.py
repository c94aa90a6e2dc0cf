"""The rating part of the hall in the permission matrix: 好差评, the unreasonable marks and their review, the
follow-ups of bad ratings and the statistics.

Objects (besides tests/matrix_hall.py's tables): applications of 最低生活保障 "issued" (to rate and to mark);
applications of 特困供养 (MZ-UNR) "refused" and marked unreasonable, not yet reviewed (to review); and for each
relation a follow-up (回访整改) of an issued 临时救助 (MZ-FUP) application, "open" (to visit) and one of 残疾人两项补贴
(MZ-FUR), "rectifying" (to rectify) — "own" being the follow-up of the actor's own application.
"""

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from gongzhi.cases.models import Case, CaseEvent
from gongzhi.hall.models import Application, FollowUp, HandlingMode, Matter
from tests.matrix_hall import application_call, applications_in, simple_call
from tests.permission_kit import Call


def _matter(world, code: str, name: str) -> Matter:
    return Matter.objects.create(
        township=world.areas["township"], code=code, name=name, department=world.departments["civil"],
        levels=["village", "township"], mode=HandlingMode.VILLAGE_TO_TOWNSHIP,
    )  # fmt: skip


def _followups(world, code: str, name: str, state: str) -> dict[str, FollowUp]:
    table = {}
    for key, application in applications_in(world, "issued", _matter(world, code, name)).items():
        source = application.case
        case = Case.objects.create(
            kind="followup", state=state, title=f"回访：{name}", body="办理太慢", author=source.author,
            resident=source.resident, submitted_by=source.author, community=source.community,
            area_path=source.area_path, privacy="staff_only", due_at=timezone.now(),
        )  # fmt: skip
        CaseEvent.objects.create(case=case, actor=source.author, verb="open", to_state="open")
        Case.objects.filter(pk=source.pk).update(rating=1)
        table[key] = FollowUp.objects.create(case=case, application=application)
    return table


def build(world) -> None:
    hall = world.parts["hall"]
    applications_in(world, "issued")
    marked = applications_in(world, "refused", _matter(world, "MZ-UNR", "特困供养"))
    Application.objects.filter(pk__in=[a.pk for a in marked.values()]).update(
        unreasonable_at=timezone.now(), unreasonable_kind="outside_powers", unreasonable_reason="超出镇级职权",
        unreasonable_basis="《土地管理法》第十四条", unreasonable_by=world.users["township_admin"],
    )  # fmt: skip
    hall["followups"] = {
        "open": _followups(world, "MZ-FUP", "临时救助", "open"),
        "rectifying": _followups(world, "MZ-FUR", "残疾人两项补贴", "rectifying"),
    }


def followup_call(name: str, state: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        followup = world.obj(world.parts["hall"]["followups"][state], actor, relation)
        return None if followup is None else Call(reverse(name, args=[followup.pk]), dict(data or {}))

    return call


PAGE_CALLS: dict[str, Callable] = {
    "hall:rate": application_call("hall:rate", "issued", {"rating": "4", "comment": "办得快"}),
    "hall:mark_unreasonable": application_call(
        "hall:mark_unreasonable",
        "issued",
        {"kind": "outside_powers", "reason": "要求镇里裁决私人合同纠纷", "basis": "《民法典》第四百六十五条"},
    ),  # fmt: skip
    "hall:review_unreasonable": application_call(
        "hall:review_unreasonable", "refused:MZ-UNR", {"decision": "upheld", "note": "确属超出镇级职权"}
    ),
    "hall:followup": followup_call("hall:followup", "open"),
    "hall:followup_visit": followup_call("hall:followup_visit", "open", {"finding": "电话回访：嫌办理太慢"}),
    "hall:followup_rectify": followup_call(
        "hall:followup_rectify", "rectifying", {"remedy": "压缩了审核环节"}
    ),
    "hall:stats": simple_call("hall:stats"),
}
