"""The township's own time limit for the meetings that proposals make due: set by the township office (page and
API, audited, bounded, refusals change nothing), used when a proposal reaches its threshold, shown with overdue."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.selfgov import proposal_thresholds as th
from gongzhi.selfgov.actions import proposals as actions
from gongzhi.selfgov.actions.proposals_settings import proposal_setting_change
from gongzhi.selfgov.models import Proposal, ProposalSetting
from gongzhi.selfgov.selectors.proposals_settings import meeting_due_days
from tests.selfgov.proposals_kit import adults, citizen, opened

pytestmark = pytest.mark.django_db


def _reach(make_resident):
    author, _ = citizen(make_resident, "author")
    second, _ = citizen(make_resident, "second", name="王五")
    third, _ = citizen(make_resident, "third", name="赵六")
    adults(make_resident, 27)  # 30 adults: one tenth is 3
    proposal = opened(author)
    actions.proposal_sign(actor=second, proposal=proposal)
    actions.proposal_sign(actor=third, proposal=proposal)
    return author, Proposal.objects.get(pk=proposal.pk)


def test_without_a_setting_the_meeting_is_due_in_the_default_days(areas):
    assert th.MEETING_DUE_DAYS == 30
    assert meeting_due_days(areas["village"]) == 30


def test_the_township_sets_its_days_and_a_reached_proposal_is_due_by_them(
    users, areas, make_resident, client
):
    setting = proposal_setting_change(
        actor=users["township_admin"], township=areas["township"], meeting_due_days=15
    )
    assert setting.meeting_due_days == 15
    assert meeting_due_days(areas["village"]) == 15
    event = AuditEvent.objects.get(verb="proposal.setting_changed")
    assert event.summary == {"meeting_due_days": 15, "before": 30}
    author, proposal = _reach(make_resident)
    assert proposal.state == "submitted"
    assert proposal.meeting_due_on == timezone.localdate() + dt.timedelta(days=15)
    # A later change leaves the due date already told alone.
    proposal_setting_change(actor=users["township_admin"], township=areas["township"], meeting_due_days=45)
    assert Proposal.objects.get(pk=proposal.pk).meeting_due_on == timezone.localdate() + dt.timedelta(days=15)
    # The page and the API show the date, then overdue once it has passed.
    client.force_login(author)
    page = client.get(reverse("selfgov:proposal", args=[proposal.pk])).content.decode()
    assert (timezone.localdate() + dt.timedelta(days=15)).isoformat() in page
    assert 'data-testid="overdue"' not in page
    Proposal.objects.filter(pk=proposal.pk).update(meeting_due_on=timezone.localdate() - dt.timedelta(days=1))
    assert (
        'data-testid="overdue"'
        in client.get(reverse("selfgov:proposal", args=[proposal.pk])).content.decode()
    )
    _token, key = api_token_create(actor=author, user=author, name="t")
    found = client.get(f"/api/v1/selfgov/proposals/{proposal.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert found["meeting_overdue"] is True


def test_bad_settings_and_other_actors_are_refused_and_change_nothing(users, areas):
    before = (ProposalSetting.objects.count(), AuditEvent.objects.count())
    for days in (6, 91, "20", True, None):
        with pytest.raises(DomainError) as refused:
            proposal_setting_change(
                actor=users["township_admin"], township=areas["township"], meeting_due_days=days
            )
        assert "7 至 90" in refused.value.message
    with pytest.raises(DomainError) as refused:
        proposal_setting_change(
            actor=users["township_admin"], township=areas["township"], meeting_due_days=30
        )
    assert "没有改动" in refused.value.message
    with pytest.raises(DomainError):
        proposal_setting_change(actor=users["township_admin"], township=areas["village"], meeting_due_days=20)
    for actor in ("community_staff", "supervisor", "resident"):
        with pytest.raises(NotPermitted):
            proposal_setting_change(actor=users[actor], township=areas["township"], meeting_due_days=20)
    assert (ProposalSetting.objects.count(), AuditEvent.objects.count()) == before


def test_the_township_office_sets_it_on_the_page(users, areas, client):
    client.force_login(users["township_admin"])
    due = client.get(reverse("selfgov:proposals_due")).content.decode()
    assert 'data-testid="settings-link"' in due
    page = client.get(reverse("selfgov:proposals_settings")).content.decode()
    assert "现行期限：30 天（默认）" in page
    bad = client.post(
        reverse("selfgov:proposals_settings"), {"township": areas["township"].pk, "meeting_due_days": 3}
    )
    assert bad.status_code == 400
    assert not ProposalSetting.objects.exists()
    done = client.post(
        reverse("selfgov:proposals_settings"), {"township": areas["township"].pk, "meeting_due_days": 20}
    )
    assert done.status_code == 302
    assert ProposalSetting.objects.get().meeting_due_days == 20
    assert "现行期限：20 天" in client.get(reverse("selfgov:proposals_settings")).content.decode()
    client.force_login(users["community_staff"])
    assert 'data-testid="settings-link"' not in client.get(reverse("selfgov:proposals_due")).content.decode()
    assert client.get(reverse("selfgov:proposals_settings")).status_code == 403


def test_the_township_office_sets_it_over_the_api(users, areas, client):
    _token, key = api_token_create(actor=users["township_admin"], user=users["township_admin"], name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    listed = client.get("/api/v1/selfgov/proposal-settings", **auth).json()
    assert listed == [
        {
            "township_id": areas["township"].pk,
            "township_name": areas["township"].name,
            "meeting_due_days": 30,
            "is_default": True,
            "changed_at": None,
        }
    ]
    path = f"/api/v1/selfgov/proposal-settings/{areas['township'].pk}"
    bad = client.post(path, json.dumps({"meeting_due_days": 100}), content_type="application/json", **auth)
    assert bad.status_code == 400
    assert "7 至 90" in json.dumps(bad.json(), ensure_ascii=False)
    assert not ProposalSetting.objects.exists()
    done = client.post(path, json.dumps({"meeting_due_days": 21}), content_type="application/json", **auth)
    assert done.status_code == 200
    assert done.json()["meeting_due_days"] == 21
    assert done.json()["is_default"] is False
    other = f"/api/v1/selfgov/proposal-settings/{areas['village'].pk}"
    assert (
        client.post(
            other, json.dumps({"meeting_due_days": 21}), content_type="application/json", **auth
        ).status_code
        == 404
    )
