"""Authentication events go to the audit trail (the only signal receivers in gongzhi)."""

import datetime as dt
import re

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from gongzhi.audit.actions import audit_record_standalone
from gongzhi.core.masking import mask_phone
from gongzhi.core.validators import normalize_phone

_LONG_NUMBER = re.compile(r"\d{7,}")


def attempted_label(username) -> str:
    """ "尝试:<what was typed>", without personal numbers.

    People log in with their phone number, and sometimes type an ID number
    into the box; the audit trail keeps neither in full (no PII in logs).
    """
    text = str(username or "")[:40]
    if not text:
        return "匿名"
    phone = normalize_phone(text)
    if re.fullmatch(r"1\d{10}", phone):
        text = mask_phone(phone)
    else:
        text = _LONG_NUMBER.sub(lambda m: "*" * (len(m.group()) - 4) + m.group()[-4:], text)
    return f"尝试:{text}"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_record_standalone(actor=user, verb="auth.login", target=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record_standalone(actor=user, verb="auth.logout", target=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    audit_record_standalone(
        actor=None,
        verb="auth.login_failed",
        success=False,
        actor_label=attempted_label(credentials.get("username", "")),
    )


LOCKOUT_RECORD_WINDOW = dt.timedelta(minutes=10)


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    """One row per account name and address per ten minutes: the lockout itself, not each attempt it
    turned away (a flood of attempts during a lockout must not fill the trail)."""
    from gongzhi.audit.models import AuditEvent

    label = attempted_label(username)
    since = timezone.now() - LOCKOUT_RECORD_WINDOW
    if AuditEvent.objects.filter(
        verb="auth.locked_out", actor_label=label, source_ip=ip_address or "", occurred_at__gte=since
    ).exists():
        return
    audit_record_standalone(
        actor=None,
        verb="auth.locked_out",
        success=False,
        actor_label=attempted_label(username),
        summary={"ip": ip_address},
        source_ip=ip_address or "",
    )
