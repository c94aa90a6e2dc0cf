"""Publishing on a community's public board: the kernel's, for community staff and every feature.

    disclosure_due_register ── a feature: "this must be published by …" (major: 5 workdays, statute.py)
    disclosure_publish ── revision 1 ── fulfils the open dues of the same source and purpose
        ├─ disclosure_revise ── revision n+1, with the reason (the public 修改记录)
        └─ disclosure_withdraw ── off the board, with the reason; never deleted

A feature publishes what its record decided (`owner`, `purpose`: a decision's
resolution, its execution result) and registers what it must publish later
with `disclosure_due_register`; community staff publish the regular reports
(quarterly 村务, monthly or quarterly 财务) from their pages. The text is
checked like every text that the public reads: characters by core.text, and
personal data (ID numbers, phone numbers, bank cards, house numbers) by
core.pii — found personal data is refused unless the publisher says why it
must be public (a committee's office phone), and that reason is kept with
the revision and in the audit trail.

Who may: the feature's permission over its own object (`perm`, `perm_obj`),
or the kernel's `disclosures.publish` over the community. Every action locks
what it reads to change and writes one audit event in its transaction.
"""

import datetime as dt
import hashlib
import uuid
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.pdfs import pdf_check
from gongzhi.core.pii import pii_find, pii_kinds, pii_summary
from gongzhi.core.text import text_clean

from .models import Disclosure, DisclosureCategory, DisclosureDue, DisclosureRevision, DisclosureSetting
from .statute import MAJOR_BASIS, MAJOR_WITHIN, period_parse

TITLE_MAX, BODY_MAX, REASON_MAX, PURPOSE_MAX = 100, 10000, 200, 40
ATTACHMENT_MAX = 5 * 1024 * 1024  # a photo of the paper board, or a short PDF statement
PDF_DIR = "disclosures"


def _authorize(actor, perm: str | None, perm_obj, obj) -> None:
    authorize(actor, perm or "disclosures.publish", obj if perm_obj is None else perm_obj)


def _community(area: Area) -> Area:
    if area.kind != AreaKind.COMMUNITY:
        raise DomainError(_("公开栏属于村(社区)，请选择一个村或社区。"), field="community")
    return area


def _texts(title: str, body: str, personal_data_reason: str) -> tuple[str, str, str]:
    title = text_clean(title, label=_("标题"), field="title", minimum=2, maximum=TITLE_MAX)
    body = text_clean(body, label=_("公开内容"), field="body", minimum=5, maximum=BODY_MAX)
    reason = text_clean(
        personal_data_reason, label=_("公开个人信息的理由"), field="personal_data_reason", minimum=0,
        maximum=REASON_MAX,
    )  # fmt: skip
    findings = pii_find(title) + pii_find(body)
    if findings and not reason:
        raise DomainError(
            _(
                "内容中有%(kinds)s，公开后所有人都能看到。请删去；确需公开的（例如村(居)委会的办公电话），"
                "请填写公开的理由。"
            )
            % {"kinds": pii_summary(findings)},
            field="body",
        )
    return title, body, reason if findings else ""


def _reason(value: str, label: str) -> str:
    return text_clean(value, label=label, field="reason", minimum=2, maximum=REASON_MAX)


def attachment_check(upload) -> bytes | None:
    """The bytes of an attachment: a PDF (by its first bytes; safe to open, core.pdfs) or an image, at most
    ATTACHMENT_MAX. The forms call it too, so a bad file is answered on the form."""
    if upload is None:
        return None
    content = upload if isinstance(upload, bytes) else upload.read()
    if not isinstance(upload, bytes):
        upload.seek(0)
    if len(content) > ATTACHMENT_MAX:
        raise DomainError(_("附件不能超过 5 MB。"), field="attachment")
    if content[:5] == b"%PDF-":
        pdf_check(content, name=_("附件"), max_bytes=ATTACHMENT_MAX, field="attachment")
    return content


def _attach(disclosure: Disclosure, content: bytes | None, actor: User) -> None:
    from gongzhi.photos.actions import file_write_atomically, photo_store

    if not content:
        return
    if content[:5] == b"%PDF-":
        relative = PurePosixPath(PDF_DIR, f"{uuid.uuid4()}.pdf")
        file_write_atomically(Path(settings.DATA_DIR) / relative, content)
        disclosure.pdf_path, disclosure.pdf_size = str(relative), len(content)
    else:
        try:
            disclosure.photo = photo_store(actor=actor, upload=content)
        except DomainError as exc:
            raise DomainError(_("附件请上传 PDF 文件或照片（JPG、PNG）。"), field="attachment") from exc


def _source(owner) -> dict:
    if owner is None:
        return {"owner_app": "", "owner_model": "", "owner_id": None}
    return {"owner_app": owner._meta.app_label, "owner_model": owner._meta.model_name, "owner_id": owner.pk}


def _sha(content: bytes | None) -> str:
    return hashlib.sha256(content).hexdigest()[:16] if content else ""


