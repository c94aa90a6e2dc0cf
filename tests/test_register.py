"""The register as a clerk uses it (issue 8): finding households, pinyin order."""

import datetime as dt
import hashlib
import re
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import Workbook, load_workbook

from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.core.crypto import decrypt
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.residents import actions, selectors
from gongzhi.residents.imports import import_dir, resident_import_execute, resident_import_start
from gongzhi.residents.models import ImportJob, Resident, ResidentEvent
from gongzhi.residents.pinyin import name_sort_key
from gongzhi.residents.printing import household_print
from gongzhi.residents.spreadsheet import COLUMNS, template_workbook
from tests.conftest import make_user
from tests.idnumbers import make_id

# Code-point order (张 5F20 < 白 767D < 赵 8D75 < 阿 963F) and pinyin order differ; 李四 < 林一 by syllable.
PINYIN_ORDER = ["阿宝", "白云", "李四", "林一", "张三", "张三丰", "赵六"]


def _household(users, areas, number, area_key="grid_a1"):
    staff = users["community_staff"] if area_key.startswith("grid_a") else users["other_staff"]
    return actions.household_create(actor=staff, area=areas[area_key], number=number)


def _member(make_resident, household, name, relation, area_key="grid_a1"):
    resident = make_resident(area_key, name=name, relation_to_head=relation)
    Resident.objects.filter(pk=resident.pk).update(household=household)
    return resident


def test_name_sort_key_orders_by_syllable():
    assert name_sort_key("李四") == "li si"
    assert name_sort_key("林一") == "lin yi"
    assert name_sort_key("曾小明") == "zeng xiao ming"  # the surname's own reading
    keys = [name_sort_key(n) for n in PINYIN_ORDER]
    assert keys == sorted(keys)


@pytest.mark.parametrize("query", ["zsf", "zhangsanf", "张三丰", "李", "ll"])
def test_household_found_by_head_or_any_member(query, users, areas, make_resident):
    household = _household(users, areas, "QS-0001")
    _member(make_resident, household, "李兰", "02")
    _member(make_resident, household, "张三丰", "20")
    _household(users, areas, "QS-0002")  # an empty household: never a match
    found = selectors.household_list_for(viewer=users["community_staff"], q=query)
    assert [h.number for h in found] == ["QS-0001"]
    assert found[0].head_name == "李兰"


def test_household_search_stays_in_scope(users, areas, make_resident):
    ours = _household(users, areas, "QS-0001")
    _member(make_resident, ours, "张三丰", "02")
    other = _household(users, areas, "DJ-0001", "grid_b1")
    _member(make_resident, other, "张三丰", "02", "grid_b1")
    assert [h.pk for h in selectors.household_list_for(viewer=users["community_staff"], q="zsf")] == [ours.pk]
    assert {h.pk for h in selectors.household_list_for(viewer=users["township_admin"], q="zsf")} == {
        ours.pk,
        other.pk,
    }
    assert not selectors.household_list_for(viewer=users["grid_worker"], q="dj").exists()
    assert not selectors.household_list_for(viewer=users["party_member"], q="zsf").exists()


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_household_list_page_search_takes_fixed_queries(
    users, areas, make_resident, django_assert_num_queries
):
    client = _login(users["community_staff"])
    url = reverse("residents:household_list") + "?q=zs"

    def fill(count):
        for n in range(count):
            household = _household(users, areas, f"Q-{count}-{n}")
            _member(make_resident, household, "张三", "02")

    fill(2)
    client.get(url)  # warm the session and caches
    with django_assert_num_queries(6) as few:  # with the header's unread-notice count
        response = client.get(url)
    assert response.status_code == 200
    assert "张三" in response.content.decode()
    fill(8)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("户主") >= 10


def test_resident_list_sorts_in_pinyin_order(users, areas, make_resident):
    for name in reversed(PINYIN_ORDER):
        make_resident("grid_a1", name=name)
    listed = [r.name for r in selectors.resident_list_for(viewer=users["community_staff"])]
    assert listed == PINYIN_ORDER


def test_resident_list_page_shows_pinyin_order(users, areas, make_resident):
    for name in reversed(PINYIN_ORDER):
        make_resident("grid_a1", name=name)
    text = _login(users["community_staff"]).get(reverse("residents:list")).content.decode()
    positions = [text.index(name + "<") if name + "<" in text else text.index(name) for name in PINYIN_ORDER]
    assert positions == sorted(positions)


# --- The household page and its actions ------------------------------------------------


