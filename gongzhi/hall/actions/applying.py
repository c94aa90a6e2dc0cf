"""Applying 申请: online by the resident, "have the village do it for me" (代办), or by staff for a resident.

Three ways in, one application (a case of kind "application", staff_only,
in its community, for the matter's department):

- `application_apply`: a resident for themselves, on a phone.
- `application_proxy_request`: the resident asks the village to do it
  (村级代办): the application opens in channel "proxy" with the resident's
  consent recorded on the timeline, and the village's proxies (its window
  clerks and cadres) are told; they collect the materials and check them at
  acceptance.
- `application_apply_for`: a window clerk, village cadre or grid worker for a
  resident of the register in their area (assisted mode, the consent channel
  recorded, as a wish posted for a resident).

Register facts are filled in from the register and never asked; checklist
lines whose source is the register are satisfied at once ("from_register").
Uploads are checked by content before anything is written: photos are
re-encoded without EXIF (gongzhi.photos), PDFs must be PDFs that are safe to open
(gongzhi.core.pdfs). A form sent twice answers with the application the first send made.
"""

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import Role
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.actions import case_open
from gongzhi.cases.models import Case, ConsentChannel, PrivacyTier
from gongzhi.cases.selectors import case_detail_url
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError
from gongzhi.core.images import CleanImage, image_clean
from gongzhi.core.pdfs import pdf_check
from gongzhi.core.text import text_clean
from gongzhi.core.validators import validate_phone
from gongzhi.notices.actions import notice_send

from ..models import (
    Application,
    ApplicationFile,
    ApplicationMaterial,
    Channel,
    MaterialSource,
    MaterialState,
    Matter,
)
from ..roles import PROXIES
from ..selectors.desk import matter_covers
from ..selectors.registerfacts import account_facts, register_facts
from ..workflow import APPLICATION_KIND

NOTE_MAX = 200
IMAGE_SUFFIXES = (
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".heic",
    ".bmp",
)


def application_url(application: Application) -> str:
    """The application's page (the case type's `detail_url`), for notices."""
    return case_detail_url(application.case)


def applicant_tell(application: Application, *, actor: User, title: str, body: str) -> None:
    """The applicant, and whoever applied for them (assisted), hear of it — never the actor themselves."""
    case = application.case
    told = set()
    for user in (case.author, case.submitted_by):
        if user is None or user.pk in told or user.pk == actor.pk or not user.is_active:
            continue
        told.add(user.pk)
        notice_send(
            recipient=user, kind="case.application", title=title, body=body, url=application_url(application)
        )


# --- Uploads --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedUpload:
    """An upload checked by its content: a cleaned photo, or the bytes of a real PDF."""

    name: str
    image: CleanImage | None = None
    pdf: bytes = b""


def _pdf_max() -> int:
    return int(getattr(settings, "GONGZHI_HALL_PDF_MAX_BYTES", 10 * 1024 * 1024))


def upload_check(upload) -> CheckedUpload:
    """Check one upload by what it contains (not its name or declared type), before any transaction.

    A PDF must parse, have pages, open without a password, carry nothing that runs and stay under the size
    limit (core.pdfs);
    anything else must be a photo gongzhi can decode (it is re-encoded, EXIF and all metadata dropped).
    A file whose name or type claims one thing and whose content is another is refused.
    """
    if isinstance(upload, CheckedUpload):
        return upload
    name = (getattr(upload, "name", "") or _("文件"))[-100:]
    declared = (getattr(upload, "content_type", "") or "").lower()
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    claims_pdf = name.lower().endswith(".pdf") or declared == "application/pdf"
    claims_image = declared.startswith("image/") or name.lower().endswith(IMAGE_SUFFIXES)
    if head == b"%PDF-" and claims_image and not claims_pdf:
        raise DomainError(
            _("「%(name)s」名为照片，实际是PDF文件，请改用正确的文件名后上传。") % {"name": name},
            field="files",
            code="upload_mismatch",
        )
    if head == b"%PDF-" or claims_pdf:
        raw = upload.read(_pdf_max() + 1)
        return CheckedUpload(name=name, pdf=pdf_check(raw, name=name, max_bytes=_pdf_max()))
    try:
        image = image_clean(upload)
    except DomainError as exc:
        raise DomainError(
            _("「%(name)s」无法作为材料上传：%(reason)s只能上传照片(JPG、PNG)或PDF文件。")
            % {"name": name, "reason": exc.message},
            field="files",
            code="upload_rejected",
        ) from None
    return CheckedUpload(name=name, image=image)


def uploads_check(files: Mapping[int, Iterable]) -> dict[int, list[CheckedUpload]]:
    """{material line's Material id: [uploads]} checked; the first bad file refuses them all."""
    return {key: [upload_check(u) for u in uploads] for key, uploads in files.items() if uploads}


