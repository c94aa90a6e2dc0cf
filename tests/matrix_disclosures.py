"""The public board's part of the permission matrix (policy: tests/policy_disclosures.py).

Objects: an item on the board of 青山村 (same, published by another of its staff, with a PDF attached) and one
on 东街社区's (other). Each POST sends what the real form or client sends, so an allowed cell really writes
(an item published, revised or withdrawn; the finance setting changed).
"""

from collections.abc import Callable

from django.urls import reverse

from gongzhi.disclosures.actions import disclosure_publish
from tests.pdfs import BLANK_PDF
from tests.permission_kit import Call

COMMUNITY = {"same": "village", "other": "urban"}
TEXT = {"title": "2026年第三季度村务公开", "body": "一、修缮村道两公里，已完工验收。"}


def build(world) -> None:
    staff = {"same": world.users["peer_staff"], "other": world.users["other_staff"]}
    world.parts["disclosures"] = {
        relation: disclosure_publish(
            actor=staff[relation],
            community=world.areas[COMMUNITY[relation]],
            category="affairs",
            attachment=BLANK_PDF,
            **TEXT,
        )  # fmt: skip
        for relation in ("same", "other")
    }


def _community(name: str, data: dict | None = None, suffix: str = "") -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(reverse(name, args=[world.areas[COMMUNITY[relation]].pk]) + suffix, dict(data or {}))

    return call


def _item(name: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(reverse(name, args=[world.parts["disclosures"][relation].pk]), dict(data or {}))

    return call


PUBLISH_FORM = {
    "category": "affairs",
    "title": "2026年第四季度村务公开",
    "body": "一、新建文化广场路灯二十盏。",
}

PAGE_CALLS: dict[str, Callable] = {
    "disclosures:index": lambda world, actor, relation: Call(reverse("disclosures:index")),
    "disclosures:board": _community("disclosures:board"),
    "disclosures:item": _item("disclosures:item"),
    "disclosures:print": _item("disclosures:print"),
    "disclosures:attachment": _item("disclosures:attachment"),
    "disclosures:history": _item("disclosures:history"),
    "disclosures:manage": _community("disclosures:manage"),
    "disclosures:publish": _community("disclosures:publish", PUBLISH_FORM),
    "disclosures:setting": _community("disclosures:setting", {"finance_monthly": "on"}),
    "disclosures:revise": _item(
        "disclosures:revise", {**TEXT, "body": "一、修缮村道三公里。", "reason": "更正里程"}
    ),
    "disclosures:withdraw": _item("disclosures:withdraw", {"reason": "重复发布"}),
}


def _api_board(world, actor: str, relation: str) -> Call:
    return Call(f"/api/v1/disclosures?community_id={world.areas[COMMUNITY[relation]].pk}")


def _api_publish(world, actor: str, relation: str) -> Call:
    return Call("/api/v1/disclosures", {**PUBLISH_FORM, "community_id": world.areas[COMMUNITY[relation]].pk})


def _api_publish_with_attachment(world, actor: str, relation: str) -> Call:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.test_permission_matrix import _jpeg

    photo = SimpleUploadedFile("board.jpg", _jpeg(), content_type="image/jpeg")
    data = {**PUBLISH_FORM, "community_id": world.areas[COMMUNITY[relation]].pk, "attachment": photo}
    return Call("/api/v1/disclosures/with-attachment", data, multipart=True)


def _api_item(suffix: str = "", data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(
            f"/api/v1/disclosures/{world.parts['disclosures'][relation].pk}{suffix}", dict(data or {})
        )

    return call


def _api_overdue(world, actor: str, relation: str) -> Call:
    return Call(f"/api/v1/disclosures/overdue?community_id={world.areas[COMMUNITY[relation]].pk}")


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/disclosures": _api_board,
    "POST /api/v1/disclosures": _api_publish,
    "POST /api/v1/disclosures/with-attachment": _api_publish_with_attachment,
    "GET /api/v1/disclosures/overdue": _api_overdue,
    "GET /api/v1/disclosures/{disclosure_id}": _api_item(),
    "POST /api/v1/disclosures/{disclosure_id}/revise": _api_item(
        "/revise", {**TEXT, "body": "一、修缮村道三公里。", "reason": "更正里程"}
    ),
    "POST /api/v1/disclosures/{disclosure_id}/withdraw": _api_item("/withdraw", {"reason": "重复发布"}),
}
