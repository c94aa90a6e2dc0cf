"""The feedback part of the permission matrix (tests/policy_feedback.py).

Objects, for "same" and "other" alike: an open complaint to 永安镇 filed by a resident of 青山村 who is none of
the actors, an answered one (to correct), 永安镇 itself and a category 永安镇 added. Each POST sends what the page's form (or the API's body) sends, so an allowed cell
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
    own = actions.category_save(
        actor=world.users["township_admin"], township=areas["township"], name="feedback自设"
    )
    part: dict = {
        "feedback": {}, "answered": {}, "category": {"same": category, "other": category},
        "own": {"same": own, "other": own},
        "township": {"same": areas["township"], "other": areas["township"]},
    }  # fmt: skip
    for relation in ("same", "other"):
        part["feedback"][relation] = actions.feedback_file(
            actor=filer, township=areas["township"], kind="complaint", category=category,
            text=f"feedback 预约页面打不开（{relation}）", page="/facilities/",
        )  # fmt: skip
        answered = actions.feedback_file(
            actor=filer, township=areas["township"], kind="suggestion", category=category,
            text=f"feedback 希望字大一点（{relation}）",
        )  # fmt: skip
        part["answered"][relation] = actions.feedback_answer(
            actor=world.users["township_admin"], feedback=answered, answer="feedback 已调大"
        )
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


def _own_page(name: str, data: dict) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        own = _obj(world, "own", relation)
        return Call(reverse(name, args=[own.township_id, own.pk]), dict(data))

    return call


def _own_api(suffix: str, data: dict) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        own = _obj(world, "own", relation)
        return Call(f"/api/v1/feedback/categories/{own.township_id}/{own.pk}/{suffix}", dict(data))

    return call


PAGE_CALLS: dict[str, Callable] = {
    "feedback:index": lambda world, actor, relation: Call(reverse("feedback:index")),
    "feedback:new": _new,
    "feedback:receipt": lambda world, actor, relation: Call(reverse("feedback:receipt")),
    "feedback:lookup": lambda world, actor, relation: Call(
        reverse("feedback:lookup"), {"code": "ABCDEFGH23", "last4": "5678"}
    ),
    "feedback:inbox": lambda world, actor, relation: Call(reverse("feedback:inbox")),
    "feedback:categories": lambda world, actor, relation: Call(reverse("feedback:categories")),
    "feedback:township_categories": page(
        "feedback:township_categories", "township", {"name": "feedback短信通知"}
    ),
    "feedback:category_edit": _own_page("feedback:category_edit", {"name": "feedback自设类别"}),
    "feedback:category_retire": _own_page("feedback:category_retire", {"retired": "1"}),
    "feedback:answer_correct": page(
        "feedback:answer_correct", "answered", {"answer": "feedback 已调大两号", "reason": "原答复不准确"}
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
    "GET /api/v1/feedback/categories/{township_id}": api("/api/v1/feedback/categories/{}", "township"),
    "POST /api/v1/feedback/categories/{township_id}": api(
        "/api/v1/feedback/categories/{}", "township", {"name": "feedback短信通知"}
    ),
    "POST /api/v1/feedback/categories/{township_id}/{category_id}/edit": _own_api(
        "edit", {"name": "feedback自设类别"}
    ),
    "POST /api/v1/feedback/categories/{township_id}/{category_id}/retire": _own_api(
        "retire", {"retired": True}
    ),
    "POST /api/v1/feedback/{feedback_id}/correct": api(
        "/api/v1/feedback/{}/correct", "answered", {"answer": "feedback 已调大两号", "reason": "原答复不准确"}
    ),
    "GET /api/v1/feedback/inbox": lambda world, actor, relation: Call("/api/v1/feedback/inbox"),
    "GET /api/v1/feedback/counts": lambda world, actor, relation: Call("/api/v1/feedback/counts"),
    "GET /api/v1/feedback/{feedback_id}": api("/api/v1/feedback/{}", "feedback"),
    "POST /api/v1/feedback/{feedback_id}/answer": api(
        "/api/v1/feedback/{}/answer", "feedback", {"answer": "feedback 已修复"}
    ),
    "POST /api/v1/feedback/{feedback_id}/withdraw": api("/api/v1/feedback/{}/withdraw", "feedback"),
}
