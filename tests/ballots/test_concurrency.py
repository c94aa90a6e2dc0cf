"""Ballots at once, on both databases: one ballot per voter, no lost and no doubled ballot, every slot once.

Each voter runs in their own thread and connection, released together by a barrier. On PostgreSQL the casts
really overlap (the unique participation row makes a second cast of the same voter wait and then fail; SKIP
LOCKED hands concurrent casts different empty slots); SQLite serialises writers (IMMEDIATE transactions) on a
file copy of the test database, as in production. The bench's ballot storm does the same over HTTP, with the
server killed mid-vote.
"""

import json
from collections import Counter

import pytest

from gongzhi.accounts.roles import Role
from gongzhi.ballots.actions import ballot_box_close, ballot_cast
from gongzhi.core.errors import Conflict, DomainError
from tests.conftest import make_user
from tests.threads import at_once, database_for_threads, rows_in

from .conftest import YES


def _box_figures(database: str, box_id: int) -> dict:
    participations = rows_in(
        database, "SELECT user_id FROM ballots_participation WHERE box_id = %s", [box_id]
    )
    ballots = rows_in(database, "SELECT id, filled, answers FROM ballots_ballot WHERE box_id = %s", [box_id])
    filled = [row for row in ballots if row[1]]
    answers = [row[2] if isinstance(row[2], dict) else json.loads(row[2]) for row in filled]
    return {
        "voters": Counter(row[0] for row in participations),
        "slots": len(ballots),
        "filled": len(filled),
        "road": Counter(a["road"] for a in answers),
    }


@pytest.mark.django_db(transaction=True)
def test_one_voter_casting_eight_times_at_once_is_counted_once(
    open_box, voters, audit_triggers_for_flush, tmp_path
):
    box = open_box()
    database = database_for_threads(tmp_path, "ballots.sqlite3")
    outcomes = at_once(database, lambda n: ballot_cast(actor=voters[0], box=box, answers=YES), range(8))
    receipts = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, Conflict) and o.code == "already_voted"]
    assert len(receipts) == 1, outcomes
    assert receipts[0].receipt
    assert len(refused) == 7, outcomes
    figures = _box_figures(database, box.pk)
    assert figures["voters"] == Counter({voters[0].pk: 1})
    assert figures["filled"] == 1
    assert figures["road"] == Counter({"for": 1})


@pytest.mark.django_db(transaction=True)
def test_thirty_voters_at_once_fill_thirty_slots_and_the_tally_matches(
    open_box, areas, audit_triggers_for_flush, tmp_path
):
    people = [make_user(f"storm{n:02d}", Role.RESIDENT, areas["village"]) for n in range(30)]
    box = open_box(who=people)
    database = database_for_threads(tmp_path, "ballots.sqlite3")
    choice = ["for", "against", "abstain"]

    def cast(n: int):
        return ballot_cast(actor=people[n], box=box, answers={"road": choice[n % 3], "chair": "competent"},
                           key=f"key-{n}")  # fmt: skip

    outcomes = at_once(database, cast, range(30))
    assert all(not isinstance(o, Exception) and o.receipt for o in outcomes), outcomes
    assert len({o.receipt for o in outcomes}) == 30
    figures = _box_figures(database, box.pk)
    assert figures["voters"] == Counter({p.pk: 1 for p in people})
    assert figures["slots"] == 30
    assert figures["filled"] == 30
    assert figures["road"] == Counter({"for": 10, "against": 10, "abstain": 10})
    # Everyone retrying at once with their key: all "already counted", nothing more written.
    retries = at_once(database, cast, range(30))
    assert all(not isinstance(o, Exception) and o.already_counted for o in retries), retries
    assert _box_figures(database, box.pk) == figures


@pytest.mark.django_db(transaction=True)
def test_casting_while_the_box_closes_counts_exactly_what_the_close_saw(
    open_box, areas, users, audit_triggers_for_flush, tmp_path
):
    people = [make_user(f"late{n:02d}", Role.RESIDENT, areas["village"]) for n in range(12)]
    box = open_box(who=people)
    database = database_for_threads(tmp_path, "ballots.sqlite3")

    def work(n: int):
        if n == 12:
            return ballot_box_close(actor=users["community_staff"], box=box)
        return ballot_cast(actor=people[n], box=box, answers=YES)

    outcomes = at_once(database, work, range(13))
    cast = [o for o in outcomes if hasattr(o, "receipt")]
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert all(o.code == "ballot_closed" for o in refused), outcomes
    assert len(cast) + len(refused) == 12
    figures = _box_figures(database, box.pk)
    assert figures["filled"] == sum(figures["voters"].values()) == len(cast)
    closed = rows_in(database, "SELECT summary FROM audit_auditevent WHERE verb = %s", ["ballot.box_closed"])
    summary = closed[0][0] if isinstance(closed[0][0], dict) else json.loads(closed[0][0])
    assert summary["participated"] == len(cast)  # nothing counted after the close
