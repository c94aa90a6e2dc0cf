"""Measured (issue 12): "Sign-up storm: 64 residents on 20 places at once, repeated over 100 activities, on both
databases: never more than the places." The suite runs fewer rounds (STORM_ROUNDS, default 5) to stay fast;
`make bench` runs the full 100 over HTTP (bench/storm.py, "signups")."""

import os

import pytest

from gongzhi.accounts.roles import Role
from gongzhi.activities import actions
from gongzhi.activities.models import Activity, SignUp
from gongzhi.audit.models import AuditEvent
from tests.activities.conftest import publish
from tests.conftest import make_user
from tests.threads import at_once, count_in, database_for_threads, in_words

PEOPLE, PLACES = 64, 20
ROUNDS = int(os.environ.get("STORM_ROUNDS", "5"))


@pytest.mark.django_db(transaction=True)
def test_sixty_four_residents_on_twenty_places_never_overbook(areas, audit_triggers_for_flush, tmp_path):
    staff = make_user("storm_staff", Role.COMMUNITY_STAFF, areas["village"])
    people = [make_user(f"storm{n}", Role.RESIDENT, areas["village"]) for n in range(PEOPLE)]
    activities = [
        publish(staff, areas["village"], places=PLACES, title=f"风暴活动{n}") for n in range(ROUNDS)
    ]
    database = database_for_threads(tmp_path, "storm.sqlite3")
    most = 0
    for activity in activities:
        results = in_words(
            at_once(
                database,
                lambda user, pk=activity.pk: actions.signup_create(
                    actor=user, activity=Activity.objects.get(pk=pk)
                ),
                people,
                timeout=120,
            ),
            "signed",
        )
        assert len(results) == PEOPLE, results
        assert results.count("signed") == PLACES, results
        assert all("名额已满" in r for r in results if r != "signed"), results
        taken = count_in(database, SignUp.objects.filter(activity=activity, state="signed"))
        assert taken == PLACES
        most = max(most, taken)
    assert most <= PLACES
    assert count_in(database, AuditEvent.objects.filter(verb="signup.created")) == PLACES * ROUNDS
