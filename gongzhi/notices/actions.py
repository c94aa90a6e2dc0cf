"""Telling people things: an inbox row always, an e-mail when they want one.

The e-mail is sent after the transaction commits, so a rolled-back change
never mails anyone; a mail server that is down never rolls back the change.
Later capabilities call `notice_send` on every status change of a case.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.errors import DomainError, NotPermitted

from .models import Notice, NoticePreference

logger = logging.getLogger(__name__)


def preference_of(user) -> NoticePreference:
    pref = NoticePreference.objects.filter(user=user).first()
    return pref or NoticePreference(user=user)


def _deliver_email(notice_id: int) -> None:
    notice = Notice.objects.select_related("recipient").filter(pk=notice_id).first()
    if notice is None:  # withdrawn before the transaction that made it committed
        return
    try:
        send_mail(
            subject=f"{settings.EMAIL_SUBJECT_PREFIX}{notice.title}",
            message=notice.body + (f"\n\n{notice.url}" if notice.url else ""),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notice.recipient.email],
        )
    except OSError:
        logger.warning("notice %s: e-mail delivery failed", notice_id)
        return
    Notice.objects.filter(pk=notice_id).update(emailed_at=timezone.now())


def notice_send(*, recipient, kind: str, title: str, body: str = "", url: str = "") -> Notice:
    """Called inside another action's transaction: the notice is part of that change."""
    notice = Notice.objects.create(
        recipient=recipient, kind=kind, title=title[:120], body=body, url=url[:300]
    )
    if recipient.email and preference_of(recipient).email_enabled:
        transaction.on_commit(lambda: _deliver_email(notice.pk))
    return notice


@transaction.atomic
def notice_mark_read(*, actor: User, notice: Notice) -> Notice:
    if notice.recipient_id != getattr(actor, "pk", None):
        raise NotPermitted()
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
        audit_event_record(actor=actor, verb="notice.read", target=notice)
    return notice


@transaction.atomic
def notice_mark_all_read(*, actor: User) -> int:
    """Mark every unread notice of `actor` read: one update, one audit row for the batch (none if there was none)."""
    if not getattr(actor, "is_authenticated", False):
        raise NotPermitted()
    count = Notice.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
    if count:
        audit_event_record(actor=actor, verb="notice.all_read", target=actor, summary={"count": count})
    return count


@transaction.atomic
def notice_preferences_set(*, actor: User, email_enabled: bool, daily_digest: bool) -> NoticePreference:
    if not getattr(actor, "is_authenticated", False):
        raise NotPermitted()
    if email_enabled and not actor.email:
        raise DomainError(_("您的账号没有登记电子邮箱，无法开启邮件通知。"), field="email_enabled")
    pref, _created = NoticePreference.objects.select_for_update().get_or_create(user=actor)
    pref.email_enabled, pref.daily_digest = email_enabled, daily_digest
    pref.save()
    audit_event_record(
        actor=actor,
        verb="notice.preferences_changed",
        target=pref,
        summary={"email_enabled": email_enabled, "daily_digest": daily_digest},
    )
    return pref
