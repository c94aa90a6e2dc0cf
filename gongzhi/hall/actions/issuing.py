"""统一出件: the window issues the result of an approved or rejected application and records the hand-over.

    approved | rejected ──issue──▶ issued   (the front desk over the applicant's community)

Issuing renders the result notice — 准予决定书 / 不予批准决定书, or 办理结果通知书
for a matter the village settles itself — as a PDF (hall/documents.py): the
township and department, the matter, the applicant as named in the register,
the receipt number, the decision and its reasons, the date, a verification
code and a QR code of its verification URL. The file is stored under
DATA_DIR/hall/documents/ (0600) with its SHA-256 (`IssuedDocument`); the code
comes from `secrets` (100 bits: guessing is useless, see documents.py).

The hand-over: in person; by post (the tracking number is required); or to
an authorised person, whose name and ID number are recorded (the number
encrypted, shown as its last four digits, the name masked on pages).

An application not yet decided cannot be issued (409, saying so); someone
who is not the window over the applicant's community is refused (403).
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.actions import case_move
from gongzhi.core.authz import authorize, can
from gongzhi.core.crypto import encrypt
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.core.text import text_clean
from gongzhi.core.validators import validate_id_number
from gongzhi.photos.actions import file_write_atomically

from ..documents import ResultNotice, document_code_new, result_notice_pdf
from ..models import Application, Decision, Delivery, HandlingMode, Handover, IssuedDocument
from ..selectors.applications import applicant_label
from .applying import applicant_tell
from .office import application_url, move_guard

DOCUMENTS_DIR = Path("hall") / "documents"
NOTE_MAX, NAME_MAX = 200, 50
COLLECTOR_ID_CONTEXT = "hall.collector_id"


def document_title(application: Application) -> str:
    if application.matter.mode == HandlingMode.VILLAGE_DIRECT:
        return _("办理结果通知书")
    return _("准予决定书") if application.decision == Decision.APPROVED else _("不予批准决定书")


def handover_clean(
    *, delivery: str, delivery_note: str = "", collector_name: str = "", collector_id: str = ""
) -> tuple[str, str, str, str]:
    """(delivery, note, collector name, collector ID) as the action stores them, or a DomainError on its field."""
    if delivery not in Delivery.values:
        raise DomainError(_("请选择出件方式。"), field="delivery")
    note = text_clean(delivery_note, label=_("出件说明"), field="delivery_note", minimum=0, maximum=NOTE_MAX)
    name, number = "", ""
    if delivery == Delivery.POST and len(note) < 4:
        raise DomainError(_("邮寄出件请填写快递公司和运单号。"), field="delivery_note")
    if delivery == Delivery.AUTHORISED:
        name = text_clean(
            collector_name, label=_("受托人姓名"), field="collector_name", minimum=2, maximum=NAME_MAX
        )
        if not (collector_id or "").strip():
            raise DomainError(_("请填写受托人身份证号。"), field="collector_id")
        try:
            number = validate_id_number(collector_id)
        except ValidationError as exc:
            raise DomainError(exc.messages[0], field="collector_id") from None
    return delivery, note, name, number


def _notice_of(application: Application, *, code: str, site_url: str, now) -> ResultNotice:
    matter, case = application.matter, application.case
    return ResultNotice(
        title=document_title(application),
        township=matter.township.name,
        department=matter.department.name if matter.department is not None else case.community.name,
        matter=matter.name,
        applicant=applicant_label(application, full=True),
        community=case.community.name,
        number=application.number,
        decision=application.decision,
        decision_label=application.get_decision_display() if application.decision else "",
        reason=application.decision_reason,
        county_office=matter.county_office if application.handed_off_at else "",
        decided_on=timezone.localtime(application.decided_at).date() if application.decided_at else None,
        issued_on=timezone.localtime(now).date(),
        code=code,
        verify_url=site_url.rstrip("/") + reverse("verify", args=[code]),
    )


def application_issue(
    *,
    actor: User,
    application: Application,
    delivery: str,
    site_url: str,
    delivery_note: str = "",
    collector_name: str = "",
    collector_id: str = "",
) -> IssuedDocument:
    """Issue the result at the window: the PDF with its code, the hand-over, the move to 已办结.

    `site_url` is where the deployment is reached (the request's scheme and
    host): the QR code holds `site_url` + /verify/<code>/.

    The PDF (about half a second) is rendered before the transaction, so no
    row lock — and on SQLite no write lock — is held while WeasyPrint works;
    under the lock the action checks again that the move is the actor's and
    that the decision printed is still the one on record, then writes.
    """
    delivery, note, name, number = handover_clean(
        delivery=delivery,
        delivery_note=delivery_note,
        collector_name=collector_name,
        collector_id=collector_id,
    )
    with transaction.atomic():  # the refusals (404, 403, 409) before any rendering
        snapshot = move_guard(actor=actor, application=application, verb="issue", kind="issue")
    code = document_code_new()
    while IssuedDocument.objects.filter(code=code).exists():  # 100 bits: never in practice
        code = document_code_new()
    now = timezone.now()
    notice = _notice_of(snapshot, code=code, site_url=site_url, now=now)
    content = result_notice_pdf(notice)
    relative = DOCUMENTS_DIR / f"{now:%Y}" / f"{code}.pdf"
    file_write_atomically(Path(settings.DATA_DIR) / relative, content)
    try:
        return _issue_record(actor=actor, application=application, snapshot=snapshot, notice=notice,
                             relative=relative, content=content, delivery=delivery, note=note, name=name,
                             number=number, now=now)  # fmt: skip
    except BaseException:
        (Path(settings.DATA_DIR) / relative).unlink(missing_ok=True)
        raise


@transaction.atomic
def _issue_record(
    *, actor: User, application: Application, snapshot: Application, notice: ResultNotice, relative: Path,
    content: bytes, delivery: str, note: str, name: str, number: str, now,
) -> IssuedDocument:  # fmt: skip
    locked = move_guard(actor=actor, application=application, verb="issue", kind="issue")
    decided = (locked.decision, locked.decision_reason, locked.decided_at)
    if decided != (snapshot.decision, snapshot.decision_reason, snapshot.decided_at):
        raise Conflict(_("审批结果刚刚发生了变化，请刷新后重新出件。"), code="decision_changed")
    case, title = locked.case, notice.title
    document = IssuedDocument.objects.create(
        application=locked, code=notice.code, title=title, path=str(relative),
        sha256=hashlib.sha256(content).hexdigest(), issued_by=actor,
    )  # fmt: skip
    label = Delivery(delivery).label
    how = _("%(how)s：%(detail)s") % {"how": label, "detail": note} if note else str(label)
    case_move(case=case, verb="issue", actor=actor, note=_("%(title)s，%(how)s") % {"title": title, "how": how},
              url=application_url(locked))  # fmt: skip
    locked.issued_at, locked.issued_by = now, actor
    locked.delivery, locked.delivery_note = delivery, note
    locked.save(update_fields=["issued_at", "issued_by", "delivery", "delivery_note"])
    Handover.objects.update_or_create(
        application=locked,
        defaults={
            "collector_name": name,
            "collector_id_enc": encrypt(number, context=COLLECTOR_ID_CONTEXT) if number else "",
            "collector_id_last4": number[-4:],
        },
    )
    audit_event_record(
        actor=actor, verb="hall.issued", target=locked, area=case.community,
        summary={"matter": locked.matter.name, "title": title, "document": document.pk, "delivery": delivery,
                 "sha256": document.sha256},
    )  # fmt: skip
    return document


def document_path(document: IssuedDocument) -> Path:
    return Path(settings.DATA_DIR) / document.path


REVOKE_REASON_MIN, REVOKE_REASON_MAX = 4, 200


@transaction.atomic
def document_revoke(
    *, actor: User, application: Application, document: IssuedDocument, reason: str
) -> IssuedDocument:
    """撤销: an issued result notice is no longer current (it was wrong, or the decision was withdrawn).

    The deciding department's officers and the township's 社治办 (hall.revoke_document); the reason is
    required and shown to the applicant, who is notified; /verify/ then says the document is revoked and
    when. The file stays (it was handed over; the record of what was issued is kept). A document already
    revoked is refused (409), naming when.
    """
    if not can(actor, "hall.view", application):
        raise NotFound(_("未找到该办件，或您无权查看。"))
    authorize(actor, "hall.revoke_document", application)
    if application.case.author_id == actor.pk:  # 回避, as for the moves
        raise NotPermitted(_("这是您本人的申请，请由其他工作人员办理。"), code="own_application")
    reason = text_clean(
        reason, label=_("撤销理由"), field="reason", minimum=REVOKE_REASON_MIN, maximum=REVOKE_REASON_MAX
    )
    locked = (
        IssuedDocument.objects.select_for_update().filter(pk=document.pk, application=application).first()
    )
    if locked is None:
        raise NotFound()
    if locked.revoked_at is not None:
        raise Conflict(
            _("该文书已于%(when)s撤销，无需重复办理。")
            % {"when": timezone.localtime(locked.revoked_at).strftime("%Y-%m-%d %H:%M")},
            code="already_revoked",
        )
    now = timezone.now()
    # Conditional, so that of two revocations at once (SQLite has no row lock) exactly one writes.
    if not IssuedDocument.objects.filter(pk=locked.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=actor, revoked_reason=reason
    ):
        raise Conflict(_("该文书刚刚已被撤销，无需重复办理。"), code="already_revoked")
    locked.revoked_at, locked.revoked_by, locked.revoked_reason = now, actor, reason
    applicant_tell(
        application,
        actor=actor,
        title=_("您的办件「%(title)s」的%(document)s已撤销")
        % {"title": application.case.title, "document": locked.title},
        body=_("撤销理由：%(reason)s。如有疑问，请联系办理窗口。") % {"reason": reason},
    )
    audit_event_record(
        actor=actor, verb="hall.document_revoked", target=application, area=application.case.community,
        summary={"title": locked.title, "code": locked.code, "document": locked.pk, "reason": reason},
    )  # fmt: skip
    return locked
