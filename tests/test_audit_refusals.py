"""Refused attempts leave a trace (403/404/429), rate-limited so that a flood cannot fill the trail."""

import datetime as dt

import pytest
from django.db import DatabaseError
from django.utils import timezone

from gongzhi.audit import refusals
from gongzhi.audit.models import AuditEvent, RefusalTally
from gongzhi.audit.refusals import USER_LIMIT, audit_refusals_summarise, refusal_record, window_start_of
from gongzhi.audit.verification import audit_chain_verify
from gongzhi.core.periodic import periodic_jobs

pytestmark = pytest.mark.django_db


def refused(**filters):
    return AuditEvent.objects.filter(verb="access.refused", **filters)


def test_walking_through_another_villages_residents_leaves_a_trace(client, users, make_resident):
    # Given a resident of the other community
    other = make_resident("grid_b1", name="王五")
    client.force_login(users["community_staff"])
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    # When community staff of 青山村 tries its page, and a page they may not open at all
    assert client.get(f"/residents/{other.pk}/", REMOTE_ADDR="10.9.8.7").status_code == 404
    assert client.get("/audit/", REMOTE_ADDR="10.9.8.7").status_code == 403
    # Then each refusal is a row: who, from where, what, and the answer — and nothing else was written
    rows = list(AuditEvent.objects.exclude(pk__in=before).order_by("pk"))
    assert [r.verb for r in rows] == ["access.refused", "access.refused"]
    first = rows[0]
    assert (first.actor_id, first.source_ip, first.success) == (
        users["community_staff"].pk,
        "10.9.8.7",
        False,
    )
    assert first.summary == {"method": "GET", "path": f"/residents/{other.pk}/", "status": 404, "via": "page"}
    assert rows[1].summary["status"] == 403
    assert audit_chain_verify().ok
    # And the audit administrator finds them under their tab, in words
    client.force_login(users["audit_admin"])
    body = client.get("/audit/?verb=access").content.decode()
    assert f"访问被拒绝（404）：GET /residents/{other.pk}/" in body


