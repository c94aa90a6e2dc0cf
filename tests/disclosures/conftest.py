import pytest

from gongzhi.disclosures import actions


@pytest.fixture
def publish(users, areas):
    """Publish on 青山村's board as its staff (or as given)."""

    def make(**changes):
        data = {
            "actor": users["community_staff"],
            "community": areas["village"],
            "category": "affairs",
            "title": "2026年第三季度村务公开",
            "body": "一、修缮村道两公里，已完工验收。\n二、新建文化广场路灯二十盏。",
        }
        data.update(changes)
        return actions.disclosure_publish(**data)

    return make
