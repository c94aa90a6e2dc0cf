"""Micro-services 微服务: publish, book (self and assisted), no overbooking, cancel, serve, credit, privacy."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.hours.models import ServiceCredit
from gongzhi.notices.models import Notice
from gongzhi.offers import actions, selectors
from gongzhi.offers.models import Booking, ServiceOffer
from tests.conftest import make_user
from tests.threads import at_once, count_in, database_for_threads, in_words

pytestmark = pytest.mark.django_db


def saturday_morning(days: int = 3) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + dt.timedelta(days=days)
    return start, start + dt.timedelta(hours=3)


def publish(users, areas, **extra):
    starts_at, ends_at = saturday_morning()
    values = {
        "title": "为老人义务理发", "description": "周六上午在村委会为70岁以上老人免费理发。", "place": "青山村村委会",
        "starts_at": starts_at, "ends_at": ends_at, "places": 5,
    }  # fmt: skip
    values.update(extra)
    actor = values.pop("actor", users["party_member"])
    community = values.pop("community", areas["village"])
    return actions.offer_publish(actor=actor, community=community, **values)


def move_to_past(offer: ServiceOffer) -> ServiceOffer:
    start = timezone.now() - dt.timedelta(hours=2)
    ServiceOffer.objects.filter(pk=offer.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=1, minutes=20)
    )
    return ServiceOffer.objects.get(pk=offer.pk)


def snapshot():
    return (
        ServiceOffer.objects.count(), set(ServiceOffer.objects.values_list("pk", "state")),
        set(Booking.objects.values_list("pk", "state")), ServiceCredit.objects.count(),
        Notice.objects.count(), AuditEvent.objects.count(),
    )  # fmt: skip


def test_the_whole_life_of_an_offer(users, areas, make_resident):
    offer = publish(users, areas)
    assert (offer.state, offer.area_path, offer.offerer) == (
        "open",
        areas["village"].path,
        users["party_member"],
    )
    assert selectors.places_left(selectors.offer_get(offer.pk)) == 5
    mine = actions.booking_create(actor=users["resident"], offer=offer)
    elder = make_resident("grid_a1", name="王奶奶")
    theirs = actions.booking_create_assisted(
        actor=users["grid_worker"], offer=offer, resident=elder, consent_channel="phone"
    )
    assert theirs.assisted
    assert theirs.consent_channel == "phone"
    assert theirs.consent_at
    assert theirs.booked_by == users["grid_worker"]
    assert selectors.places_left(selectors.offer_get(offer.pk)) == 3
    # The offerer heard of both bookings, without a name.
    to_offerer = Notice.objects.filter(recipient=users["party_member"])
    assert to_offerer.count() == 2
    assert not to_offerer.filter(body__contains="王").exists()
    actions.booking_cancel(actor=users["resident"], booking=mine)
    assert Notice.objects.filter(recipient=users["party_member"]).count() == 3
    again = actions.booking_create(
        actor=users["resident"], offer=offer
    )  # a cancelled booking frees the person too
    offer = move_to_past(offer)
    actions.booking_serve(actor=users["party_member"], booking=again)
    credit = ServiceCredit.objects.get(helper=users["party_member"])
    assert (credit.source, credit.source_id, credit.hours) == (
        "service",
        offer.pk,
        Decimal("1.5"),
    )  # 1 h 20 min
    actions.offer_complete(actor=users["party_member"], offer=offer)
    offer.refresh_from_db()
    assert offer.state == "done"
    assert ServiceCredit.objects.count() == 1
    assert set(Booking.objects.filter(offer=offer).values_list("state", flat=True)) == {"cancelled", "served"}
    # The resident heard the service was confirmed; the grid worker on behalf of 王奶奶 (no account).
    assert Notice.objects.filter(recipient=users["resident"], title__contains="确认完成").exists()
    assert Notice.objects.filter(recipient=users["grid_worker"], title__contains="确认完成").exists()
    verbs = list(
        AuditEvent.objects.filter(verb__regex=r"^(offer|booking)\.")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == [
        "offer.published", "booking.created", "booking.created", "booking.cancelled", "booking.created",
        "booking.served", "booking.served", "offer.completed",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("field", "values", "message"),
    [
        ("title", {"title": ""}, "请填写服务名称"),
        ("title", {"title": "长" * 61}, "不能超过60个字"),
        ("description", {"description": "短"}, "至少5个字"),
        ("place", {"place": "   "}, "请填写服务地点"),
        ("ends_at", {"ends_at": saturday_morning()[0] - dt.timedelta(hours=1)}, "结束时间应晚于开始时间"),
        ("starts_at", {"starts_at": timezone.now() - dt.timedelta(hours=1)}, "开始时间已经过去"),
        ("starts_at", {"starts_at": None}, "请填写开始时间"),
        ("places", {"places": 0}, "名额应在1到500之间"),
        ("places", {"places": 501}, "名额应在1到500之间"),
        ("places", {"places": "五个"}, "名额请填写整数"),
        ("community", {"community": None}, "请选择服务所在的村(社区)"),
    ],
)
def test_bad_input_is_refused_clearly_and_changes_nothing(users, areas, field, values, message):
    before = snapshot()
    with pytest.raises(DomainError) as exc:
        publish(users, areas, **values)
    assert exc.value.field == field
    assert message in exc.value.message
    assert snapshot() == before


def test_bookings_the_offer_does_not_allow_are_refused_clearly(users, areas, make_resident):
    offer = publish(users, areas, places=1)
    actions.booking_create(actor=users["resident"], offer=offer)
    before = snapshot()
    with pytest.raises(Conflict, match="您已预约过") as exc:
        actions.booking_create(actor=users["resident"], offer=offer)
    assert exc.value.code == "already_booked"
    other = make_user("resident2", Role.RESIDENT, areas["village"])
    with pytest.raises(Conflict, match="名额已满") as exc:
        actions.booking_create(actor=other, offer=offer)
    assert exc.value.code == "full"
    assert snapshot() == before

    cancelled = publish(users, areas)
    actions.offer_cancel(actor=users["community_staff"], offer=cancelled, reason="下雨")
    past = move_to_past(publish(users, areas))
    before = snapshot()
    with pytest.raises(Conflict, match="已取消") as exc:
        actions.booking_create(actor=other, offer=cancelled)
    assert exc.value.code == "offer_cancelled"
    with pytest.raises(Conflict, match="已经开始或结束") as exc:
        actions.booking_create(actor=other, offer=past)
    assert exc.value.code == "offer_past"
    assert snapshot() == before


def test_an_offerer_who_is_also_a_resident_cannot_book_their_own_offer(users, areas):
    from gongzhi.accounts.models import RoleAssignment

    both = make_user("both", Role.RESIDENT, areas["village"])
    RoleAssignment.objects.create(
        user=both, role=Role.VOLUNTEER, area=areas["village"], area_path=areas["village"].path
    )
    offer = publish(users, areas, actor=both)
    with pytest.raises(DomainError, match="不能预约自己发布的服务"):
        actions.booking_create(actor=both, offer=offer)
    assert not Booking.objects.exists()


def test_a_resident_booked_by_a_clerk_cannot_be_booked_twice(users, areas, make_resident):
    offer = publish(users, areas)
    elder = make_resident("grid_a1", name="王奶奶")
    actions.booking_create_assisted(
        actor=users["grid_worker"], offer=offer, resident=elder, consent_channel="in_person"
    )
    someone = make_resident("grid_a1", name="李爷爷")
    before = snapshot()
    with pytest.raises(Conflict, match="这位居民已预约过"):
        actions.booking_create_assisted(
            actor=users["window_clerk"], offer=offer, resident=elder, consent_channel="written"
        )
    with pytest.raises(DomainError, match="同意的方式") as exc:
        actions.booking_create_assisted(
            actor=users["window_clerk"],
            offer=offer,
            resident=someone,
            consent_channel="",
        )
    assert exc.value.field == "consent_channel"
    assert snapshot() == before


def test_cancelling_someone_elses_booking_is_refused(users, areas, make_resident):
    offer = publish(users, areas)
    booking = actions.booking_create(actor=users["resident"], offer=offer)
    other = make_user("resident2", Role.RESIDENT, areas["village"])
    before = snapshot()
    for actor in (
        other,
        users["party_member"],
        users["volunteer"],
    ):  # another resident, the offerer, a helper
        with pytest.raises(NotPermitted, match="只能取消自己的预约"):
            actions.booking_cancel(actor=actor, booking=booking)
    assert snapshot() == before
    actions.booking_cancel(actor=users["resident"], booking=booking)
    with pytest.raises(Conflict, match="已经取消"):
        actions.booking_cancel(actor=users["resident"], booking=booking)


def test_who_may_publish_book_cancel_and_serve(users, areas, make_resident):
    before = snapshot()
    for actor in (users["resident"], users["grid_worker"], users["community_staff"], users["nobody"]):
        with pytest.raises(NotPermitted):
            publish(users, areas, actor=actor)
    with pytest.raises(NotPermitted):
        publish(users, areas, community=areas["urban"])  # a 青山村 party member, for 东街社区
    assert snapshot() == before
    offer = publish(users, areas)
    before = snapshot()
    for actor in (users["volunteer"], users["grid_worker"], users["township_admin"]):
        with pytest.raises(NotPermitted):
            actions.booking_create(actor=actor, offer=offer)  # only residents book for themselves
    with pytest.raises(NotPermitted):
        actions.booking_create_assisted(actor=users["grid_worker"], offer=offer, consent_channel="phone",
                                        resident=make_resident("grid_b1", name="外人"))  # fmt: skip
    for actor in (users["volunteer"], users["other_staff"], users["resident"]):
        with pytest.raises(NotPermitted, match="只有发布人或村"):
            actions.offer_cancel(actor=actor, offer=offer)
    booking = actions.booking_create(actor=users["resident"], offer=offer)
    offer = move_to_past(offer)
    before = snapshot()
    for actor in (users["volunteer"], users["community_staff"], users["resident"]):
        with pytest.raises(NotPermitted, match="只有发布这项服务的人"):
            actions.booking_serve(actor=actor, booking=booking)
        with pytest.raises(NotPermitted):
            actions.offer_complete(actor=actor, offer=offer)
    assert snapshot() == before


def test_serving_before_the_start_and_cancelling_after_it_are_refused(users, areas):
    offer = publish(users, areas)
    booking = actions.booking_create(actor=users["resident"], offer=offer)
    before = snapshot()
    with pytest.raises(Conflict, match="服务开始后才能确认完成"):
        actions.booking_serve(actor=users["party_member"], booking=booking)
    with pytest.raises(Conflict, match="服务开始后"):
        actions.offer_complete(actor=users["party_member"], offer=offer)
    move_to_past(offer)
    booking.refresh_from_db()
    with pytest.raises(Conflict, match="服务已经开始，不能再取消预约"):
        actions.booking_cancel(actor=users["resident"], booking=booking)
    assert snapshot() == before


def test_a_booking_is_cancelled_with_its_offer_only_by_the_system_and_only_once_the_offer_is(users, areas):
    from gongzhi.core.lifecycle import lifecycle_move, lifecycle_verbs_for

    offer = publish(users, areas)
    booking = actions.booking_create(actor=users["resident"], offer=offer)
    for user in (users["resident"], users["party_member"], users["community_staff"]):
        assert "cancel_with_offer" not in lifecycle_verbs_for(booking, user)  # never offered to anyone
    before = snapshot()
    with pytest.raises(Conflict, match="服务没有取消"):
        lifecycle_move(
            booking,
            "cancel_with_offer",
            actor=users["community_staff"],
            audit_verb="booking.cancelled_with_offer",
        )
    assert snapshot() == before


def test_cancelling_an_offer_cancels_and_tells_every_booker(users, areas, make_resident):
    offer = publish(users, areas)
    actions.booking_create(actor=users["resident"], offer=offer)
    elder = make_resident("grid_a1", name="王奶奶")
    actions.booking_create_assisted(
        actor=users["grid_worker"], offer=offer, resident=elder, consent_channel="phone"
    )
    cancelled = actions.offer_cancel(actor=users["community_staff"], offer=offer, reason="场地临时有安排")
    assert cancelled.state == "cancelled"
    assert offer.state == "open"  # the caller's instance is left alone
    offer.refresh_from_db()
    assert offer.state == "cancelled"
    assert offer.cancel_reason == "场地临时有安排"
    bookings = list(Booking.objects.filter(offer=offer).order_by("pk"))
    assert {b.state for b in bookings} == {"cancelled"}
    assert all(b.closed_at == offer.closed_at for b in bookings)
    # Each booking moved through the lifecycle: its own audit row, after the offer's, by whoever cancelled.
    rows = list(
        AuditEvent.objects.filter(verb__regex=r"^(offer\.cancelled|booking\.cancelled_with_offer)$").order_by(
            "id"
        )
    )
    assert [(r.verb, r.target_id) for r in rows] == [
        ("offer.cancelled", str(offer.pk)),
        *[("booking.cancelled_with_offer", str(b.pk)) for b in bookings],
    ]
    assert rows[0].summary["bookings_cancelled"] == 2
    assert {r.actor_id for r in rows} == {users["community_staff"].pk}
    assert all(r.summary == {"offer": offer.pk} for r in rows[1:])
    for user in (users["resident"], users["grid_worker"], users["party_member"]):
        assert (
            Notice.objects.filter(recipient=user, title__contains="已取消").exists()
            or Notice.objects.filter(recipient=user, title__contains="已被取消").exists()
        )
    before = snapshot()
    with pytest.raises(Conflict, match="已经取消了"):
        actions.offer_cancel(actor=users["party_member"], offer=offer)
    assert snapshot() == before


def test_credit_hours_round_to_half_hours(users, areas):
    offer = publish(users, areas)
    for minutes, hours in ((10, "0.5"), (44, "0.5"), (45, "1"), (80, "1.5"), (180, "3"), (1440, "24")):
        offer.ends_at = offer.starts_at + dt.timedelta(minutes=minutes)
        assert actions.credit_hours(offer) == Decimal(hours), minutes


def test_no_show_offer_is_closed_without_credit(users, areas):
    offer = move_to_past(publish(users, areas))
    actions.offer_complete(actor=users["party_member"], offer=offer)
    assert ServiceOffer.objects.get(pk=offer.pk).state == "done"
    assert not ServiceCredit.objects.exists()


def test_bookers_are_masked_for_the_offerer_and_named_for_staff_in_scope(users, areas, make_resident):
    offer = publish(users, areas)
    elder = make_resident("grid_a1", name="王奶奶")
    stranger = make_resident("grid_b1", name="李四")
    ours = actions.booking_create_assisted(
        actor=users["grid_worker"], offer=offer, resident=elder, consent_channel="phone"
    )
    theirs = actions.booking_create_assisted(actor=users["other_staff"], offer=offer, resident=stranger,
                                             consent_channel="phone")  # fmt: skip
    assert selectors.booker_label(ours, viewer=users["party_member"]) == "王**"
    assert selectors.booker_label(ours, viewer=users["community_staff"]) == "王奶奶"
    assert (
        selectors.booker_label(theirs, viewer=users["community_staff"]) == "李**"
    )  # another community's resident
    assert selectors.booker_label(theirs, viewer=users["other_staff"]) == "李四"
    with pytest.raises(NotPermitted):
        selectors.bookings_of(viewer=users["volunteer"], offer=offer)


def test_pages_are_public_without_names_and_the_offerer_sees_masked_names(
    client, users, areas, make_resident
):
    offer = publish(users, areas)
    elder = make_resident("grid_a1", name="王奶奶")
    actions.booking_create_assisted(
        actor=users["grid_worker"], offer=offer, resident=elder, consent_channel="phone"
    )
    for url in (reverse("offers:list"), reverse("offers:community_list", args=[areas["village"].pk]),
                reverse("offers:detail", args=[offer.pk])):  # fmt: skip
        page = client.get(url).content.decode()
        assert "为老人义务理发" in page
        assert "王奶奶" not in page
        assert "王**" not in page
    assert "剩余 4 个" in client.get(reverse("offers:detail", args=[offer.pk])).content.decode()
    client.force_login(users["party_member"])
    page = client.get(reverse("offers:bookings", args=[offer.pk])).content.decode()
    assert "王**" in page
    assert "王奶奶" not in page
    client.force_login(users["community_staff"])
    assert "王奶奶" in client.get(reverse("offers:bookings", args=[offer.pk])).content.decode()


def test_booking_through_the_page_tells_what_happened(client, users, areas):
    offer = publish(users, areas, places=1)
    client.force_login(users["resident"])
    response = client.post(reverse("offers:book", args=[offer.pk]), follow=True)
    assert "预约成功" in response.content.decode()
    response = client.post(reverse("offers:book", args=[offer.pk]), follow=True)
    assert "您已预约过" in response.content.decode()
    assert Booking.objects.count() == 1
    page = client.get(reverse("offers:mine")).content.decode()
    assert "为老人义务理发" in page


def test_the_upcoming_list_takes_a_fixed_number_of_queries(client, users, areas, django_assert_num_queries):
    for n in range(4):
        offer = publish(users, areas, title=f"服务{n}")
        actions.booking_create(actor=users["resident"], offer=offer)
    with django_assert_num_queries(1):
        offers = list(selectors.upcoming_for())
        assert [selectors.places_left(o) for o in offers] == [4, 4, 4, 4]
        assert offers[0].community.name == "青山村"


def test_api_publish_book_and_errors_are_json(client, users, areas):
    from gongzhi.accounts.actions import api_token_create

    _t, offerer = api_token_create(actor=users["party_member"], user=users["party_member"], name="t")
    _t, resident = api_token_create(actor=users["resident"], user=users["resident"], name="t")
    starts_at, ends_at = saturday_morning()
    body = {"community_id": areas["village"].pk, "title": "义务理发", "description": "为老人免费理发。", "place": "村委会",
            "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat(), "places": 1}  # fmt: skip
    response = client.post(
        "/api/v1/offers", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {offerer}"
    )
    assert response.status_code == 201, response.json()
    offer_id = response.json()["id"]
    bad = client.post("/api/v1/offers", {**body, "places": 0}, content_type="application/json",
                      HTTP_AUTHORIZATION=f"Bearer {offerer}")  # fmt: skip
    assert bad.status_code == 400
    assert bad.json()["details"]["field"] == "places"
    assert "1到500" in bad.json()["message"]
    booked = client.post(f"/api/v1/offers/{offer_id}/book", HTTP_AUTHORIZATION=f"Bearer {resident}")
    assert booked.status_code == 201
    assert booked.json()["state"] == "booked"
    twice = client.post(f"/api/v1/offers/{offer_id}/book", HTTP_AUTHORIZATION=f"Bearer {resident}")
    assert twice.status_code == 409
    assert twice.json()["code"] == "already_booked"
    detail = client.get(f"/api/v1/offers/{offer_id}", HTTP_AUTHORIZATION=f"Bearer {resident}").json()
    assert detail["places_left"] == 0
    assert detail["my_booking_state"] == "booked"
    listed = client.get(f"/api/v1/offers/{offer_id}/bookings", HTTP_AUTHORIZATION=f"Bearer {offerer}").json()
    assert [row["who"] for row in listed] == ["r**"]  # the resident's account name, masked


# --- Concurrency: both databases -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_twenty_bookers_on_five_places_make_exactly_five_bookings(areas, audit_triggers_for_flush, tmp_path):
    offerer = make_user("helper", Role.VOLUNTEER, areas["village"])
    starts_at, ends_at = saturday_morning()
    offer = actions.offer_publish(actor=offerer, community=areas["village"], title="义务理发", description="为老人免费理发。",
                                  place="村委会", starts_at=starts_at, ends_at=ends_at, places=5)  # fmt: skip
    bookers = [make_user(f"booker{n}", Role.RESIDENT, areas["village"]) for n in range(20)]
    database = database_for_threads(tmp_path, "concurrency.sqlite3")
    results = in_words(
        at_once(
            database,
            lambda user: actions.booking_create(actor=user, offer=ServiceOffer.objects.get(pk=offer.pk)),
            bookers,
            timeout=60,
        ),
        "booked",
    )
    assert len(results) == 20, results
    assert results.count("booked") == 5
    assert all("名额已满" in r for r in results if r != "booked")
    assert count_in(database, Booking.objects.filter(offer=offer, state="booked")) == 5
    assert count_in(database, AuditEvent.objects.filter(verb="booking.created")) == 5
    assert count_in(database, Notice.objects.filter(recipient=offerer)) == 5


def test_an_offer_that_has_started_cannot_be_cancelled(users, areas):
    offer = publish(users, areas)
    actions.booking_create(actor=users["resident"], offer=offer)
    offer = move_to_past(offer)
    before = snapshot()
    with pytest.raises(Conflict, match="服务已经开始，不能再取消"):
        actions.offer_cancel(actor=users["party_member"], offer=offer)
    assert snapshot() == before
