"""The county forms' pages: upload (refused with the cells listed), the hand-typed values, the filled download,
and the typed-twice figure on the township page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongzhi.audit.models import AuditEvent
from gongzhi.oversight.models import CountyForm, HandFact
from tests.oversight.test_countyforms import BASIC, template

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def _upload(client, areas, rows, title="基本情况表", name="基本情况表.xlsx"):
    return client.post(
        reverse("oversight:forms", args=[areas["township"].pk]),
        {"title": title, "file": SimpleUploadedFile(name, template(rows))},
    )


def test_the_office_uploads_types_and_downloads_a_county_form(client, areas, users):
    client.force_login(users["township_admin"])
    page = client.get(reverse("oversight:forms", args=[areas["township"].pk])).content.decode()
    assert "{{community.name}}" in page
    assert "residents.people" in page
    answer = _upload(client, areas, BASIC)
    form = CountyForm.objects.get()
    assert answer["Location"] == reverse("oversight:form", args=[form.pk])
    url = reverse("oversight:form", args=[form.pk])
    text = client.get(url + f"?year={YEAR}").content.decode()
    assert "专职网格员人数" in text
    assert "青山村" in text
    village = areas["village"]
    client.post(
        url, {"year": YEAR, "quarter": 0, f"v-{village.pk}-0": "3", f"v-{areas['township'].pk}-1": "王主任"}
    )
    assert {(f.area_id, f.key, f.value) for f in HandFact.objects.all()} == {
        (village.pk, "专职网格员人数", "3"), (areas["township"].pk, "填报人", "王主任"),
    }  # fmt: skip
    download = client.get(reverse("oversight:form_download", args=[form.pk]) + f"?year={YEAR}")
    assert download.status_code == 200
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(download.content)).active.iter_rows()]
    assert rows[3][0] == "青山村"
    assert rows[3][5] == "3"
    assert AuditEvent.objects.filter(verb="oversight.form_filled").count() == 1
    township = client.get(reverse("oversight:township", args=[areas["township"].pk]) + f"?year={YEAR}")
    assert 'data-testid="typed-twice-count">0<' in township.content.decode()


def test_an_unknown_placeholder_lists_its_cell_and_saves_nothing(client, areas, users):
    client.force_login(users["township_admin"])
    answer = _upload(client, areas, [["{{residents.people}}", "{{no.such}}"]])
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "基本情况!B1" in page
    assert "{{no.such}}" in page
    assert not CountyForm.objects.exists()


def test_a_broken_file_is_a_message(client, areas, users):
    client.force_login(users["township_admin"])
    answer = client.post(
        reverse("oversight:forms", args=[areas["township"].pk]),
        {"title": "表", "file": SimpleUploadedFile("表.xlsx", b"broken")},
        follow=True,
    )
    assert "文件已损坏" in answer.content.decode()
    assert not CountyForm.objects.exists()


def test_the_typed_twice_figure_lists_the_facts(client, areas, users):
    client.force_login(users["township_admin"])
    _upload(client, areas, [["{{community.name}}", "{{manual:residents.people}}"]], title="人口表")
    form = CountyForm.objects.get()
    client.post(
        reverse("oversight:form", args=[form.pk]), {"year": YEAR, f"v-{areas['village'].pk}-0": "800"}
    )
    page = client.get(
        reverse("oversight:township", args=[areas["township"].pk]) + f"?year={YEAR}"
    ).content.decode()
    assert 'data-testid="typed-twice-count">1<' in page
    assert "平台已有这个指标" in page


def test_the_reviewer_reads_the_figure_but_keeps_no_forms(client, areas, users):
    client.force_login(users["township_reviewer"])
    page = client.get(
        reverse("oversight:township", args=[areas["township"].pk]) + f"?year={YEAR}"
    ).content.decode()
    assert "oversight-typed-twice" in page
    assert "county-forms-link" not in page
    assert client.get(reverse("oversight:forms", args=[areas["township"].pk])).status_code == 403
