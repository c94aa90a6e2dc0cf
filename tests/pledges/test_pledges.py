"""The pledges' actions: who writes, approval before anything is public, versions, the year closed, privacy
choices, what members did from the recorded deeds, coverage — and every bad input refused with nothing changed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.cases.models import Case
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.hours.models import ServiceCredit
from gongzhi.pledges import actions, selectors
from gongzhi.pledges.models import MemberPrivacy, Pledge, PledgeVersion, VanguardPost
from gongzhi.wishes.models import Wish
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

TEXT = "每月走访网格内的困难户一次。\n带头清理房前屋后的垃圾。"
YEAR = timezone.localdate().year


def rows() -> tuple[int, int, int, int]:
    return (Pledge.objects.count(), PledgeVersion.objects.count(), MemberPrivacy.objects.count(),
            AuditEvent.objects.filter(verb__startswith="pledges.").count())  # fmt: skip


def write(actor, resident, post, **extra):
    return actions.pledge_write(actor=actor, resident=resident, year=YEAR, post=post, text=TEXT, **extra)


def test_a_member_writes_their_pledge_and_it_waits_for_the_party_organisation(users, members, post):
    pledge = write(users["party_member"], members["own"], post, party_group="第一党小组")
    assert pledge.state == "submitted"
    assert pledge.version == 1
    assert not pledge.assisted
    assert pledge.public_version is None
    assert [v.text for v in pledge.versions.all()] == [TEXT]
    event = AuditEvent.objects.get(verb="pledges.written")
    assert event.summary["year"] == YEAR
    assert event.summary["assisted"] is False


def test_staff_write_for_a_member_with_the_consent_recorded(users, members, post):
    before = rows()
    with pytest.raises(DomainError) as refused:
        write(users["community_staff"], members["assisted"], post)
    assert "怎样同意" in refused.value.message
    assert rows() == before
    pledge = write(users["community_staff"], members["assisted"], post, consent_channel="paper")
    assert pledge.assisted
    assert pledge.consent_channel == "paper"
    assert pledge.versions.get().written_by == users["community_staff"]


def test_someone_not_a_party_member_has_no_pledge(users, members, post):
    before = rows()
    with pytest.raises(DomainError) as refused:
        write(users["resident"], members["villager"], post)
    assert refused.value.code == "not_party_member"
    assert "不是党员" in refused.value.message
    with pytest.raises(DomainError):
        write(users["community_staff"], members["villager"], post, consent_channel="in_person")
    assert rows() == before


def test_a_second_pledge_for_the_same_year_is_refused(users, members, post):
    write(users["party_member"], members["own"], post)
    before = rows()
    with pytest.raises(Conflict) as refused:
        write(users["community_staff"], members["own"], post, consent_channel="phone")
    assert "已有" in refused.value.message
    assert rows() == before


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "请填写承诺事项"),
        ("\u200b\u200b  ", "请填写承诺事项"),
        ("好好干", "至少"),
        ("有事打我电话13812345678，随叫随到。", "手机号"),
    ],
)
def test_an_empty_short_or_personal_pledge_is_refused(users, members, post, text, words):
    before = rows()
    with pytest.raises(DomainError) as refused:
        actions.pledge_write(
            actor=users["party_member"], resident=members["own"], year=YEAR, post=post, text=text
        )
    assert words in refused.value.message
    assert rows() == before


def test_an_edit_by_someone_else_is_refused(users, members, post, make_resident):
    pledge = write(users["party_member"], members["own"], post)
    other = make_user("another_member")
    make_resident(name="党员戊", political_status="中共党员").__class__.objects.filter(name="党员戊").update(
        user=other
    )
    before = rows()
    for actor in (other, users["resident"], users["other_staff"], users["supervisor"]):
        with pytest.raises(NotPermitted):
            actions.pledge_revise(actor=actor, pledge=pledge, post=post, text=TEXT + "再加一条。")
        with pytest.raises(NotPermitted):
            actions.pledge_close(actor=actor, pledge=pledge, account="全年走访困难户十二次。")
    with pytest.raises(NotPermitted):
        write(users["other_staff"], members["assisted"], post, consent_channel="phone")
    with pytest.raises(NotPermitted):
        actions.pledge_approve(actor=users["party_member"], pledge=pledge)  # their own
    assert rows() == before
    assert Pledge.objects.get().text == TEXT


def test_the_public_page_shows_only_approved_versions_of_members_who_opted_in(
    client, users, members, post, areas
):
    pledge = write(users["party_member"], members["own"], post)
    board = f"/pledges/board/c/{areas['village'].pk}/"
    assert selectors.board_cards(areas["village"], YEAR) == []
    actions.privacy_set(actor=users["party_member"], resident=members["own"], public=True, name_display="surname",
                        deeds_shown=False)  # fmt: skip
    # Opted in, but not approved: still not shown.
    assert selectors.board_cards(areas["village"], YEAR) == []
    assert "每月走访" not in client.get(board).content.decode()
    actions.pledge_approve(actor=users["community_staff"], pledge=pledge)
    cache.clear()  # the public page is cached for a minute for cookie-less visitors
    page = client.get(board).content.decode()
    assert "每月走访" in page
    assert "党某某" in page
    assert "党员甲" not in page
    # A revision waits for approval; the approved version stays the public one.
    actions.pledge_revise(
        actor=users["party_member"], pledge=pledge, post=post, text="改过的承诺：每周巡逻一次。"
    )
    cards = selectors.board_cards(areas["village"], YEAR)
    assert [c.text for c in cards] == [TEXT]
    assert Pledge.objects.get().version == 2
    assert Pledge.objects.get().state == "submitted"
    actions.pledge_approve(actor=users["township_admin"], pledge=pledge)
    assert [c.text for c in selectors.board_cards(areas["village"], YEAR)] == ["改过的承诺：每周巡逻一次。"]
    # Opting out removes them.
    actions.privacy_set(actor=users["party_member"], resident=members["own"], public=False, name_display="full",
                        deeds_shown=False)  # fmt: skip
    assert selectors.board_cards(areas["village"], YEAR) == []


def test_nobody_is_public_by_default_and_staff_need_the_signed_consent(users, members, post):
    pledge = write(users["community_staff"], members["assisted"], post, consent_channel="phone")
    actions.pledge_approve(actor=users["community_staff"], pledge=pledge)
    assert selectors.board_cards(pledge.community, YEAR) == []
    before = rows()
    with pytest.raises(DomainError) as refused:
        actions.privacy_set(actor=users["community_staff"], resident=members["assisted"], public=True,
                            name_display="full", deeds_shown=True)  # fmt: skip
    assert "同意书" in refused.value.message
    with pytest.raises(NotPermitted):
        actions.privacy_set(actor=users["resident"], resident=members["assisted"], public=True,
                            name_display="full", deeds_shown=True)  # fmt: skip
    assert rows() == before
    actions.privacy_set(actor=users["community_staff"], resident=members["assisted"], public=True,
                        name_display="full", deeds_shown=True, paper_consent=True)  # fmt: skip
    assert [c.name for c in selectors.board_cards(pledge.community, YEAR)] == ["党员乙"]


def test_a_return_then_a_revision_then_the_year_closed(users, members, post):
    pledge = write(users["party_member"], members["own"], post)
    before = rows()
    with pytest.raises(Conflict):
        actions.pledge_close(actor=users["party_member"], pledge=pledge, account="全年走访困难户十二次。")
    with pytest.raises(DomainError):
        actions.pledge_return(actor=users["community_staff"], pledge=pledge, reason="")
    assert rows() == before
    actions.pledge_return(actor=users["community_staff"], pledge=pledge, reason="请写得具体些")
    with pytest.raises(Conflict):
        actions.pledge_approve(actor=users["community_staff"], pledge=pledge)
    actions.pledge_revise(
        actor=users["party_member"], pledge=pledge, post=post, text=TEXT + "\n每季度宣讲一次政策。"
    )
    actions.pledge_approve(actor=users["community_staff"], pledge=pledge)
    closed = actions.pledge_close(
        actor=users["party_member"], pledge=pledge, account="全年走访困难户十二次。"
    )
    assert closed.state == "closed"
    assert closed.closing_account == "全年走访困难户十二次。"
    before = rows()
    with pytest.raises(Conflict):
        actions.pledge_revise(actor=users["party_member"], pledge=pledge, post=post, text=TEXT + "又一条。")
    assert rows() == before
    assert [v.number for v in PledgeVersion.objects.order_by("number")] == [1, 2]


def test_the_party_secretary_approves_but_not_their_own(users, members, post, areas, make_resident):
    secretary_user = make_user("secretary")
    secretary = make_resident(name="书记甲", political_status="中共党员")
    secretary.user = secretary_user
    secretary.save(update_fields=["user"])
    body = body_create(actor=users["community_staff"], area=areas["village"], kind=BodyKind.PARTY_ORG)
    membership_add(actor=users["community_staff"], body=body, resident=secretary, post=Post.SECRETARY,
                   started_on=dt.date(2024, 1, 1))  # fmt: skip
    pledge = write(users["party_member"], members["own"], post)
    own = write(secretary_user, secretary, post)
    assert selectors.pledges_for(viewer=secretary_user).filter(pk=pledge.pk).exists()
    with pytest.raises(NotPermitted):
        actions.pledge_approve(actor=secretary_user, pledge=own)
    assert actions.pledge_approve(actor=secretary_user, pledge=pledge).state == "approved"


def test_what_a_member_did_comes_from_the_recorded_deeds(users, members, post, areas):
    helper = users["party_member"]
    pledge = write(helper, members["own"], post)
    case = Case.objects.create(kind="wish", state="confirmed", title="修水管", body="厨房水管漏水。", author=None,
                               resident=members["villager"], submitted_by=users["community_staff"], assisted=True,
                               consent_channel="in_person", community=areas["village"],
                               area_path=members["villager"].area_path, privacy="public")  # fmt: skip
    Wish.objects.create(case=case, category="other", claimer=helper, claimed_at=timezone.now(),
                        confirmed_at=timezone.now(), service_hours=Decimal("2"))  # fmt: skip
    ServiceCredit.objects.create(helper=helper, hours=Decimal("2.5"), source="wish", source_id=case.pk,
                                 community=areas["village"])  # fmt: skip
    ServiceCredit.objects.create(helper=users["volunteer"], hours=Decimal("9"), source="wish", source_id=case.pk,
                                 community=areas["village"])  # fmt: skip
    deeds = selectors.pledge_deeds(pledge)
    lines = {label: (count, units) for label, count, units in deeds.lines}
    assert lines == {"实现微心愿": (1, Decimal(1)), "志愿服务时长": (1, Decimal("2.5"))}
    assert all("修水管" not in d.description for d in deeds.latest)
    # Shown publicly only when the member chose so.
    actions.pledge_approve(actor=users["community_staff"], pledge=pledge)
    actions.privacy_set(
        actor=helper, resident=members["own"], public=True, name_display="full", deeds_shown=False
    )
    assert selectors.board_cards(areas["village"], YEAR)[0].deeds is None
    actions.privacy_set(
        actor=helper, resident=members["own"], public=True, name_display="full", deeds_shown=True
    )
    card = selectors.board_cards(areas["village"], YEAR)[0]
    assert card.deeds is not None
    assert len(card.deeds.lines) == 2


def test_coverage_counts_approved_pledges_per_community(users, members, post, areas):
    first = write(users["party_member"], members["own"], post)
    write(users["community_staff"], members["assisted"], post, consent_channel="phone")
    actions.pledge_approve(actor=users["community_staff"], pledge=first)
    table = {row.community.name: (row.members, row.approved) for row in
             selectors.coverage(viewer=users["township_admin"], year=YEAR)}  # fmt: skip
    assert table == {"青山村": (2, 1), "东街社区": (1, 0)}
    assert [r.community.name for r in selectors.coverage(viewer=users["community_staff"], year=YEAR)] == [
        "青山村"
    ]
    assert selectors.coverage(viewer=users["resident"], year=YEAR) == []


def test_the_township_keeps_the_posts(users):
    before = VanguardPost.objects.count()
    with pytest.raises(NotPermitted):
        actions.post_add(actor=users["community_staff"], name="文明劝导岗")
    with pytest.raises(Conflict):
        actions.post_add(actor=users["township_admin"], name="政策宣传岗")
    assert VanguardPost.objects.count() == before
    added = actions.post_add(actor=users["township_admin"], name="文明劝导岗")
    actions.post_active_set(actor=users["township_admin"], post=added, active=False)
    assert not VanguardPost.objects.get(pk=added.pk).active
    assert AuditEvent.objects.filter(verb="pledges.post_retired").count() == 1
