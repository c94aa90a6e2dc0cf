"""`gongzhi seed-demo` fills every demo community's bodies from the demo register, through the actions."""

import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind, CommunityType
from gongzhi.audit.models import AuditEvent
from gongzhi.audit.verification import audit_chain_verify
from gongzhi.bodies.models import Body, BodyKind, Membership, Post, Representation
from gongzhi.bodies.overview import community_overview
from gongzhi.bodies.selectors import FULL_PARTY_MEMBER, memberships_current

pytestmark = pytest.mark.django_db


def test_every_demo_community_has_its_bodies_filled_from_the_register():
    call_command("seed_demo", "--quiet")
    communities = list(Area.objects.filter(kind=AreaKind.COMMUNITY).order_by("path"))
    assert len(communities) == 6
    # Members are the register's residents of the body's own community, never invented.
    assert Membership.objects.exists()
    assert not Membership.objects.exclude(resident__community_id=F("body__area_id")).exists()
    assert Membership.objects.count() == AuditEvent.objects.filter(verb="body.member_added").count()
    warned, shoulders = [], []
    for community in communities:
        kinds = set(Body.objects.filter(area=community).values_list("kind", flat=True))
        expected = {"party_org", "committee", "supervisory", "joint", "party_members", "assembly", "representatives",
                    "staff", "moral_review", "mediation", "other"}  # fmt: skip
        if community.community_type == CommunityType.VILLAGE:
            expected.add("group")
        if (
            community.name == "青山村"
        ):  # its 村民议事会 decides the 村公资金 (gongzhi.devtools.demo_budgeting)
            expected.add("council")
        assert kinds == expected, community.name
        assert set(Body.objects.filter(area=community, kind="other").values_list("name", flat=True)) == {
            "红白理事会"
        }
        for kind in (BodyKind.MORAL_REVIEW, BodyKind.MEDIATION):  # a chair and two to four members
            seats = [m.post for m in memberships_current(Body.objects.get(area=community, kind=kind))]
            assert seats.count(Post.CHAIR) == 1, (community.name, kind)
            assert 3 <= len(seats) <= 5, (community.name, kind)
        party = Body.objects.get(area=community, kind=BodyKind.PARTY_ORG)
        seats = list(memberships_current(party))
        assert [m.post for m in seats].count(Post.SECRETARY) == 1
        assert all(m.resident.political_status == FULL_PARTY_MEMBER for m in seats)
        committee = list(memberships_current(Body.objects.get(area=community, kind=BodyKind.COMMITTEE)))
        low, high = (5, 9) if community.community_type == CommunityType.URBAN else (3, 7)
        assert low <= len(committee) <= high, community.name
        representatives = Body.objects.get(area=community, kind=BodyKind.REPRESENTATIVES)
        for membership in memberships_current(representatives):
            assert 5 <= membership.households_represented <= 15
        overview = community_overview(community)
        if overview.warnings:
            warned.append(community)
        if overview.shoulder:
            shoulders.append(community)
    # One community where 一肩挑 shows, one where the statute's warning shows (no woman on the committee).
    assert shoulders == [communities[1]]
    assert warned == [communities[2]]
    assert {w.code for _body, w in community_overview(communities[2]).warnings} == {"committee_woman"}
    # The previous term's chairs, one a community; besides them, only the committee a demo election's filed result
    # replaced (gongzhi.elections installs the new committee through the bodies' own actions).
    ended = Membership.objects.filter(ended_on__isnull=False)
    replaced = ended.filter(end_reason__startswith="换届", body__kind=BodyKind.COMMITTEE)
    assert ended.exclude(pk__in=replaced).count() == 6
    assert replaced.values("body").distinct().count() <= 1
    assert Representation.objects.count() > 6 * 5 * 20
    report = audit_chain_verify()
    assert report.ok, report.reason
    # The staff member sees the bodies; the public page lists the two committees' members.
    client = Client()
    client.force_login(User.objects.get(username="zhen_admin"))
    page = client.get(f"/bodies/c/{communities[1].pk}/").content.decode()
    assert "一肩挑" in page
    assert "红白理事会" in page
    public = Client().get(f"/bodies/p/{communities[0].pk}/")
    assert public.status_code == 200
    assert "书记" in public.content.decode()