@transaction.atomic
def disclosure_publish(
    *,
    actor: User,
    community: Area,
    category: str,
    title: str,
    body: str,
    major: bool = False,
    period: str = "",
    owner=None,
    purpose: str = "",
    due: DisclosureDue | None = None,
    attachment=None,
    personal_data_reason: str = "",
    perm: str | None = None,
    perm_obj=None,
) -> Disclosure:
    """Publish an item on the community's board now (revision 1); fulfils the open dues of its source
    (`owner` and `purpose`, or those of a registered `due` that staff publish from its page)."""
    _authorize(actor, perm, perm_obj, community)
    community = _community(community)
    source = _source(owner)
    if due is not None:
        if due.area_id != community.pk:
            raise DomainError(_("这项应公开事项不属于本村(社区)。"), field="due")
        source = {"owner_app": due.owner_app, "owner_model": due.owner_model, "owner_id": due.owner_id}
        purpose = due.purpose
    if category not in DisclosureCategory.values:
        raise DomainError(_("请选择公开类别：党务、村务(居务)或财务。"), field="category")
    if period and period_parse(period) is None:
        raise DomainError(_("所属期间应为某年某季度或某月。"), field="period")
    if len(purpose) > PURPOSE_MAX:
        raise DomainError(_("公开用途过长。"), field="purpose")
    title, body, pii_reason = _texts(title, body, personal_data_reason)
    content = attachment_check(attachment)
    now = timezone.now()
    disclosure = Disclosure(
        area=community,
        area_path=community.path,
        category=category,
        title=title,
        body=body,
        major=major,
        period=period,
        purpose=purpose,
        **source,
        published_at=now,
        published_by=actor,
    )
    _attach(disclosure, content, actor)
    disclosure.save()
    DisclosureRevision.objects.create(
        disclosure=disclosure,
        number=1,
        title=title,
        body=body,
        personal_data_reason=pii_reason,
        by=actor,
        at=now,
    )
    fulfilled = []
    if source["owner_id"] is not None:
        dues = DisclosureDue.objects.select_for_update().filter(
            **source, purpose=purpose, area=community, fulfilled_by__isnull=True
        )
        for due in dues:
            due.fulfilled_by, due.fulfilled_at = disclosure, now
            due.save(update_fields=["fulfilled_by", "fulfilled_at"])
            fulfilled.append(
                {"title": due.title, "due_on": due.due_on.isoformat(), "late": due.due_on < now.date()}
            )
    audit_event_record(
        actor=actor,
        verb="disclosure.published",
        target=disclosure,
        area=community,
        summary={
            "category": category,
            "title": title,
            "major": major,
            "period": period,
            "purpose": purpose,
            "characters": len(body),
            "attachment": _sha(content),
            "personal_data": pii_kinds(pii_find(title) + pii_find(body)),
            "personal_data_reason": pii_reason,
            "fulfilled": fulfilled,
        },
    )
    return disclosure


def _locked(disclosure: Disclosure) -> Disclosure:
    return Disclosure.objects.select_for_update(of=("self",)).select_related("area").get(pk=disclosure.pk)


@transaction.atomic
def disclosure_revise(
    *,
    actor: User,
    disclosure: Disclosure,
    title: str,
    body: str,
    reason: str,
    personal_data_reason: str = "",
    perm: str | None = None,
    perm_obj=None,
) -> Disclosure:
    """A new text for a published item, with the reason; the old one stays in its history."""
    _authorize(actor, perm, perm_obj, disclosure)
    disclosure = _locked(disclosure)
    if disclosure.is_withdrawn:
        raise Conflict(_("这项公开已撤回，不能再修改。"))
    reason = _reason(reason, _("修改理由"))
    title, body, pii_reason = _texts(title, body, personal_data_reason)
    if title == disclosure.title and body == disclosure.body:
        raise DomainError(_("标题和内容都没有改动。"), field="body")
    number = disclosure.revision_count + 1
    now = timezone.now()
    DisclosureRevision.objects.create(
        disclosure=disclosure,
        number=number,
        title=title,
        body=body,
        reason=reason,
        personal_data_reason=pii_reason,
        by=actor,
        at=now,
    )
    before = disclosure.title
    disclosure.title, disclosure.body, disclosure.revision_count = title, body, number
    disclosure.save(update_fields=["title", "body", "revision_count"])
    audit_event_record(
        actor=actor,
        verb="disclosure.revised",
        target=disclosure,
        area=disclosure.area,
        summary={
            "number": number,
            "title": title,
            "former_title": before,
            "reason": reason,
            "characters": len(body),
            "personal_data_reason": pii_reason,
        },
    )
    return disclosure


