"""The bodies' pages: who reads them, the statute's warnings and 一肩挑 shown, derived rolls, keeping bodies and
members through forms (the resident picked from the register), refusals that change nothing, masking, and the
public page without login."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.actions import membership_add, membership_end
from gongzhi.bodies.models import Body, BodyKind, Membership, Post, Representation

from .conftest import PHONE, START

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(user, name, *args, **query) -> str:
    response = _client(user).get(reverse(name, args=args), query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_community_page_shows_bodies_members_warnings_and_shoulder_one(users, areas, filled):
    for reader in ("community_staff", "supervisor", "party_member", "township_admin", "township_reviewer"):
        page = _page(users[reader], "bodies:community", areas["village"].pk)
        assert "村民委员会" in page
        assert "村务监督委员会" in page
        assert "李建国" in page
        assert "妇女委员" in page
        assert "第十二届" in page
        assert "2024-01-10" in page
        assert 'data-testid="shoulder-one"' in page  # 李建国: secretary and chair
        # The representative represents no household yet: the statute's warning with its article.
        assert "钱代表联系0户" in page
        assert "村民委员会组织法第二十五条" in page
        # The committee has 3 members: within 3 to 7 for a village, with a woman: no committee warning.
        assert "应为3至7人" not in page
        # Derived rolls: the joint meeting by name, the villagers' meeting by count.
        assert "由登记信息得出" in page
        assert "十八周岁以上居民" in page
        # Names and posts only: never the ID number or the phone of a member.
        chair = filled["people"]["chair"]
        assert PHONE not in page
        assert chair.masked_id not in page
        assert (reader in ("community_staff", "township_admin")) == ('data-testid="body-new"' in page)


def test_the_township_sees_every_community_with_its_warnings_in_register_order(
    users, areas, filled, make_resident
):
    page = _page(users["township_admin"], "bodies:index")
    village, urban = page.index("青山村"), page.index("东街社区")
    assert village < urban  # the register's order (青山村's path was made first), never a ranking
    assert "尚未登记组织" in page  # 东街社区
    assert "钱代表联系0户" in page
    # Staff of one community go straight to it.
    response = _client(users["community_staff"]).get(reverse("bodies:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("bodies:community", args=[areas["village"].pk])


def test_the_body_page_lists_past_members_apart(staff, areas, filled):
    woman = filled["held"]["woman"]
    response = _client(staff).post(
        reverse("bodies:member_end", args=[woman.pk]),
        {"ended_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(), "reason": "迁出本村"},
    )
    assert response.status_code == 302
    committee = filled["bodies"][BodyKind.COMMITTEE]
    page = _page(staff, "bodies:body", committee.pk)
    current, past = page.split("历届成员", 1)
    assert "王秀英" not in current.split('data-testid="members"')[1]
    assert "王秀英" in past
    assert "迁出本村" in past
    # Now no woman on the committee: the warning shows, with its article.
    assert "委员会成员中应当有妇女成员" in page
    assert "村民委员会组织法第六条" in page
    assert AuditEvent.objects.filter(verb="body.member_ended").count() == 1


def test_staff_create_bodies_of_every_kind_with_forms(staff, areas):
    client = _client(staff)
    url = reverse("bodies:body_new", args=[areas["village"].pk])
    assert client.post(url, {"kind": "committee"}).status_code == 302
    assert (
        client.post(url, {"kind": "other", "name": "红白理事会", "duties": "红白事简办"}).status_code == 302
    )
    group = areas["grid_a1"].parent
    assert client.post(url, {"kind": "group", "group": group.pk}).status_code == 302
    assert set(Body.objects.values_list("name", flat=True)) == {"村民委员会", "红白理事会", "1组会议"}
    # A second committee, an unknown kind, an other body without a name: refused with the reason, nothing made.
    for data, message in (
        ({"kind": "committee"}, "本村(社区)已经有这个组织了"),
        ({"kind": "other", "name": ""}, "名称"),
        ({"kind": "group"}, "请选择本村(社区)的一个村(居)民小组"),
    ):
        response = client.post(url, data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert Body.objects.count() == 3
    assert AuditEvent.objects.filter(verb="body.created").count() == 3


def test_staff_change_a_body(staff, filled):
    body = filled["bodies"][BodyKind.REPRESENTATIVES]
    url = reverse("bodies:body_edit", args=[body.pk])
    data = {
        "name": "村民代表会议",
        "meeting_rule": "village_representatives_meeting",
        "proxies_allowed": "on",
    }
    assert _client(staff).post(url, {**data, "active": "on"}).status_code == 302
    body.refresh_from_db()
    assert body.proxies_allowed
    response = _client(staff).post(url, {**data, "name": "村民委员会", "active": "on"})
    assert "同名的组织" in response.content.decode()
    body.refresh_from_db()
    assert body.name == "村民代表会议"


def test_a_member_is_picked_from_the_register_never_retyped(staff, areas, filled, make_resident):
    committee = filled["bodies"][BodyKind.COMMITTEE]
    newcomer = make_resident(name="孙新人", gender="F")
    url = reverse("bodies:member_new", args=[committee.pk])
    picker = _page(staff, "bodies:member_new", committee.pk, q="孙")
    assert f"?resident={newcomer.pk}" in picker
    form = _page(staff, "bodies:member_new", committee.pk, resident=newcomer.pk)
    assert "孙新人" in form
    assert 'name="post"' in form
    response = _client(staff).post(
        url,
        {
            "resident": newcomer.pk,
            "post": "deputy_chair",
            "started_on": START.isoformat(),
            "term": "第十二届",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(resident=newcomer).post == Post.DEPUTY_CHAIR


def test_bad_members_are_refused_with_the_reason_and_nothing_changes(staff, areas, filled, make_resident):
    committee = filled["bodies"][BodyKind.COMMITTEE]
    url = reverse("bodies:member_new", args=[committee.pk])
    child = make_resident(
        name="李小明", birth=timezone.localdate().replace(year=timezone.localdate().year - 10)
    )
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    before = Membership.objects.count(), AuditEvent.objects.filter(verb__startswith="body.").count()
    for data, message in (
        ({"resident": child.pk, "post": "member", "started_on": START.isoformat()}, "十八周岁"),
        (
            {"resident": filled["people"]["supervisor"].pk, "post": "chair", "started_on": START.isoformat()},
            "已经有主任",
        ),
        (
            {"resident": filled["people"]["woman"].pk, "post": "member", "started_on": START.isoformat()},
            "已在这个组织任职",
        ),
        (
            {"resident": filled["people"]["supervisor"].pk, "post": "member", "started_on": tomorrow},
            "不能晚于今天",
        ),
        (
            {
                "resident": filled["people"]["supervisor"].pk,
                "post": "secretary",
                "started_on": START.isoformat(),
            },
            "",
        ),
    ):
        response = _client(staff).post(url, data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert (Membership.objects.count(), AuditEvent.objects.filter(verb__startswith="body.").count()) == before
    # A resident of another community is not this body's to name: 404, as for one that does not exist.
    outsider = make_resident("grid_b1", name="外人")
    assert _client(staff).post(url, {"resident": outsider.pk, "post": "member"}).status_code == 404
    assert Membership.objects.count() == before[0]


def test_a_derived_body_takes_no_typed_members(staff, filled):
    joint = filled["bodies"][BodyKind.JOINT]
    response = _client(staff).get(reverse("bodies:member_new", args=[joint.pk]))
    assert response.status_code == 302


def test_a_representatives_households_are_picked_from_the_community(staff, filled):
    held = filled["held"]["representative"]
    households = filled["households"]
    url = reverse("bodies:member_households", args=[held.pk])
    page = _page(staff, "bodies:member_households", held.pk)
    assert "QS-000" in page
    response = _client(staff).post(url, {"households": [h.pk for h in households[:6]]})
    assert response.status_code == 302
    assert Representation.objects.filter(membership=held).count() == 6
    representatives = filled["bodies"][BodyKind.REPRESENTATIVES]
    assert "钱代表联系" not in _page(staff, "bodies:body", representatives.pk)  # 6 households: within 5 to 15
    # Another representative sees those six households, marked and not to be ticked.
    second = membership_add(
        actor=staff,
        body=representatives,
        resident=filled["people"]["supervisor"],
        post=Post.REPRESENTATIVE,
        started_on=START,
    )
    page = _page(staff, "bodies:member_households", second.pk)
    assert page.count("disabled") == 6
    assert page.count("已由代表钱代表联系") == 6
    # Only representatives have households.
    assert (
        _client(staff).get(reverse("bodies:member_households", args=[filled["held"]["chair"].pk])).status_code
        == 404
    )


def test_readers_cannot_keep_and_others_cannot_read(users, areas, filled):
    committee = filled["bodies"][BodyKind.COMMITTEE]
    supervisor = _client(users["supervisor"])
    assert supervisor.get(reverse("bodies:body", args=[committee.pk])).status_code == 200
    assert (
        supervisor.post(reverse("bodies:body_new", args=[areas["village"].pk]), {"kind": "other"}).status_code
        == 403
    )
    assert supervisor.get(reverse("bodies:body_edit", args=[committee.pk])).status_code == 403
    for who in ("resident", "grid_worker", "volunteer", "nobody"):
        assert (
            _client(users[who]).get(reverse("bodies:community", args=[areas["village"].pk])).status_code
            == 403
        )
    # Another community's staff: 404, as for a body that does not exist.
    other = _client(users["other_staff"])
    assert other.get(reverse("bodies:body", args=[committee.pk])).status_code == 404
    assert other.post(reverse("bodies:body_edit", args=[committee.pk]), {"name": "x"}).status_code == 404
    assert other.get(reverse("bodies:community", args=[areas["village"].pk])).status_code == 404
    assert Client().get(reverse("bodies:community", args=[areas["village"].pk])).status_code == 302


def test_the_public_page_lists_the_two_committees_members_without_login(areas, filled):
    response = Client().get(reverse("bodies:public", args=[areas["village"].pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert not response.cookies
    assert "private" in response["Cache-Control"]
    assert "李建国" in page
    assert "书记" in page
    assert "主任" in page
    assert "赵监督" in page
    assert "钱代表" not in page  # representatives are not on it
    assert PHONE not in page
    assert filled["people"]["chair"].masked_id not in page
    assert Client().get(reverse("bodies:public", args=[99999])).status_code == 404
    # Linked from the public start page, for every village and community.
    start = Client().get("/").content.decode()
    assert reverse("bodies:public", args=[areas["urban"].pk]) in start


def test_the_home_page_tells_staff_of_warnings(users, filled):
    page = _page(users["community_staff"], "core:home")
    assert 'data-testid="home-bodies"' in page
    assert "钱代表联系0户" in page
    assert 'data-testid="home-bodies"' not in _page(users["resident"], "core:home")


def test_the_public_page_is_shared_from_the_cache_by_cookieless_visitors(
    staff, areas, filled, django_assert_num_queries
):
    path = reverse("bodies:public", args=[areas["village"].pk])
    first = Client().get(path)
    with django_assert_num_queries(0):
        second = Client().get(path)
    assert second.content == first.content
    membership_end(
        actor=staff,
        membership=filled["held"]["woman"],
        ended_on=timezone.localdate() - dt.timedelta(days=1),
        reason="辞职",
    )
    with_cookie = Client()
    with_cookie.cookies["django_language"] = "zh-hans"
    assert "王秀英" not in with_cookie.get(path).content.decode()  # anyone with a cookie: fresh
    assert "Allow: /bodies/p/" in Client().get("/robots.txt").content.decode()


def test_the_township_list_reads_only_what_can_warn(users, filled, django_assert_max_num_queries):
    client = _client(users["township_admin"])
    client.get(reverse("bodies:index"))  # the session and roles cached
    with django_assert_max_num_queries(30):
        assert client.get(reverse("bodies:index")).status_code == 200
    # The township office keeps them too: its home page has the section.
    page = _page(users["township_admin"], "core:home")
    assert 'data-testid="home-bodies"' in page
