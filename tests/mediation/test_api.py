"""People's mediation over /api/v1/mediation: the whole case through the API, only for whom a case concerns."""

import json

import pytest
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.mediation import actions
from gongzhi.mediation.models import Dispute, Party, Screening, Training
from tests.pdfs import blank_pdf

pytestmark = pytest.mark.django_db


def auth(user):
    _token, key = api_token_create(actor=user, user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, path, user, body=None):
    return client.post(path, json.dumps(body or {}), content_type="application/json", **auth(user))


def test_a_case_from_intake_to_follow_up_over_the_api(client, committee, users, areas):
    made = post(
        client,
        "/api/v1/mediation/cases",
        committee.party,
        {
            "category": "neighbours",
            "facts": "王五家的排水沟堵了，雨水冲进李四家。",
            "parties": [{"side": "respondent", "name": "王五", "id_number": committee.respondent_id}],
        },
    )
    assert made.status_code == 201, made.content
    case = made.json()
    assert case["code"].startswith("TJ")
    assert case["state"] == "received"
    assert [p["name"] for p in case["parties"]] == ["李四", "王五"]
    path = f"/api/v1/mediation/cases/{case['id']}"
    assert post(client, path + "/accept", committee.chair).status_code == 200
    # Assigning: only the chair (a party reads the case but may not; a mediator not on it does not see it).
    refused = post(client, path + "/assign", committee.party, {"mediator_id": committee.mediator.pk})
    assert refused.status_code == 403
    unseen = post(client, path + "/assign", committee.mediator, {"mediator_id": committee.mediator.pk})
    assert unseen.status_code == 404
    assigned = post(client, path + "/assign", committee.chair, {"mediator_id": committee.mediator.pk})
    assert assigned.status_code == 200, assigned.content
    assert "session" in client.get(path, **auth(committee.mediator)).json()["moves"]
    parties = {p["name"]: p["id"] for p in assigned.json()["parties"]}
    session = post(
        client,
        path + "/sessions",
        committee.mediator,
        {
            "held_on": timezone.localdate().isoformat(),
            "place": "村委会调解室",
            "attendees": "李四、王五",
            "positions": [
                {"party_id": parties["李四"], "text": "要求疏通"},
                {"party_id": parties["王五"], "text": "同意"},
            ],
        },
    )
    assert session.status_code == 200, session.content
    early = post(
        client,
        path + "/followup",
        committee.mediator,
        {"visited_on": timezone.localdate().isoformat(), "outcome": "kept", "note": "已履行"},
    )
    assert early.status_code == 409
    assert "达成调解协议后" in early.json()["message"]
    empty = post(client, path + "/close", committee.mediator, {"outcome": "agreement", "terms": ""})
    assert empty.status_code == 400
    assert empty.json()["details"]["field"] == "terms"
    closed = post(
        client,
        path + "/close",
        committee.mediator,
        {
            "outcome": "agreement",
            "terms": "王五本周内疏通排水沟，不再往李四家排水。",
            "confirmation_wanted": True,
        },
    )
    assert closed.status_code == 200, closed.content
    assert closed.json()["state"] == "agreed"
    assert closed.json()["confirmation_due"]
    again = post(client, path + "/close", committee.mediator, {"outcome": "withdrawn"})
    assert again.status_code == 409
    visit = post(
        client,
        path + "/followup",
        committee.chair,
        {"visited_on": timezone.localdate().isoformat(), "outcome": "kept", "note": "已疏通"},
    )
    assert visit.status_code == 200, visit.content
    assert visit.json()["followups"][0]["outcome"] == "kept"


def test_no_one_outside_a_case_reads_it_over_the_api(client, committee, open_case, users):
    dispute = open_case()
    path = f"/api/v1/mediation/cases/{dispute.pk}"
    for name in ("community_staff", "township_admin", "grid_worker", "supervisor", "window_clerk", "nobody"):
        assert client.get(path, **auth(users[name])).status_code == 404
        assert client.get("/api/v1/mediation/cases", **auth(users[name])).json()["count"] == 0
    assert client.get(path, **auth(committee.second)).status_code == 404
    assert client.get(path, **auth(committee.party)).status_code == 200
    assert client.get(path, **auth(committee.chair)).status_code == 200


