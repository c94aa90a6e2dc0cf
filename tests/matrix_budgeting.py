"""The participatory budget's part of the permission matrix (tests/policy_budgeting.py).

For "same" (青山村) and "other" (东街社区): the 公共服务资金 of four past-and-present years with 50,000 yuan each,
and next year's (for a new round); a round per year — prepared, proposing (a submitted project with a photo),
ranking (two eligible projects, two of three seated members ranked), decided (a funded project and a finished
one). 青山村's 议事会 seats the `resident` actor (not yet ranked) and two members of its own; its projects are the
`resident` actor's. 东街社区's are entered by its staff for its residents. Each POST sends what the page's form
(or the API's body) sends, so an allowed cell really writes.
"""

import datetime as dt
import io
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.bodies.models import BodyKind, Post
from gongzhi.budgeting import actions
from gongzhi.budgeting.models import Category
from gongzhi.funds.actions import fund_create, income_record
from gongzhi.funds.models import FundKind, IncomeSource
from gongzhi.residents.actions import resident_create
from gongzhi.residents.models import Resident
from tests.bodies_kit import body_ensure, member_ensure
from tests.conftest import clean_input, make_user
from tests.permission_kit import Call

TAG = {"same": "青", "other": "东"}
DESCRIPTION = "村口到小学的路段晚上没有灯，老人和孩子走夜路不安全。"


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (200, 180, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def _today() -> dt.date:
    return timezone.localdate()


def _idea(title: str, cost: str = "8000") -> actions.ProjectInput:
    return actions.ProjectInput(title, DESCRIPTION, "村口至小学", cost, Category.objects.get(code="lighting"))


def _resident(world, area_key: str, name: str, staff, user=None) -> Resident:
    data = clean_input({"name": name, "id_number": world.next_id_number(), "area": world.areas[area_key]})
    resident = resident_create(actor=staff, data=data)
    if user is not None:
        Resident.objects.filter(pk=resident.pk).update(user=user)
        resident.refresh_from_db()
    return resident


def build(world) -> None:
    users, areas = world.users, world.areas
    staff = {"same": users["peer_staff"], "other": users["other_staff"]}
    where = {"same": ("village", "grid_a1"), "other": ("urban", "grid_b1")}
    kind, finance = FundKind.objects.get(code="public_service"), IncomeSource.objects.get(code="finance")
    this = _today().year
    part: dict = {key: {} for key in ("community", "township", "prepared", "proposing", "ranking", "decided",
                                      "submitted", "funded", "finished", "resident")}  # fmt: skip
    for relation, (community_key, grid_key) in where.items():
        keeper, community = staff[relation], areas[community_key]
        part["community"][relation], part["township"][relation] = community, areas["township"]
        part["resident"][relation] = world.residents[relation]
        body = body_ensure(actor=keeper, area=community, kind=BodyKind.COUNCIL)
        rankers = []
        for n, post in enumerate((Post.CHAIR, Post.MEMBER), start=1):
            user = make_user(f"council_{relation}{n}")
            seat = _resident(world, grid_key, f"议事员{TAG[relation]}{'一二'[n - 1]}", keeper, user)
            member_ensure(actor=keeper, body=body, resident=seat, post=post, started_on=dt.date(2024, 1, 1))
            rankers.append(user)
        if relation == "same":
            member_ensure(actor=keeper, body=body, resident=world.residents["own:resident"], post=Post.MEMBER,
                          started_on=dt.date(2024, 1, 1))  # fmt: skip
        seats = 3 if relation == "same" else 2
        for year in range(this - 3, this + 2):
            fund = fund_create(actor=keeper, community=community, year=year, kind=kind)
            if year <= this:
                income_record(actor=keeper, fund=fund, source=finance, amount="50000",
                              received_on=dt.date(year, 1, 1))  # fmt: skip

        def propose(round_, title: str, photos=()):
            if relation == "same":
                return actions.project_propose(actor=users["resident"], round_=round_, data=_idea(title),
                                               photos=photos)  # fmt: skip
            return actions.project_enter(actor=keeper, round_=round_, resident=world.residents["other"],
                                         consent="本人到社区口头提出并签字", data=_idea(title), photos=photos)  # fmt: skip

        rounds = {}
        for state, year in (
            ("prepared", this - 3),
            ("decided", this - 2),
            ("ranking", this - 1),
            ("proposing", this),
        ):
            made = actions.round_create(actor=keeper, community=community, year=year,
                                        opens_on=_today() - dt.timedelta(days=10),
                                        closes_on=_today() + dt.timedelta(days=30))  # fmt: skip
            if state != "prepared":
                made = actions.round_open(actor=keeper, round_=made)
            rounds[state] = made
        part["submitted"][relation] = propose(rounds["proposing"], "修路灯", photos=[_jpeg()])
        for state in ("ranking", "decided"):
            round_ = rounds[state]
            projects = [propose(round_, "修路灯"), propose(round_, "清理水渠")]
            for project in projects:
                actions.project_screen(actor=keeper, project=project, eligible=True)
            actions.round_close(actor=keeper, round_=round_)
            for ranker in rankers:
                actions.ranking_submit(actor=ranker, round_=round_, order=[p.pk for p in projects])
            if state == "decided":
                actions.round_decide(actor=keeper, round_=round_,
                                     vote=actions.CouncilVote(held_on=_today(), present=seats, in_favour=seats))  # fmt: skip
                part["funded"][relation] = projects[1]
                part["finished"][relation] = actions.project_finish(actor=keeper, project=projects[0],
                                                                    finished_on=_today())  # fmt: skip
            round_.refresh_from_db()
            part[state][relation] = round_
        part["prepared"][relation], part["proposing"][relation] = rounds["prepared"], rounds["proposing"]
    world.parts["budgeting"] = part


def _obj(world, kind: str, relation: str):
    return world.parts["budgeting"][kind][relation]


def page(name: str, kind: str, data: Callable[[object, str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(
            reverse(name, args=[_obj(world, kind, relation).pk]), data(world, relation) if data else {}
        )

    return call


def _project_form(world, relation: str) -> dict:
    return {"title": "安装健身器材", "description": DESCRIPTION, "place": "村委会广场", "cost": "6000",
            "category": Category.objects.get(code="recreation").pk}  # fmt: skip


def _round_form(world, relation: str) -> dict:
    return {"year": str(_today().year + 1), "opens_on": _today().isoformat(),
            "closes_on": (_today() + dt.timedelta(days=30)).isoformat()}  # fmt: skip


def _eligible(world, relation: str) -> list[int]:
    return list(_obj(world, "ranking", relation).projects.order_by("id").values_list("pk", flat=True))


def _photo_page(world, actor: str, relation: str) -> Call:
    found = _obj(world, "submitted", relation)
    return Call(reverse("budgeting:photo", args=[found.pk, found.photos.first().photo_id]))


def _decide_form(world, relation: str) -> dict:
    return {"held_on": _today().isoformat(), "present": "3", "in_favour": "3"}


PAGE_CALLS: dict[str, Callable] = {
    "budgeting:index": lambda world, actor, relation: Call(reverse("budgeting:index")),
    "budgeting:round_new": page("budgeting:round_new", "community", _round_form),
    "budgeting:round": page("budgeting:round", "proposing"),
    "budgeting:round_open": page("budgeting:round_open", "prepared"),
    "budgeting:round_close": page("budgeting:round_close", "proposing"),
    "budgeting:propose": page("budgeting:propose", "proposing", _project_form),
    "budgeting:enter": page(
        "budgeting:enter",
        "proposing",
        lambda world, relation: {
            **_project_form(world, relation),
            "resident": _obj(world, "resident", relation).pk,
            "consent": "本人到村委会口头提出并签字",
        },
    ),  # fmt: skip
    "budgeting:rank": page(
        "budgeting:rank",
        "ranking",
        lambda world, relation: {f"place_{pk}": str(n) for n, pk in enumerate(_eligible(world, relation), 1)},
    ),
    "budgeting:decide": page("budgeting:decide", "ranking", _decide_form),
    "budgeting:project": page("budgeting:project", "submitted"),
    "budgeting:screen": page(
        "budgeting:screen",
        "submitted",
        lambda world, relation: {"verdict": "ineligible", "reason": "已列入县里的计划"},
    ),
    "budgeting:finish": page(
        "budgeting:finish", "funded", lambda world, relation: {"finished_on": _today().isoformat()}
    ),
    "budgeting:photo": _photo_page,
    "budgeting:public_round": page("budgeting:public_round", "decided"),
    "budgeting:public_project": page("budgeting:public_project", "finished"),
    "budgeting:rate": page("budgeting:rate", "finished", lambda world, relation: {"stars": "5"}),
    "budgeting:catalogue": page(
        "budgeting:catalogue", "township", lambda world, relation: {"name": "智慧安防", "listing": "priority"}
    ),
}


def api(path: str, kind: str, data: Callable[[object, str], dict] | None = None):
    def call(world, actor: str, relation: str) -> Call:
        return Call(path.format(_obj(world, kind, relation).pk), data(world, relation) if data else {})

    return call


def _project_body(world, relation: str) -> dict:
    return {"title": "安装健身器材", "description": DESCRIPTION, "place": "村委会广场", "cost": "6000",
            "category": "recreation"}  # fmt: skip


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/budgeting/categories": lambda world, actor, relation: Call("/api/v1/budgeting/categories"),
    "GET /api/v1/budgeting/rounds": lambda world, actor, relation: Call("/api/v1/budgeting/rounds"),
    "POST /api/v1/budgeting/rounds": api(
        "/api/v1/budgeting/rounds",
        "community",
        lambda world, relation: {
            **_round_form(world, relation),
            "year": _today().year + 1,
            "community_id": _obj(world, "community", relation).pk,
        },
    ),  # fmt: skip
    "GET /api/v1/budgeting/rounds/{round_id}": api("/api/v1/budgeting/rounds/{}", "proposing"),
    "POST /api/v1/budgeting/rounds/{round_id}/open": api("/api/v1/budgeting/rounds/{}/open", "prepared"),
    "POST /api/v1/budgeting/rounds/{round_id}/close": api("/api/v1/budgeting/rounds/{}/close", "proposing"),
    "POST /api/v1/budgeting/rounds/{round_id}/projects": api(
        "/api/v1/budgeting/rounds/{}/projects", "proposing", _project_body
    ),
    "POST /api/v1/budgeting/rounds/{round_id}/entered-projects": api(
        "/api/v1/budgeting/rounds/{}/entered-projects",
        "proposing",
        lambda world, relation: {
            **_project_body(world, relation),
            "resident_id": _obj(world, "resident", relation).pk,
            "consent": "本人到村委会口头提出并签字",
        },
    ),  # fmt: skip
    "POST /api/v1/budgeting/rounds/{round_id}/rankings": api(
        "/api/v1/budgeting/rounds/{}/rankings",
        "ranking",
        lambda world, relation: {"order": _eligible(world, relation)},
    ),
    "POST /api/v1/budgeting/rounds/{round_id}/decide": api(
        "/api/v1/budgeting/rounds/{}/decide",
        "ranking",
        lambda world, relation: {"held_on": _today().isoformat(), "present": 3, "in_favour": 3},
    ),
    "GET /api/v1/budgeting/projects/{project_id}": api("/api/v1/budgeting/projects/{}", "submitted"),
    "POST /api/v1/budgeting/projects/{project_id}/screen": api(
        "/api/v1/budgeting/projects/{}/screen", "submitted", lambda world, relation: {"eligible": True}
    ),
    "POST /api/v1/budgeting/projects/{project_id}/finish": api(
        "/api/v1/budgeting/projects/{}/finish",
        "funded",
        lambda world, relation: {"finished_on": _today().isoformat()},
    ),
    "POST /api/v1/budgeting/projects/{project_id}/ratings": api(
        "/api/v1/budgeting/projects/{}/ratings", "finished", lambda world, relation: {"stars": 5}
    ),
}
