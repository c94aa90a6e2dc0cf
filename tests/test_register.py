"""The register as a clerk uses it (issue 8): finding households, pinyin order."""

import pytest
from django.test import Client
from django.urls import reverse

from gongzhi.residents import actions, selectors
from gongzhi.residents.models import Resident
from gongzhi.residents.pinyin import name_sort_key

# Code-point order (张 5F20 < 白 767D < 赵 8D75 < 阿 963F) and pinyin order differ; 李四 < 林一 by syllable.
PINYIN_ORDER = ["阿宝", "白云", "李四", "林一", "张三", "张三丰", "赵六"]


def _household(users, areas, number, area_key="grid_a1"):
    staff = users["community_staff"] if area_key.startswith("grid_a") else users["other_staff"]
    return actions.household_create(actor=staff, area=areas[area_key], number=number)


def _member(make_resident, household, name, relation, area_key="grid_a1"):
    resident = make_resident(area_key, name=name, relation_to_head=relation)
    Resident.objects.filter(pk=resident.pk).update(household=household)
    return resident


def test_name_sort_key_orders_by_syllable():
    assert name_sort_key("李四") == "li si" and name_sort_key("林一") == "lin yi"
    assert name_sort_key("曾小明") == "zeng xiao ming"  # the surname's own reading
    keys = [name_sort_key(n) for n in PINYIN_ORDER]
    assert keys == sorted(keys)


@pytest.mark.parametrize("query", ["zsf", "zhangsanf", "张三丰", "李", "ll"])
def test_household_found_by_head_or_any_member(query, users, areas, make_resident):
    household = _household(users, areas, "QS-0001")
    _member(make_resident, household, "李兰", "02")
    _member(make_resident, household, "张三丰", "20")
    _household(users, areas, "QS-0002")  # an empty household: never a match
    found = selectors.household_list_for(viewer=users["community_staff"], q=query)
    assert [h.number for h in found] == ["QS-0001"]
    assert found[0].head_name == "李兰"


def test_household_search_stays_in_scope(users, areas, make_resident):
    ours = _household(users, areas, "QS-0001")
    _member(make_resident, ours, "张三丰", "02")
    other = _household(users, areas, "DJ-0001", "grid_b1")
    _member(make_resident, other, "张三丰", "02", "grid_b1")
    assert [h.pk for h in selectors.household_list_for(viewer=users["community_staff"], q="zsf")] == [ours.pk]
    assert {h.pk for h in selectors.household_list_for(viewer=users["township_admin"], q="zsf")} == {
        ours.pk,
        other.pk,
    }
    assert not selectors.household_list_for(viewer=users["grid_worker"], q="dj").exists()
    assert not selectors.household_list_for(viewer=users["party_member"], q="zsf").exists()


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_household_list_page_search_takes_fixed_queries(users, areas, make_resident, django_assert_num_queries):
    client = _login(users["community_staff"])
    url = reverse("residents:household_list") + "?q=zs"

    def fill(count):
        for n in range(count):
            household = _household(users, areas, f"Q-{count}-{n}")
            _member(make_resident, household, "张三", "02")

    fill(2)
    client.get(url)  # warm the session and caches
    with django_assert_num_queries(5) as few:
        response = client.get(url)
    assert response.status_code == 200 and "张三" in response.content.decode()
    fill(8)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("户主") >= 10


def test_resident_list_sorts_in_pinyin_order(users, areas, make_resident):
    for name in reversed(PINYIN_ORDER):
        make_resident("grid_a1", name=name)
    listed = [r.name for r in selectors.resident_list_for(viewer=users["community_staff"])]
    assert listed == PINYIN_ORDER


def test_resident_list_page_shows_pinyin_order(users, areas, make_resident):
    for name in reversed(PINYIN_ORDER):
        make_resident("grid_a1", name=name)
    text = _login(users["community_staff"]).get(reverse("residents:list")).content.decode()
    positions = [text.index(name + "<") if name + "<" in text else text.index(name) for name in PINYIN_ORDER]
    assert positions == sorted(positions)
