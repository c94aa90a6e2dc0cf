"""四议两公开 decisions and the power list in the permission matrix (policy: tests/policy_selfgov_decisions.py).

Objects: 青山村 ("same") has its bodies (built through gongzhi.bodies, the supervisor's own resident entry on the
supervisory committee), the township's template and each community's copy of the power list, and decisions of both
communities in the states the pages need: "proposal" (the party organisation's meeting is next), "disclosure" (the
resolution is due for publication), "executing" (a task open, an objection unanswered, the resolution published)
and "accepting" (every task done). Each POST sends what the page's form or a real client sends, so an allowed cell
really writes.
"""

import datetime as dt
import io
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.bodies.models import BodyKind
from gongzhi.bodies.selectors import body_of_kind
from gongzhi.cases.models import Case, PrivacyTier
from gongzhi.meetings.actions import (
    AgendaEntry,
    ItemVote,
    RollMark,
    meeting_agenda_vote,
    meeting_convene,
    meeting_record,
    meeting_roll_close,
    meeting_roll_mark,
)
from gongzhi.residents.actions import resident_create
from gongzhi.selfgov.actions.decisions import power_list_adopt, power_template_install
from gongzhi.selfgov.models import STAGES, Decision, DecisionObjection, DecisionStage, DecisionTask, PowerItem
from tests.bodies_kit import accounts_for_roll
from tests.conftest import clean_input
from tests.idnumbers import make_id
from tests.permission_kit import Call
from tests.selfgov.decisions_kit import village_bodies

API = "/api/v1/selfgov"


def build(world) -> None:
    a, users = world.areas, world.users
    staff = {"same": users["peer_staff"], "other": users["other_staff"]}
    community = {"same": a["village"], "other": a["urban"]}
    power_template_install(actor=users["township_admin"], township=a["township"])
    for relation in ("same", "other"):
        power_list_adopt(actor=staff[relation], community=community[relation])

    serial = iter(range(1, 400))

    def make(name: str, party: bool = False):
        # A birth date of their own: world.next_id_number() wraps after 499 and the cells draw from it too.
        data = clean_input({
            "name": name, "id_number": make_id(dt.date(1971, 7, 1), next(serial)), "area": a["grid_a1"],
            "political_status": "中共党员" if party else "群众",
        })  # fmt: skip
        return resident_create(actor=staff["same"], data=data)

    village_bodies(
        staff=staff["same"], community=a["village"], make=make, supervisor_user=users["supervisor"]
    )
    accounts_for_roll(body_of_kind(a["village"], BodyKind.REPRESENTATIVES))  # the polls part's evaluators
    now, today = timezone.now(), timezone.localdate()
    decisions: dict[str, dict[str, Decision]] = {}
    tasks: dict[str, DecisionTask] = {}
    objections: dict[str, DecisionObjection] = {}
    for relation in ("same", "other"):
        where = community[relation]
        for state in ("proposal", "disclosure", "executing", "accepting"):
            decision = Decision.objects.create(
                community=where, area_path=where.path, title=f"{where.name}集体仓库出租", body="村集体闲置仓库公开出租。",
                matter_type="land_assets", stages=list(STAGES), origin_kind="cadre_proposal",
                state="executing" if state == "accepting" else state, started_by=staff[relation],
            )  # fmt: skip
            decisions.setdefault(state, {})[relation] = decision
            if state in ("executing", "accepting"):
                DecisionStage.objects.create(
                    decision=decision, stage="disclosure", published_on=today, published_text="仓库公开出租的决议。",
                    published_where="村务公开栏", recorded_by=staff[relation],
                )  # fmt: skip
                case = Case.objects.create(
                    kind="decision_task", state="open" if state == "executing" else "done", title="发布招租公告",
                    body="发布招租公告", author=staff[relation], submitted_by=staff[relation], community=where,
                    area_path=where.path, privacy=PrivacyTier.STAFF_ONLY,
                    closed_at=None if state == "executing" else now,
                )  # fmt: skip
                task = DecisionTask.objects.create(case=case, decision=decision)
                if state == "executing":
                    tasks[relation] = task
                    objections[relation] = DecisionObjection.objects.create(
                        decision=decision, text="招租公告期限太短。", raised_by=staff[relation],
                        due_at=now + dt.timedelta(days=7), due_basis="7日",
                    )  # fmt: skip
    # 青山村's party organisation met today (convened in gongzhi, quorate, the matter voted by roll call): the vote
    # the "proposal" decision may take; and a paper meeting with its scanned minutes behind each executing one.
    meeting = meeting_convene(
        actor=staff["same"], body=body_of_kind(a["village"], BodyKind.PARTY_ORG), held_on=today, place="村委会",
        agenda=[AgendaEntry("党组织提议：集体仓库出租", method="roll_call")], urgency_reason="汛期前须议定仓库出租",
    )  # fmt: skip
    lines = list(meeting.roll.order_by("id"))
    meeting_roll_mark(actor=staff["same"], meeting=meeting, marks=[RollMark(m.pk, "present") for m in lines])
    meeting = meeting_roll_close(actor=staff["same"], meeting=meeting)
    agenda = meeting.agenda.get()
    meeting_agenda_vote(actor=staff["same"], agenda_item=agenda, votes={m.pk: "for" for m in lines})
    documents = {}
    for relation in ("same", "other"):
        image = io.BytesIO()
        Image.new("RGB", (40, 30), "white").save(image, "JPEG")
        paper = meeting_record(
            actor=staff[relation], area=community[relation], body_kind="party_committee_meeting", held_on=today,
            present=3, members=3, items=[ItemVote("党组织提议：集体仓库出租", in_favour=3)],
            documents={"minutes": SimpleUploadedFile("m.jpg", image.getvalue(), content_type="image/jpeg")},
        )  # fmt: skip
        DecisionStage.objects.create(
            decision=decisions["executing"][relation],
            stage="proposal",
            meeting=paper,
            recorded_by=staff[relation],
        )
        documents[relation] = (decisions["executing"][relation], paper.documents.get())
    world.parts["selfgov_decisions"] = {
        "agenda": agenda,
        "documents": documents,
        "decisions": decisions,
        "tasks": tasks,
        "objections": objections,
        "items": {r: PowerItem.objects.get(area=community[r], code="B02") for r in ("same", "other")},
        "community": community,
    }


