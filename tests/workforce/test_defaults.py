"""Default staffing targets per kind of community (行政村, 城市社区): seeded data the township office edits; a
community without a target of its own is measured against its kind's default, marked 默认."""

import pytest
from django.urls import reverse

from gongzhi.accounts.actions import api_token_create
from gongzhi.areas.models import Area
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.workforce import actions, selectors
from gongzhi.workforce.models import DefaultTarget
from tests.workforce.conftest import days

pytestmark = pytest.mark.django_db


def test_the_defaults_are_seeded_per_kind_of_community():
    seeded = selectors.default_targets()
    assert sorted(seeded) == ["urban", "village"]
    assert seeded["village"].min_workers == 8
    assert sorted(t.name for t in seeded["village"].covered.all()) == sorted(["网格员", "村(居)民小组长"])
    assert seeded["urban"].min_workers == 10
    assert sorted(t.name for t in seeded["urban"].covered.all()) == sorted(["网格员", "楼院门栋长"])


def test_a_community_without_its_own_target_is_measured_against_its_kinds_default(
    users, areas, posts, make_resident
):
    village = areas["village"]
    gap = selectors.gap_of(village)
    assert gap.has_target
    assert gap.is_default
    assert gap.min_workers == 8
    assert [t.name for t, _places in gap.uncovered] == ["网格员", "村(居)民小组长"]
    actions.appointment_create(
        actor=users["community_staff"], community=village, post_type=posts["专职社区工作者"], area=village,
        resident=make_resident(), started_on=days(-5),
    )  # fmt: skip
    table = {g.community.pk: g for g in selectors.staffing_gaps([village.pk, areas["urban"].pk]).values()}
    assert table[village.pk].is_default
    assert table[village.pk].workers == 1
    assert table[village.pk].workers_short == 7
    assert table[areas["urban"].pk].min_workers == 10
    # Its own target wins, and is not marked 默认.
    actions.target_set(actor=users["township_admin"], community=village, min_workers=2, covered=[])
    gap = selectors.gap_of(village)
    assert (gap.is_default, gap.min_workers, gap.uncovered) == (False, 2, [])


def test_a_community_of_no_kind_gets_no_default(areas):
    Area.objects.filter(pk=areas["village"].pk).update(community_type="")
    village = Area.objects.get(pk=areas["village"].pk)
    gap = selectors.gap_of(village)
    assert not gap.has_target
    assert not gap.is_default


def test_the_township_office_edits_a_default_and_it_is_audited(users, posts):
    admin = users["township_admin"]
    for actor in ("community_staff", "resident", "grid_worker"):
        with pytest.raises(NotPermitted):
            actions.default_target_set(
                actor=users[actor], community_type="village", min_workers=3, covered=[]
            )
    with pytest.raises(DomainError, match="请选择行政村或城市社区"):
        actions.default_target_set(actor=admin, community_type="hamlet", min_workers=3, covered=[])
    with pytest.raises(DomainError, match="专兼职工作者人数应在0到1000之间"):
        actions.default_target_set(actor=admin, community_type="village", min_workers=-1, covered=[])
    assert DefaultTarget.objects.get(community_type="village").min_workers == 8
    assert not AuditEvent.objects.filter(verb="workforce.default_target_set").exists()
    saved = actions.default_target_set(
        actor=admin, community_type="village", min_workers=6, covered=[posts["网格员"]]
    )
    assert saved.min_workers == 6
    assert list(saved.covered.all()) == [posts["网格员"]]
    event = AuditEvent.objects.get(verb="workforce.default_target_set")
    assert event.summary == {"kind": "行政村", "workers": 6, "before": 8, "covered": "网格员"}


def test_the_pages_and_the_api_show_and_edit_the_defaults(client, users, areas, posts):
    admin = users["township_admin"]
    client.force_login(admin)
    page = client.get(reverse("workforce:defaults")).content.decode()
    assert 'data-testid="default-village"' in page
    assert "不少于 8 人" in page
    answer = client.post(
        reverse("workforce:defaults"),
        {"community_type": "urban", "min_workers": "12", "covered": [posts["楼院门栋长"].pk]},
    )
    assert answer.status_code == 302
    assert DefaultTarget.objects.get(community_type="urban").min_workers == 12
    staffing = client.get(reverse("workforce:staffing")).content.decode()
    assert "默认目标" in staffing
    target_page = client.get(reverse("workforce:target", args=[areas["urban"].pk])).content.decode()
    assert "正在使用城市社区的默认目标" in target_page
    assert 'value="12"' in target_page
    _token, key = api_token_create(actor=admin, user=admin, name="wf")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    listed = client.get("/api/v1/workforce/defaults", **auth).json()
    assert [(d["community_type"], d["min_workers"]) for d in listed] == [("urban", 12), ("village", 8)]
    done = client.post(
        "/api/v1/workforce/defaults/village", {"min_workers": 5, "covered_post_type_ids": [posts["网格员"].pk]},
        content_type="application/json", **auth,
    )  # fmt: skip
    assert done.status_code == 200, done.content
    assert done.json()["covered_post_type_ids"] == [posts["网格员"].pk]
    wrong = client.post(
        "/api/v1/workforce/defaults/hamlet", {"min_workers": 5}, content_type="application/json", **auth
    )
    assert wrong.status_code == 400
    assert "请选择行政村或城市社区" in wrong.json()["message"]
    gap = client.get(f"/api/v1/workforce/communities/{areas['village'].pk}/gap", **auth).json()
    assert gap["is_default"]
    assert gap["min_workers"] == 5
    staff = users["community_staff"]
    client.force_login(staff)
    assert client.get(reverse("workforce:defaults")).status_code == 200
    assert (
        client.post(
            reverse("workforce:defaults"), {"community_type": "urban", "min_workers": "1"}
        ).status_code
        == 403
    )
    assert DefaultTarget.objects.get(community_type="urban").min_workers == 12
