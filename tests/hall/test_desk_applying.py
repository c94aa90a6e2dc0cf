"""Applying (issue 10, "An application's life", first paragraph): online by the resident, 代办 at the village's
hands, by a clerk for a resident (assisted, consent recorded); register facts filled in, never asked; uploads
checked by content; a form sent twice gives the same application."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from gongzhi.audit.models import AuditEvent
from gongzhi.cases.actions import AlreadySubmitted
from gongzhi.cases.models import Case
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.hall.actions.applying import application_apply, application_apply_for, application_proxy_request
from gongzhi.hall.models import Application, ApplicationFile, Channel, HandlingMode, MaterialState
from gongzhi.notices.models import Notice
from gongzhi.photos.models import Photo
from gongzhi.residents.models import Household, Resident
from tests.pdfs import BLANK_PDF, encrypted_pdf, pdf_with_attachment, pdf_with_javascript

pytestmark = pytest.mark.django_db

PDF = BLANK_PDF  # a real one-page PDF (tests/pdfs.py)


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (30.0, 40.0, 12.5)
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 100, 50)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def me(users, areas, make_resident):
    """The resident account's entry in the register, head of a household of two."""
    household = Household.objects.create(
        number="QS-0007",
        area=areas["grid_a1"],
        area_path=areas["grid_a1"].path,
        community=areas["village"],
        address="青山村1组7号",
    )
    resident = make_resident(name="李秀兰", current_address="青山村1组7号")
    Resident.objects.filter(pk=resident.pk).update(user=users["resident"], household=household)
    spouse = make_resident(name="王建国")
    Resident.objects.filter(pk=spouse.pk).update(household=household, relation_to_head="10")
    return Resident.objects.get(pk=resident.pk)


def lines_of(application):
    return {line.material.name: line for line in application.materials.select_related("material")}


def test_a_resident_applies_online_with_register_facts_and_checked_uploads(users, me, make_matter, data_dir):
    matter = make_matter()
    application = application_apply(
        actor=users["resident"], matter=matter, phone="13800138000",
        files={matter.materials.get(name="申请书").pk: [upload("申请书.jpg", jpeg_with_gps(), "image/jpeg")],
               matter.materials.get(name="收入证明").pk: [upload("收入证明.pdf", PDF, "application/pdf")]},
    )  # fmt: skip
    case = application.case
    assert (case.kind, case.state, case.privacy) == ("application", "submitted", "staff_only")
    assert case.community.name == "青山村"
    assert case.department == matter.department
    assert case.resident == me
    assert case.author == users["resident"]
    assert not case.assisted
    assert application.channel == Channel.ONLINE
    assert application.phone == "13800138000"
    # The register fills in who they are: never the full ID number.
    assert application.facts["name"] == "李秀兰"
    assert application.facts["household"] == "QS-0007"
    assert application.facts["id_masked"].endswith(me.id_last4)
    assert "*" in application.facts["id_masked"]
    assert application.facts["members"] == [
        {"name": "王**", "relation": me.__class__(relation_to_head="10").get_relation_to_head_display()}
    ]
    lines = lines_of(application)
    assert lines["户口簿"].state == MaterialState.FROM_REGISTER  # never asked
    assert lines["申请书"].state == lines["收入证明"].state == MaterialState.PROVIDED
    photo_file = ApplicationFile.objects.get(line=lines["申请书"])
    stored = Image.open(data_dir / photo_file.photo.path)
    assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # EXIF stripped
    pdf_file = ApplicationFile.objects.get(line=lines["收入证明"])
    assert (data_dir / pdf_file.path).read_bytes() == PDF
    assert pdf_file.size == len(PDF)


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("收入证明.pdf", b"MZ\x90\x00 this is a program", "application/pdf", "不是有效的PDF文件"),
        ("收入证明.pdf", b"%PDF-1.4\n1 0 obj\n(no trailer)", "application/pdf", "不是有效的PDF文件"),
        (
            "照片.jpg",
            b"<html><script>alert(1)</script></html>",
            "image/jpeg",
            "只能上传照片(JPG、PNG)或PDF文件",
        ),
        ("照片.jpg", PDF, "image/jpeg", "实际是PDF文件"),
        # Starts and ends like a PDF, but has no pages and no cross-reference: not a PDF a reader opens.
        (
            "收入证明.pdf",
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
            "application/pdf",
            "不是有效的PDF文件",
        ),
        ("收入证明.pdf", pdf_with_javascript(), "application/pdf", "含有脚本、附件或自动执行的内容"),
        ("收入证明.pdf", pdf_with_attachment(), "application/pdf", "含有脚本、附件或自动执行的内容"),
        ("收入证明.pdf", encrypted_pdf(), "application/pdf", "设有密码"),
    ],
)
def test_an_upload_that_is_not_what_it_claims_is_refused_and_nothing_is_written(
    users, me, make_matter, data_dir, name, content, content_type, message
):
    matter = make_matter()
    good = upload("申请书.pdf", PDF, "application/pdf")
    bad = upload(name, content, content_type)
    with pytest.raises(DomainError) as refused:
        application_apply(actor=users["resident"], matter=matter, phone="13800138000",
                          files={matter.materials.get(name="申请书").pk: [good],
                                 matter.materials.get(name="收入证明").pk: [bad]})  # fmt: skip
    assert message in refused.value.message
    assert name in refused.value.message
    assert not Case.objects.exists()
    assert not Application.objects.exists()
    assert not ApplicationFile.objects.exists()
    assert not Photo.objects.exists()
    assert not list(data_dir.rglob("*.pdf"))