def _pdf_store(content: bytes, written: list[Path]) -> str:
    from gongzhi.photos.actions import file_write_atomically

    today = timezone.localdate()
    relative = PurePosixPath("hall", f"{today:%Y}", f"{today:%m}", f"{uuid.uuid4()}.pdf")
    target = Path(settings.DATA_DIR) / relative
    file_write_atomically(target, content)  # 0600, like photos and issued notices: these are personal papers
    written.append(target)
    return str(relative)


def files_attach(
    *, application: Application, actor: User, files: Mapping[int, list[CheckedUpload]], round: int
) -> dict[int, int]:
    """Store checked uploads on their lines (by Material id); returns {line id: files added}.

    Runs inside the caller's transaction; a PDF written to disk is removed again if it rolls back.
    """
    from gongzhi.photos.actions import photo_store

    lines = {line.material_id: line for line in application.materials.select_related("material")}
    added: dict[int, int] = {}
    written: list[Path] = []
    try:
        for material_id, uploads in files.items():
            line = lines.get(material_id)
            if line is None:
                raise DomainError(_("材料清单里没有这一项。"), field="files")
            if line.material.source == MaterialSource.REGISTER:
                raise DomainError(
                    _("「%(name)s」由系统根据登记信息生成，无需上传。") % {"name": line.material.name},
                    field="files",
                )
            for upload in uploads:
                if upload.image is not None:
                    photo = photo_store(actor=actor, upload=upload.image)
                    content = upload.image.content
                    ApplicationFile.objects.create(
                        application=application, line=line, photo=photo, name=upload.name, size=len(content),
                        sha256=hashlib.sha256(content).hexdigest(), round=round, added_by=actor,
                    )  # fmt: skip
                else:
                    relative = _pdf_store(upload.pdf, written)
                    ApplicationFile.objects.create(
                        application=application, line=line, path=relative, name=upload.name, size=len(upload.pdf),
                        sha256=hashlib.sha256(upload.pdf).hexdigest(), round=round, added_by=actor,
                    )  # fmt: skip
                added[line.pk] = added.get(line.pk, 0) + 1
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        raise
    return added


# --- Applying -------------------------------------------------------------------------------


def _phone_clean(phone: str, *, required: bool) -> str:
    phone = (phone or "").strip()
    if not phone:
        if required:
            raise DomainError(_("请填写联系电话，方便窗口联系您。"), field="phone")
        return ""
    try:
        return validate_phone(phone)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], field="phone") from None


def _matter_open_to(matter: Matter, community, *, online: bool = False, proxy: bool = False) -> None:
    if not matter.is_active:
        raise DomainError(_("该事项已停用，不能申请。"))
    if not matter_covers(matter, community):
        raise DomainError(_("该事项不属于您所在乡镇的事项目录。"))
    if online and not matter.online:
        raise DomainError(_("该事项暂不支持网上申请，请到村(社区)便民服务站办理，或选择代办。"))
    if proxy and not matter.proxy:
        raise DomainError(_("该事项不能由村(社区)代办，请本人到窗口办理。"))


def _open(
    *,
    actor: User,
    matter: Matter,
    channel: str,
    author: User | None,
    resident,
    community,
    area_path: str,
    facts: dict,
    phone: str,
    submission_key: str,
    files: Mapping[int, Iterable],
    note: str,
    visits: int = 0,
    **case_fields,
) -> Application:
    checked = uploads_check(files)
    case = Case(
        kind=APPLICATION_KIND,
        title=matter.name[:60],
        body="",
        author=author,
        resident=resident,
        community=community,
        area_path=area_path,
        department=matter.department,
        privacy=PrivacyTier.STAFF_ONLY,
        submission_key=(submission_key or "")[:64],
        **case_fields,
    )
    case_open(case=case, actor=actor, note=note)
    application = Application.objects.create(
        case=case, matter=matter, channel=channel, facts=facts, phone=phone, visits=visits
    )
    ApplicationMaterial.objects.bulk_create(
        ApplicationMaterial(
            application=application,
            material=material,
            state=MaterialState.FROM_REGISTER
            if material.source == MaterialSource.REGISTER and resident is not None
            else MaterialState.MISSING,
        )
        for material in matter.materials.all()
    )
    added = files_attach(application=application, actor=actor, files=checked, round=0)
    if added:
        ApplicationMaterial.objects.filter(pk__in=list(added)).update(
            state=MaterialState.PROVIDED, supplied_at=timezone.now()
        )
    audit_event_record(
        actor=actor,
        verb="hall.applied",
        target=application,
        area=community,
        summary={"matter": matter.code, "channel": channel, "files": sum(added.values())},
    )
    return application


@transaction.atomic
def application_apply(
    *, actor: User, matter: Matter, phone: str, files: Mapping[int, Iterable] = {}, submission_key: str = ""
) -> Application:
    """A resident applies for themselves, online; the register fills in what it knows."""
    authorize(actor, "hall.apply")
    from gongzhi.residents.selectors import resident_home_of

    community, area_path, resident = resident_home_of(actor)
    _matter_open_to(matter, community, online=True)
    phone = _phone_clean(phone, required=True)
    facts = register_facts(resident) if resident is not None else account_facts(actor, community)
    return _open(
        actor=actor, matter=matter, channel=Channel.ONLINE, author=actor, resident=resident,
        community=community, area_path=area_path, facts=facts, phone=phone, submission_key=submission_key,
        files=files, note=_("网上申请"),
    )  # fmt: skip


