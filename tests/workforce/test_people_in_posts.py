"""The 法律明白人 are kept once, in the legal roster (decision 0061): the workforce reads them through the kernel's
people-in-posts hook, shows and counts them, and refuses to appoint one again."""

import pytest
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError
from gongzhi.core.posts import people_in_posts_of, post_sources
from gongzhi.legal import actions as legal
from gongzhi.workforce import actions, selectors
from gongzhi.workforce.models import Appointment
from tests.workforce.conftest import days

pytestmark = pytest.mark.django_db


def _savvy_in_office(users, areas, resident, savvy=None):
    staff = users["community_staff"]
    savvy = savvy or legal.savvy_select(
        actor=staff, community=areas["village"], resident=resident, group="mediator", duties="宣传法律"
    )
    legal.savvy_move(actor=staff, savvy=savvy, verb="train")
    legal.savvy_training_record(
        actor=staff,
        savvy=savvy,
        held_on=timezone.localdate(),
        course="民法典进农村",
        hours="3",
        organiser="镇司法所",
    )
    legal.savvy_assess(actor=staff, savvy=savvy, assessed_on=timezone.localdate(), passed=True)
    return legal.savvy_move(actor=staff, savvy=savvy, verb="activate")


def test_the_legal_roster_is_registered_and_the_catalogues_post_links_to_it(posts):
    assert "law_savvy" in [s.key for s in post_sources()]
    assert posts["法律明白人"].kept_in == "law_savvy"
    assert selectors.kept_elsewhere(posts["法律明白人"])
    assert not selectors.kept_elsewhere(posts["网格员"])
    assert posts["法律明白人"] not in selectors.appointable_post_types()
    assert people_in_posts_of("no_such_roster", [1]) == []


def test_a_law_savvy_in_office_is_shown_and_counted_without_retyping(users, areas, posts, make_resident):
    resident = make_resident(name="陈明白", phone="13912345678")
    savvy = legal.savvy_select(
        actor=users["community_staff"], community=areas["village"], resident=resident, group="mediator"
    )
    village = areas["village"]
    assert selectors.public_list(village) == []  # selected, not yet in office: not a holder
    _savvy_in_office(users, areas, resident, savvy)
    rows = [(r.post, r.area, r.name, r.phone) for r in selectors.public_list(village)]
    assert rows == [("法律明白人", "青山村", "陈明白", "139****5678")]
    # The township covers the post: the legal roster's holder fills the community's place.
    actions.target_set(
        actor=users["township_admin"], community=village, min_workers=0, covered=[posts["法律明白人"]]
    )
    gap = selectors.gap_of(village)
    assert gap.uncovered == []
    assert gap.met
    assert [e.holder.name for e in gap.elsewhere] == ["陈明白"]
    assert selectors.staffing_gaps([village.pk])[village.pk].uncovered == []
    # Leaving the roster leaves the post empty here too.
    legal.savvy_move(actor=users["community_staff"], savvy=savvy, verb="end")
    gap = selectors.gap_of(village)
    assert [(t.name, [a.name for a in places]) for t, places in gap.uncovered] == [("法律明白人", ["青山村"])]


def test_a_post_counting_as_a_worker_counts_the_rosters_person_once(users, areas, posts, make_resident):
    resident = make_resident(name="陈明白")
    _savvy_in_office(users, areas, resident)
    actions.post_type_save(
        actor=users["township_admin"], post_type=posts["法律明白人"], name="法律明白人", group="法治",
        level="community", duty="volunteer", counts_as_worker=True,
    )  # fmt: skip
    actions.appointment_create(
        actor=users["community_staff"], community=areas["village"], post_type=posts["兼职社区工作者"],
        area=areas["village"], resident=resident, started_on=days(-10),
    )  # fmt: skip
    assert selectors.gap_of(areas["village"]).workers == 1


def test_appointing_a_law_savvy_here_is_refused_naming_the_roster(users, areas, posts, make_resident):
    with pytest.raises(DomainError) as refused:
        actions.appointment_create(
            actor=users["community_staff"], community=areas["village"], post_type=posts["法律明白人"],
            area=areas["village"], resident=make_resident(), started_on=days(-1),
        )  # fmt: skip
    assert refused.value.code == "kept_elsewhere"
    assert "「法律明白人」在「法治·法律明白人名册」登记" in refused.value.message
    assert not Appointment.objects.exists()
    assert not AuditEvent.objects.filter(verb="workforce.appointed").exists()


def test_the_township_links_or_unlinks_a_post_and_the_audit_says_where_it_is_kept(
    users, areas, posts, make_resident
):
    admin = users["township_admin"]
    with pytest.raises(DomainError, match="请选择岗位在哪里登记"):
        actions.post_type_save(actor=admin, post_type=posts["调解员"], name="调解员", group="五员",
                               level="community", duty="volunteer", counts_as_worker=False, kept_in="nowhere")  # fmt: skip
    actions.appointment_create(
        actor=users["community_staff"], community=areas["village"], post_type=posts["调解员"],
        area=areas["village"], resident=make_resident(), started_on=days(-1),
    )  # fmt: skip
    with pytest.raises(DomainError, match="还有在岗的任职记录"):
        actions.post_type_save(actor=admin, post_type=posts["调解员"], name="调解员", group="五员",
                               level="community", duty="volunteer", counts_as_worker=False, kept_in="law_savvy")  # fmt: skip
    unlinked = actions.post_type_save(
        actor=admin, post_type=posts["法律明白人"], name="法律明白人", group="法治", level="community",
        duty="volunteer", counts_as_worker=False, kept_in="",
    )  # fmt: skip
    assert unlinked.kept_in == ""
    assert not selectors.kept_elsewhere(unlinked)
    relinked = actions.post_type_save(
        actor=admin, post_type=unlinked, name="法律明白人", group="法治", level="community",
        duty="volunteer", counts_as_worker=False, kept_in="law_savvy",
    )  # fmt: skip
    assert relinked.kept_in == "law_savvy"
    event = AuditEvent.objects.filter(verb="workforce.post_type_changed").latest("id")
    assert event.summary["kept_in"] == "法治·法律明白人名册"


def test_the_community_page_and_the_api_show_the_rosters_people(client, users, areas, posts, make_resident):
    _savvy_in_office(users, areas, make_resident(name="陈明白", phone="13912345678"))
    client.force_login(users["community_staff"])
    page = client.get(f"/workforce/c/{areas['village'].pk}/?q=陈明白").content.decode()
    assert 'data-testid="elsewhere"' in page
    assert "陈明白" in page
    assert "139****5678" in page
    assert "在「法治·法律明白人名册」登记" in page
    offered = page.split('name="post_type"')[-1].split("</select>")[0]
    assert f'value="{posts["法律明白人"].pk}"' not in offered
    assert f'value="{posts["网格员"].pk}"' in offered
    _token, key = api_token_create(actor=users["community_staff"], user=users["community_staff"], name="wf")
    answer = client.get(
        f"/api/v1/workforce/communities/{areas['village'].pk}/gap", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert answer.status_code == 200, answer.content
    held = answer.json()["held_elsewhere"]
    assert [(h["post"], h["name"], h["phone"]) for h in held] == [("法律明白人", "陈明白", "139****5678")]
