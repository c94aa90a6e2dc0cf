"""The workforce's actions: posts, people in posts, training, targets, contracts and the gap; every refusal is a
Chinese message that changes nothing."""

import pytest

from gongzhi.areas.actions import area_create_unchecked
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.workforce import actions, selectors
from gongzhi.workforce.models import Appointment, PostType, ServiceContract, Target, Training
from tests.workforce.conftest import days

pytestmark = pytest.mark.django_db


def _appoint(users, areas, posts, resident, post="网格员", area="grid_a1", actor="community_staff", **extra):
    values = {"started_on": days(-30)} | extra
    return actions.appointment_create(
        actor=users[actor], community=areas["village"], post_type=posts[post], area=areas[area],
        resident=resident, **values,
    )  # fmt: skip


def test_the_catalogue_is_seeded_with_the_posts_of_the_guidance(posts):
    for name in ("专职社区工作者", "兼职社区工作者", "网格长", "网格员", "村(居)民小组长", "楼院门栋长", "法律明白人",
                 "信息员", "调解员", "宣传员", "安全员", "服务员", "志愿服务队"):  # fmt: skip
        assert name in posts
    assert posts["网格员"].level == "grid"
    assert posts["专职社区工作者"].counts_as_worker
    assert posts["专职社区工作者"].duty == "full_time"
    assert not posts["志愿服务队"].counts_as_worker


def test_a_resident_is_appointed_to_a_grid_and_the_audit_masks_them(users, areas, posts, make_resident):
    resident = make_resident(name="王建国", phone="13812345678")
    appointment = _appoint(users, areas, posts, resident, term_ends_on=days(900))
    assert appointment.area == areas["grid_a1"]
    assert appointment.current
    event = AuditEvent.objects.get(verb="workforce.appointed")
    assert event.summary["who"] == "王**"
    assert "王建国" not in str(event.summary)
    assert "13812345678" not in str(event.summary)
    rows = selectors.public_list(areas["village"])
    assert [(r.post, r.area, r.name, r.phone) for r in rows] == [
        ("网格员", "1组网格", "王建国", "138****5678")
    ]


def test_a_holder_outside_the_community_or_at_the_wrong_level_is_refused(users, areas, posts, make_resident):
    villager, townsman = make_resident(name="李四"), make_resident("grid_b1", name="赵六")
    with pytest.raises(DomainError, match="不在青山村的居民登记中"):
        _appoint(users, areas, posts, townsman)
    with pytest.raises(DomainError, match="不在青山村内") as outside:
        _appoint(users, areas, posts, villager, area="grid_b1")
    assert outside.value.code == "area_outside"
    with pytest.raises(DomainError, match="设在网格") as level:
        _appoint(users, areas, posts, villager, area="village")
    assert level.value.code == "wrong_level"
    with pytest.raises(DomainError, match="任期结束日期不能早于"):
        _appoint(users, areas, posts, villager, term_ends_on=days(-60))
    assert not Appointment.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="workforce.").exists()


def test_only_the_communitys_staff_or_the_township_appoint(users, areas, posts, make_resident):
    resident = make_resident()
    for actor in ("other_staff", "grid_worker", "resident"):
        with pytest.raises(NotPermitted):
            _appoint(users, areas, posts, resident, actor=actor)
    assert _appoint(users, areas, posts, resident, actor="township_admin").current
    with pytest.raises(Conflict, match="已在「1组网格」担任网格员"):
        _appoint(users, areas, posts, resident)
    assert Appointment.objects.count() == 1


def test_vacating_keeps_the_record_and_needs_a_reason(users, areas, posts, make_resident):
    appointment = _appoint(users, areas, posts, make_resident())
    with pytest.raises(DomainError, match="请填写离岗原因"):
        actions.appointment_vacate(
            actor=users["community_staff"], appointment=appointment, vacated_on=days(0), reason=""
        )
    with pytest.raises(DomainError, match="不能早于任期开始"):
        actions.appointment_vacate(
            actor=users["community_staff"], appointment=appointment, vacated_on=days(-90), reason="调走"
        )
    actions.appointment_vacate(
        actor=users["community_staff"], appointment=appointment, vacated_on=days(0), reason="外出务工"
    )
    appointment.refresh_from_db()
    assert appointment.vacated_on == days(0)
    assert appointment.vacate_reason == "外出务工"
    assert not list(selectors.appointments_of(areas["village"]))
    with pytest.raises(Conflict):
        actions.appointment_vacate(
            actor=users["community_staff"], appointment=appointment, vacated_on=days(0), reason="又一次"
        )


def test_training_records_check_date_hours_and_text(users, areas, posts, make_resident):
    appointment = _appoint(users, areas, posts, make_resident())
    staff = users["community_staff"]
    for bad, message in (
        ({"held_on": days(3)}, "不能晚于今天"),
        ({"hours": "abc"}, "学时请填写数字"),
        ({"hours": "0"}, "学时应大于0"),
        ({"hours": "1.25"}, "最多1位小数"),
        ({"held_on": "2026/01/01"}, "年-月-日"),
        ({"title": ""}, "请填写培训内容"),
    ):
        values = {
            "held_on": days(-2),
            "title": "网格化服务管理培训",
            "hours": "3.5",
            "organiser": "永安镇社治办",
        } | bad
        with pytest.raises(DomainError, match=message):
            actions.training_add(actor=staff, appointment=appointment, **values)
    assert not Training.objects.exists()
    done = actions.training_add(
        actor=staff, appointment=appointment, held_on=days(-2), title="网格化服务管理培训", hours="3.5",
        organiser="永安镇社治办",
    )  # fmt: skip
    assert str(done.hours) == "3.5"
    with pytest.raises(NotPermitted):
        actions.training_add(
            actor=users["other_staff"], appointment=appointment, held_on=days(-2), title="培训课程", hours=1,
            organiser="县民政局",
        )  # fmt: skip