def _state():
    return (
        set(Resident.objects.values_list("pk", "household_id", "relation_to_head", "status")),
        AuditEvent.objects.count(),
        ResidentEvent.objects.count(),
    )


@pytest.fixture
def family(users, areas, make_resident):
    household = _household(users, areas, "QS-0001")
    head = _member(make_resident, household, "张大山", "02")
    spouse = _member(make_resident, household, "李秀英", "10")
    son = _member(make_resident, household, "张小山", "20")
    return household, head, spouse, son


def test_add_member_is_audited(users, family, make_resident):
    household, *_ = family
    newcomer = make_resident("grid_a1", name="王芳")
    actions.household_member_add(
        actor=users["community_staff"], household=household, resident=newcomer, relation="80"
    )
    newcomer.refresh_from_db()
    assert (newcomer.household_id, newcomer.relation_to_head) == (household.pk, "80")
    event = AuditEvent.objects.get(verb="household.member_added")
    assert event.target_id == str(household.pk)
    assert event.summary["relation"] == "其他亲属"
    assert event.summary["resident"] == newcomer.audit_label  # masked: name and last four digits


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("second_head", "本户已有户主"),
        ("already_member", "已是本户成员"),
        ("other_community", "本村(社区)"),
        ("moved_out", "不能加入本户"),
    ],
)
def test_add_member_refusals_say_why_and_change_nothing(case, message, users, family, make_resident):
    household, head, *_ = family
    actor = users["community_staff"]
    if case == "other_community":  # someone who may write in both communities
        actor = make_user("both", Role.COMMUNITY_STAFF, household.community.parent)
    resident, relation = make_resident("grid_a1", name="王芳"), "80"
    if case == "second_head":
        relation = "02"
    elif case == "already_member":
        resident = head
    elif case == "other_community":
        resident = make_resident("grid_b1", name="赵东")
    elif case == "moved_out":
        Resident.objects.filter(pk=resident.pk).update(status="moved_out")
    before = _state()
    with pytest.raises(DomainError) as info:
        actions.household_member_add(actor=actor, household=household, resident=resident, relation=relation)
    assert message in info.value.message
    assert _state() == before


def test_add_member_needs_write_rights_over_both(users, family, make_resident):
    household, *_ = family
    other = make_resident("grid_a2", name="王芳")
    before = _state()
    with pytest.raises(NotPermitted):  # the grid worker of 1组网格 may not take someone from 2组网格
        actions.household_member_add(
            actor=users["grid_worker"], household=household, resident=other, relation="80"
        )
    with pytest.raises(NotPermitted):
        actions.household_member_add(actor=users["township_reviewer"], household=household, resident=other,
                                     relation="80")  # fmt: skip
    assert _state() == before


def test_change_head_moves_the_former_head_to_the_chosen_relation(users, family):
    household, head, spouse, _son = family
    actions.household_head_change(
        actor=users["window_clerk"], household=household, new_head=spouse, former_head_relation="10"
    )
    head.refresh_from_db(), spouse.refresh_from_db()
    assert (spouse.relation_to_head, head.relation_to_head) == ("02", "10")
    event = AuditEvent.objects.get(verb="household.head_changed")
    assert event.summary["new_head"] == spouse.audit_label
    assert event.summary["former_head"] == head.audit_label


@pytest.mark.parametrize("case", ["not_member", "already_head", "former_as_head", "no_relation"])
def test_change_head_refusals_change_nothing(case, users, family, make_resident):
    household, head, spouse, _son = family
    new_head, relation = spouse, "10"
    if case == "not_member":
        new_head = make_resident("grid_a1", name="外人")
    elif case == "already_head":
        new_head = head
    elif case == "former_as_head":
        relation = "02"
    elif case == "no_relation":
        relation = ""
    before = _state()
    with pytest.raises(DomainError):
        actions.household_head_change(
            actor=users["community_staff"],
            household=household,
            new_head=new_head,
            former_head_relation=relation,
        )
    assert _state() == before


