"""The facilities' pages and API: the same actions and scoping; refusals are Chinese messages that change nothing."""

import json
import re

import pytest
from django.urls import reverse

from gongzhi.accounts.actions import api_token_create
from gongzhi.facilities.models import Booking, Facility, FacilityType, Standard
from tests.facilities.conftest import at

pytestmark = pytest.mark.django_db


def _headers(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="facilities")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client, path: str, body: dict, user, **extra):
    return client.post(path, json.dumps(body), content_type="application/json", **_headers(user), **extra)


def test_a_resident_books_on_the_page_and_the_staff_approve(client, users, room):
    facility = room()
    client.force_login(users["resident"])
    assert facility.name in client.get(reverse("facilities:index")).content.decode()
    day = at(3, 9).date().isoformat()
    form = {"day": day, "start": "09:00", "end": "11:00", "headcount": "8", "purpose": "老年协会活动"}
    answer = client.post(reverse("facilities:book", args=[facility.pk]), form)
    booking = Booking.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("facilities:booking", args=[booking.pk])
    again = client.post(reverse("facilities:book", args=[facility.pk]), form, follow=True)
    assert "时间不能重叠" in again.content.decode()
    assert Booking.objects.count() == 1
    client.force_login(users["community_staff"])
    page = client.get(reverse("facilities:index")).content.decode()
    assert reverse("facilities:booking", args=[booking.pk]) in page  # waiting for approval
    client.post(reverse("facilities:approve", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.state == "approved"


def test_the_slots_mask_the_booker_for_a_neighbour_and_name_them_for_the_staff(client, users, room):
    facility = room(shared=True)
    _post(client, f"/api/v1/facilities/{facility.pk}/bookings",
          {"starts_at": at(3, 9).isoformat(), "ends_at": at(3, 11).isoformat(), "headcount": 5, "purpose": "学习"},
          users["resident"])  # fmt: skip
    users["resident"].display_name = "王建国"
    users["resident"].save()
    client.force_login(users["volunteer"])
    page = client.get(reverse("facilities:detail", args=[facility.pk])).content.decode()
    assert "王**" in page
    assert "王建国" not in page
    client.force_login(users["community_staff"])
    assert "王建国" in client.get(reverse("facilities:detail", args=[facility.pk])).content.decode()


def test_booking_over_the_api_with_an_idempotency_key_makes_one(client, users, room):
    facility = room(approval=False)
    body = {
        "starts_at": at(3, 9).isoformat(),
        "ends_at": at(3, 11).isoformat(),
        "headcount": 5,
        "purpose": "学习",
    }
    first = _post(client, f"/api/v1/facilities/{facility.pk}/bookings", body, users["resident"],
                  HTTP_IDEMPOTENCY_KEY="k-1")  # fmt: skip
    assert first.status_code == 201
    assert first.json()["state"] == "approved"
    again = _post(client, f"/api/v1/facilities/{facility.pk}/bookings", body, users["resident"],
                  HTTP_IDEMPOTENCY_KEY="k-1")  # fmt: skip
    assert again.json()["id"] == first.json()["id"]
    over = _post(
        client, f"/api/v1/facilities/{facility.pk}/bookings", body | {"headcount": 99}, users["volunteer"]
    )
    assert over.status_code == 400
    assert re.search("[\u4e00-\u9fff]", over.json()["message"])
    assert Booking.objects.count() == 1


def test_the_township_edits_its_standard_and_reads_the_gap_and_its_export(client, users, areas, room):
    room()
    client.force_login(users["township_admin"])
    kind = FacilityType.objects.get(name="警务室")
    form = {"facility_type": kind.pk, "required_village": "1", "signage": "功能室门牌、统一色彩"}
    client.post(reverse("facilities:standard", args=[areas["township"].pk]), form)
    standard = Standard.objects.get()
    assert standard.required_village
    assert not standard.required_urban
    page = client.get(reverse("facilities:gap")).content.decode()
    assert "警务室" in page  # now missing in 青山村 too
    export = client.get(reverse("facilities:export"))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    gap = client.get("/api/v1/facilities/gap", **_headers(users["township_admin"])).json()
    village = next(row for row in gap if row["community_id"] == areas["village"].pk)
    assert "警务室" in village["missing"]
    assert "党员活动室" not in village["missing"]


def test_the_staff_record_a_facility_on_the_page(client, users, areas):
    client.force_login(users["community_staff"])
    kind = FacilityType.objects.get(name="文体广场")
    form = {"facility_type": kind.pk, "name": "村文体广场", "opens_at": "06:00", "closes_at": "22:00",
            "bookable": "1", "capacity": "200", "shared": "1", "signage": ["社区标识"]}  # fmt: skip
    answer = client.post(reverse("facilities:new", args=[areas["village"].pk]), form)
    facility = Facility.objects.get()
    assert answer.status_code == 302
    assert facility.shared
    assert facility.signage == ["社区标识"]
    bad = client.post(reverse("facilities:new", args=[areas["village"].pk]), form | {"closes_at": "05:00"})
    assert "关闭时间应晚于开放时间" in bad.content.decode()
    assert Facility.objects.count() == 1


def test_the_staff_book_only_for_residents_on_their_own_register(client, users, room, make_resident):
    """Booking for a resident (assisted) finds the resident only within the staff's reach: a resident of the
    neighbouring community, or an unknown id, gets the same message on the API and the page, and nothing is
    booked; the page offers only residents within reach."""
    facility = room(shared=True)
    own = make_resident("grid_a1", name="赵大爷")
    elsewhere = make_resident("grid_b1", name="钱大妈")
    body = {"starts_at": at(3, 9).isoformat(), "ends_at": at(3, 11).isoformat(), "headcount": 2,
            "purpose": "老年协会活动", "consent_channel": "phone"}  # fmt: skip
    path = f"/api/v1/facilities/{facility.pk}/bookings"
    for resident_id in (elsewhere.pk, 999_999):
        refused = _post(client, path, {**body, "resident_id": resident_id}, users["community_staff"])
        assert (refused.status_code, refused.json()["message"]) == (400, "请选择居民。")
    assert not Booking.objects.exists()
    client.force_login(users["community_staff"])
    page = client.get(reverse("facilities:detail", args=[facility.pk])).content.decode()
    assert "赵大爷" in page
    assert "钱大妈" not in page
    form = {"day": at(3, 9).date().isoformat(), "start": "09:00", "end": "11:00", "headcount": "2",
            "purpose": "老年协会活动", "consent_channel": "phone", "resident": str(elsewhere.pk)}  # fmt: skip
    answer = client.post(reverse("facilities:book", args=[facility.pk]), form, follow=True)
    assert "请选择居民。" in answer.content.decode()
    assert not Booking.objects.exists()
    made = _post(client, path, {**body, "resident_id": own.pk}, users["community_staff"])
    assert made.status_code == 201
    assert Booking.objects.get().resident == own
