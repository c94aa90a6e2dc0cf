"""Keeping the registry of social organisations (社会组织) and their representatives.

    organisation_register ──▶ pending ──approve──▶ registered ──suspend──▶ suspended ──resume──▶ registered
                                 └──reject──▶ ended     registered, suspended ──end──▶ ended
    (declared in gongzhi.orgs.workflow; moved by organisation_move, with a reason where the move needs one)

Who may: `orgs.keep` over the home area — the township office registers and reviews the township's
organisations, a community's staff file (备案) their community-level groups — moves the state, edits the
registration and names the representatives (the kernel's `org_representative` role held for this one
organisation). A representative edits the organisation's profile (`orgs.edit_profile`: its introduction and
contact), never its state. Every input is checked before anything is written: a refusal is a Chinese
DomainError and nothing changes. One audit row per write, in its transaction; the contact's phone is stored
encrypted and shown masked, and no audit row holds it.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.crypto import encrypt
from gongzhi.core.errors import Conflict, DomainError, NotFound
from gongzhi.core.lifecycle import lifecycle_move
from gongzhi.core.text import text_clean
from gongzhi.core.validators import validate_phone

from .models import Organisation, OrgKind, OrgState
from .workflow import REASON_REQUIRED

NAME_MAX, AUTHORITY_MAX, DESCRIPTION_MAX, CONTACT_MAX, FILING_MAX, REASON_MAX = 60, 60, 500, 30, 40, 200
PHONE_CONTEXT = "orgs.contact_phone"


def credit_code_clean(value: str) -> str:
    """The 18-character 统一社会信用代码 (GB 32100-2015), check digit verified; '' when none is given."""
    from stdnum.cn import uscc
    from stdnum.exceptions import ValidationError as StdnumError

    code = (value or "").strip().upper().replace(" ", "").replace("-", "")
    if not code:
        return ""
    try:
        return uscc.validate(code)
    except StdnumError:
        raise DomainError(
            _("统一社会信用代码应为18位，且校验位正确，请核对。"), field="credit_code", code="bad_credit_code"
        ) from None


def _home(area: Area) -> Area:
    if area.kind not in (AreaKind.TOWNSHIP, AreaKind.COMMUNITY):
        raise DomainError(_("社会组织只能在镇(街道)登记或在村(社区)备案。"), field="home")
    return area


def _served(home: Area, serves_all: bool, communities: Iterable[Area]) -> tuple[bool, list[Area]]:
    if home.kind == AreaKind.COMMUNITY:  # a community-level group serves its community
        return False, [home]
    chosen = list({c.pk: c for c in communities}.values())
    for community in chosen:
        if community.kind != AreaKind.COMMUNITY or not community.path.startswith(home.path):
            raise DomainError(
                _("服务的村(社区)须在%(home)s范围内。") % {"home": home.name}, field="communities"
            )
    if serves_all:
        return True, []
    if not chosen:
        raise DomainError(_("请选择服务的村(社区)，或选择服务全镇(街道)。"), field="communities")
    return False, chosen


def _registration(
    *,
    home: Area,
    name: str,
    kind: str,
    credit_code: str,
    filing_number: str,
    filed_on: dt.date | None,
    authority: str,
    exclude: int | None = None,
) -> dict:
    name = text_clean(name, label=_("名称"), field="name", minimum=2, maximum=NAME_MAX)
    if kind not in OrgKind.values:
        raise DomainError(_("请选择社会组织的类别。"), field="kind")
    code = credit_code_clean(credit_code)
    filing_number = text_clean(
        filing_number, label=_("备案编号"), field="filing_number", minimum=0, maximum=FILING_MAX
    )
    if not code and not (filing_number and filed_on):
        raise DomainError(
            _("没有统一社会信用代码的社会组织，请填写村(社区)的备案编号和备案日期。"),
            field="filing_number",
            code="no_identifier",
        )
    if filed_on is not None and filed_on > timezone.localdate():
        raise DomainError(_("备案日期不能晚于今天。"), field="filed_on")
    authority = text_clean(
        authority, label=_("登记(备案)机关"), field="authority", minimum=2, maximum=AUTHORITY_MAX
    )
    others = Organisation.objects.exclude(pk=exclude) if exclude is not None else Organisation.objects.all()
    if others.filter(home=home, name=name).exists():
        raise DomainError(
            _("%(home)s已有名为「%(name)s」的社会组织。") % {"home": home.name, "name": name}, field="name"
        )
    if code and others.filter(credit_code=code).exists():
        raise DomainError(
            _("这个统一社会信用代码已经登记过了。"), field="credit_code", code="credit_code_taken"
        )
    return {
        "name": name,
        "kind": kind,
        "credit_code": code,
        "filing_number": filing_number,
        "filed_on": filed_on,
        "authority": authority,
    }


def _contact(contact_name: str, contact_phone: str, description: str, *, phone_required: bool = True) -> dict:
    """The contact and introduction, checked; an empty phone is '' where it may be kept as stored."""
    contact_name = text_clean(
        contact_name, label=_("联系人"), field="contact_name", minimum=2, maximum=CONTACT_MAX
    )
    phone = ""
    if contact_phone or phone_required:
        try:
            phone = validate_phone(contact_phone or "")
        except ValidationError as exc:
            raise DomainError(exc.messages[0], field="contact_phone") from None
    description = text_clean(
        description, label=_("简介"), field="description", minimum=0, maximum=DESCRIPTION_MAX
    )
    return {"contact_name": contact_name, "phone": phone, "description": description}


def _set_phone(organisation: Organisation, phone: str) -> None:
    from gongzhi.core.masking import mask_phone

    organisation.contact_phone_ciphertext = encrypt(phone, context=PHONE_CONTEXT)
    organisation.contact_phone_masked = mask_phone(phone)


def _locked(organisation: Organisation) -> Organisation:
    found = Organisation.objects.select_for_update().select_related("home").filter(pk=organisation.pk).first()
    if found is None:
        raise NotFound()
    return found


@transaction.atomic
def organisation_register(
    *,
    actor: User,
    home: Area,
    name: str,
    kind: str,
    authority: str,
    contact_name: str,
    contact_phone: str,
    serves_all: bool = False,
    communities: Iterable[Area] = (),
    credit_code: str = "",
    filing_number: str = "",
    filed_on: dt.date | None = None,
    description: str = "",
) -> Organisation:
    """Record an organisation for review (pending): the township's, or a community's filed group."""
    authorize(actor, "orgs.keep", home)
    home = _home(home)
    data = _registration(
        home=home,
        name=name,
        kind=kind,
        credit_code=credit_code,
        filing_number=filing_number,
        filed_on=filed_on,
        authority=authority,
    )
    serves_all, served = _served(home, serves_all, communities)
    contact = _contact(contact_name, contact_phone, description)
    organisation = Organisation(
        home=home,
        area_path=home.path,
        serves_all=serves_all,
        contact_name=contact["contact_name"],
        description=contact["description"],
        created_by=actor,
        state=OrgState.PENDING,
        state_changed_at=timezone.now(),
        **data,
    )
    _set_phone(organisation, contact["phone"])
    try:
        with transaction.atomic():
            organisation.save(force_insert=True)
    except IntegrityError:  # the same name or code at the same moment
        raise Conflict(_("同名或同一信用代码的社会组织刚刚已经登记。"), code="taken") from None
    organisation.communities.set(served)
    audit_event_record(
        actor=actor,
        verb="org.registered",
        target=organisation,
        area=home,
        summary={"name": organisation.name, "kind": organisation.kind, "home": home.name},
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    kind: str,
    authority: str,
    contact_name: str,
    contact_phone: str = "",
    serves_all: bool = False,
    communities: Iterable[Area] = (),
    credit_code: str = "",
    filing_number: str = "",
    filed_on: dt.date | None = None,
    description: str = "",
) -> Organisation:
    """The keepers correct the registration (name, kind, identifiers, served communities, contact). An empty
    phone keeps the stored one. The state is moved only by organisation_move."""
    authorize(actor, "orgs.keep", organisation)
    organisation = _locked(organisation)
    if organisation.state == OrgState.ENDED:
        raise Conflict(_("已终止的社会组织不能再修改。"), code="ended")
    data = _registration(
        home=organisation.home,
        name=name,
        kind=kind,
        credit_code=credit_code,
        filing_number=filing_number,
        filed_on=filed_on,
        authority=authority,
        exclude=organisation.pk,
    )
    serves_all, served = _served(organisation.home, serves_all, communities)
    contact = _contact(contact_name, contact_phone, description, phone_required=False)
    changed = [k for k, v in data.items() if getattr(organisation, k) != v]
    if serves_all != organisation.serves_all:
        changed.append("serves_all")
    if {c.pk for c in served} != set(organisation.communities.values_list("pk", flat=True)):
        changed.append("communities")
    if contact["contact_name"] != organisation.contact_name:
        changed.append("contact_name")
    if contact["description"] != organisation.description:
        changed.append("description")
    if contact["phone"]:
        changed.append("contact_phone")  # never the number itself
    for key, value in data.items():
        setattr(organisation, key, value)
    organisation.serves_all = serves_all
    organisation.contact_name, organisation.description = contact["contact_name"], contact["description"]
    if contact["phone"]:
        _set_phone(organisation, contact["phone"])
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:  # the same name or code taken at the same moment
        raise Conflict(_("同名或同一信用代码的社会组织刚刚已经登记。"), code="taken") from None
    organisation.communities.set(served)
    audit_event_record(
        actor=actor,
        verb="org.changed",
        target=organisation,
        summary={"name": organisation.name, "fields": ",".join(changed) or "-"},
    )
    return organisation


@transaction.atomic
def organisation_profile_update(
    *, actor: User, organisation: Organisation, description: str, contact_name: str, contact_phone: str = ""
) -> Organisation:
    """A representative (or a keeper) edits the profile: its introduction and contact. An empty phone keeps
    the stored one."""
    authorize(actor, "orgs.edit_profile", organisation)
    organisation = _locked(organisation)
    if organisation.state == OrgState.ENDED:
        raise Conflict(_("已终止的社会组织不能再修改。"), code="ended")
    contact = _contact(contact_name, contact_phone, description, phone_required=False)
    organisation.contact_name, organisation.description = contact["contact_name"], contact["description"]
    fields = ["contact_name", "description", "updated_at"]
    if contact["phone"]:
        _set_phone(organisation, contact["phone"])
        fields += ["contact_phone_ciphertext", "contact_phone_masked"]
    organisation.save(update_fields=fields)
    audit_event_record(
        actor=actor,
        verb="org.profile_changed",
        target=organisation,
        summary={"name": organisation.name, "phone_changed": bool(contact["phone"])},
    )
    return organisation


MOVE_VERBS = {
    "approve": "org.approved",
    "reject": "org.rejected",
    "suspend": "org.suspended",
    "resume": "org.resumed",
    "end": "org.ended",
}


@transaction.atomic
def organisation_move(
    *, actor: User, organisation: Organisation, verb: str, reason: str = ""
) -> Organisation:
    """Approve, reject, suspend, resume or end, by the keepers over its home; a reason for all but approve and
    resume (kept on the organisation and in the audit row)."""
    if verb not in MOVE_VERBS:
        raise DomainError(_("未知的操作。"), code="unknown_move")
    authorize(actor, "orgs.keep", organisation)
    reason = text_clean(
        reason,
        label=_("理由"),
        field="reason",
        minimum=2 if verb in REASON_REQUIRED else 0,
        maximum=REASON_MAX,
    )
    organisation = _locked(organisation)
    moved = lifecycle_move(
        organisation,
        verb,
        actor=actor,
        audit_verb=MOVE_VERBS[verb],
        summary={"name": organisation.name, "reason": reason or "-"},
        changes={"state_reason": reason, "state_changed_at": timezone.now()},
    )
    return moved.obj


@transaction.atomic
def representative_add(*, actor: User, organisation: Organisation, user: User) -> RoleAssignment:
    """Name an account as the organisation's representative: the kernel's role, held for this organisation
    over its home area."""
    authorize(actor, "orgs.keep", organisation)
    organisation = _locked(organisation)
    if organisation.state == OrgState.ENDED:
        raise Conflict(_("已终止的社会组织不能再指定代表。"), code="ended")
    found = User.objects.select_for_update().filter(pk=user.pk).first()
    if found is None:
        raise NotFound(_("没有找到这个用户名的在用账号。"))
    user = found
    if user.is_superuser:
        raise DomainError(_("超级用户账号不能使用，请先取消其超级用户身份。"), field="username")
    if not user.is_active:
        raise DomainError(_("该账号已经停用，不能担任代表。"), field="username")
    if user.pk == actor.pk:
        raise DomainError(_("不能指定自己为社会组织代表。"), field="username")
    role = Role.ORG_REPRESENTATIVE
    if RoleAssignment.objects.filter(user=user, role=role, organisation=organisation).exists():
        raise DomainError(_("该账号已经是这个社会组织的代表。"), field="username")
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        area=organisation.home,
        area_path=organisation.home.path,
        organisation=organisation,
    )
    audit_event_record(
        actor=actor,
        verb="org.representative_added",
        target=organisation,
        summary={"name": organisation.name, "user": user.label},
    )
    return assignment


@transaction.atomic
def representative_remove(*, actor: User, organisation: Organisation, assignment_id: int) -> None:
    authorize(actor, "orgs.keep", organisation)
    organisation = _locked(organisation)
    assignment = (
        RoleAssignment.objects.select_for_update()
        .select_related("user")
        .filter(pk=assignment_id, organisation=organisation)
        .first()
    )
    if assignment is None:
        raise NotFound()
    user = assignment.user
    assignment.delete()
    audit_event_record(
        actor=actor,
        verb="org.representative_removed",
        target=organisation,
        summary={"name": organisation.name, "user": user.label},
    )
