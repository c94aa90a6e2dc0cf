"""The points pages: off says so, the staff's community page, the household's own ledger, the public summary
with items only."""

import pytest
from django.test import Client
from django.urls import reverse

from gongzhi.points.actions import entry_decide, goods_add, redemption_make
from gongzhi.points.models import Entry, EntryState, PointsSwitch

from .test_points import _award


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_off_the_pages_say_so_and_the_public_summary_shows_nothing(users, areas):
    page = _client(users["community_staff"]).get(reverse("points:community", args=[areas["village"].pk]))
    assert page.status_code == 200
    assert 'data-testid="points-off"' in page.content.decode()
    public = Client().get(reverse("points:public", args=[areas["village"].pk]))
    assert public.status_code == 200
    body = public.content.decode()
    assert 'data-testid="points-off"' in body
    assert 'data-testid="summary-awarded"' not in body


def test_the_township_office_switches_from_its_page(users, areas):
    client = _client(users["township_admin"])
    response = client.post(reverse("points:switch", args=[areas["township"].pk]), {"enabled": "1"})
    assert response.status_code == 302
    assert PointsSwitch.objects.get(township=areas["township"]).enabled
    staff = _client(users["community_staff"])
    assert (
        staff.post(reverse("points:switch", args=[areas["township"].pk]), {"enabled": "0"}).status_code == 403
    )
    assert PointsSwitch.objects.get(township=areas["township"]).enabled


def test_a_staff_entry_from_the_page_waits_and_the_author_cannot_approve_it(
    staff, second, catalogue, households
):
    item = catalogue.items.get(name="门前三包")
    client = _client(staff)
    url = reverse("points:entry_new", args=[catalogue.community_id])
    missing = client.post(
        url, {"household": "QS-001", "item": item.pk, "units": "1", "occurred_on": "2024-05-01"}
    )
    assert missing.status_code == 200
    assert "凭证说明" in missing.content.decode()
    assert not Entry.objects.exists()
    done = client.post(url, {"household": "QS-001", "item": item.pk, "units": "1", "occurred_on": "2024-05-01",
                             "evidence": "网格员5月检查记录"})  # fmt: skip
    assert done.status_code == 302
    entry = Entry.objects.get()
    client.post(reverse("points:entry_decide", args=[entry.pk]), {"approve": "1"})
    assert Entry.objects.get().state == EntryState.PENDING
    _client(second).post(reverse("points:entry_decide", args=[entry.pk]), {"approve": "1"})
    assert Entry.objects.get().state == EntryState.COUNTED


def test_the_household_reads_its_own_ledger_and_nobody_elses(staff, second, catalogue, households, users):
    entry_decide(actor=second, entry=_award(staff, catalogue, households["li"]), approve=True)
    entry_decide(
        actor=second, entry=_award(staff, catalogue, households["zhang"], name="门前三包"), approve=True
    )
    page = _client(users["resident"]).get(reverse("points:mine"))
    body = page.content.decode()
    assert "QS-001" in body
    assert "QS-002" not in body
    assert "门前三包" in body
    assert "参加道德讲堂" not in body
    li_entry = Entry.objects.get(account__household=households["li"])
    appeal = _client(users["resident"]).post(
        reverse("points:appeal_new", args=[li_entry.pk]), {"reason": "不是我家的"}
    )
    assert appeal.status_code == 404


@pytest.mark.django_db
def test_the_public_summary_lists_items_and_never_households(staff, second, catalogue, households):
    entry_decide(actor=second, entry=_award(staff, catalogue, households["zhang"]), approve=True)
    soap = goods_add(actor=staff, community=catalogue.community, name="洗衣粉", price=5, quantity=3)
    redemption_make(actor=staff, community=catalogue.community, household=households["zhang"], goods=soap)
    body = Client().get(reverse("points:public", args=[catalogue.community_id])).content.decode()
    assert "参加道德讲堂" in body
    assert "洗衣粉" in body
    for private in ("QS-001", "QS-002", "张大", "李二"):
        assert private not in body


def test_the_home_page_shows_the_households_balance_only_while_on(
    staff, second, catalogue, households, users, areas
):
    from gongzhi.points.actions import points_switch_set

    entry_decide(actor=second, entry=_award(staff, catalogue, households["zhang"]), approve=True)
    client = _client(users["resident"])
    body = client.get("/").content.decode()
    assert 'data-testid="home-own-points"' in body
    assert "余额 5 分" in body
    points_switch_set(actor=users["township_admin"], township=areas["township"], enabled=False)
    assert 'data-testid="home-own-points"' not in client.get("/").content.decode()


def test_a_household_member_sees_the_evidence_photo_of_their_own_entry(
    staff, second, catalogue, households, users
):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from gongzhi.core.images import photo_clean

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    photo = photo_clean(SimpleUploadedFile("p.png", buffer.getvalue(), content_type="image/png"))
    entry = _award(
        staff, catalogue, households["zhang"], name="获评积德榜", evidence="道德评议会评议结果", photo=photo
    )
    url = reverse("points:entry_photo", args=[entry.pk])
    assert _client(users["resident"]).get(url).status_code == 200
    assert _client(users["volunteer"]).get(url).status_code == 404


def test_a_catalogue_drafted_from_the_page_reads_its_lines(staff, switched_on, representatives, areas):
    from gongzhi.points.models import Catalogue

    client = _client(staff)
    url = reverse("points:catalogue_new", args=[areas["village"].pk])
    assert "<code>hours</code>" in client.get(url).content.decode()  # the registered sources, named
    bad = client.post(url, {"title": "青山村积分制规则", "items": "门前三包｜三分｜检查记录"})
    assert "分值请填写整数" in bad.content.decode()
    assert not Catalogue.objects.exists()
    client.post(
        url, {"title": "青山村积分制规则", "items": "门前三包｜3｜检查记录\n获评积德榜|20|评议结果|staff|是"}
    )
    items = list(Catalogue.objects.get().items.values_list("name", "points", "photo_required"))
    assert items == [("门前三包", 3, False), ("获评积德榜", 20, True)]


@pytest.mark.parametrize("month", ["99999999999999999999999-1", "2024-13", "x", "9999999-01", "-"])
def test_the_public_summary_takes_any_month_without_an_error(areas, month):
    answer = Client().get(reverse("points:public", args=[areas["village"].pk]), {"month": month})
    assert answer.status_code == 200