def test_api_tokens_are_recorded_too(client, users, make_resident):
    from gongzhi.accounts.actions import api_token_create

    other = make_resident("grid_b1", name="王五")
    _token, key = api_token_create(actor=users["community_staff"], user=users["community_staff"], name="t")
    response = client.get(f"/api/v1/residents/{other.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 404
    row = refused().get()
    assert row.actor_id == users["community_staff"].pk
    assert row.summary["via"] == "api"


def test_the_query_string_is_not_recorded(client, users):
    client.force_login(users["resident"])
    client.get("/residents/?q=张三")
    assert refused().get().summary["path"] == "/residents/"


def test_anonymous_misses_of_unknown_urls_are_not_recorded_and_id_probes_are_bounded(client, settings):
    for n in range(20):
        client.get(f"/wp-login{n}.php")
    assert not refused().exists()
    for n in range(refusals.ANON_LIMIT + 7):
        assert client.get(f"/wishes/{900000 + n}/", REMOTE_ADDR="203.0.113.5").status_code == 404
    assert refused(actor_id=None, source_ip="203.0.113.5").count() == refusals.ANON_LIMIT
    tally = RefusalTally.objects.get(key="ip:203.0.113.5")
    assert (tally.recorded, tally.suppressed) == (refusals.ANON_LIMIT, 7)


def test_many_anonymous_addresses_share_one_ceiling(monkeypatch):
    monkeypatch.setattr(refusals, "ANON_TOTAL_LIMIT", 10)
    now = timezone.now()
    for n in range(40):
        refusal_record(user=None, source_ip=f"198.51.100.{n}", method="GET", path="/wishes/1/", status=404,
                       via="page", now=now)  # fmt: skip
    assert refused().count() == 10
    assert RefusalTally.objects.get(key=refusals.ANON_ALL).suppressed == 30
    audit_refusals_summarise(now=now + refusals.WINDOW)
    more = AuditEvent.objects.get(verb="access.refused_more")
    assert more.summary["count"] == 30
    assert more.actor_label == "匿名（多个地址）"


def test_a_flood_of_1000_probes_writes_a_bounded_trail(client, users, make_resident):
    # Given one account that walks through 1000 ids of another community within a few minutes
    other = make_resident("grid_b1", name="王五")
    client.force_login(users["community_staff"])
    start = window_start_of(timezone.now())
    for n in range(1000):
        response = client.get(f"/residents/{other.pk + 1 + n}/")
        assert response.status_code == 404
    # Then at most USER_LIMIT rows were written for it in its window, and the rest were counted
    assert refused(actor_id=users["community_staff"].pk).count() <= 2 * USER_LIMIT  # a window may turn over
    # Every probe is a row or counted: a window that ended during the walk (a slow machine) has had its
    # count summarised already, and its rows are in the trail, no longer in a tally.
    tallies = RefusalTally.objects.filter(key=f"user:{users['community_staff'].pk}")
    recorded = refused(actor_id=users["community_staff"].pk).count()
    assert recorded + sum(t.suppressed for t in tallies) + _summarised() == 1000
    # When the window has ended (the periodic job, or the next refusal)
    assert "audit_refusals_summarise" in {job.name for job in periodic_jobs()}
    audit_refusals_summarise(now=start + 3 * refusals.WINDOW)
    # Then one row says how many more there were, and every probe is accounted for
    more = AuditEvent.objects.filter(verb="access.refused_more", actor_id=users["community_staff"].pk)
    assert more.exists()
    assert recorded + sum(m.summary["count"] for m in more) == 1000
    assert not RefusalTally.objects.exists()
    assert audit_chain_verify().ok
    client.force_login(users["audit_admin"])
    assert "未逐条记录" in client.get("/audit/?verb=access").content.decode()


def _summarised() -> int:
    return sum(e.summary["count"] for e in AuditEvent.objects.filter(verb="access.refused_more"))


def test_the_summary_is_written_at_the_next_refusal_after_the_window(users):
    user = users["resident"]
    start = window_start_of(timezone.now())
    for _n in range(USER_LIMIT + 5):
        refusal_record(
            user=user, source_ip="10.0.0.1", method="GET", path="/x/", status=404, via="page", now=start
        )
    assert refused().count() == USER_LIMIT
    assert not AuditEvent.objects.filter(verb="access.refused_more").exists()
    refusal_record(user=user, source_ip="10.0.0.1", method="GET", path="/y/", status=404, via="page",
                   now=start + refusals.WINDOW + dt.timedelta(seconds=1))  # fmt: skip
    more = AuditEvent.objects.get(verb="access.refused_more")
    assert more.summary["count"] == 5
    assert more.actor_id == user.pk
    assert refused().count() == USER_LIMIT + 1
    assert audit_refusals_summarise() == 0  # idempotent: nothing left to say


def test_a_database_failure_does_not_turn_the_refusal_into_an_error(client, users, monkeypatch):
    def broken(**kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(refusals, "refusal_record", broken)
    client.force_login(users["resident"])
    assert client.get("/audit/").status_code == 403


def test_a_refused_reveal_is_recorded_and_a_lockout_is_told_once(client, users, make_resident):
    from django.test import Client

    # A party member tries to reveal an ID: refused (403), recorded
    resident = make_resident("grid_a1", name="李秀英")
    client.force_login(users["party_member"])
    assert client.post(f"/residents/{resident.pk}/reveal/", {"reason": "看看"}).status_code == 403
    row = refused(actor_id=users["party_member"].pk).get()
    assert row.summary == {"method": "POST", "path": f"/residents/{resident.pk}/reveal/", "status": 403,
                           "via": "page"}  # fmt: skip
    # Logins refused during a lockout are the lockout's own rows (auth.locked_out), not a second trace
    from_a = Client(REMOTE_ADDR="203.0.113.7")
    for _n in range(6):
        from_a.post("/accounts/login/", {"username": "community_staff", "password": "Wrong-Password-1"})
    assert AuditEvent.objects.filter(verb="auth.locked_out").count() == 1
    assert not refused(source_ip="203.0.113.7").exists()


def test_a_reveal_past_the_hourly_limit_is_a_recorded_refusal(client, users, make_resident, settings):
    settings.GONGZHI_REVEAL_LIMIT_PER_HOUR = 2
    resident = make_resident("grid_a1", name="李秀英")
    client.force_login(users["community_staff"])
    for _n in range(2):
        assert client.post(f"/residents/{resident.pk}/reveal/", {"reason": "核对低保材料"}).status_code == 200
    assert not refused(actor_id=users["community_staff"].pk).exists()
    answer = client.post(f"/residents/{resident.pk}/reveal/", {"reason": "核对低保材料"}, follow=True)
    assert "上限" in answer.content.decode()
    row = refused(actor_id=users["community_staff"].pk).get()
    assert row.summary["status"] == 429
    assert row.summary["path"] == f"/residents/{resident.pk}/reveal/"
    assert AuditEvent.objects.filter(verb="resident.id_revealed").count() == 2
