"""议事厅: residents of the community (working away included) discuss a proposal, staff moderate by hiding
with a reason (never deleting), social organisations take part as such."""

import datetime as dt

import pytest
from django.urls import reverse

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.notices.models import Notice
from gongzhi.orgs.actions import organisation_move, organisation_register, representative_add
from gongzhi.selfgov.actions import proposals as actions
from gongzhi.selfgov.models import ProposalPost
from gongzhi.selfgov.selectors.proposals import thread_of
from tests.selfgov.proposals_kit import adults, citizen, opened

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(users, make_resident):
    author, _ = citizen(make_resident, "author")
    adults(make_resident, 30)
    return opened(author)


def test_residents_post_and_the_author_hears_of_it(users, make_resident, proposal, client):
    away, _ = citizen(make_resident, "away", name="吴十", current_address="广东省东莞市")
    actions.proposal_post(actor=away, proposal=proposal, body="我在外地打工，支持修桥，可以出一份力。")
    assert Notice.objects.filter(recipient=proposal.author, title__contains="议事厅有新留言").count() == 1
    page = client.get(reverse("selfgov:proposal", args=[proposal.pk])).content.decode()
    assert "支持修桥" in page
    assert "吴**" in page
    assert "吴十" not in page
    assert AuditEvent.objects.filter(verb="proposal.posted").count() == 1


def test_someone_of_another_community_cannot_post(users, make_resident, proposal):
    outsider, _ = citizen(make_resident, "outsider", area_key="grid_b1", name="孙八")
    with pytest.raises(NotPermitted):
        actions.proposal_post(actor=outsider, proposal=proposal, body="我也来说两句。")
    with pytest.raises(DomainError, match="请填写留言"):
        actions.proposal_post(actor=proposal.author, proposal=proposal, body="  ")
    assert not ProposalPost.objects.exists()


def test_a_social_organisation_comments_as_such(users, areas, proposal):
    """The registry's representative speaks for a registered organisation serving the community (the whole
    story, with a suspended organisation refused: tests/orgs/test_participation.py)."""
    org = organisation_register(
        actor=users["community_staff"], home=areas["village"], name="青山村乡贤理事会", kind="community_group",
        authority="青山村村民委员会", contact_name="李德明", contact_phone="13800138000",
        filing_number="QS-1", filed_on=dt.date(2024, 1, 2),
    )  # fmt: skip
    org = organisation_move(actor=users["community_staff"], organisation=org, verb="approve")
    representative_add(actor=users["community_staff"], organisation=org, user=users["volunteer"])
    post = actions.proposal_post(
        actor=users["volunteer"],
        proposal=proposal,
        body="本会可以组织志愿者参与施工监督。",
        organisation_id=org.pk,
    )
    assert (post.capacity, post.organisation, post.org) == ("organisation", "青山村乡贤理事会", org)
    shown = thread_of(viewer=users["nobody"], proposal=proposal)
    assert shown[0].who == "青山村乡贤理事会（协同参与）"
    with pytest.raises(DomainError, match="登记代表"):
        actions.proposal_post(
            actor=users["community_staff"], proposal=proposal, body="试试。", organisation_id=org.pk
        )


def test_staff_hide_a_post_with_a_reason_and_it_is_never_deleted(users, make_resident, proposal, client):
    rude, _ = citizen(make_resident, "rude", name="郑一")
    post = actions.proposal_post(actor=rude, proposal=proposal, body="这是一条人身攻击的留言。")
    with pytest.raises(NotPermitted):
        actions.proposal_post_hide(actor=users["resident"], post=post, reason="不当言论")
    with pytest.raises(DomainError, match="隐藏理由"):
        actions.proposal_post_hide(actor=users["community_staff"], post=post, reason="")
    actions.proposal_post_hide(actor=users["community_staff"], post=post, reason="含人身攻击")
    with pytest.raises(Conflict, match="已经隐藏"):
        actions.proposal_post_hide(actor=users["community_staff"], post=post, reason="含人身攻击")
    assert ProposalPost.objects.get(pk=post.pk).body == "这是一条人身攻击的留言。"
    page = client.get(reverse("selfgov:proposal", args=[proposal.pk])).content.decode()
    assert "此留言已被隐藏，理由：含人身攻击" in page
    assert "人身攻击的留言" not in page
    staff_view = thread_of(viewer=users["community_staff"], proposal=proposal)
    assert staff_view[0].body == "这是一条人身攻击的留言。"
    assert Notice.objects.filter(recipient=rude, title__contains="已被隐藏").count() == 1
    assert AuditEvent.objects.filter(verb="proposal.post_hidden").count() == 1


def test_the_thread_closes_with_the_proposal(users, proposal):
    actions.proposal_withdraw(actor=proposal.author, proposal=proposal)
    with pytest.raises(Conflict, match="不开放留言"):
        actions.proposal_post(actor=users["community_staff"], proposal=proposal, body="已撤回了。")


def test_personal_data_in_a_proposal_is_redacted_on_public_pages(users, make_resident, client):
    author, _ = citizen(make_resident, "author")
    adults(make_resident, 30)
    proposal = actions.proposal_create(
        actor=author,
        title="修缮村口的便民桥",
        text="有意见请打我电话13800138000，桥面破损需要修缮。",
        asks="answer",
    )
    actions.proposal_open(actor=author, proposal=proposal)
    page = client.get(reverse("selfgov:proposal", args=[proposal.pk])).content.decode()
    assert "13800138000" not in page
    assert "桥面破损" in page
