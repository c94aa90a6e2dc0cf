"""协同参与: a registered organisation's representative comments in a proposal's 议事厅 as the organisation —
only while it is registered and serves the proposal's community; otherwise refused with a clear message and
nothing stored."""

import pytest
from django.urls import reverse

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.orgs.actions import organisation_move, organisation_register, representative_add
from gongzhi.selfgov.actions import proposals as actions
from gongzhi.selfgov.models import ProposalPost
from tests.conftest import make_user
from tests.selfgov.proposals_kit import adults, citizen, opened
from tests.selfgov.test_proposals_api import auth

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(make_resident):
    author, _ = citizen(make_resident, "author")
    adults(make_resident, 12)
    return opened(author)


def _nothing_posted() -> None:
    assert not ProposalPost.objects.exists()
    assert not AuditEvent.objects.filter(verb="proposal.posted").exists()


def test_the_representative_comments_as_the_organisation_on_the_page(township_org, rep, proposal, client):
    client.force_login(rep)
    page = client.get(reverse("selfgov:proposal", args=[proposal.pk])).content.decode()
    assert "以社会组织「永安镇阳光社会工作服务中心」名义" in page
    response = client.post(
        reverse("selfgov:proposal_post", args=[proposal.pk]),
        {"body": "我们可以安排社工走访桥边的独居老人。", "organisation": township_org.pk},
    )
    assert response.status_code == 302
    post = ProposalPost.objects.get()
    assert (post.capacity, post.org_id, post.organisation) == (
        "organisation",
        township_org.pk,
        township_org.name,
    )
    client.logout()
    page = client.get(reverse("selfgov:proposal", args=[proposal.pk])).content.decode()
    assert 'data-testid="org-mark">社会组织</mark> 永安镇阳光社会工作服务中心（协同参与）' in page
    assert AuditEvent.objects.get(verb="proposal.posted").summary["organisation"] == township_org.name


def test_a_suspended_organisation_is_refused_with_its_state(users, township_org, rep, proposal, client):
    organisation_move(
        actor=users["township_admin"], organisation=township_org, verb="suspend", reason="年检未通过"
    )
    with pytest.raises(DomainError, match="「永安镇阳光社会工作服务中心」现为“暂停活动”"):
        actions.proposal_post(
            actor=rep, proposal=proposal, body="我们想发表意见。", organisation_id=township_org.pk
        )
    _nothing_posted()
    client.force_login(rep)
    page = client.get(reverse("selfgov:proposal", args=[proposal.pk])).content.decode()
    assert (
        "以社会组织「永安镇阳光社会工作服务中心（暂停活动）」名义" in page
    )  # offered, and refused with its state
    response = client.post(
        f"/api/v1/selfgov/proposals/{proposal.pk}/posts",
        {"body": "我们想发表意见。", "organisation_id": township_org.pk},
        content_type="application/json",
        **auth(rep),
    )
    assert response.status_code == 400
    assert response.json()["code"] == "organisation_not_registered"
    assert "暂停活动" in response.json()["message"]
    _nothing_posted()


def test_a_pending_organisation_is_refused_and_an_ended_one_has_no_voice(
    users, areas, village_group, proposal
):
    someone = make_user("group_rep")
    representative_add(actor=users["community_staff"], organisation=village_group, user=someone)
    with pytest.raises(DomainError, match="待审核"):
        actions.proposal_post(
            actor=someone, proposal=proposal, body="我们想说两句。", organisation_id=village_group.pk
        )
    organisation_move(
        actor=users["community_staff"], organisation=village_group, verb="reject", reason="材料不全"
    )
    with pytest.raises(NotPermitted):
        actions.proposal_post(
            actor=someone, proposal=proposal, body="我们想说两句。", organisation_id=village_group.pk
        )
    _nothing_posted()


def test_an_organisation_that_does_not_serve_the_community_is_refused(users, areas, make_resident, proposal):
    """A villager who represents an organisation of 东街社区 speaks in 青山村 as themselves, not as it."""
    villager, _ = citizen(make_resident, "villager_rep", name="赵敏")
    urban_org = organisation_register(
        actor=users["township_admin"], home=areas["township"], name="东街社区邻里互助会", kind="volunteer",
        authority="某县民政局", contact_name="钱七", contact_phone="13700137000", communities=[areas["urban"]],
        filing_number="DJ-1", filed_on=proposal.created_at.date(),
    )  # fmt: skip
    urban_org = organisation_move(actor=users["township_admin"], organisation=urban_org, verb="approve")
    representative_add(actor=users["township_admin"], organisation=urban_org, user=villager)
    with pytest.raises(DomainError, match="不为青山村服务"):
        actions.proposal_post(
            actor=villager, proposal=proposal, body="互助会愿意帮忙。", organisation_id=urban_org.pk
        )
    _nothing_posted()
    post = actions.proposal_post(actor=villager, proposal=proposal, body="我个人支持修桥。")
    assert (post.capacity, post.org) == ("resident", None)


def test_someone_who_represents_nothing_cannot_speak_for_an_organisation(users, township_org, proposal):
    with pytest.raises(DomainError, match="登记代表"):
        actions.proposal_post(
            actor=proposal.author, proposal=proposal, body="我冒充一下。", organisation_id=township_org.pk
        )
    _nothing_posted()