@transaction.atomic
def application_proxy_request(
    *,
    actor: User,
    matter: Matter,
    phone: str,
    note: str = "",
    consent: bool = False,
    submission_key: str = "",
) -> Application:
    """The resident asks the village to do it for them (村级代办): the application opens in channel "proxy"
    with their consent on the timeline, and the village's window clerks and cadres are told."""
    authorize(actor, "hall.apply")
    from gongzhi.residents.selectors import resident_home_of

    community, area_path, resident = resident_home_of(actor)
    _matter_open_to(matter, community, proxy=True)
    if not consent:
        raise DomainError(_("请确认同意由村(社区)代办员代为收取材料、办理此事项。"), field="consent")
    phone = _phone_clean(phone, required=True)
    note = text_clean(note, label=_("留言"), field="note", minimum=0, maximum=NOTE_MAX)
    facts = register_facts(resident) if resident is not None else account_facts(actor, community)
    facts["proxy_requested_at"] = timezone.now().isoformat()
    timeline = _("居民委托村(社区)代办，已同意代办员代为收取材料") + (f"：{note}" if note else "")
    application = _open(
        actor=actor, matter=matter, channel=Channel.PROXY, author=actor, resident=resident,
        community=community, area_path=area_path, facts=facts, phone=phone, submission_key=submission_key,
        files={}, note=timeline,
    )  # fmt: skip
    for proxy in _proxies_of(community):
        notice_send(
            recipient=proxy,
            kind="case.application",
            title=_("代办请求：%(matter)s") % {"matter": matter.name},
            body=_("%(community)s有居民请求代办「%(matter)s」，请联系居民收取材料。")
            % {"community": community.name, "matter": matter.name},
            url=application_url(application),
        )
    return application


def _proxies_of(community) -> list[User]:
    """The window clerks and cadres over `community` (held there or at the village itself, not the township)."""
    from gongzhi.accounts.models import RoleAssignment

    rows = RoleAssignment.objects.filter(
        role__in=[Role.WINDOW_CLERK, Role.COMMUNITY_STAFF], area_path=community.path, user__is_active=True
    ).select_related("user")
    return list({row.user_id: row.user for row in rows}.values())


@transaction.atomic
def application_apply_for(
    *,
    actor: User,
    matter: Matter,
    resident,
    consent_channel: str,
    consent_note: str = "",
    phone: str = "",
    files: Mapping[int, Iterable] = {},
    submission_key: str = "",
    at_window: bool = False,
) -> Application:
    """A window clerk, village cadre or grid worker applies for a resident of the register (assisted mode).

    `at_window`: the resident came to the window in person to apply — the application's first visit
    (最多跑一次 counts the applicant's visits to the window, see actions.desk).
    """
    authorize(actor, "hall.apply_for", resident)
    _matter_open_to(matter, resident.community)
    if consent_channel not in ConsentChannel.values:
        raise DomainError(_("请选择居民同意的方式（当面、电话或书面）。"), field="consent_channel")
    consent_note = text_clean(
        consent_note, label=_("同意说明"), field="consent_note", minimum=0, maximum=NOTE_MAX
    )
    phone = _phone_clean(phone, required=False)
    window = Role.WINDOW_CLERK in _roles_over(actor, resident)
    channel = Channel.WINDOW if window else Channel.PROXY
    return _open(
        actor=actor, matter=matter, channel=channel,
        author=resident.user if resident.user_id else None, resident=resident,
        community=resident.community, area_path=resident.area_path, facts=register_facts(resident),
        phone=phone, submission_key=submission_key, files=files,
        note=_("代%(name)s申请，居民已%(channel)s同意") % {
            "name": resident.name, "channel": ConsentChannel(consent_channel).label},
        visits=1 if at_window and window else 0,
        assisted=True, consent_channel=consent_channel, consent_at=timezone.now(), consent_note=consent_note,
    )  # fmt: skip


def _roles_over(actor: User, resident) -> set[str]:
    from gongzhi.accounts.scopes import covers, paths_for

    return {role for role in PROXIES if covers(paths_for(actor, [role]), resident.area_path)}


def promise_date_check(promised_by: dt.date | None, *, name: str) -> dt.date:
    today = timezone.localdate()
    if promised_by is None:
        raise DomainError(_("请填写「%(name)s」的承诺补交日期。") % {"name": name}, field="lines")
    if not today <= promised_by <= today + dt.timedelta(days=90):
        raise DomainError(_("「%(name)s」的承诺补交日期应在今天到90天之内。") % {"name": name}, field="lines")
    return promised_by
