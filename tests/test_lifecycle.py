"""core.lifecycle: a record's states and moves as data, one move function, one "moves this user may make now"."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.conventions import actions
from gongzhi.conventions.models import Revision, RevisionEvent, RevisionState
from gongzhi.core import lifecycle as lifecycle_module
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.lifecycle import (
    Guard,
    Lifecycle,
    Move,
    Refusal,
    lifecycle_check,
    lifecycle_move,
    lifecycle_moves_for,
    lifecycle_of,
    lifecycle_register,
    lifecycle_verbs_for,
)
from gongzhi.offers.models import ServiceOffer


@pytest.fixture
def revision(users, areas):
    campaign = actions.campaign_launch(
        actor=users["township_admin"], township=areas["township"], year=timezone.localdate().year,
        deadline=timezone.localdate() + dt.timedelta(days=30), topic_keys=[t.key for t in actions.DEFAULT_TOPICS],
    )  # fmt: skip
    return actions.revision_start(
        actor=users["community_staff"], campaign=campaign, community=areas["village"]
    )


def _offer(users, areas, *, starts_in: dt.timedelta) -> ServiceOffer:
    starts = timezone.now() + starts_in
    return ServiceOffer.objects.create(
        title="理发", description="为老人免费理发", place="村委会", starts_at=starts, ends_at=starts + dt.timedelta(hours=2),
        places=3, community=areas["village"], area_path=areas["village"].path, offerer=users["party_member"],
    )  # fmt: skip


def test_a_lifecycle_refuses_moves_to_or_from_undeclared_states():
    with pytest.raises(AssertionError):
        Lifecycle(
            model="x.Y", states={"a": "A"}, initial="a", moves=(Move("go", frozenset({"a"}), "b", "去"),)
        )
    with pytest.raises(AssertionError):
        Lifecycle(model="x.Y", states={"a": "A"}, initial="b", moves=())


def test_each_stateful_model_finds_its_lifecycle_in_its_apps_workflow(revision):
    assert lifecycle_of(revision).model == "conventions.Revision"
    assert lifecycle_of(ServiceOffer).model == "offers.ServiceOffer"
    assert {m.verb for m in lifecycle_of(revision).moves} >= {"submit", "approve", "return", "adopt", "file"}


def test_an_undeclared_move_is_refused_with_the_moves_message_and_nothing_changes(revision, users):
    events = RevisionEvent.objects.count()
    audits = AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused, transaction.atomic():
        lifecycle_move(revision, "file", actor=users["community_staff"], audit_verb="convention.filed")
    assert refused.value.code == "not_adopted"
    assert "起草中" in refused.value.message  # names the current state
    assert Revision.objects.get(pk=revision.pk).state == RevisionState.DRAFTING
    assert RevisionEvent.objects.count() == events
    assert AuditEvent.objects.count() == audits


def test_a_verb_the_lifecycle_does_not_know_is_refused_naming_the_state(revision):
    with pytest.raises(DomainError) as refused:
        lifecycle_check(revision, "fly")
    assert refused.value.code == "move_refused"
    assert "起草中" in refused.value.message


def test_a_move_sets_the_state_and_writes_the_event_row_and_the_audit_row(revision, users):
    actor = users["township_reviewer"]
    Revision.objects.filter(pk=revision.pk).update(state=RevisionState.UNDER_REVIEW)
    revision.refresh_from_db()
    with transaction.atomic():
        moved = lifecycle_move(revision, "return", actor=actor, note="请补充", audit_verb="convention.returned",
                               changes={"review_comment": "请补充"}, summary={"comment": "请补充"})  # fmt: skip
    assert moved.obj is revision
    assert moved.before == RevisionState.UNDER_REVIEW
    stored = Revision.objects.get(pk=revision.pk)
    assert (stored.state, stored.review_comment) == (RevisionState.RETURNED, "请补充")
    event = RevisionEvent.objects.filter(revision=revision).latest("id")
    assert moved.event == event
    assert (event.verb, event.from_state, event.to_state, event.note, event.actor) == (
        "return",
        "under_review",
        "returned",
        "请补充",
        actor,
    )
    audit = AuditEvent.objects.latest("id")
    assert (audit.verb, audit.target_id, audit.actor_id) == (
        "convention.returned",
        str(revision.pk),
        actor.pk,
    )


def test_a_failing_guard_refuses_with_its_own_message(users, areas):
    offer = _offer(users, areas, starts_in=dt.timedelta(days=1))
    with pytest.raises(Conflict) as refused:
        lifecycle_check(offer, "complete")  # open, but it has not started
    assert refused.value.code == "not_started"
    assert ServiceOffer.objects.get(pk=offer.pk).state == "open"


def test_entering_a_closed_state_sets_the_closing_time(users, areas):
    offer = _offer(users, areas, starts_in=dt.timedelta(days=1))
    with transaction.atomic():
        lifecycle_move(offer, "cancel", actor=users["party_member"], audit_verb="offer.cancelled")
    assert ServiceOffer.objects.get(pk=offer.pk).closed_at is not None


def test_the_moves_a_user_may_make_now_follow_state_guard_and_permission(revision, users, areas):
    def verbs(obj, user):
        return {m.verb for m in lifecycle_moves_for(obj, user)}

    assert verbs(revision, users["community_staff"]) == {"submit"}
    assert verbs(revision, users["township_reviewer"]) == set()  # reviewers do not draft
    assert verbs(revision, users["other_staff"]) == set()  # another community's staff
    revision.state = RevisionState.UNDER_REVIEW
    assert verbs(revision, users["township_reviewer"]) == {"approve", "return"}
    assert verbs(revision, users["community_staff"]) == set()
    revision.state = RevisionState.FILED
    assert verbs(revision, users["township_admin"]) == {"acknowledge"}
    revision.acknowledged_at = timezone.now()
    assert verbs(revision, users["township_admin"]) == set()  # the guard: once

    upcoming = _offer(users, areas, starts_in=dt.timedelta(days=1))
    assert verbs(upcoming, users["party_member"]) == {"cancel"}  # before the start: cancel, not complete
    assert verbs(upcoming, users["community_staff"]) == {"cancel"}  # staff may cancel, never confirm
    assert verbs(upcoming, users["resident"]) == set()
    started = _offer(users, areas, starts_in=dt.timedelta(hours=-1))
    assert verbs(started, users["party_member"]) == {"complete"}
    assert lifecycle_verbs_for(started, users["party_member"]) == {"cancel": False, "complete": True}


def test_a_refusal_may_belong_to_a_form_field():
    lifecycle = Lifecycle(
        model="x.Y", states={"a": "甲", "b": "乙"}, initial="a",
        moves=(Move("go", frozenset({"a"}), "b", "前往", refused=Refusal("“%(state)s”不能%(verb)s", "no", field="f")),
               Move("stay", frozenset({"a"}), "a", "停留", guards=(Guard(lambda obj: False, Refusal("不行")),))),
    )  # fmt: skip
    refusal = lifecycle.refusal("go", "b")
    assert (refusal.code, refusal.field) == ("no", "f")
    assert lifecycle.move("go", "a") is not None
    assert lifecycle.move("go", "b") is None


def test_a_system_move_is_never_offered_and_a_moves_check_decides_with_the_time(users):
    """The one Move class carries the case engine's `check` and `manual` to every lifecycle."""
    opened_at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    lifecycle_register(
        Lifecycle(
            model="test.Thing",
            states={"open": "开放", "closed": "关闭"},
            initial="open",
            moves=(
                Move(
                    "close",
                    frozenset({"open"}),
                    "closed",
                    "关闭",
                    check=lambda user, obj, now: now < obj.opened_at + dt.timedelta(days=7),
                ),
                Move("lapse", frozenset({"open"}), "closed", "到期关闭", manual=False),
            ),
        )
    )
    try:
        thing = SimpleNamespace(_meta=SimpleNamespace(label="test.Thing"), state="open", opened_at=opened_at)
        user = users["community_staff"]

        def verbs(now):
            return [m.verb for m in lifecycle_moves_for(thing, user, now=now)]

        assert verbs(opened_at + dt.timedelta(days=6)) == ["close"]
        assert verbs(opened_at + dt.timedelta(days=8)) == []
        # The system move is declared (the move function accepts it) but offered to nobody, not even by name.
        assert lifecycle_check(thing, "lapse").target == "closed"
        assert "lapse" not in lifecycle_verbs_for(thing, user)
    finally:
        lifecycle_module._REGISTRY.pop("test.Thing")