@transaction.atomic
def disclosure_withdraw(
    *, actor: User, disclosure: Disclosure, reason: str, perm: str | None = None, perm_obj=None
) -> Disclosure:
    """Take an item off the board, with the reason; it stays on record (and its page says so). The dues it
    fulfilled are open again."""
    _authorize(actor, perm, perm_obj, disclosure)
    disclosure = _locked(disclosure)
    if disclosure.is_withdrawn:
        raise Conflict(_("这项公开已经撤回了。"))
    reason = _reason(reason, _("撤回理由"))
    disclosure.withdrawn_at, disclosure.withdrawn_by, disclosure.withdrawn_reason = (
        timezone.now(),
        actor,
        reason,
    )
    disclosure.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    # What it fulfilled is due again: a withdrawn publication publishes nothing.
    reopened = []
    for due in DisclosureDue.objects.select_for_update().filter(fulfilled_by=disclosure):
        still_open = DisclosureDue.objects.filter(
            owner_app=due.owner_app, owner_model=due.owner_model, owner_id=due.owner_id, purpose=due.purpose,
            fulfilled_by__isnull=True,
        )  # fmt: skip
        if not still_open.exists():
            due.fulfilled_by, due.fulfilled_at = None, None
            due.save(update_fields=["fulfilled_by", "fulfilled_at"])
            reopened.append(due.title)
    audit_event_record(
        actor=actor,
        verb="disclosure.withdrawn",
        target=disclosure,
        area=disclosure.area,
        summary={
            "title": disclosure.title,
            "category": disclosure.category,
            "reason": reason,
            "reopened": reopened,
        },
    )
    return disclosure


def major_due_on(event_at: dt.datetime) -> dt.date:
    """When a major matter that happened at `event_at` is due on the board (statute.MAJOR_WITHIN)."""
    from gongzhi.workdays.selectors import due_at

    return due_at(event_at, MAJOR_WITHIN).date


@transaction.atomic
def disclosure_due_register(
    *,
    actor: User,
    community: Area,
    category: str,
    title: str,
    owner,
    purpose: str,
    major: bool = True,
    due_on: dt.date | None = None,
    event_at: dt.datetime | None = None,
    perm: str | None = None,
    perm_obj=None,
) -> DisclosureDue:
    """Register that `owner` must be published (for `purpose`) by `due_on` — for a major matter, by default
    5 workdays after `event_at` (now). Registering the same source and purpose again while it is open returns
    the open one unchanged."""
    _authorize(actor, perm, perm_obj, community)
    community = _community(community)
    if owner is None or owner.pk is None:
        raise DomainError(_("应公开事项须指明来源。"), field="owner")
    if category not in DisclosureCategory.values:
        raise DomainError(_("请选择公开类别：党务、村务(居务)或财务。"), field="category")
    if not purpose or len(purpose) > PURPOSE_MAX:
        raise DomainError(_("请写明公开用途（不超过40个字符）。"), field="purpose")
    title = text_clean(title, label=_("标题"), field="title", minimum=2, maximum=TITLE_MAX)
    source = _source(owner)
    existing = DisclosureDue.objects.filter(**source, purpose=purpose, fulfilled_by__isnull=True).first()
    if existing is not None:
        return existing
    if due_on is None:
        if not major:
            raise DomainError(_("一般事项请写明公开期限。"), field="due_on")
        due_on, basis = major_due_on(event_at or timezone.now()), str(MAJOR_BASIS)
    else:
        basis = ""
    try:
        with transaction.atomic():  # a concurrent registration of the same source and purpose wins: return it
            due = DisclosureDue.objects.create(
                area=community,
                area_path=community.path,
                category=category,
                title=title,
                major=major,
                due_on=due_on,
                basis=basis[:200],
                purpose=purpose,
                **source,
                registered_by=actor,
            )
    except IntegrityError:
        return DisclosureDue.objects.get(**source, purpose=purpose, fulfilled_by__isnull=True)
    audit_event_record(
        actor=actor,
        verb="disclosure.due_registered",
        target=due,
        area=community,
        summary={"title": title, "category": category, "due_on": due_on.isoformat(), "purpose": purpose},
    )
    return due


@transaction.atomic
def disclosure_setting_change(*, actor: User, community: Area, finance_monthly: bool) -> DisclosureSetting:
    """Whether the community's collective finance is busy (财务往来较多): finance is then due monthly."""
    authorize(actor, "disclosures.publish", community)
    community = _community(community)
    setting = DisclosureSetting.objects.select_for_update().filter(community=community).first()
    if (setting.finance_monthly if setting is not None else False) == finance_monthly:
        raise DomainError(_("设置没有改动。"), field="finance_monthly")
    if setting is None:
        setting = DisclosureSetting.objects.create(
            community=community, finance_monthly=finance_monthly, changed_by=actor
        )
    else:
        setting.finance_monthly, setting.changed_by = finance_monthly, actor
        setting.save(update_fields=["finance_monthly", "changed_by", "changed_at"])
    audit_event_record(
        actor=actor,
        verb="disclosure.setting_changed",
        target=community,
        area=community,
        summary={"finance_monthly": finance_monthly},
    )
    return setting
