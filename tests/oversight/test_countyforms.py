"""The county forms: a template's placeholders checked at upload, filled for a period from the register and the
recorded work, hand-typed values kept as facts, and the "typed twice" figure (最多报一次, the goal 0)."""

import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.meetings.models import Meeting, MeetingState
from gongzhi.oversight import actions
from gongzhi.oversight.countyforms import template_scan
from gongzhi.oversight.models import CountyForm, HandFact
from gongzhi.oversight.selectors import Period, typed_twice

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
PERIOD = Period(YEAR)


def template(rows: list[list], title: str = "基本情况") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BASIC = [
    ["村(社区)基本情况表"],
    ["村(社区)", "代码", "在册人口", "男", "代表会议", "专职网格员"],
    ["{{community.name}}", "{{community.code}}", "{{residents.people}}", "{{residents.men}}",
     "{{meetings.representatives}}", "{{manual:专职网格员人数}}"],
    ["全镇合计", "", "{{residents.people}}", "{{residents.men}}", "{{meetings.representatives}}", ""],
    ["填报人：", "{{manual:填报人}}", "说明：共 {{residents.people}} 人"],
]  # fmt: skip


def test_the_scan_finds_the_placeholders_and_their_rows():
    scan = template_scan(template(BASIC), "表.xlsx")
    assert scan.problems == []
    community_row = [p for p in scan.placeholders if p["row"] == 3]
    assert {p["kind"] for p in community_row} == {"community", "indicator", "manual"}
    assert all(p["per_community"] for p in community_row)
    signer = next(p for p in scan.placeholders if p["key"] == "填报人")
    assert signer["kind"] == "manual"
    assert signer["per_community"] is False


def test_unknown_placeholders_are_listed_with_their_cell_and_nothing_is_saved(areas, users):
    content = template([["{{residents.people}}", "{{nosuch.figure}}"], ["", "", "{{manual:}}"]])
    with pytest.raises(actions.TemplateRefused) as refused:
        actions.form_upload(actor=users["township_admin"], township=areas["township"], title="表",
                            filename="表.xlsx", content=content)  # fmt: skip
    wheres = [p.where for p in refused.value.problems]
    assert wheres == ["基本情况!B1", "基本情况!C2"]
    assert "{{nosuch.figure}}" in refused.value.message
    assert not CountyForm.objects.exists()
    assert not AuditEvent.objects.filter(verb="oversight.form_uploaded").exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"not a zip at all", "表.xlsx", "文件已损坏"),
        (template(BASIC), "表.xls", "请上传 .xlsx"),
        (b"x" * (2 * 1024 * 1024 + 1), "表.xlsx", "文件过大"),
        (template([["没有占位符"]]), "表.xlsx", "没有任何占位符"),
    ],
)
def test_a_bad_file_is_refused_with_a_chinese_message(areas, users, content, name, message):
    with pytest.raises(DomainError) as refused:
        actions.form_upload(actor=users["township_admin"], township=areas["township"], title="表", filename=name,
                            content=content)  # fmt: skip
    assert message in refused.value.message
    assert not CountyForm.objects.exists()


def test_a_macro_workbook_is_refused(areas, users):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template(BASIC))) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\x00macro")
    with pytest.raises(DomainError) as refused:
        actions.form_upload(actor=users["township_admin"], township=areas["township"], title="表",
                            filename="表.xlsx", content=out.getvalue())  # fmt: skip
    assert "宏" in refused.value.message


def test_only_the_township_office_keeps_county_forms(areas, users):
    for who in ("township_reviewer", "community_staff", "nobody"):
        with pytest.raises(NotPermitted):
            actions.form_upload(actor=users[who], township=areas["township"], title="表", filename="表.xlsx",
                                content=template(BASIC))  # fmt: skip
    assert not CountyForm.objects.exists()


@pytest.fixture
def form(areas, users):
    return actions.form_upload(actor=users["township_admin"], township=areas["township"], title="基本情况表",
                               filename="基本情况表.xlsx", content=template(BASIC))  # fmt: skip


