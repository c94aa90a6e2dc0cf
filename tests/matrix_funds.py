"""The funds' part of the permission matrix (tests/policy_funds.py).

Objects, for "same" (青山村) and "other" (东街社区): last year's 专项经费 with an income in January, an open plan,
three expenditures spent in October (one awaiting approval with a voucher, one approved by two people, one
approved and questioned by the supervisory committee), three boards (the first quarter a draft, the second
reviewed, the third published). The supervisor actor's own register entry sits on 青山村's supervisory committee
(民主理财); nobody sits on 东街社区's for the actors. The policy is 永安镇's for both relations. Each POST sends
what the page's form (or the API's body) sends, so an allowed cell really writes.
"""

import datetime as dt
import io
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.accounts.roles import Role
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.funds import actions
from gongzhi.funds.models import Board, BoardState, Expenditure, FundKind, IncomeSource, Verdict
from tests.bodies_kit import body_ensure, member_ensure
from tests.conftest import make_user
from tests.permission_kit import Call


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (200, 180, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def _voucher() -> SimpleUploadedFile:
    return SimpleUploadedFile("发票.jpg", _jpeg(), content_type="image/jpeg")


def _year() -> int:
    return timezone.localdate().year - 1


def build(world) -> None:
    users, areas = world.users, world.areas
    year = _year()
    staff = {"same": users["peer_staff"], "other": users["other_staff"]}
    communities = {"same": areas["village"], "other": areas["urban"]}
    approvers = {
        "same": make_user("funds_approver_v", Role.COMMUNITY_STAFF, areas["village"]),
        "other": make_user("funds_approver_u", Role.COMMUNITY_STAFF, areas["urban"]),
    }
    seconds = {
        "same": users["community_staff"],
        "other": make_user("funds_approver_u2", Role.COMMUNITY_STAFF, areas["urban"]),
    }
    body = body_ensure(actor=staff["same"], area=areas["village"], kind=BodyKind.SUPERVISORY)
    member_ensure(
        actor=staff["same"], body=body, resident=world.residents["own:supervisor"], post=Post.MEMBER,
        started_on=dt.date(2020, 1, 1),
    )  # fmt: skip
    part: dict = {
        key: {} for key in ("community", "township", "fund", "plan", "pending", "approved", "questioned",
                            "voucher", "draft", "reviewed", "published")
    }  # fmt: skip
    special = FundKind.objects.get(code="special")
    finance = IncomeSource.objects.get(code="finance")
    for relation, community in communities.items():
        keeper = staff[relation]
        part["community"][relation], part["township"][relation] = community, areas["township"]
        fund = actions.fund_create(actor=keeper, community=community, year=year, kind=special)
        actions.income_record(
            actor=keeper, fund=fund, source=finance, amount="50000", received_on=dt.date(year, 1, 15)
        )
        plan = actions.create_plan(keeper, fund, f"funds{community.name}修缮", "20000")
        part["fund"][relation], part["plan"][relation] = fund, plan

        def spend(purpose: str) -> Expenditure:
            return actions.expenditure_record(
                actor=keeper, plan=plan, amount="1000", payee="建材店", spent_on=dt.date(year, 10, 8),
                purpose=purpose, vouchers=[_voucher()],
            )  # fmt: skip

        pending = spend("购买水泥")
        part["pending"][relation], part["voucher"][relation] = pending, pending.vouchers.first()
        for state in ("approved", "questioned"):
            made = spend("购买油漆" if state == "approved" else "购买门窗")
            actions.expenditure_approve(actor=approvers[relation], expenditure=made)
            actions.expenditure_approve(actor=seconds[relation], expenditure=made)
            part[state][relation] = made
        Expenditure.objects.filter(pk=part["questioned"][relation].pk).update(
            verdict=Verdict.QUESTIONED, remark="发票金额不清", reviewed_at=timezone.now()
        )
        for state, month in (("draft", 2), ("reviewed", 5), ("published", 8)):
            board = actions.board_generate(actor=keeper, community=community, day=dt.date(year, month, 1))
            if state != "draft":
                Board.objects.filter(pk=board.pk).update(
                    state=BoardState.REVIEWED, reviewed_at=timezone.now()
                )
                board.refresh_from_db()
            if state == "published":
                board = actions.board_publish(actor=keeper, board=board)
            part[state][relation] = board
    world.parts["funds"] = part


def _obj(world, kind: str, relation: str):
    return world.parts["funds"][kind][relation]


def page(name: str, kind: str, data: Callable[[object, str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(
            reverse(name, args=[_obj(world, kind, relation).pk]), data(world, relation) if data else {}
        )

    return call


def _fund_form(world, relation: str) -> dict:
    return {"year": str(_year() + 1), "kind": FundKind.objects.get(code="special").pk, "note": ""}


def _income_form(world, relation: str) -> dict:
    source = IncomeSource.objects.get(code="finance")
    return {"source": source.pk, "amount": "300", "received_on": dt.date(_year(), 3, 2).isoformat()}


def _spend_form(world, relation: str) -> dict:
    return {"amount": "200", "payee": "五金店", "spent_on": dt.date(_year(), 11, 3).isoformat(),
            "purpose": "购买灯泡", "vouchers": _voucher()}  # fmt: skip


def _voucher_page(world, actor: str, relation: str) -> Call:
    found = _obj(world, "voucher", relation)
    return Call(reverse("funds:voucher", args=[found.expenditure_id, found.pk]))


def _policy_form(world, relation: str) -> dict:
    return {"decision_above": "50000", "monthly_above": "30", "approver_roles": ["community_staff"]}


PAGE_CALLS: dict[str, Callable] = {
    "funds:index": lambda world, actor, relation: Call(reverse("funds:index")),
    "funds:community": page("funds:community", "community"),
    "funds:fund_new": page("funds:fund_new", "community", _fund_form),
    "funds:board_new": page(
        "funds:board_new", "community", lambda world, relation: {"period": f"{_year()}-Q4"}
    ),
    "funds:fund": page("funds:fund", "fund"),
    "funds:income_new": page("funds:income_new", "fund", _income_form),
    "funds:plan_new": page(
        "funds:plan_new", "fund", lambda world, relation: {"title": "安装路灯", "amount": "3000"}
    ),
    "funds:plan": page("funds:plan", "plan"),
    "funds:plan_close": page("funds:plan_close", "plan"),
    "funds:expenditure_new": page("funds:expenditure_new", "plan", _spend_form),
    "funds:expenditure": page("funds:expenditure", "pending"),
    "funds:approve": page("funds:approve", "pending"),
    "funds:review": page(
        "funds:review", "approved", lambda world, relation: {"verdict": "passed", "remark": ""}
    ),
    "funds:answer": page("funds:answer", "questioned", lambda world, relation: {"answer": "已补开发票"}),
    "funds:voucher": _voucher_page,
    "funds:board": page("funds:board", "draft"),
    "funds:board_pdf": page("funds:board_pdf", "draft"),
    "funds:board_review": page("funds:board_review", "draft", lambda world, relation: {"remark": "账目清楚"}),
    "funds:board_publish": page("funds:board_publish", "reviewed"),
    "funds:public": page("funds:public", "published"),
    "funds:public_pdf": page("funds:public_pdf", "published"),
    "funds:policy": page("funds:policy", "township", _policy_form),
}


def api(path: str, kind: str, data: Callable[[object, str], dict] | None = None, multipart: bool = False):
    def call(world, actor: str, relation: str) -> Call:
        body = data(world, relation) if data else {}
        return Call(path.format(_obj(world, kind, relation).pk), body, multipart=multipart)

    return call


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/funds": lambda world, actor, relation: Call("/api/v1/funds"),
    "POST /api/v1/funds": api(
        "/api/v1/funds",
        "community",
        lambda world, relation: {
            "community_id": _obj(world, "community", relation).pk,
            "year": _year() + 1,
            "kind": "special",
        },
    ),  # fmt: skip
    "POST /api/v1/funds/boards": api(
        "/api/v1/funds/boards",
        "community",
        lambda world, relation: {
            "community_id": _obj(world, "community", relation).pk,
            "period": f"{_year()}-Q4",
        },
    ),  # fmt: skip
    "GET /api/v1/funds/{fund_id}": api("/api/v1/funds/{}", "fund"),
    "POST /api/v1/funds/{fund_id}/incomes": api(
        "/api/v1/funds/{}/incomes",
        "fund",
        lambda world, relation: {
            "source": "finance",
            "amount": "300",
            "received_on": dt.date(_year(), 3, 2).isoformat(),
        },
    ),  # fmt: skip
    "POST /api/v1/funds/{fund_id}/plans": api(
        "/api/v1/funds/{}/plans", "fund", lambda world, relation: {"title": "安装路灯", "amount": "3000"}
    ),
    "GET /api/v1/funds/plans/{plan_id}": api("/api/v1/funds/plans/{}", "plan"),
    "POST /api/v1/funds/plans/{plan_id}/expenditures": api(
        "/api/v1/funds/plans/{}/expenditures", "plan", _spend_form, multipart=True
    ),
    "GET /api/v1/funds/expenditures/{expenditure_id}": api("/api/v1/funds/expenditures/{}", "pending"),
    "POST /api/v1/funds/expenditures/{expenditure_id}/approve": api(
        "/api/v1/funds/expenditures/{}/approve", "pending"
    ),
    "POST /api/v1/funds/expenditures/{expenditure_id}/review": api(
        "/api/v1/funds/expenditures/{}/review", "approved", lambda world, relation: {"verdict": "passed"}
    ),
    "POST /api/v1/funds/expenditures/{expenditure_id}/answer": api(
        "/api/v1/funds/expenditures/{}/answer", "questioned", lambda world, relation: {"answer": "已补开发票"}
    ),
    "GET /api/v1/funds/boards/{board_id}": api("/api/v1/funds/boards/{}", "draft"),
    "POST /api/v1/funds/boards/{board_id}/review": api(
        "/api/v1/funds/boards/{}/review", "draft", lambda world, relation: {"remark": "账目清楚"}
    ),
    "POST /api/v1/funds/boards/{board_id}/publish": api("/api/v1/funds/boards/{}/publish", "reviewed"),
}
