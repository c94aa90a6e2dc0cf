"""Open311 GeoReport v2 writes: the keys of outside systems (issued and revoked by the township's admin) and
the applications those systems send (POST requests), made through the same kernel actions as any other.
"""

import re
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.actions import case_open
from gongzhi.cases.models import Case
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.text import text_clean, text_normalise, text_refusal
from gongzhi.core.validators import normalize_phone, validate_phone

from ..models import Application, ApplicationMaterial, Channel, Matter, Open311Key
from ..selectors.open311 import open311_key_hash
from ..workflow import APPLICATION_KIND

KEY_PREFIX = "o311_"


@transaction.atomic
def open311_key_issue(*, actor: User, township: Area, name: str) -> tuple[Open311Key, str]:
    """A new key for an outside system and its plain value, shown once and never stored.

    The key gets its own account (no password, no role) that stands for the system and submits its requests.
    """
    authorize(actor, "hall.open311_keys", township)
    name = text_clean(name, label=_("外部系统名称"), field="name", minimum=1, maximum=100)
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    account = User(username=f"open311_{secrets.token_hex(6)}", display_name=f"{name[:40]}(Open311)")
    account.set_unusable_password()
    account.save()
    key = Open311Key.objects.create(
        township=township,
        name=name,
        account=account,
        key_hash=open311_key_hash(raw),
        prefix=raw[: len(KEY_PREFIX) + 6],
        created_by=actor,
    )
    audit_event_record(
        actor=actor, verb="open311.key_issued", target=key, area=township,
        summary={"name": name, "prefix": key.prefix},
    )  # fmt: skip
    return key, raw


@transaction.atomic
def open311_key_revoke(*, actor: User, key: Open311Key) -> Open311Key:
    """Stop a key at once; its account is deactivated with it (its requests stay, as they were sent)."""
    authorize(actor, "hall.open311_keys", key.township)
    locked = Open311Key.objects.select_for_update().get(pk=key.pk)
    if locked.revoked_at is not None:
        raise DomainError(_("这个密钥已经吊销。"), code="key_revoked")
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.save(update_fields=["revoked_at", "revoked_by"])
    User.objects.filter(pk=locked.account_id).update(is_active=False)
    audit_event_record(
        actor=actor, verb="open311.key_revoked", target=locked, area=locked.township,
        summary={"name": locked.name, "prefix": locked.prefix},
    )  # fmt: skip
    return Open311Key.objects.select_related("township").get(pk=locked.pk)


@dataclass
class RequestIn:
    """The fields of a GeoReport v2 POST request (the person's, the place's, the attributes)."""

    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    email: str = ""
    description: str = ""
    address_string: str = ""
    address_id: str = ""
    lat: str = ""
    long: str = ""
    media_url: str = ""
    device_id: str = ""
    account_id: str = ""
    attributes: dict[str, str] = field(default_factory=dict)


def _line(value: str, *, label: str, name: str, maximum: int) -> str:
    text = " ".join(text_normalise(value).split())
    text_refusal(text, label=label, field=name)
    if len(text) > maximum:
        raise DomainError(
            _("%(label)s不能超过%(max)s个字符。") % {"label": label, "max": maximum}, field=name
        )
    return text


def _coordinate(value: str, *, name: str, limit: float) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not (-limit <= number <= limit):  # also refuses NaN
        raise DomainError(_("%(name)s须为 -%(limit)s 到 %(limit)s 之间的数字。") % {"name": name, "limit": int(limit)},
                          field=name)  # fmt: skip
    return round(number, 6)


def _phone(value: str) -> str:
    """A mainland mobile number, or a landline with its area code (0817-1234567): the window calls back."""
    try:
        return validate_phone(value)
    except ValidationError as exc:
        digits = normalize_phone(value)
        if re.fullmatch(r"0[1-9]\d{8,10}", digits):
            return digits
        raise DomainError(exc.messages[0], field="phone") from None