def _part(world):
    return world.parts["selfgov_decisions"]


def decision_call(name: str, state: str, data: dict | None = None, *, tail: str = "") -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        decision = world.obj(_part(world)["decisions"][state], actor, relation)
        if decision is None:
            return None
        args = [decision.pk, "disclosure"] if name == "selfgov:decision_register" else [decision.pk]
        return Call(reverse(name, args=args), dict(data or {}))

    return call


def api_decision(state: str, verb: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        decision = world.obj(_part(world)["decisions"][state], actor, relation)
        if decision is None:
            return None
        return Call(f"{API}/decisions/{decision.pk}{'/' + verb if verb else ''}", dict(data or {}))

    return call


def _today() -> str:
    return timezone.localdate().isoformat()


MEETING = {"held_on": "", "present": 3, "in_favour": 3}
PUBLISH = {"text": "经村民代表会议决议，仓库公开出租。", "where": "村务公开栏"}
ITEM = {
    "name": "接受捐赠和赞助", "basis": "公益事业捐赠法第十一条", "decider": "两委会",
    "stages": ["consultation", "disclosure", "result"], "resolution_body": "either",
    "procedure": "两委会商议、登记入账、张榜公布", "publish": "捐赠人、金额或物品、用途", "active": True,
}  # fmt: skip


def page_stage(world, actor: str, relation: str) -> Call | None:
    call = decision_call("selfgov:decision_stage", "proposal")(world, actor, relation)
    if call is not None:
        call.data = {**MEETING, "held_on": _today()}
    return call


CONVENE = {"place": "村委会会议室", "method": "roll_call", "urgency_reason": "汛期前须议定仓库出租方案"}


def page_convene(world, actor: str, relation: str) -> Call | None:
    call = decision_call("selfgov:decision_stage_convene", "proposal")(world, actor, relation)
    if call is not None:
        call.data = {**CONVENE, "held_on": _today()}
    return call


def take_call(world, actor: str, relation: str, *, api: bool = False) -> Call | None:
    call = (
        api_decision("proposal", "stage/take")
        if api
        else decision_call("selfgov:decision_stage_take", "proposal")
    )(world, actor, relation)
    if call is not None:
        agenda = _part(world)["agenda"].pk
        call.data = {"agenda_item_id": agenda} if api else {"agenda_item": agenda}
    return call


def document_call(world, actor: str, relation: str) -> Call | None:
    found = world.obj(_part(world)["documents"], actor, relation)
    if found is None:
        return None
    decision, document = found
    return Call(reverse("selfgov:decision_document", args=[decision.pk, document.pk]))


def page_publish(world, actor: str, relation: str) -> Call | None:
    call = decision_call("selfgov:decision_publish", "disclosure")(world, actor, relation)
    if call is not None:
        call.data = {**PUBLISH, "published_on": _today()}
    return call


def task_call(name: str, data: dict | None = None, *, api: bool = False) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        task = world.obj(_part(world)["tasks"], actor, relation)
        if task is None:
            return None
        path = f"{API}/decisions/tasks/{task.pk}/move" if api else reverse(name, args=[task.pk])
        return Call(path, dict(data or {}))

    return call


def objection_call(world, actor: str, relation: str, *, api: bool = False) -> Call | None:
    objection = world.obj(_part(world)["objections"], actor, relation)
    if objection is None:
        return None
    path = (
        f"{API}/decisions/objections/{objection.pk}/answer"
        if api
        else reverse("selfgov:decision_objection_answer", args=[objection.pk])
    )
    return Call(path, {"answer": "已将公告期延长至十五天。"})


def area_call(name: str, *, api: str = "") -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        area = world.obj(_part(world)["community"], actor, relation)
        if area is None:
            return None
        return Call(
            f"{API}/power-list/{area.pk}{api}" if api or name == "" else reverse(name, args=[area.pk])
        )

    return call


def item_call(world, actor: str, relation: str, *, api: bool = False) -> Call | None:
    item = world.obj(_part(world)["items"], actor, relation)
    if item is None:
        return None
    if api:
        return Call(f"{API}/power-list/items/{item.pk}", dict(ITEM))
    return Call(reverse("selfgov:power_item_edit", args=[item.pk]), {**ITEM, "active": "on"})


def start_call(world, actor: str, relation: str) -> Call:
    village = _part(world)["community"]["same"]
    return Call(reverse("selfgov:decision_start") + f"?community={village.pk}", {
        "community": village.pk, "title": "修缮村道", "body": "修缮一组至二组之间的村道。", "matter_type": "projects",
        "origin_kind": "cadre_proposal",
    })  # fmt: skip


def township_call(world, actor: str, relation: str, *, api: bool = False) -> Call:
    township = world.areas["township"]
    if api:
        return Call(f"{API}/power-list/{township.pk}/install")
    return Call(reverse("selfgov:power_template_install", args=[township.pk]))


def api_create(world, actor: str, relation: str) -> Call:
    village = _part(world)["community"]["same"]
    return Call(f"{API}/decisions", {
        "community_id": village.pk, "title": "修缮村道", "body": "修缮一组至二组之间的村道。", "matter_type": "projects",
        "origin_kind": "cadre_proposal",
    })  # fmt: skip


def api_stage(world, actor: str, relation: str) -> Call | None:
    call = api_decision("proposal", "stage")(world, actor, relation)
    if call is not None:
        call.data = {**MEETING, "held_on": _today()}
    return call


def api_publish(world, actor: str, relation: str) -> Call | None:
    call = api_decision("disclosure", "publish")(world, actor, relation)
    if call is not None:
        call.data = {**PUBLISH, "published_on": _today()}
    return call


def _with(call: Call | None, data: dict) -> Call | None:
    if call is not None:
        call.data = dict(data)
    return call


PAGE_CALLS: dict[str, Callable] = {
    "selfgov:decisions": lambda world, actor, relation: Call(reverse("selfgov:decisions")),
    "selfgov:decision_start": start_call,
    "selfgov:decision": decision_call("selfgov:decision", "proposal"),
    "selfgov:decision_stage": page_stage,
    "selfgov:decision_stage_convene": page_convene,
    "selfgov:decision_stage_take": take_call,
    "selfgov:decision_document": document_call,
    "selfgov:decision_publish": page_publish,
    "selfgov:decision_register": decision_call("selfgov:decision_register", "executing"),
    "selfgov:decision_task_add": decision_call(
        "selfgov:decision_task_add", "executing", {"title": "签订租赁合同"}
    ),
    "selfgov:decision_accept": decision_call(
        "selfgov:decision_accept", "accepting", {"note": "合同和租金到账无误"}
    ),
    "selfgov:decision_object": decision_call(
        "selfgov:decision_object", "executing", {"text": "请公开租金收取情况。"}
    ),
    "selfgov:decision_task": task_call("selfgov:decision_task"),
    "selfgov:decision_task_move": task_call("selfgov:decision_task_move", {"verb": "start"}),
    "selfgov:decision_objection_answer": objection_call,
    "selfgov:power_lists": lambda world, actor, relation: Call(reverse("selfgov:power_lists")),
    "selfgov:power_list": area_call("selfgov:power_list"),
    "selfgov:power_template_install": township_call,
    "selfgov:power_list_adopt": area_call("selfgov:power_list_adopt"),
    "selfgov:power_item_edit": item_call,
}

API_CALLS: dict[str, Callable] = {
    f"GET {API}/decisions": lambda world, actor, relation: Call(f"{API}/decisions"),
    f"POST {API}/decisions": api_create,
    f"GET {API}/decisions/{{decision_id}}": api_decision("proposal", ""),
    f"POST {API}/decisions/{{decision_id}}/stage": api_stage,
    f"GET {API}/decisions/{{decision_id}}/stage/meetings": api_decision("proposal", "stage/meetings"),
    f"POST {API}/decisions/{{decision_id}}/stage/convene": lambda w, a, r: _with(
        api_decision("proposal", "stage/convene")(w, a, r), {**CONVENE, "held_on": _today()}
    ),
    f"POST {API}/decisions/{{decision_id}}/stage/take": lambda w, a, r: take_call(w, a, r, api=True),
    f"POST {API}/decisions/{{decision_id}}/publish": api_publish,
    f"POST {API}/decisions/{{decision_id}}/tasks": api_decision(
        "executing", "tasks", {"title": "签订租赁合同"}
    ),
    f"POST {API}/decisions/tasks/{{task_id}}/move": task_call("", {"verb": "start"}, api=True),
    f"GET {API}/decisions/tasks/{{task_id}}": lambda world, actor, relation: (
        None
        if (task := world.obj(_part(world)["tasks"], actor, relation)) is None
        else Call(f"{API}/decisions/tasks/{task.pk}")
    ),
    f"POST {API}/decisions/{{decision_id}}/accept": api_decision(
        "accepting", "accept", {"note": "合同和租金到账无误"}
    ),
    f"POST {API}/decisions/{{decision_id}}/objections": api_decision(
        "executing", "objections", {"text": "请公开租金收取情况。"}
    ),
    f"POST {API}/decisions/objections/{{objection_id}}/answer": lambda w, a, r: objection_call(
        w, a, r, api=True
    ),
    f"GET {API}/power-list/{{area_id}}": area_call("", api=""),
    f"POST {API}/power-list/{{area_id}}/install": lambda w, a, r: township_call(w, a, r, api=True),
    f"POST {API}/power-list/{{area_id}}/adopt": area_call("", api="/adopt"),
    f"POST {API}/power-list/items/{{item_id}}": lambda w, a, r: item_call(w, a, r, api=True),
}
