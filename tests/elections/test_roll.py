"""The voter roll: built from the register, refused for a minor, the dead, the moved and a second roll; published
at least 20 days before election day; objections within 5 days; proxies to close relatives, three at most."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.elections.actions.roll import (
    objection_answer,
    objection_file,
    proxy_authorise,
    roll_generate,
    roll_publish,
    voter_add,
    voter_remove,
)
from gongzhi.elections.models import Election, Objection, Proxy, Voter, VoterAdmission
from gongzhi.elections.selectors import roll_counts
from gongzhi.notices.models import Notice
from gongzhi.residents.models import Resident
from tests.elections.roll_kit import add_election, household_of, open_round, with_committee


def _counts():
    return (
        Voter.objects.count(),
        Voter.objects.exclude(removed_at=None).count(),
        VoterAdmission.objects.count(),
        Objection.objects.count(),
        Proxy.objects.count(),
        Election.objects.exclude(roll_published_at=None).count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def village(users, areas, make_resident):
    return with_committee(
        users, add_election(users, open_round(users, areas), areas["village"]), make_resident
    )


def _publish_days_ago(election, days: int) -> Election:
    Election.objects.filter(pk=election.pk).update(roll_published_at=timezone.now() - dt.timedelta(days=days))
    election.refresh_from_db()
    return election


def test_generation_takes_registered_adults_of_the_community_only(users, village, make_resident):
    day = village.election_day
    adult = make_resident(name="成年人")
    turning = make_resident(name="当天满十八", birth=day.replace(year=day.year - 18))
    make_resident(name="未成年人", birth=day.replace(year=day.year - 18) + dt.timedelta(days=1))
    make_resident(name="流动人口", residence_type="floating")
    gone = make_resident(name="已故者")
    Resident.objects.filter(pk=gone.pk).update(status="deceased")
    make_resident("grid_b1", name="东街居民")
    added = roll_generate(actor=users["community_staff"], election=village)
    on_roll = set(Voter.objects.filter(election=village).values_list("resident__name", flat=True))
    assert {"成年人", "当天满十八", "选委会主任"} == on_roll
    assert added == 3
    assert adult.pk in set(Voter.objects.values_list("resident_id", flat=True))
    assert turning.name in on_roll
    # Generating again adds nobody.
    assert roll_generate(actor=users["community_staff"], election=village) == 0


def test_generation_takes_a_fixed_number_of_queries(users, village, make_resident):
    for n in range(30):
        make_resident(name="居民" + "甲乙丙丁戊己庚辛壬癸"[n % 10] + "子丑寅"[n // 10])
    with CaptureQueriesContext(connection) as few:
        roll_generate(actor=users["community_staff"], election=village)
    assert Voter.objects.filter(election=village).count() == 31
    assert len(few) < 25


def test_a_minor_is_refused_and_nothing_changes(users, village, make_resident):
    day = village.election_day
    minor = make_resident(name="小明", birth=day.replace(year=day.year - 17))
    before = _counts()
    with pytest.raises(DomainError, match="未满十八周岁"):
        voter_add(actor=users["community_staff"], election=village, resident=minor, basis="living")
    assert _counts() == before


@pytest.mark.parametrize(("status", "word"), [("deceased", "已故"), ("moved_out", "已迁出")])
def test_the_dead_and_the_moved_are_refused(users, village, make_resident, status, word):
    person = make_resident(name="某人")
    Resident.objects.filter(pk=person.pk).update(status=status)
    person.refresh_from_db()
    before = _counts()
    with pytest.raises(DomainError, match=word):
        voter_add(actor=users["community_staff"], election=village, resident=person, basis="living")
    assert _counts() == before


def test_a_voter_on_another_roll_of_the_round_is_refused_naming_it_only_to_who_may_see_it(
    users, areas, village, make_resident
):
    east = with_committee(users, add_election(users, village.round, areas["urban"]), make_resident, "grid_b1")
    person = make_resident(name="两地人", residence_type="resident_nonlocal")
    Resident.objects.filter(pk=person.pk).update(community=areas["urban"], area=areas["grid_b1"],
                                                 area_path=areas["grid_b1"].path)  # fmt: skip
    person.refresh_from_db()
    voter_add(actor=users["other_staff"], election=east, resident=person, basis="newcomer",
              admitted_on=timezone.localdate(), minute_ref="东街〔2026〕3号")  # fmt: skip
    Resident.objects.filter(pk=person.pk).update(community=areas["village"], area=areas["grid_a1"],
                                                 area_path=areas["grid_a1"].path)  # fmt: skip
    person.refresh_from_db()
    before = _counts()
    with pytest.raises(DomainError) as refused:
        voter_add(actor=users["community_staff"], election=village, resident=person, basis="newcomer",
                  admitted_on=timezone.localdate(), minute_ref="青山〔2026〕1号")  # fmt: skip
    assert "另一个村(社区)" in refused.value.message
    assert "东街社区" not in refused.value.message
    with pytest.raises(DomainError) as refused:
        voter_add(actor=users["township_admin"], election=village, resident=person, basis="newcomer",
                  admitted_on=timezone.localdate(), minute_ref="青山〔2026〕1号")  # fmt: skip
    assert "东街社区" in refused.value.message
    assert _counts() == before


def test_basis_three_needs_the_meetings_admission(users, village, make_resident):
    newcomer = make_resident(name="新村民", residence_type="resident_nonlocal")
    before = _counts()
    with pytest.raises(DomainError, match="会议"):
        voter_add(actor=users["community_staff"], election=village, resident=newcomer, basis="newcomer")
    assert _counts() == before
    voter = voter_add(actor=users["community_staff"], election=village, resident=newcomer, basis="newcomer",
                      admitted_on=timezone.localdate(), minute_ref="青山〔2026〕1号")  # fmt: skip
    assert voter.admission.minute_ref == "青山〔2026〕1号"


def test_a_roll_published_late_is_refused_with_the_last_allowed_day(users, areas, make_resident):
    late = with_committee(users, add_election(users, open_round(users, areas), areas["village"], days=19),
                          make_resident)  # fmt: skip
    roll_generate(actor=users["community_staff"], election=late)
    before = _counts()
    with pytest.raises(DomainError) as refused:
        roll_publish(actor=users["community_staff"], election=late)
    last = late.election_day - dt.timedelta(days=20)
    assert f"最迟应在{last.year}年{last.month}月{last.day}日公布" in refused.value.message
    assert _counts() == before


def test_after_publication_an_addition_needs_a_reason(users, village, make_resident):
    roll_generate(actor=users["community_staff"], election=village)
    roll_publish(actor=users["community_staff"], election=village)
    away = make_resident(name="外出务工")
    before = _counts()
    with pytest.raises(DomainError, match="原因"):
        voter_add(actor=users["community_staff"], election=village, resident=away, basis="away",
                  requested_on=timezone.localdate())  # fmt: skip
    with pytest.raises(DomainError, match="已经公布"):
        roll_generate(actor=users["community_staff"], election=village)
    assert _counts() == before
    voter_add(actor=users["community_staff"], election=village, resident=away, basis="away",
              requested_on=timezone.localdate(), reason="本人来电表示参加选举")  # fmt: skip
    assert roll_counts(village) == {"total": 2, "living": 1, "away": 1}


def test_an_objection_is_filed_within_five_days_and_its_answer_adds_the_line(users, village, make_resident):
    roll_generate(actor=users["community_staff"], election=village)
    village = _publish_days_ago(village, 1)
    left_off = make_resident(name="漏登者", birth=dt.date(1990, 1, 1))
    author = make_resident(name="提出人")
    Resident.objects.filter(pk=author.pk).update(user=users["nobody"])
    author.refresh_from_db()
    objection = objection_file(actor=users["nobody"], election=village, author=author, subject=left_off,
                               kind="left_off", basis="living", reason="本人户籍在本村且常住")  # fmt: skip
    answered = objection_answer(actor=users["community_staff"], objection=objection, upheld=True,
                                answer="经核实，予以补登")  # fmt: skip
    assert answered.upheld
    assert Voter.objects.filter(election=village, resident=left_off, removed_at=None).exists()
    assert Notice.objects.filter(recipient=users["nobody"], kind="elections.objection").count() == 1


def test_an_objection_after_five_days_is_refused_with_the_date(users, village, make_resident):
    roll_generate(actor=users["community_staff"], election=village)
    village = _publish_days_ago(village, 6)
    subject = make_resident(name="某某")
    before = _counts()
    with pytest.raises(DomainError, match="异议期截至"):
        objection_file(actor=users["community_staff"], election=village, author=subject, subject=subject,
                       kind="left_off", basis="living", reason="本人户籍在本村")  # fmt: skip
    assert _counts() == before


def test_someone_elses_objection_needs_the_committee(users, village, make_resident):
    roll_generate(actor=users["community_staff"], election=village)
    village = _publish_days_ago(village, 1)
    person = make_resident(name="别人")
    before = _counts()
    with pytest.raises(NotPermitted):
        objection_file(actor=users["resident"], election=village, author=person, subject=person,
                       kind="left_off", basis="living", reason="替别人提的异议")  # fmt: skip
    assert _counts() == before


def test_an_upheld_objection_strikes_the_line_off(users, village, make_resident):
    roll_generate(actor=users["community_staff"], election=village)
    chair_line = Voter.objects.get(election=village)
    village = _publish_days_ago(village, 2)
    objection = objection_file(actor=users["community_staff"], election=village, author=chair_line.resident,
                               subject=chair_line.resident, kind="wrongly_on", reason="已长期在外定居")  # fmt: skip
    objection_answer(
        actor=users["community_staff"], objection=objection, upheld=True, answer="经核实，予以除名"
    )
    chair_line.refresh_from_db()
    assert chair_line.removed_at is not None


def _family(users, village, make_resident, size: int):
    head = make_resident(name="户主")
    others = [make_resident(name="家人" + "甲乙丙丁戊"[n]) for n in range(size)]
    household_of((head, "02"), *[(person, "20") for person in others])
    roll_generate(actor=users["community_staff"], election=village)
    lines = {v.resident_id: v for v in Voter.objects.filter(election=village).select_related("resident")}
    return lines[head.pk], [lines[p.pk] for p in others]


def test_a_fourth_authorisation_for_one_proxy_is_refused(users, village, make_resident):
    holder, family = _family(users, village, make_resident, 4)
    for grantor in family[:3]:
        proxy_authorise(actor=users["community_staff"], election=village, grantor=grantor, holder=holder,
                        signed_on=timezone.localdate())  # fmt: skip
    before = _counts()
    with pytest.raises(DomainError, match="最多接受三人委托"):
        proxy_authorise(actor=users["community_staff"], election=village, grantor=family[3], holder=holder,
                        signed_on=timezone.localdate())  # fmt: skip
    assert _counts() == before


def test_a_proxy_must_be_a_close_relative_on_the_roll_and_not_oneself(users, village, make_resident):
    holder, (relative,) = _family(users, village, make_resident, 1)
    stranger = Voter.objects.get(election=village, resident__name="选委会主任")
    before = _counts()
    staff, today = users["community_staff"], timezone.localdate()
    with pytest.raises(DomainError, match="近亲属"):
        proxy_authorise(actor=staff, election=village, grantor=relative, holder=stranger, signed_on=today)
    with pytest.raises(DomainError, match="自己"):
        proxy_authorise(actor=staff, election=village, grantor=relative, holder=relative, signed_on=today)
    voter_remove(actor=staff, voter=holder, reason="户籍迁出")
    holder.refresh_from_db()
    with pytest.raises(DomainError, match="不在本村"):
        proxy_authorise(actor=staff, election=village, grantor=relative, holder=holder, signed_on=today)
    assert _counts()[4] == before[4]


def test_an_authorisation_is_given_once(users, village, make_resident):
    holder, (relative, second) = _family(users, village, make_resident, 2)
    staff, today = users["community_staff"], timezone.localdate()
    proxy_authorise(actor=staff, election=village, grantor=relative, holder=holder, signed_on=today)
    before = _counts()
    with pytest.raises(DomainError, match="只能委托一次"):
        proxy_authorise(actor=staff, election=village, grantor=relative, holder=second, signed_on=today)
    assert _counts() == before


def test_the_election_page_shows_an_objection_unanswered_past_three_days_as_overdue(
    client, users, village, make_resident
):
    roll_generate(actor=users["community_staff"], election=village)
    village = _publish_days_ago(village, 4)
    line = Voter.objects.get(election=village)
    objection = objection_file(actor=users["community_staff"], election=village, author=line.resident,
                               subject=line.resident, kind="wrongly_on", reason="已长期在外定居")  # fmt: skip
    client.force_login(users["community_staff"])
    page = client.get(reverse("elections:election", args=[village.pk])).content.decode()
    assert 'data-overdue="yes"' not in page
    Objection.objects.filter(pk=objection.pk).update(filed_at=timezone.now() - dt.timedelta(days=4))
    page = client.get(reverse("elections:election", args=[village.pk])).content.decode()
    assert 'data-overdue="yes"' in page


def test_a_resident_finds_only_the_roll_and_their_own_household_to_object_about(
    client, users, village, make_resident
):
    roll_generate(actor=users["community_staff"], election=village)
    village = _publish_days_ago(village, 1)
    me = make_resident(name="张本人", birth=dt.date(1990, 1, 1))
    Resident.objects.filter(pk=me.pk).update(user=users["nobody"])
    make_resident(name="张邻居", birth=dt.date(1990, 1, 1))
    client.force_login(users["nobody"])
    page = client.get(reverse("elections:voters", args=[village.pk]) + "?q=张").content.decode()
    assert "张本人" in page
    assert "张邻居" not in page
