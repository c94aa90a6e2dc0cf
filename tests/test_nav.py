"""The menu: registered by the apps, shown by role exactly as before, its links resolved once per process."""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from gongzhi.core import nav
from gongzhi.core.context_processors import navigation

EVERYONE = ["wishes:wall", "offers:list", "activities:calendar", "selfgov:proposals", "facilities:index", "hall:guide_home", "merit:index"]  # proposals are public  # fmt: skip
EVERYONE.append("workforce:index")  # 队伍 (gongzhi.workforce): its order-24 key sorts after merit's
APPLYING = ["hall:apply_start", "hall:mine"]  # 办事, 我的办件: residents, and staff who apply for them
STAFF = [*EVERYONE, *APPLYING, "wishes:queue", "situations:queue", "hall:queue", "hall:promises", "mediation:stats", "residents:list", "areas:tree", "bodies:index", "orgs:index", "conventions:index", "disclosures:index", "selfgov:decisions", "selfgov:power_lists", "meetings:index", "workdays:index", "elections:rounds", "legal:index", "pledges:index", "pairing:index", "points:index", "notices:inbox"]  # fmt: skip
STAFF.insert(STAFF.index("notices:inbox"), "funds:index")  # 经费 (gongzhi.funds, decision 0058)
# The township office also keeps the township's departments, the hall's catalogue and its Open311 keys (it does not apply for
# residents), and sees the hall's statistics and follow-ups (办件统计, 回访整改).
TOWNSHIP_ADMIN = [*EVERYONE, "wishes:queue", "situations:queue", "hall:queue", "mediation:stats", "residents:list", "areas:tree", "areas:departments", "bodies:index", "orgs:index", "conventions:index", "disclosures:index", "selfgov:decisions", "selfgov:power_lists", "hall:stats", "hall:followups", "meetings:index", "workdays:index", "hall:catalogue", "hall:open311_keys", "elections:rounds", "legal:index", "pledges:index", "pairing:index", "points:index", "oversight:index", "notices:inbox"]  # fmt: skip
TOWNSHIP_ADMIN.insert(
    TOWNSHIP_ADMIN.index("oversight:index"), "feedback:inbox"
)  # 平台意见建议: the township office answers
for _menu in (STAFF, TOWNSHIP_ADMIN):  # 制度 (gongzhi.rulebook): the community staff and the township office
    _menu.insert(_menu.index("conventions:index") + 1, "rulebook:index")
TOWNSHIP_ADMIN.insert(TOWNSHIP_ADMIN.index("oversight:index"), "funds:index")  # 经费, read-only
MENUS = {
    "township_admin": TOWNSHIP_ADMIN,
    # A department's officer answers the calls (吹哨) to it.
    "township_reviewer": [
        *EVERYONE,
        "cases:escalations",
        "hall:queue",
        "residents:list",
        "areas:tree",
        "bodies:index",
        "orgs:index",
        "conventions:index",
        "disclosures:index",
        "selfgov:decisions",
        "selfgov:power_lists",
        "hall:stats",
        "meetings:index",
        "workdays:index",
        "elections:rounds",
        "legal:index",
        "oversight:index",
        "notices:inbox",
    ],  # fmt: skip
    "community_staff": STAFF,
    "other_staff": STAFF,
    "window_clerk": [
        *EVERYONE,
        *APPLYING,
        "wishes:queue",
        "hall:queue",
        "hall:promises",
        "residents:list",
        "areas:tree",
        "workdays:index",
        "notices:inbox",
    ],  # fmt: skip
    "grid_worker": [
        *EVERYONE,
        *APPLYING,
        "wishes:queue",
        "situations:mine",
        "mediation:index",
        "residents:list",
        "areas:tree",
        "workdays:index",
        "notices:inbox",
    ],  # fmt: skip
    "party_member": [*EVERYONE, "bodies:index", "notices:inbox"],  # fmt: skip
    "volunteer": [*EVERYONE, "notices:inbox"],  # fmt: skip
    "mediator": [*EVERYONE, "mediation:index", "workdays:index", "notices:inbox"],  # fmt: skip
    "supervisor": [
        *EVERYONE,
        "bodies:index",
        "orgs:index",
        "conventions:index",
        "disclosures:index",
        "selfgov:decisions",
        "selfgov:power_lists",
        "hall:stats",
        "meetings:index",
        "workdays:index",
        "audit:list",
        "elections:rounds",
        "legal:index",
        "notices:inbox",
    ],  # fmt: skip
    "resident": [
        *EVERYONE,
        *APPLYING,
        "situations:mine",
        "mediation:index",
        "legal:consult",
        "notices:inbox",
    ],  # fmt: skip
    "sys_admin": [*EVERYONE, "workdays:index", "notices:inbox"],  # fmt: skip
    "sec_admin": [*EVERYONE, "workdays:index", "accounts:roles", "notices:inbox"],  # fmt: skip
    "audit_admin": [*EVERYONE, "workdays:index", "audit:list", "notices:inbox"],  # fmt: skip
    "nobody": [*EVERYONE, "notices:inbox"],  # fmt: skip
}
MENUS["supervisor"].insert(MENUS["supervisor"].index("notices:inbox"), "funds:index")  # 经费: 民主理财
# 村公资金 (gongzhi.budgeting, decision 0059): its readers after 经费, and residents, who propose and rate.
for _menu in (STAFF, TOWNSHIP_ADMIN, MENUS["supervisor"]):
    _menu.insert(_menu.index("funds:index") + 1, "budgeting:index")
MENUS["resident"].insert(MENUS["resident"].index("notices:inbox"), "budgeting:index")


def menu_of(user) -> list:
    request = RequestFactory().get("/")
    request.user = user
    return navigation(request)["nav"]


@pytest.mark.parametrize("who", sorted(MENUS))
def test_each_role_sees_its_menu_in_order(users, who):
    entries = menu_of(users[who])
    assert [entry.url_name for entry in entries] == MENUS[who]
    assert all(entry.href == reverse(entry.url_name) for entry in entries)


def test_the_menu_is_on_the_page_with_its_links(users, client):
    client.force_login(users["community_staff"])
    body = client.get("/").content.decode()
    for url_name in STAFF:
        assert f'href="{reverse(url_name)}"' in body, url_name


def test_nobody_signed_in_has_no_menu(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    assert navigation(request) == {"nav": []}


def test_a_link_is_reversed_once_per_process(users, monkeypatch):
    menu_of(users["community_staff"])[0].href  # noqa: B018  (warm)
    calls = []
    monkeypatch.setattr(nav, "reverse", lambda name: calls.append(name) or "/x/")
    assert [e.href for e in menu_of(users["community_staff"])] == [reverse(n) for n in STAFF]
    assert calls == []


@override_settings(ROOT_URLCONF="gongzhi.devtools.urls")
def test_another_url_configuration_gets_its_own_links(users):
    assert [e.href for e in menu_of(users["resident"])] == [reverse(n) for n in MENUS["resident"]]
