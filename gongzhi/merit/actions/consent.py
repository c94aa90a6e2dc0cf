"""The nominee's consent (online, or a signed paper form recorded by staff) and declining."""

import uuid
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.pdfs import pdf_check

from ..models import (
    ConsentChannel,
    Nomination,
    NominationState,
    NomineeKind,
)
from ..selectors import review_members
from .common import (
    CONSENT_DIR,
    CONSENT_FILE_MAX,
    DISPLAY_FULL,
    DISPLAY_SURNAME,
    _audit,
    _locked,
    _notify,
    _recused_ids,
)


def display_choices(nomination: Nomination) -> list[tuple[str, str]]:
    """How the nominee may be named on the board: the full name, or the surname and 某某 (a family: 家庭)."""
    name = nomination.consenter.name.strip()
    surname = f"{name[:1]}某某" if name else ""
    if nomination.kind == NomineeKind.FAMILY:
        return [(DISPLAY_FULL, _("%(name)s家庭") % {"name": name}),
                (DISPLAY_SURNAME, _("%(name)s家庭") % {"name": surname})]  # fmt: skip
    return [(DISPLAY_FULL, name), (DISPLAY_SURNAME, surname)]


def _display(nomination: Nomination, display: str) -> str:
    choices = dict(display_choices(nomination))
    if display not in choices:
        raise DomainError(_("请选择在积德榜上如何署名。"), field="display")
    return choices[display]


def _awaiting(nomination: Nomination) -> None:
    if nomination.state != NominationState.AWAITING_CONSENT:
        raise Conflict(
            _("这项提名现在是“%(state)s”，不能再确认或谢绝。") % {"state": nomination.get_state_display()},
            code="not_awaiting_consent",
        )


def _to_review(actor: User, nomination: Nomination, channel: str, display_name: str, extra: dict) -> None:
    now = timezone.now()
    nomination.state = NominationState.IN_REVIEW
    nomination.consent_channel, nomination.consented_at = channel, now
    nomination.consent_recorded_by, nomination.display_name = actor, display_name
    nomination.save()
    _audit(actor, "merit.consented", nomination, {"channel": channel, "display_name": display_name, **extra})
    _notify(nomination.nominated_by, _("被提名人已同意，提名交道德评议会评议"), nomination)
    for member in review_members(nomination.community):
        if member.user_id and member.pk not in _recused_ids(nomination):
            _notify(member.user, _("有一项积德榜提名请您评议"), nomination)


@transaction.atomic
def nomination_consent(*, actor: User, nomination: Nomination, display: str) -> Nomination:
    """The nominee (or the household's head) agrees by their own account, and says how to be named."""
    authorize(actor, "merit.consent", nomination)
    nomination = _locked(nomination)
    _awaiting(nomination)
    _to_review(actor, nomination, ConsentChannel.ONLINE, _display(nomination, display), {})
    return nomination


def consent_file_check(upload) -> bytes:
    """The bytes of a signed consent form: a PDF (safe to open, core.pdfs) or a photo, at most 5 MB."""
    if upload is None:
        raise DomainError(_("请上传本人签字的同意书（扫描的 PDF 或照片）。"), field="consent_file")
    content = upload if isinstance(upload, bytes) else upload.read()
    if not isinstance(upload, bytes):
        upload.seek(0)
    if not content:
        raise DomainError(_("请上传本人签字的同意书（扫描的 PDF 或照片）。"), field="consent_file")
    if len(content) > CONSENT_FILE_MAX:
        raise DomainError(_("同意书文件不能超过 5 MB。"), field="consent_file")
    if content[:5] == b"%PDF-":
        pdf_check(content, name=_("同意书"), max_bytes=CONSENT_FILE_MAX, field="consent_file")
    return content


@transaction.atomic
def nomination_consent_record(
    *, actor: User, nomination: Nomination, display: str, consent_file
) -> Nomination:
    """Staff record the consent the nominee signed on paper, with the scan of the form."""
    authorize(actor, "merit.keep", nomination)
    content = consent_file_check(consent_file)
    nomination = _locked(nomination)
    _awaiting(nomination)
    display_name = _display(nomination, display)
    from gongzhi.photos.actions import file_write_atomically, photo_store

    if content[:5] == b"%PDF-":
        relative = PurePosixPath(CONSENT_DIR, f"{uuid.uuid4()}.pdf")
        file_write_atomically(Path(settings.DATA_DIR) / relative, content)
        nomination.consent_pdf_path = str(relative)
    else:
        try:
            nomination.consent_photo = photo_store(actor=actor, upload=content)
        except DomainError as exc:
            raise DomainError(_("同意书请上传 PDF 文件或照片（JPG、PNG）。"), field="consent_file") from exc
    import hashlib

    _to_review(actor, nomination, ConsentChannel.PAPER, display_name,
               {"file": hashlib.sha256(content).hexdigest()[:16]})  # fmt: skip
    return nomination


@transaction.atomic
def nomination_decline(*, actor: User, nomination: Nomination) -> Nomination:
    """The nominee declines (or staff record that they declined): the nomination ends, and nothing is shown."""
    if not (actor.has_perm("merit.consent", nomination) or actor.has_perm("merit.keep", nomination)):
        raise NotPermitted()
    nomination = _locked(nomination)
    _awaiting(nomination)
    nomination.state, nomination.declined_at = NominationState.DECLINED, timezone.now()
    nomination.save(update_fields=["state", "declined_at", "updated_at"])
    _audit(actor, "merit.declined", nomination, {"by_nominee": actor.pk == nomination.consenter.user_id})
    _notify(nomination.nominated_by, _("积德榜提名已结束：被提名人谢绝了提名"), nomination)
    return nomination
