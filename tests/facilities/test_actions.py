"""The facilities' actions: the standard, a facility, bookings and each refusal (nothing changes on a refusal)."""

import pytest

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.facilities import actions, selectors
from gongzhi.facilities.models import Booking, Facility, FacilityType, Standard
from gongzhi.notices.models import Notice
from tests.facilities.conftest import at

pytestmark = pytest.mark.django_db


def _book(actor, facility, day=3, start=9, end=11, **extra):
    values = {"headcount": 10, "purpose": "党小组学习"} | extra
    return actions.booking_create(
        actor=actor, facility=facility, starts_at=at(day, start), ends_at=at(day, end), **values
    )


def test_a_booking_needing_approval_is_pending_then_approved_and_the_booker_is_told(users, room):
    facility = room()
    booking = _book(users["resident"], facility)
    assert booking.state == "pending"
    assert Notice.objects.filter(recipient=users["community_staff"], kind="facilities").exists()
    actions.booking_approve(actor=users["community_staff"], booking=booking)
    booking.refresh_from_db()
    assert booking.state == "approved"
    assert booking.decided_by == users["community_staff"]
    assert Notice.objects.filter(recipient=users["resident"], title__contains="已同意").exists()
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="facilities.")
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["facilities.facility_added", "facilities.booked", "facilities.approved"]


def test_a_refusal_needs_a_reason_tells_the_booker_and_frees_the_slot(users, room):
    facility = room()
    booking = _book(users["resident"], facility)
    with pytest.raises(DomainError):
        actions.booking_refuse(actor=users["community_staff"], booking=booking, reason="")
    actions.booking_refuse(actor=users["community_staff"], booking=booking, reason="当天村里开会")
    booking.refresh_from_db()
    assert booking.state == "refused"
    assert booking.refusal_reason == "当天村里开会"
    assert Notice.objects.filter(recipient=users["resident"], title__contains="未获同意").exists()
    assert _book(users["volunteer"], facility).state == "pending"  # the slot is free again


def test_without_approval_a_booking_is_approved_at_once(users, room):
    assert _book(users["resident"], room(approval=False)).state == "approved"


def test_overlapping_bookings_are_refused_and_a_pending_one_holds_the_slot(users, room):
    facility = room()
    _book(users["resident"], facility, start=9, end=11)
    with pytest.raises(Conflict) as refused:
        _book(users["volunteer"], facility, start=10, end=12)
    assert "时间不能重叠" in refused.value.message
    assert Booking.objects.count() == 1
    assert _book(users["volunteer"], facility, start=11, end=12).state == "pending"  # touching is fine


@pytest.mark.parametrize(
    ("start", "end", "day", "code"),
    [(7, 9, 3, "closed"), (20, 22, 3, "closed"), (9, 10, -1, "past"), (9, 10, 200, "too_far")],
)
def test_outside_opening_hours_in_the_past_or_too_far_is_refused(users, room, start, end, day, code):
    facility = room()
    with pytest.raises(DomainError) as refused:
        _book(users["resident"], facility, day=day, start=start, end=end)
    assert refused.value.code == code
    assert not Booking.objects.exists()


def test_over_capacity_is_refused(users, room):
    with pytest.raises(DomainError) as refused:
        _book(users["resident"], room(capacity=8), headcount=9)
    assert refused.value.code == "over_capacity"
    assert "最多容纳8人" in refused.value.message
    assert not Booking.objects.exists()


def test_a_neighbour_books_a_shared_facility_and_gets_404_for_one_not_shared(users, room):
    shared, private = room("urban", shared=True, name="东街议事厅"), room("urban", name="东街会议室")
    neighbour = users["resident"]  # of 青山村, in the same township as 东街社区
    assert _book(neighbour, shared).state == "pending"
    with pytest.raises(NotFound):
        _book(neighbour, private)
    with pytest.raises(NotFound):
        selectors.facility_get_for(viewer=neighbour, facility_id=private.pk)
    assert {f.pk for f in selectors.facility_list_for(viewer=neighbour)} == {shared.pk}