def test_the_filled_workbook_has_a_row_per_community_from_the_records(areas, users, form, make_resident):
    make_resident("grid_a1", name="张三", gender="M")
    make_resident("grid_a2", name="李四", gender="F", birth=dt.date(1990, 1, 2))
    make_resident("grid_b1", name="王五", gender="M")
    Meeting.objects.create(
        body_kind="village_representatives_meeting", area=areas["village"], area_path=areas["village"].path,
        held_on=dt.date(YEAR, 3, 10), present=20, members=25, recorded_by=users["community_staff"],
        state=MeetingState.HELD, title="村民代表会议",
    )  # fmt: skip
    village, urban, township = areas["village"], areas["urban"], areas["township"]
    actions.facts_save(actor=users["township_admin"], form=form, period=PERIOD,
                       values={(village.pk, "专职网格员人数"): "3", (urban.pk, "专职网格员人数"): "5",
                               (township.pk, "填报人"): "王主任"})  # fmt: skip
    content = actions.form_fill(actor=users["township_admin"], form=form, period=PERIOD)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    # Communities by area code: 东街社区 (…001) before 青山村 (…201).
    assert rows[2] == ["东街社区", "511423101001", 1, 1, None, "5"]
    assert rows[3] == ["青山村", "511423101201", 2, 1, 1, "3"]
    assert rows[4][:5] == ["全镇合计", None, 3, 2, 1]
    assert rows[5][:3] == ["填报人：", "王主任", "说明：共 3 人"]
    event = AuditEvent.objects.get(verb="oversight.form_filled")
    assert event.summary["communities"] == 2
    assert AuditEvent.objects.filter(verb="oversight.facts_typed").count() == 1


def test_typed_twice_counts_a_fact_typed_again_in_another_form_and_an_indicator_typed_by_hand(
    areas, users, form
):
    admin, village = users["township_admin"], areas["village"]
    actions.facts_save(actor=admin, form=form, period=PERIOD, values={(village.pk, "专职网格员人数"): "3"})
    assert typed_twice(areas["township"], PERIOD) == []
    again = actions.form_upload(
        actor=admin, township=areas["township"], title="网格表", filename="网格表.xlsx",
        content=template([["{{community.name}}", "{{manual:专职网格员人数}}", "{{manual:residents.people}}"]]),
    )  # fmt: skip
    # The same value as the one already typed is taken from the first form, not typed again.
    actions.facts_save(actor=admin, form=again, period=PERIOD, values={(village.pk, "专职网格员人数"): "3"})
    assert typed_twice(areas["township"], PERIOD) == []
    actions.facts_save(actor=admin, form=again, period=PERIOD,
                       values={(village.pk, "专职网格员人数"): "4", (village.pk, "residents.people"): "800"})  # fmt: skip
    twice = typed_twice(areas["township"], PERIOD)
    assert sorted((t.reason, t.fact.key) for t in twice) == [
        ("again", "专职网格员人数"),
        ("indicator", "residents.people"),
    ]
    again_item = next(t for t in twice if t.reason == "again")
    assert again_item.first.fill.form == form
    # Another period is another fact.
    assert typed_twice(areas["township"], Period(YEAR, 1)) == []


def test_a_value_for_a_key_not_in_the_form_changes_nothing(areas, users, form):
    with pytest.raises(DomainError) as refused:
        actions.facts_save(actor=users["township_admin"], form=form, period=PERIOD,
                           values={(areas["village"].pk, "专职网格员人数"): "3", (areas["village"].pk, "别的"): "1"})  # fmt: skip
    assert "不在这张报表中" in refused.value.message
    # A township-wide key typed for a community is refused too.
    with pytest.raises(DomainError):
        actions.facts_save(actor=users["township_admin"], form=form, period=PERIOD,
                           values={(areas["village"].pk, "填报人"): "x"})  # fmt: skip
    assert not HandFact.objects.exists()


def test_an_empty_value_removes_the_fact(areas, users, form):
    key = (areas["village"].pk, "专职网格员人数")
    actions.facts_save(actor=users["township_admin"], form=form, period=PERIOD, values={key: "3"})
    actions.facts_save(actor=users["township_admin"], form=form, period=PERIOD, values={key: " "})
    assert not HandFact.objects.exists()


def test_the_demo_uploads_a_county_form_and_types_its_hand_values(areas, users):
    from gongzhi.devtools.demo_countyforms import demo_countyforms_seed

    demo_countyforms_seed(township=areas["township"])
    form = CountyForm.objects.get(township=areas["township"])
    assert dict(form.manual_keys) == {"专职网格员人数": True, "填报人": False}
    assert HandFact.objects.filter(fill__form=form).count() == 3
    assert typed_twice(areas["township"], PERIOD) == []