def test_move_out_records_an_event_for_every_registered_member(users, family):
    household, head, spouse, son = family
    Resident.objects.filter(pk=son.pk).update(status="deceased")
    count = actions.household_move_out(
        actor=users["community_staff"], household=household, happened_on=dt.date(2025, 3, 1), note="迁往县城"
    )
    assert count == 2
    statuses = dict(Resident.objects.filter(household=household).values_list("name", "status"))
    assert statuses == {"张大山": "moved_out", "李秀英": "moved_out", "张小山": "deceased"}
    assert ResidentEvent.objects.filter(kind="moved_out", note="迁往县城").count() == 2
    assert AuditEvent.objects.filter(verb="resident.event").count() == 2
    assert AuditEvent.objects.get(verb="household.moved_out").summary["members"] == 2
    before = _state()
    with pytest.raises(DomainError) as info:  # nobody left to move out
        actions.household_move_out(
            actor=users["community_staff"], household=household, happened_on=dt.date(2025, 3, 2)
        )
    assert "没有在册成员" in info.value.message
    assert _state() == before


def test_move_out_is_all_or_none(users, family):
    household, *_ = family
    before = _state()
    with pytest.raises(DomainError) as info:
        actions.household_move_out(
            actor=users["community_staff"],
            household=household,
            happened_on=timezone.localdate() + dt.timedelta(days=3),
        )
    assert "不能晚于今天" in info.value.message
    assert _state() == before
    with pytest.raises(NotPermitted):
        actions.household_move_out(
            actor=users["other_staff"], household=household, happened_on=dt.date(2025, 1, 1)
        )
    assert _state() == before


def _pdf_objects(data: bytes) -> bytes:
    """The PDF with its compressed streams inflated (object streams hold the font names)."""
    inflated = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            inflated.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(inflated)


def test_household_pdf_is_masked_and_an_audited_export(users, family):
    household, head, *_ = family
    data = household_print(actor=users["grid_worker"], household=household)
    assert data.startswith(b"%PDF")
    assert b"Noto-Sans-CJK" in _pdf_objects(data)
    event = AuditEvent.objects.get(verb="household.printed")
    assert event.summary["sha256"] == hashlib.sha256(data).hexdigest()
    assert event.summary["members"] == 3
    html = render_to_string(
        "residents/household_print.html",
        {"household": household, "members": list(selectors.household_members(household)),
         "printed_by": "网格员", "printed_at": timezone.localtime()},
    )  # fmt: skip
    full_id = decrypt(head.id_ciphertext, context="resident.id_number")
    assert "张大山" in html
    assert head.masked_id in html
    assert "1960" in html
    assert full_id not in html
    assert "1960-05-17" not in html
    assert "19600517" not in html
    with pytest.raises(NotPermitted):
        household_print(actor=users["party_member"], household=household)
    assert AuditEvent.objects.filter(verb="household.printed").count() == 1


def test_household_page_offers_the_actions_the_viewer_may_take(users, family):
    household, *_ = family
    url = reverse("residents:household_detail", args=[household.pk])
    staff = _login(users["community_staff"]).get(url + "?back=/residents/households/?q=zs").content.decode()
    for label in ("添加成员", "变更户主", "整户迁出", "打印（PDF）", "张大山"):
        assert label in staff
    assert 'href="/residents/households/?q=zs"' in staff
    reader = _login(users["township_reviewer"]).get(url + "?back=https://evil.example/").content.decode()
    head_url = reverse("residents:household_change_head", args=[household.pk])
    assert "打印（PDF）" in reader
    assert head_url not in reader
    assert 'href="https://evil.example/"' not in reader