def test_a_pdf_over_the_limit_is_refused(users, me, make_matter, settings):
    settings.GONGZHI_HALL_PDF_MAX_BYTES = 1024 * 1024
    matter = make_matter()
    big = PDF[:-7] + b" " * (1024 * 1024) + b"%%EOF\n"
    with pytest.raises(DomainError, match="超过1 MB"):
        application_apply(actor=users["resident"], matter=matter, phone="13800138000",
                          files={matter.materials.first().pk: [upload("a.pdf", big, "application/pdf")]})  # fmt: skip
    assert not Application.objects.exists()


def test_a_double_submission_answers_with_the_same_application(users, me, make_matter, client):
    matter = make_matter()
    first = application_apply(
        actor=users["resident"], matter=matter, phone="13800138000", submission_key="k1"
    )
    with pytest.raises(AlreadySubmitted) as again:
        application_apply(actor=users["resident"], matter=matter, phone="13800138000", submission_key="k1")
    assert again.value.case.pk == first.pk
    assert "无需重复提交" in again.value.message
    client.force_login(users["resident"])
    response = client.post(
        reverse("hall:apply", args=[matter.pk]), {"phone": "13800138000", "submission_key": "k1"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("hall:detail", args=[first.pk])
    assert Application.objects.count() == 1


def test_bad_phone_and_a_matter_closed_to_online_applying_are_refused(users, me, make_matter):
    with pytest.raises(DomainError, match="手机号"):
        application_apply(actor=users["resident"], matter=make_matter(), phone="12345")
    with pytest.raises(DomainError, match="暂不支持网上申请"):
        application_apply(actor=users["resident"], matter=make_matter(online=False), phone="13800138000")
    with pytest.raises(NotPermitted):
        application_apply(actor=users["window_clerk"], matter=make_matter(), phone="13800138000")
    assert not Application.objects.exists()


def test_the_village_does_it_for_me(users, me, make_matter):
    matter = make_matter()
    with pytest.raises(DomainError, match="请确认同意"):
        application_proxy_request(actor=users["resident"], matter=matter, phone="13800138000")
    application = application_proxy_request(
        actor=users["resident"], matter=matter, phone="13800138000", note="下午在家", consent=True
    )
    assert application.channel == Channel.PROXY
    assert application.case.author == users["resident"]
    told = set(
        Notice.objects.filter(title__contains="代办请求").values_list("recipient__username", flat=True)
    )
    assert told == {"window_clerk", "community_staff"}  # the village's window and cadres, not the township's
    event = application.case.events.get(verb="open")
    assert "委托村(社区)代办" in event.note
    assert "下午在家" in event.note
    with pytest.raises(DomainError, match=r"不能由村\(社区\)代办"):
        application_proxy_request(actor=users["resident"], matter=make_matter(proxy=False), phone="13800138000",
                                  consent=True)  # fmt: skip


def test_a_clerk_applies_for_a_resident_with_consent_and_the_visit_counts(users, make_matter, make_resident):
    matter = make_matter()
    resident = make_resident(name="赵大爷")
    with pytest.raises(DomainError, match="同意的方式"):
        application_apply_for(
            actor=users["window_clerk"], matter=matter, resident=resident, consent_channel=""
        )
    application = application_apply_for(
        actor=users["window_clerk"], matter=matter, resident=resident, consent_channel="in_person",
        consent_note="本人到窗口", at_window=True,
    )  # fmt: skip
    case = application.case
    assert case.assisted
    assert case.consent_channel == "in_person"
    assert case.consent_note == "本人到窗口"
    assert case.resident == resident
    assert case.author is None
    assert case.submitted_by == users["window_clerk"]
    assert application.channel == Channel.WINDOW
    assert application.visits == 1
    assert application.facts["name"] == "赵大爷"
    assert lines_of(application)["户口簿"].state == MaterialState.FROM_REGISTER
    # A grid worker for their grid: a 代办员, not a window; no visit.
    by_grid = application_apply_for(actor=users["grid_worker"], matter=matter, resident=resident,
                                    consent_channel="phone")  # fmt: skip
    assert by_grid.channel == Channel.PROXY
    assert by_grid.visits == 0
    # Outside their area: refused, nothing made.
    other = make_resident("grid_b1", name="钱阿姨")
    with pytest.raises(NotPermitted):
        application_apply_for(
            actor=users["grid_worker"], matter=matter, resident=other, consent_channel="phone"
        )
    assert Application.objects.count() == 2


def test_the_pages_of_applying(users, me, make_matter, client):
    matter = make_matter(mode=HandlingMode.VILLAGE_TO_TOWNSHIP)
    client.force_login(users["resident"])
    start = client.get(reverse("hall:apply_start")).content.decode()
    assert matter.name in start
    assert reverse("hall:apply", args=[matter.pk]) in start
    page = client.get(reverse("hall:apply", args=[matter.pk])).content.decode()
    assert "李秀兰" in page
    assert "QS-0007" in page
    assert "系统已有，无需提交" in page
    response = client.post(
        reverse("hall:apply", args=[matter.pk]),
        {"phone": "13800138000", "submission_key": "x", f"file_{matter.materials.get(name='收入证明').pk}":
         upload("收入证明.pdf", b"not a pdf", "application/pdf")},
    )  # fmt: skip
    assert response.status_code == 200
    assert "不是有效的PDF文件" in response.content.decode()
    assert not Application.objects.exists()
    response = client.post(
        reverse("hall:apply", args=[matter.pk]), {"phone": "13800138000", "submission_key": "y"}
    )
    application = Application.objects.get()
    assert response["Location"] == reverse("hall:detail", args=[application.pk])
    mine = client.get(reverse("hall:mine")).content.decode()
    assert matter.name in mine
    assert "待受理" in mine
    detail = client.get(reverse("hall:detail", args=[application.pk])).content.decode()
    assert "系统已有" in detail
    assert "撤回申请" in detail


def test_handed_in_files_are_served_to_those_who_see_the_application(users, me, make_matter, client):
    matter = make_matter()
    application = application_apply(
        actor=users["resident"], matter=matter, phone="13800138000",
        files={matter.materials.get(name="申请书").pk: [upload("申请书.jpg", jpeg_with_gps(), "image/jpeg")],
               matter.materials.get(name="收入证明").pk: [upload("收入证明.pdf", PDF, "application/pdf")]},
    )  # fmt: skip
    photo, pdf = (
        ApplicationFile.objects.get(application=application, line__material__name=n)
        for n in ("申请书", "收入证明")
    )
    client.force_login(users["window_clerk"])
    detail = client.get(reverse("hall:detail", args=[application.pk])).content.decode()
    assert reverse("hall:file", args=[application.pk, pdf.pk]) in detail
    served = client.get(reverse("hall:file", args=[application.pk, pdf.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert served["Cache-Control"] == "no-store"
    assert "attachment" in served["Content-Disposition"]
    assert b"".join(served.streaming_content) == PDF
    shown = client.get(reverse("hall:file", args=[application.pk, photo.pk]))
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/jpeg"
    # Each staff read of a file is in the audit trail, named; the applicant's own reads are not.
    reads = AuditEvent.objects.filter(verb="hall.file_read").order_by("id")
    assert [(e.actor_id, e.summary["file"]) for e in reads] == [
        (users["window_clerk"].pk, pdf.pk),
        (users["window_clerk"].pk, photo.pk),
    ]
    client.force_login(users["resident"])
    assert client.get(reverse("hall:file", args=[application.pk, pdf.pk])).status_code == 200
    assert reads.count() == 2
    client.force_login(users["volunteer"])
    assert client.get(reverse("hall:file", args=[application.pk, pdf.pk])).status_code == 404
    other = application_apply(actor=users["resident"], matter=matter, phone="13800138000")
    client.force_login(users["resident"])
    assert client.get(reverse("hall:file", args=[other.pk, pdf.pk])).status_code == 404


def test_the_list_of_matters_to_apply_for_is_the_viewers_townships(users, make_matter, client):
    from gongzhi.areas.actions import area_create_unchecked
    from gongzhi.areas.models import AreaKind
    from gongzhi.hall.models import Matter

    ours = make_matter(name="高龄津贴")
    elsewhere = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="河西镇", parent=None, code="511423102000")
    theirs = Matter.objects.create(
        township=elsewhere, code="HX-001", name="河西镇独有事项", levels=["village"], mode=ours.mode,
        department=None,
    )  # fmt: skip
    for who in ("resident", "window_clerk"):
        client.force_login(users[who])
        page = client.get(reverse("hall:apply_start")).content.decode()
        assert ours.name in page, who
        assert theirs.name not in page, who
