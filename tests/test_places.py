"""The kernel places flow (gongzhi.core.places) itself, run on each feature's flow declaration.

The messages are this test's own: the flow must say what its caller gives it, whichever feature calls.
"""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.places import PlacesFlow, assisted_user, place_give_back, place_take, places_cancel
from gongzhi.notices.models import Notice
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

FULL, ALREADY, ALREADY_ASSISTED = (
    "测试：没有名额了。",
    "测试：您已经占了一个名额。",
    "测试：这位居民已经有名额。",
)
TOLD_BACK, TOLD_CANCEL, TOLD_ASSISTED = (
    "测试：「%(t)s」名额已还",
    "测试：「%(t)s」整体取消",
    "测试：已替您占「%(t)s」",
)


def _start() -> tuple[dt.datetime, dt.datetime]:
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + dt.timedelta(days=3)
    return start, start + dt.timedelta(hours=2)


def _service(users, areas, places: int):
    from gongzhi.offers import actions
    from gongzhi.offers.workflow import PLACES

    starts_at, ends_at = _start()
    parent = actions.offer_publish(
        actor=users["party_member"], community=areas["village"], title="为老人义务理发",
        description="周六上午在村委会为老人免费理发。", place="青山村村委会", starts_at=starts_at,
        ends_at=ends_at, places=places,
    )  # fmt: skip
    return PLACES, parent


def _activity(users, areas, places: int):
    from gongzhi.activities.workflow import PLACES
    from tests.activities.conftest import publish

    return PLACES, publish(users["community_staff"], areas["village"], places=places)


@pytest.fixture(params=[_service, _activity], ids=["service", "activity"])
def flow_with(request, users, areas):
    """(flow, parent with `places` places) for each feature that declares a places flow."""
    return lambda places=2: request.param(users, areas, places)


def take(flow: PlacesFlow, parent, *, actor, resident=None, user=None, consent_channel=""):
    return place_take(
        flow, actor=actor, parent=parent, resident=resident, user=user, consent_channel=consent_channel,
        refuse=lambda locked: None, already=ALREADY, already_assisted=ALREADY_ASSISTED, already_code="twice",
        full=FULL, told_assisted=TOLD_ASSISTED,
    )  # fmt: skip


def state(flow: PlacesFlow):
    """What a refusal must leave as it was: every place taken (and its state), the audit trail, the notices."""
    rows = flow.taking._default_manager.values_list("pk", "state")  # type: ignore[attr-defined]
    return set(rows), AuditEvent.objects.count(), Notice.objects.count()


def people(n: int):
    return [make_user(f"taker{i}") for i in range(n)]


def test_over_the_places_is_refused_with_the_callers_message_and_changes_nothing(flow_with):
    flow, parent = flow_with(2)
    first, second, third = people(3)
    taken = take(flow, parent, actor=first, user=first)
    assert taken.before == 0
    assert getattr(taken.taking, flow.parent_field) == taken.parent
    assert take(flow, parent, actor=second, user=second).before == 1
    assert AuditEvent.objects.filter(verb=flow.taken_verb).count() == 2
    before = state(flow)
    with pytest.raises(Conflict) as refused:
        take(flow, parent, actor=third, user=third)
    assert (refused.value.message, refused.value.code) == (FULL, "full")
    assert state(flow) == before
    assert flow.active(parent).count() == 2


def test_a_person_is_refused_a_second_place_by_account_and_by_register_entry(flow_with, users, make_resident):
    flow, parent = flow_with(5)
    (person,) = people(1)
    take(flow, parent, actor=person, user=person)
    before = state(flow)
    with pytest.raises(Conflict) as refused:
        take(flow, parent, actor=person, user=person)
    assert (refused.value.message, refused.value.code) == (ALREADY, "twice")
    assert state(flow) == before
    # A clerk taking a place for a resident of the register: recorded with the consent; the same person
    # again (by the clerk, with the clerk's message) is refused too.
    elder = make_resident("grid_a1", name="王奶奶")
    clerk = users["grid_worker"]
    user = assisted_user(elder, "phone", not_listed="测试：不在册")
    assisted = take(flow, parent, actor=clerk, resident=elder, user=user, consent_channel="phone").taking
    assert (assisted.assisted, assisted.consent_channel, getattr(assisted, flow.by_field)) == (
        True,
        "phone",
        clerk,
    )
    assert assisted.consent_at is not None
    before = state(flow)
    with pytest.raises(Conflict) as refused:
        take(flow, parent, actor=clerk, resident=elder, user=user, consent_channel="face")
    assert refused.value.message == ALREADY_ASSISTED
    assert state(flow) == before