def test_a_grid_workers_intake_answers_the_code_only(client, committee, users, areas):
    made = post(
        client,
        "/api/v1/mediation/cases",
        users["grid_worker"],
        {
            "community_id": areas["village"].pk,
            "category": "land",
            "facts": "两户对承包地边界有争议。",
            "parties": [{"side": "applicant", "name": "外村人", "phone": "13912345678"}],
        },
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["code"]
    assert body["facts"] == ""
    assert body["parties"] == []
    outside = post(
        client,
        "/api/v1/mediation/cases",
        users["grid_worker"],
        {
            "community_id": areas["urban"].pk,
            "category": "land",
            "facts": "两户对承包地边界有争议。",
            "parties": [{"side": "applicant", "name": "外村人", "phone": "13912345678"}],
        },
    )
    # Another community's id is looked up in the grid worker's reach: it answers like a missing one.
    assert outside.status_code == 404
    assert Dispute.objects.count() == 1


def test_the_chair_records_training_over_the_api_and_the_roster_shows_it(client, committee, users, areas):
    seat = committee.body.memberships.get(resident__user=committee.mediator)
    path = f"/api/v1/mediation/committee/seats/{seat.pk}/trainings"
    body = {"held_on": "2026-03-01", "course": "人民调解法实务", "hours": "4", "given_by": "县司法局"}
    # Only the chair of the member's committee records training: a mediator is refused, nothing written.
    assert post(client, path, committee.mediator, body).status_code == 403
    bad = post(client, path, committee.chair, {**body, "hours": "0"})
    assert bad.status_code == 400
    assert bad.json()["message"] == "学时应在0.5到80之间。"
    assert Training.objects.count() == 0
    assert not AuditEvent.objects.filter(verb="mediation.training_recorded").exists()
    key = {"HTTP_IDEMPOTENCY_KEY": "train-1"}
    made = client.post(
        path, json.dumps(body), content_type="application/json", **auth(committee.chair), **key
    )
    again = client.post(
        path, json.dumps(body), content_type="application/json", **auth(committee.chair), **key
    )
    assert made.status_code == again.status_code == 201, made.content
    assert made.json()["id"] == again.json()["id"]
    assert Training.objects.count() == 1
    event = AuditEvent.objects.get(verb="mediation.training_recorded")
    assert event.actor == committee.chair
    roster = client.get(
        f"/api/v1/mediation/committees/{areas['village'].pk}", **auth(users["community_staff"])
    )
    assert roster.status_code == 200
    seats = {s["id"]: s for s in roster.json()["seats"]}
    assert seats[seat.pk]["trainings"][0]["course"] == "人民调解法实务"
    assert roster.json()["is_chair"] is False
    outside = client.get(
        f"/api/v1/mediation/committees/{areas['urban'].pk}", **auth(users["community_staff"])
    )
    assert outside.status_code == 404


def test_the_monthly_screening_over_the_api(client, committee, users, areas):
    path = f"/api/v1/mediation/screenings/{areas['village'].pk}"
    month = timezone.localdate().replace(day=1)
    future = post(client, path, committee.mediator, {"month": "2099-01-01"})
    assert future.status_code == 400
    assert future.json()["message"] == "不能登记未来月份的排查。"
    assert Screening.objects.count() == 0
    # Another community's committee: answers like a missing one; so does it for a party.
    assert (
        post(
            client,
            f"/api/v1/mediation/screenings/{areas['urban'].pk}",
            committee.mediator,
            {"month": month.isoformat()},
        ).status_code
        == 404
    )
    assert client.get(path, **auth(committee.party)).status_code == 404
    made = post(client, path, committee.mediator, {"month": month.isoformat(), "none_found": False})
    assert made.status_code == 201, made.content
    assert AuditEvent.objects.filter(verb="mediation.screened").count() == 1
    twice = post(client, path, committee.second, {"month": month.isoformat()})
    assert twice.status_code == 409
    assert "排查已经登记" in twice.json()["message"]
    assert Screening.objects.count() == 1
    # What the screening found is registered as a dispute from it; the list gives its code.
    found = post(
        client,
        "/api/v1/mediation/cases",
        committee.mediator,
        {
            "screening_id": made.json()["id"],
            "category": "neighbours",
            "facts": "排查发现两户因宅基地边界争执。",
            "parties": [{"side": "applicant", "name": "外村人", "phone": "13912345678"}],
        },
    )
    assert found.status_code == 201, found.content
    assert Dispute.objects.get(pk=found.json()["id"]).source == "screening"
    rows = client.get(path, **auth(committee.chair)).json()
    assert rows[0]["findings"] == [{"code": found.json()["code"], "dispute_id": found.json()["id"]}]
    # A committee member not on the case sees the code only.
    assert client.get(path, **auth(committee.second)).json()[0]["findings"][0]["dispute_id"] is None


def test_the_other_moves_of_the_pages_over_the_api(client, committee, open_case):
    declined = open_case()
    refused = post(client, f"/api/v1/mediation/cases/{declined.pk}/decline", committee.chair, {"reason": ""})
    assert refused.status_code == 400
    assert Dispute.objects.get(pk=declined.pk).case.state == "received"
    answer = post(
        client, f"/api/v1/mediation/cases/{declined.pk}/decline", committee.chair, {"reason": "已由法院受理"}
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["state"] == "declined"

    dispute = actions.dispute_accept(actor=committee.chair, dispute=open_case())
    actions.dispute_assign(actor=committee.chair, dispute=dispute, mediator_id=committee.mediator.pk)
    path = f"/api/v1/mediation/cases/{dispute.pk}"
    parties = Party.objects.filter(dispute=dispute).count()
    nameless = post(client, path + "/parties", committee.mediator, {"side": "respondent", "name": ""})
    assert nameless.status_code == 400
    assert Party.objects.filter(dispute=dispute).count() == parties
    added = post(
        client,
        path + "/parties",
        committee.chair,
        {"side": "respondent", "name": "赵六", "phone": "13912345678"},
    )
    assert added.status_code == 201, added.content
    assert "赵六" in [p["name"] for p in added.json()["parties"]]
    assert Party.objects.filter(dispute=dispute).count() == parties + 1

    actions.session_record(
        actor=committee.mediator, dispute=dispute, held_on=timezone.localdate(), place="调解室", attendees="双方",
        positions={p.pk: "意见" for p in Party.objects.filter(dispute=dispute)},
    )  # fmt: skip
    actions.dispute_agree(
        actor=committee.mediator,
        dispute=dispute,
        terms="王五在一周内疏通排水沟，李四不再追究。",
        effective_on=timezone.localdate(),
    )
    not_pdf = client.post(path + "/scan", {"scan": _upload(b"not a pdf")}, **auth(committee.mediator))
    assert not_pdf.status_code == 400
    assert not Dispute.objects.get(pk=dispute.pk).scan_path
    scanned = client.post(path + "/scan", {"scan": _upload(blank_pdf())}, **auth(committee.mediator))
    assert scanned.status_code == 200, scanned.content
    assert scanned.json()["agreement_signed"] is True
    assert post(client, path + "/scan", committee.chair).status_code in (400, 422)

    actions.followup_record(
        actor=committee.mediator,
        dispute=dispute,
        visited_on=timezone.localdate(),
        outcome="not_kept",
        note="未履行",
    )

    def moves() -> int:
        return AuditEvent.objects.filter(verb="case.moved").count()

    audited = moves()
    assert post(client, path + "/reopen", committee.mediator, {"reason": "未履行"}).status_code == 403
    assert moves() == audited
    reopened = post(client, path + "/reopen", committee.chair, {"reason": "回访发现未履行"})
    assert reopened.status_code == 200, reopened.content
    assert reopened.json()["state"] == "mediating"
    assert moves() == audited + 1

    recused = post(client, path + "/recuse", committee.mediator, {"reason": "与当事人有过节"})
    assert recused.status_code == 200, recused.content
    assert recused.json() == {"id": dispute.pk, "code": dispute.code}
    assert client.get(path, **auth(committee.mediator)).status_code == 404


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")
