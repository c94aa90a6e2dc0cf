"""The feedback part of the permission matrix (tests/policy_feedback.py).

Objects, for "same" and "other" alike: an open complaint to 永安镇 filed by a resident of 青山村 who is none of
the actors, and a category. Each POST sends what the page's form (or the API's body) sends, so an allowed cell
really writes.
"""

from collections.abc import Callable

from django.urls import reverse

from gongzhi.accounts.roles import Role
from gongzhi.feedback import actions
from gongzhi.feedback.models import Category
from tests.conftest import make_user
from tests.permission_kit import Call


def build(world) -> None:
    areas = world.areas
    filer = make_user("feedback_filer", Role.RESIDENT, areas["village"], display_name="提意见的居民")
    category = Category.objects.get(name="页面出错")
    part: dict = {"feedback": {}, "category": {"same": category, "other": category}}
    for relation in ("same", "other"):
        part["feedback"][relation] = actions.feedback_file(
            actor=filer, township=areas["township"], kind="complaint", category=category,
            text=f"feedback 预约页面打不开（{relation}）", page="/facilities/",
        )  # fmt: skip
    world.parts["feedback"] = part


def _obj(world, kind: str, relation: str):
    return world.parts["feedback"][kind][relation]


def page(name: str, kind: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(reverse(name, args=[_obj(world, kind, relation).pk]), dict(data or {}))

    return call


def _new(world, actor: str, relation: str) -> Call:
    return Call(
        reverse("feedback:new"),
        {"kind": "suggestion", "category": _obj(world, "category", "same").pk, "text": "feedback 希望字大一点",
         "township": world.areas["township"].pk, "contact_name": "访客", "contact_phone": "13812345678"},
    )  # fmt: skip


PAGE_CALLS: dict[str, Callable] = {
    "feedback:index": lambda world, actor, relation: Call(reverse("feedback:index")),
    "feedback:new": _new,
    "feedback:inbox": lambda world, actor, relation: Call(reverse("feedback:inbox")),
    "feedback:categories": lambda world, actor, relation: Call(
        reverse("feedback:categories"), {"name": "feedback短信通知"}
    ),
    "feedback:category_edit": page(
        "feedback:category_edit", "category", {"name": "页面出错", "retired": "1"}
    ),
    "feedback:detail": page("feedback:detail", "feedback"),
    "feedback:answer": page("feedback:answer", "feedback", {"answer": "feedback 已修复"}),
    "feedback:withdraw": page("feedback:withdraw", "feedback"),
}


def api(path: str, kind: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(path.format(_obj(world, kind, relation).pk), dict(data or {}))

    return call


def _file_body(world, actor: str, relation: str) -> Call:
    return Call(
        "/api/v1/feedback",
        {"kind": "suggestion", "category_id": _obj(world, "category", "same").pk, "text": "feedback 希望字大一点",
         "township_id": world.areas["township"].pk},
    )  # fmt: skip


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/feedback": lambda world, actor, relation: Call("/api/v1/feedback"),
    "POST /api/v1/feedback": _file_body,
    "GET /api/v1/feedback/categories": lambda world, actor, relation: Call("/api/v1/feedback/categories"),
    "GET /api/v1/feedback/inbox": lambda world, actor, relation: Call("/api/v1/feedback/inbox"),
    "GET /api/v1/feedback/counts": lambda world, actor, relation: Call("/api/v1/feedback/counts"),
    "GET /api/v1/feedback/{feedback_id}": api("/api/v1/feedback/{}", "feedback"),
    "POST /api/v1/feedback/{feedback_id}/answer": api(
        "/api/v1/feedback/{}/answer", "feedback", {"answer": "feedback 已修复"}
    ),
    "POST /api/v1/feedback/{feedback_id}/withdraw": api("/api/v1/feedback/{}/withdraw", "feedback"),
}