def test_an_assisted_place_needs_a_consent_and_a_resident_on_the_register(users, make_resident):
    elder = make_resident("grid_a1", name="王奶奶")
    with pytest.raises(DomainError) as refused:
        assisted_user(elder, "", not_listed="测试：不在册")
    assert refused.value.field == "consent_channel"
    elder.status = "moved_out"
    with pytest.raises(DomainError, match="测试：不在册"):
        assisted_user(elder, "phone", not_listed="测试：不在册")


def test_giving_a_place_back_frees_it_and_tells_the_person_when_a_clerk_did_it(flow_with, users):
    flow, parent = flow_with(2)
    first, second, third = people(3)
    mine = take(flow, parent, actor=first, user=first).taking
    clerk = users["grid_worker"]
    theirs = take(flow, parent, actor=clerk, user=second, consent_channel="phone").taking
    assert Notice.objects.filter(recipient=second, title=TOLD_ASSISTED % {"t": parent.title}).exists()
    with pytest.raises(Conflict):
        take(flow, parent, actor=third, user=third)
    given = place_give_back(flow, actor=first, taking=mine, told=TOLD_BACK)
    assert given.before == 1
    assert given.taking.state not in flow.active_states
    assert AuditEvent.objects.filter(verb=flow.give_back_verb, target_id=str(mine.pk)).exists()
    assert not Notice.objects.filter(recipient=first, title__startswith="测试：").exists()  # one's own doing
    assert take(flow, parent, actor=third, user=third).before == 1  # the freed place is taken again
    place_give_back(flow, actor=clerk, taking=theirs, told=TOLD_BACK)
    told = Notice.objects.get(recipient=second, title=TOLD_BACK % {"t": parent.title})
    assert told.kind == flow.notice_kind
    assert told.url == flow.url(parent)


def test_cancelling_cancels_every_open_place_and_tells_every_contact(flow_with, users, make_resident):
    flow, parent = flow_with(5)
    first, second = people(2)
    clerk = users["grid_worker"]
    elder = make_resident("grid_a1", name="王奶奶")  # no account: the clerk who took the place hears of it
    takings = [
        take(flow, parent, actor=first, user=first).taking,
        take(flow, parent, actor=second, user=second).taking,
        take(flow, parent, actor=clerk, resident=elder, consent_channel="phone").taking,
    ]
    place_give_back(flow, actor=second, taking=takings[1], told=TOLD_BACK)
    organiser = users["community_staff"]
    cancelled = places_cancel(flow, actor=organiser, parent=parent, reason="场地临时有安排", told=TOLD_CANCEL)
    assert cancelled.parent.state == "cancelled"
    assert cancelled.parent.cancel_reason == "场地临时有安排"
    assert [t.pk for t in cancelled.takings] == [takings[0].pk, takings[2].pk]  # not the one given back
    assert flow.active(parent).count() == 0
    title = TOLD_CANCEL % {"t": parent.title}
    for contact in (first, clerk):
        notice = Notice.objects.get(recipient=contact, title=title)
        assert "场地临时有安排" in notice.body
        assert notice.url == flow.url(parent)
    assert not Notice.objects.filter(recipient=second, title=title).exists()
    event = AuditEvent.objects.get(verb=flow.cancel_verb, target_id=str(parent.pk))
    assert event.summary[flow.cancelled_count_key] == 2
    moved = AuditEvent.objects.filter(verb=flow.with_parent_verb).values_list("target_id", flat=True)
    assert sorted(moved) == sorted([str(takings[0].pk), str(takings[2].pk)])
    before = state(flow)
    with pytest.raises(Conflict):
        places_cancel(flow, actor=organiser, parent=parent, reason="", told=TOLD_CANCEL)
    assert state(flow) == before