def test_the_gap_follows_the_target_and_the_posts_held(users, areas, posts, make_resident):
    village = areas["village"]
    with pytest.raises(NotPermitted, match="青山村不在您管辖的范围内"):
        actions.target_set(actor=users["community_staff"], community=village, min_workers=3, covered=[])
    target = actions.target_set(
        actor=users["township_admin"], community=village, min_workers=3,
        covered=[posts["网格员"], posts["村(居)民小组长"]],
    )  # fmt: skip
    gap = selectors.gap_of(village)
    assert (gap.workers, gap.workers_short) == (0, 3)
    assert [(t.name, [a.name for a in places]) for t, places in gap.uncovered] == [
        ("网格员", ["1组网格", "2组网格"]), ("村(居)民小组长", ["1组", "2组"]),
    ]  # fmt: skip
    worker = make_resident(name="网格甲")
    _appoint(users, areas, posts, worker)
    _appoint(users, areas, posts, worker, post="网格长", area="village")  # one person, two posts: one worker
    _appoint(users, areas, posts, make_resident("grid_a2", name="网格乙"), area="grid_a2")
    gap = selectors.gap_of(village)
    assert (gap.workers, gap.workers_short) == (2, 1)
    assert [t.name for t, _places in gap.uncovered] == ["村(居)民小组长"]
    assert target.covered.count() == 2
    assert set(selectors.staffing_gaps([village.pk, areas["urban"].pk])) == {village.pk, areas["urban"].pk}
    assert selectors.staffing_gaps([village.pk])[village.pk].workers == 2


def test_a_target_outside_the_township_offices_scope_is_refused(users, areas, posts):
    other_township = area_create_unchecked(kind="township", name="太平镇", parent=None)
    far = area_create_unchecked(
        kind="community", name="河西村", parent=other_township, community_type="village"
    )
    with pytest.raises(NotPermitted, match="河西村不在您管辖的范围内"):
        actions.target_set(actor=users["township_admin"], community=far, min_workers=5, covered=[])
    with pytest.raises(DomainError, match="应在0到1000之间"):
        actions.target_set(
            actor=users["township_admin"], community=areas["village"], min_workers=-1, covered=[]
        )
    assert not Target.objects.exists()


def test_a_contract_funds_posts_and_its_end_asks_for_renewal(users, areas, posts, make_resident, agency):
    staff = users["community_staff"]
    values = {"organisation": agency, "number": "YA-2026-01", "amount": "120000", "starts_on": days(-400),
              "ends_on": days(-1)}  # fmt: skip
    with pytest.raises(DomainError, match="不能早于开始日期"):
        actions.contract_save(actor=staff, community=areas["village"], **(values | {"ends_on": days(-500)}))
    with pytest.raises(DomainError, match="合同金额请填写数字"):
        actions.contract_save(actor=staff, community=areas["village"], **(values | {"amount": "很多"}))
    with pytest.raises(NotPermitted):
        actions.contract_save(actor=users["other_staff"], community=areas["village"], **values)
    assert not ServiceContract.objects.exists()
    contract = actions.contract_save(actor=staff, community=areas["village"], **values)
    with pytest.raises(DomainError, match="已有编号"):
        actions.contract_save(actor=staff, community=areas["village"], **values)
    funded = _appoint(
        users, areas, posts, make_resident(), post="专职社区工作者", area="village", contract=contract
    )
    gap = selectors.gap_of(areas["village"])
    assert gap.renewals == [funded]
    actions.contract_save(
        actor=staff, community=areas["village"], contract=contract, **(values | {"ends_on": days(365)})
    )
    assert selectors.gap_of(areas["village"]).renewals == []


def test_a_contract_scan_must_be_a_safe_pdf(users, areas, agency):
    with pytest.raises(DomainError, match="不是有效的PDF"):
        actions.contract_scan_check(b"%PDF-1.4 not really")
    with pytest.raises(DomainError, match="空文件"):
        actions.contract_scan_check(b"")
    assert actions.contract_scan_check(None) is None


def test_the_township_edits_the_catalogue(users):
    with pytest.raises(NotPermitted):
        actions.post_type_save(actor=users["community_staff"], name="护河员", level="community", duty="volunteer",
                               counts_as_worker=False)  # fmt: skip
    with pytest.raises(DomainError, match="已有「网格员」"):
        actions.post_type_save(actor=users["township_admin"], name="网格员", level="grid", duty="part_time",
                               counts_as_worker=True)  # fmt: skip
    with pytest.raises(DomainError, match="层级"):
        actions.post_type_save(actor=users["township_admin"], name="护河员", level="county", duty="volunteer",
                               counts_as_worker=False)  # fmt: skip
    made = actions.post_type_save(actor=users["township_admin"], name="护河员", group="二队", level="community",
                                  duty="volunteer", counts_as_worker=False)  # fmt: skip
    assert PostType.objects.get(name="护河员").group == "二队"
    actions.post_type_save(actor=users["township_admin"], post_type=made, name="护河员", level="community",
                           duty="volunteer", counts_as_worker=False, active=False)  # fmt: skip
    assert "护河员" not in [t.name for t in selectors.post_types()]
    assert AuditEvent.objects.filter(verb="workforce.post_type_changed").exists()
