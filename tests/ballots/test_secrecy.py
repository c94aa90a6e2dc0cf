"""Secrecy: nothing the application stores links a voter to a ballot (decision 0038).

Asserted on the real schema and rows: the ballot table has no voter, time or sequence; slots get random keys
when the box opens; the order ballots are stored and listed in was fixed before anyone voted; the audit rows,
the idempotency cache and the session hold no slot or receipt; on PostgreSQL the close leaves every slot with
the same transaction id and in key order.
"""

import json
import uuid

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection, models

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.ballots.actions import ballot_box_close, ballot_cast
from gongzhi.ballots.models import Ballot, Participation

pytestmark = pytest.mark.django_db

POLL = [
    {
        "key": "site",
        "text": "文化广场选址",
        "options": [{"key": f"s{n}", "label": f"地点{n}"} for n in range(10)],
    }
]


def test_the_ballot_table_names_no_voter_no_time_and_no_sequence():
    fields = {f.name: f for f in Ballot._meta.get_fields() if f.concrete}
    assert set(fields) == {"id", "box", "filled", "answers", "receipt_hash"}
    assert isinstance(fields["id"], models.UUIDField)
    assert fields["id"].primary_key
    assert not any(
        isinstance(f, models.DateField | models.TimeField | models.AutoField) for f in fields.values()
    )
    related = {f.name: f.related_model._meta.label for f in fields.values() if f.is_relation}
    assert related == {"box": "ballots.BallotBox"}
    assert Ballot._meta.ordering == ["id"]
    with connection.cursor() as cursor:
        columns = {
            c.name for c in connection.introspection.get_table_description(cursor, Ballot._meta.db_table)
        }
        constraints = connection.introspection.get_constraints(cursor, Ballot._meta.db_table)
    assert columns == {"id", "box_id", "filled", "answers", "receipt_hash"}
    foreign = {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}
    assert foreign == {"ballots_ballotbox"}


def test_who_voted_holds_no_time_and_no_ballot():
    fields = {f.name: f for f in Participation._meta.get_fields() if f.concrete}
    assert set(fields) == {"id", "box", "user", "key_hash"}
    assert not any(isinstance(f, models.DateField | models.TimeField) for f in fields.values())


def test_slots_get_random_keys_when_the_box_opens(open_box):
    box = open_box()
    keys = list(Ballot.objects.filter(box=box).values_list("id", flat=True))
    assert all(isinstance(k, uuid.UUID) and k.version == 4 for k in keys)
    assert len(set(keys)) == len(keys)


def _stored_order() -> list[str]:
    """Ballots in the order the database keeps them (rowid on SQLite, ctid on PostgreSQL)."""
    physical = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {Ballot._meta.db_table} ORDER BY {physical}")
        return [str(uuid.UUID(str(row[0]))) for row in cursor.fetchall()]


def test_the_order_of_ballots_was_fixed_before_anyone_voted_and_is_not_the_order_of_the_votes(
    open_box, voters, users
):
    box = open_box(questions=POLL)
    listed_before = [str(k) for k in Ballot.objects.filter(box=box).values_list("id", flat=True)]
    stored_before = _stored_order()
    for n, voter in enumerate(voters):  # voter n chooses site n: each ballot says who cast it, in cast order
        ballot_cast(actor=voter, box=box, answers={"site": f"s{n}"})
    cast_order = [f"s{n}" for n in range(len(voters))]
    listed = list(Ballot.objects.filter(box=box).values_list("id", "answers"))
    # The default order is the random key, drawn when the box opened: the same list as before the votes.
    assert [str(k) for k, _a in listed] == listed_before
    listed_answers = [a["site"] for _k, a in listed if a]
    assert sorted(listed_answers) == sorted(cast_order)
    assert listed_answers != cast_order  # (10! orders: the chance of this by luck is 1 in 3,628,800)
    if connection.vendor == "sqlite":  # rows updated in place: the stored order is the one made at opening
        assert _stored_order() == stored_before
    ballot_box_close(actor=users["community_staff"], box=box)
    # After the close the rows are stored in key order, on both databases.
    assert _stored_order() == sorted(_stored_order(), key=uuid.UUID) == sorted(listed_before, key=uuid.UUID)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_the_link_xmin_makes_while_the_box_is_open_is_gone_after_the_close(
    open_box, voters, users, audit_triggers_for_flush
):
    box = open_box(questions=POLL)
    for n, voter in enumerate(voters[:4]):  # each cast commits on its own, as in production
        ballot_cast(actor=voter, box=box, answers={"site": f"s{n}"})

    def slot_xmins() -> dict[str, str]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id::text, xmin::text FROM {Ballot._meta.db_table} WHERE box_id = %s", [box.pk]
            )
            return {key.replace("-", ""): xmin for key, xmin in cursor.fetchall()}

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT xmin::text, actor_id FROM {AuditEvent._meta.db_table} WHERE verb = 'ballot.cast'"
        )
        cast_by = dict(cursor.fetchall())
    # While open: each filled slot has the transaction id of the audit row that names its voter (decision 0038
    # says so; the participation, written in a savepoint, has the subtransaction's id, the next one).
    filled = {k.hex for k in Ballot.objects.filter(box=box, filled=True).values_list("id", flat=True)}
    linked = {cast_by.get(xmin) for key, xmin in slot_xmins().items() if key in filled}
    assert linked == {v.pk for v in voters[:4]}
    ballot_box_close(actor=users["community_staff"], box=box)
    after = set(slot_xmins().values())
    assert len(after) == 1  # every slot: the close's transaction
    assert not after & set(cast_by)


def test_the_audit_row_of_a_cast_names_the_voter_and_the_box_and_nothing_of_the_ballot(open_box, voters):
    box = open_box()
    receipt = ballot_cast(
        actor=voters[0], box=box, answers={"road": "against", "chair": "incompetent"}
    ).receipt
    slot = Ballot.objects.get(box=box, filled=True)
    row = AuditEvent.objects.get(verb="ballot.cast")
    assert (row.actor_id, row.target_type, str(row.target_id)) == (
        voters[0].pk,
        "ballots.ballotbox",
        str(box.pk),
    )
    assert row.summary == {}
    every = json.dumps(list(AuditEvent.objects.values()), default=str)
    for secret in (str(slot.id), slot.id.hex, receipt, slot.receipt_hash, "against", "incompetent"):
        assert secret not in every


def test_an_api_cast_leaves_nothing_in_the_idempotency_cache_and_a_page_cast_nothing_in_the_session(
    open_box, voters, client
):
    box = open_box()
    token = api_token_create(actor=voters[0], user=voters[0], name="phone")[1]
    answer = client.post(
        f"/api/v1/ballots/{box.pk}/cast",
        {"answers": {"road": "for", "chair": "competent"}},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY="retry-me",
    )
    assert answer.status_code == 201, answer.content
    cache = caches["idempotency"]
    assert not getattr(cache, "_cache", {}), "the cast must not go through the idempotency cache"
    client.force_login(voters[1])
    page = client.post(f"/ballots/{box.pk}/", {"q_road": "against", "q_chair": "competent"})
    assert page.status_code == 200
    assert page.context["receipt"]
    receipt = page.context["receipt"]
    sessions = " ".join(str(s.get_decoded()) for s in Session.objects.all())
    assert receipt not in sessions
    assert receipt not in page.get("Location", "")
    assert page["Cache-Control"].startswith("no-store") or "no-store" in page["Cache-Control"]