def test_household_forms_work_without_javascript(users, family, make_resident):
    household, head, spouse, _son = family
    client = _login(users["community_staff"])
    newcomer = make_resident("grid_a1", name="王芳")
    add_url = reverse("residents:household_add_member", args=[household.pk])
    page = client.get(add_url + "?q=wf").content.decode()
    assert "王芳" in page
    assert newcomer.masked_id in page
    refused = client.post(add_url, {"q": "wf", "resident": newcomer.pk, "relation": "02"})
    assert refused.status_code == 200
    assert "本户已有户主" in refused.content.decode()
    done = client.post(add_url, {"q": "wf", "resident": newcomer.pk, "relation": "99"})
    assert done.status_code == 302
    head_url = reverse("residents:household_change_head", args=[household.pk])
    assert client.post(head_url, {"new_head": spouse.pk, "former_head_relation": "10"}).status_code == 302
    move_url = reverse("residents:household_move_out", args=[household.pk])
    assert client.post(move_url, {"happened_on": "2025-03-01", "note": ""}).status_code == 302
    assert not Resident.objects.filter(household=household, status="active").exists()
    pdf = client.get(reverse("residents:household_print", args=[household.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


# --- Import: errors on the page, the template's example row ------------------------------


def _upload(rows: list[list], with_template=False) -> SimpleUploadedFile:
    if with_template:
        wb = load_workbook(BytesIO(template_workbook("青山村", "1组网格")))
        ws = wb["居民"]
    else:
        wb = Workbook()
        ws = wb.active
        ws.append([header for _k, header, _r in COLUMNS])
    for values in rows:
        ws.append(values)
    buffer = BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("居民.xlsx", buffer.getvalue())


def _row(**values) -> list:
    return [values.get(key, "") for key, _header, _required in COLUMNS]


def _run(job: ImportJob) -> ImportJob:
    """The template's formatted empty rows make a file look large: run its queued job here."""
    return resident_import_execute(job_id=job.pk)


def test_the_template_has_a_marked_example_row():
    ws = load_workbook(BytesIO(template_workbook()))["居民"]
    example = [c.value for c in ws[2]]
    assert example[0].startswith("（示例）")
    assert ws["A2"].comment is not None
    assert "示例" in " ".join(c.value for c in load_workbook(BytesIO(template_workbook()))["填写说明"]["A"])


def test_the_unchanged_example_row_is_skipped_and_the_job_says_so(users, areas):
    upload = _upload([_row(name="王芳", id_number=make_id(dt.date(1980, 2, 3), 7), community="青山村", grid="1组网格")],
                     with_template=True)  # fmt: skip
    job = _run(resident_import_start(actor=users["community_staff"], upload=upload))
    assert job.status == "succeeded", job.message
    assert list(Resident.objects.values_list("name", flat=True)) == ["王芳"]
    assert "示例行（第2行）已忽略" in job.message


def test_a_file_with_only_the_example_is_refused_clearly(users, areas):
    job = _run(resident_import_start(actor=users["community_staff"], upload=_upload([], with_template=True)))
    assert job.status == "rejected"
    assert "只有模板的示例行" in job.message
    assert not Resident.objects.exists()


def test_an_edited_example_row_is_refused(users, areas):
    upload = _upload([_row(name="（示例）李四", id_number=make_id(dt.date(1980, 2, 3), 7), community="青山村",
                           grid="1组网格")])  # fmt: skip
    job = resident_import_start(actor=users["community_staff"], upload=upload)
    assert job.status == "rejected"
    assert not Resident.objects.exists()
    assert job.row_errors == [[2, "姓名", job.row_errors[0][2]]]
    assert "示例" in job.row_errors[0][2]


def test_row_errors_show_on_the_job_page_and_in_the_report(users, areas):
    rows = [
        _row(name="王芳", id_number="123", community="青山村", grid="1组网格"),
        _row(name="李四", id_number=make_id(dt.date(1980, 2, 3), 7), community="青山村", grid="无此网格"),
    ]
    client = Client()
    client.force_login(users["community_staff"])
    response = client.post(reverse("residents:import"), {"file": _upload(rows)})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == "rejected"
    page = client.get(reverse("residents:import_job", args=[job.pk])).content.decode()
    report = load_workbook(import_dir() / job.report_name, read_only=True).active
    reported = [tuple(r) for r in report.iter_rows(min_row=2, values_only=True)]
    assert reported
    assert [tuple(e) for e in job.row_errors] == reported
    assert 'data-testid="row-errors"' in page
    for row, column, reason in reported:
        assert f'<td data-label="行号">{row}</td>' in page
        assert escape(reason) in page
    assert "下载错误报告" in page


def test_household_page_in_english(users, family, settings):
    household, *_ = family
    client = _login(users["community_staff"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("residents:household_detail", args=[household.pk])).content.decode()
    for text in (
        "Add member",
        "Change head",
        "Move household out",
        "Print (PDF)",
        "Members of this household",
    ):
        assert text in html
    assert "添加成员" not in html


def test_weasyprint_leaves_pillow_strict(users, family):
    from PIL import ImageFile

    household_print(actor=users["township_admin"], household=family[0])
    assert (
        ImageFile.LOAD_TRUNCATED_IMAGES is False
    )  # weasyprint's import sets it; gongzhi.residents.pdf resets it


def test_back_from_a_household_returns_to_the_search(users, family):
    household, *_ = family
    client = _login(users["community_staff"])
    listing = client.get(reverse("residents:household_list") + "?q=zds").content.decode()
    link = (
        reverse("residents:household_detail", args=[household.pk]) + "?back=/residents/households/%3Fq%3Dzds"
    )
    assert link in listing
    assert 'href="/residents/households/?q=zds"' in client.get(link).content.decode()