def _community(township: Area, data: RequestIn) -> Area:
    """The village or community named by the `community` attribute (or address_id): its area code or id.
    Without one, the request goes to the township's own window."""
    named = (data.attributes.get("community") or data.address_id or "").strip()
    if not named:
        return township
    found = Area.objects.filter(kind=AreaKind.COMMUNITY, parent=township)
    community = found.filter(code=named[:12]).first() if named.isdigit() and len(named) == 12 else None
    if community is None and named.isdigit() and len(named) < 12:
        community = found.filter(pk=int(named)).first()
    if community is None:
        raise DomainError(
            _("所选村(社区)不在本辖区内：%(value)s。") % {"value": named[:20]}, field="community"
        )
    return community


@transaction.atomic
def open311_request_create(
    *, actor: User, key: Open311Key, matter: Matter, data: RequestIn, submission_key: str = ""
) -> Application:
    """An application sent by an outside system: opened like any other (case_open, its materials checklist),
    channel OPEN311, submitted by the key's account; the person's details go to the application's facts.

    `submission_key` (from the request's Idempotency-Key header): a retry with the same key raises
    `AlreadySubmitted` with the case the first request opened, and opens nothing."""
    authorize(actor, "hall.open311_submit", key)
    if matter.township_id != key.township_id or not matter.open311 or not matter.is_active:
        raise NotFound()
    first = _line(data.first_name, label=_("名"), name="first_name", maximum=30)
    last = _line(data.last_name, label=_("姓"), name="last_name", maximum=30)
    name = " ".join(p for p in (first, last) if p) if (first + last).isascii() else f"{last}{first}"
    if not name:
        raise DomainError(_("请填写申请人姓名（first_name 或 last_name）。"), field="last_name")
    if not data.phone:
        raise DomainError(_("请填写申请人联系电话（phone），窗口需要联系申请人。"), field="phone")
    phone = _phone(data.phone)
    email = _line(data.email, label=_("电子邮箱"), name="email", maximum=254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(_("电子邮箱格式不正确。"), field="email") from None
    description = text_clean(
        data.description, label=_("申请说明"), field="description", minimum=0, maximum=2000
    )
    address = _line(data.address_string, label=_("地址"), name="address_string", maximum=100)
    lat = _coordinate(data.lat, name="lat", limit=90)
    long = _coordinate(data.long, name="long", limit=180)
    if (lat is None) != (long is None):
        raise DomainError(_("经纬度须同时提供 lat 和 long。"), field="lat" if lat is None else "long")
    community = _community(key.township, data)
    if not (address or lat is not None or community != key.township):
        raise DomainError(
            _("请提供地点：address_string（地址）、lat 和 long（经纬度），或所在村(社区)。"),
            field="address_string",
        )
    media_url = _line(data.media_url, label=_("图片链接"), name="media_url", maximum=500)
    if media_url and not media_url.startswith(("https://", "http://")):
        raise DomainError(_("图片链接须以 http:// 或 https:// 开头。"), field="media_url")

    case = case_open(
        case=Case(
            kind=APPLICATION_KIND,
            title=matter.name[:60],
            body=description,
            community=community,
            area_path=community.path,
            place=address,
            department=matter.department,
            privacy="staff_only",
            submission_key=submission_key,
        ),
        actor=actor,
        note=_("外部系统“%(system)s”经 Open311 提交") % {"system": key.name},
    )
    facts: dict[str, object] = {"name": name, "address": address, "email": email, "open311_system": key.name}
    facts |= {"lat": lat, "long": long} if lat is not None else {}
    facts |= {k: _line(v, label=k, name=k, maximum=100) for k, v in
              (("media_url", media_url), ("device_id", data.device_id), ("account_id", data.account_id)) if v}  # fmt: skip
    application = Application.objects.create(
        case=case, matter=matter, channel=Channel.OPEN311, facts=facts, phone=phone
    )
    ApplicationMaterial.objects.bulk_create(
        ApplicationMaterial(application=application, material=m) for m in matter.materials.all()
    )
    Open311Key.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    audit_event_record(
        actor=actor, verb="open311.request_received", target=case, area=community,
        summary={"matter": matter.code, "system": key.name},
    )  # fmt: skip
    return Application.objects.select_related("case", "case__community", "matter", "matter__department").get(
        pk=case.pk
    )