def test_the_booker_cancels_others_may_not(users, room):
    booking = _book(users["resident"], room())
    with pytest.raises(NotPermitted):
        actions.booking_cancel(actor=users["volunteer"], booking=booking)
    actions.booking_cancel(actor=users["resident"], booking=booking)
    booking.refresh_from_db()
    assert booking.state == "cancelled"


def test_staff_book_for_a_resident_with_consent(users, room, make_resident):
    resident = make_resident(name="赵大爷")
    facility = room()
    with pytest.raises(DomainError):
        _book(users["community_staff"], facility, resident=resident, consent_channel="")
    booking = _book(users["community_staff"], facility, resident=resident, consent_channel="phone")
    assert booking.assisted
    assert booking.consent_channel == "phone"
    assert booking.resident == resident
    with pytest.raises(NotPermitted):
        _book(users["volunteer"], facility, day=4, resident=resident, consent_channel="phone")


def test_staff_of_another_community_cannot_decide(users, room):
    booking = _book(users["resident"], room())
    with pytest.raises(NotPermitted):
        actions.booking_approve(actor=users["other_staff"], booking=booking)
    booking.refresh_from_db()
    assert booking.state == "pending"


def test_the_township_sets_its_standard_and_an_area_outside_its_scope_is_refused(users, areas):
    from gongzhi.areas.actions import area_create_unchecked
    from gongzhi.areas.models import AreaKind

    other = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="河西镇", parent=None)
    kind = FacilityType.objects.get(name="警务室")
    standard = actions.standard_set(
        actor=users["township_admin"], township=areas["township"], facility_type=kind,
        required_village=True, required_urban=True, signage="功能室门牌、统一色彩",
    )  # fmt: skip
    assert standard.signage == ["功能室门牌", "统一色彩"]
    with pytest.raises(NotPermitted) as refused:
        actions.standard_set(
            actor=users["township_admin"], township=other, facility_type=kind, required_village=False,
            required_urban=False, signage=[],
        )  # fmt: skip
    assert "河西镇不在您管辖的范围内" in refused.value.message
    assert Standard.objects.count() == 1


def test_the_gap_counts_a_room_for_every_type_it_serves_and_the_missing_signage(users, areas, room):
    before = selectors.gap_of(areas["village"])
    assert {t.name for t in before.missing} >= {"党员活动室", "议事室", "文体活动室"}
    room()
    after = selectors.gap_of(areas["village"])
    assert not {"党员活动室", "议事室", "文体活动室"} & {t.name for t in after.missing}
    assert len(after.missing) == len(before.missing) - 3
    assert after.signage_missing[0][1] == ["功能室门牌"]  # has 统一色彩, lacks the door plate
    urban = selectors.gap_of(areas["urban"])
    assert "警务室" in {t.name for t in urban.required}
    assert "警务室" not in {t.name for t in before.required}  # not required of a village by default


def test_usage_is_the_hours_of_approved_bookings_per_month(users, room):
    facility = room(approval=False)
    _book(users["resident"], facility, start=9, end=11)
    _book(users["volunteer"], facility, start=14, end=15, headcount=3)
    cancelled = _book(users["resident"], facility, start=16, end=18)
    actions.booking_cancel(actor=users["resident"], booking=cancelled)
    month = at(3, 9).astimezone().strftime("%Y-%m")
    usage = dict((m, (h, n)) for m, h, n in selectors.usage_of(facility))
    assert usage[month] == (3.0, 2)


def test_a_facility_needs_sane_hours_and_a_capacity_when_bookable(users, areas):
    kind = FacilityType.objects.get(name="调解室")
    values = {"actor": users["community_staff"], "community": areas["village"], "facility_type": kind,
              "name": "调解室", "opens_at": "18:00", "closes_at": "09:00"}  # fmt: skip
    with pytest.raises(DomainError):
        actions.facility_save(**values)
    with pytest.raises(DomainError):
        actions.facility_save(**(values | {"opens_at": "09:00", "closes_at": "18:00", "bookable": True}))
    with pytest.raises(NotPermitted):
        actions.facility_save(
            **(values | {"opens_at": "09:00", "closes_at": "18:00", "community": areas["urban"]})
        )
    assert not Facility.objects.exists()
