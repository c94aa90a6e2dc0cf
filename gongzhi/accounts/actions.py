"""Writes to accounts: users, their scoped roles and their API tokens.

Lifecycle of an account: created by the system administrator (user_create)
→ its password changed by its owner (password_change) → roles assigned and revoked by the security administrator (role_assign,
role_revoke) → deactivated by the system administrator (user_deactivate),
which ends every live session and revokes every API token at once. Accounts
are never deleted: the audit trail refers to them.

三员分立 (等保 8.1.4.2d, 8.1.5): the system, security and audit administrator
roles are held by three different people; nobody is a Django superuser, and
nobody grants or revokes their own roles.

API tokens are created by their owner (so a token never reaches further than
its owner) or by the operator at the server console. Only the SHA-256 of the
key is stored; the key is returned once.
"""

from importlib import import_module
from typing import NoReturn

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.areas.models import Area, Department
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.crypto import blind_index
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.core.text import text_normalise, text_refusal
from gongzhi.core.validators import validate_phone

from .models import ApiToken, RoleAssignment, User
from .roles import DEPARTMENT_ROLES, ORGANISATION_ROLES, SEPARATED_ADMIN_ROLES, Role
from .selectors import RESERVED_USERNAMES, session_keys_of


class ConsoleOperator:
    """The operator at the server console (management commands).

    Trusted like the operating-system account that runs them; never a web
    request, whose actor is always a User or AnonymousUser.
    """

    is_authenticated = False
    is_active = True
    pk = None
    label = "服务器命令行"


CONSOLE = ConsoleOperator()


def _clean_password(password: str, user: User) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from None


@transaction.atomic
def user_create(
    *, actor: User, username: str, password: str, display_name: str = "", email: str = "", phone: str = ""
) -> User:
    authorize(actor, "accounts.manage_users")
    username = (username or "").strip()
    if not username or len(username) > 150:
        raise DomainError(_("请填写用户名（不超过150个字符）。"), field="username")
    try:
        User.username_validator(username)
    except ValidationError:
        raise DomainError(_("用户名只能包含字母、数字和 @ . + - _ 符号。"), field="username") from None
    if username.lower() in RESERVED_USERNAMES:
        raise DomainError(_("“%(name)s”是保留用户名，请换一个。") % {"name": username}, field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("该用户名已被使用。"), field="username")
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(_("电子邮箱格式不正确。"), field="email") from None
    display_name = text_normalise(display_name).strip()[:50]
    text_refusal(display_name, label=_("姓名"), field="display_name")
    user = User(username=username, display_name=display_name, email=email)
    if phone:
        try:
            phone = validate_phone(phone)
        except ValidationError as exc:
            raise DomainError(exc.messages[0], field="phone") from None
        if User.objects.filter(phone_index=blind_index(phone, context="phone")).exists():
            raise DomainError(_("该手机号已绑定其他账号。"), field="phone")
        user.set_phone(phone)
    _clean_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    try:
        with transaction.atomic():
            user.save(force_insert=True)
    except IntegrityError:  # the same name or phone registered at the same moment
        raise DomainError(_("该用户名或手机号已被使用。"), field="username") from None
    audit_event_record(actor=actor, verb="account.created", target=user, summary={"username": username})
    return user


def _not_found() -> NoReturn:
    raise NotFound()


def _lock_user(pk: int) -> User:
    return User.objects.select_for_update().filter(pk=pk).first() or _not_found()


def _end_sessions(user: User) -> int:
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    keys = session_keys_of(user)
    for key in keys:
        store_class(session_key=key).delete()
    return len(keys)


@transaction.atomic
def password_change(*, actor: User, current_password: str, new_password: str) -> User:
    """A signed-in user changes their own password, proving they know the current one.

    Django's validators (AUTH_PASSWORD_VALIDATORS) decide what is strong
    enough. The change ends the user's other sessions (Django checks each
    session against the password hash); the interface keeps the one it was
    made in. API tokens are not touched: they are revoked on their own.
    """
    if not getattr(actor, "is_authenticated", False):
        raise NotPermitted()
    user = _lock_user(actor.pk)
    if not user.check_password(current_password or ""):
        raise DomainError(_("当前密码不正确。"), field="current_password")
    if current_password == new_password:
        raise DomainError(_("新密码不能与当前密码相同。"), field="new_password")
    try:
        validate_password(new_password or "", user=user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="new_password") from None
    user.set_password(new_password)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_changed_at"])
    audit_event_record(actor=user, verb="auth.password_changed", target=user)
    return user


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> User:
    """Stop an account: no login, no live session, no working API token."""
    authorize(actor, "accounts.manage_users")
    user = _lock_user(user.pk)
    if user.pk == actor.pk:
        raise DomainError(_("不能停用自己的账号。"))
    if not user.is_active:
        raise DomainError(_("该账号已经停用。"))
    user.is_active = False
    user.save(update_fields=["is_active"])
    tokens = ApiToken.objects.filter(user=user, is_active=True).update(is_active=False)
    sessions = _end_sessions(user)
    audit_event_record(
        actor=actor,
        verb="account.deactivated",
        target=user,
        summary={"sessions_ended": sessions, "tokens_revoked": tokens},
    )
    return user


def _check_assignable(*, actor: User, user: User, role: str) -> None:
    if role not in Role.values:
        raise DomainError(_("未知角色。"), field="role")
    if role in ORGANISATION_ROLES:  # held for one organisation: granted on its page (gongzhi.orgs)
        raise DomainError(_("社会组织代表请在该社会组织的页面上指定。"), field="role")
    if user.pk == actor.pk:
        raise DomainError(_("不能为自己分配或撤销角色。"))
    if user.is_superuser:
        raise DomainError(_("超级用户账号不能使用，请先取消其超级用户身份。"))
    if not user.is_active:
        raise DomainError(_("该账号已经停用，不能分配角色。"))
    if role in SEPARATED_ADMIN_ROLES:
        held = set(
            RoleAssignment.objects.filter(user=user, role__in=SEPARATED_ADMIN_ROLES)
            .exclude(role=role)
            .values_list("role", flat=True)
        )
        if held:
            raise DomainError(
                _("三员分立：系统管理员、安全管理员、审计管理员不能由同一人兼任，该用户已担任%(held)s。")
                % {"held": "、".join(str(Role(r).label) for r in sorted(held))},
                field="role",
            )


def _check_department(*, role: str, area: Area, department: Department) -> None:
    """A role held in a department: one of the department roles, in an active department of `area` (a township)."""
    if department.township_id != area.pk:
        raise DomainError(_("部门须属于所选的镇(街道)。"), field="department")
    if role not in DEPARTMENT_ROLES:
        raise DomainError(
            _("“%(role)s”不在部门任职，请不要选择部门。")
            % {"role": Role(role).label if role in Role.values else role},
            field="department",
        )
    if not Department.objects.filter(pk=department.pk, is_active=True).exists():
        raise DomainError(
            _("“%(name)s”已停用，不能再安排人员。") % {"name": department.name}, field="department"
        )


@transaction.atomic
def role_assign(
    *, actor: User, user: User, role: str, area: Area, department: Department | None = None
) -> RoleAssignment:
    """Grant `role` over `area` — in `department` (one of the township `area`'s) when given, which then
    limits the role to that department's matters (decision 0032)."""
    authorize(actor, "accounts.assign_roles", area)
    if department is not None:
        _check_department(role=role, area=area, department=department)
    # Lock the user: two concurrent grants cannot both pass the 三员 check.
    user = _lock_user(user.pk)
    _check_assignable(actor=actor, user=user, role=role)
    if RoleAssignment.objects.filter(user=user, role=role, area=area, department=department).exists():
        raise DomainError(_("该用户已在此区域担任该角色。"), field="role")
    assignment = RoleAssignment.objects.create(
        user=user, role=role, area=area, area_path=area.path, department=department
    )
    summary = {"role": role, "area": area.name}
    if department is not None:  # "在永安镇民政办的角色"
        summary.update(area=f"{area.name}{department.name}", department=department.name)
    audit_event_record(actor=actor, verb="role.assigned", target=user, area=area, summary=summary)
    return assignment


@transaction.atomic
def role_revoke(*, actor: User, assignment: RoleAssignment) -> None:
    authorize(actor, "accounts.assign_roles", assignment.area)
    found = RoleAssignment.objects.select_for_update().select_related("user", "area").filter(pk=assignment.pk)
    assignment = found.first() or _not_found()
    if assignment.user_id == actor.pk:
        raise DomainError(_("不能为自己分配或撤销角色。"))
    user, area, role = assignment.user, assignment.area, assignment.role
    assignment.delete()
    audit_event_record(
        actor=actor, verb="role.revoked", target=user, area=area, summary={"role": role, "area": area.name}
    )


@transaction.atomic
def api_token_create(*, actor: User | ConsoleOperator, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user` and its plain key, which is not stored and cannot be shown again."""
    if actor is not CONSOLE and (
        not getattr(actor, "is_authenticated", False) or not actor.is_active or actor.pk != user.pk
    ):
        raise NotPermitted()
    name = text_normalise(name).strip()
    text_refusal(name, label=_("令牌名称"), field="name")
    if not name or len(name) > 100:
        raise DomainError(_("请填写令牌名称（不超过100个字符）。"), field="name")
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise DomainError(_("该账号已经停用，不能创建接口令牌。"))
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash_key(key), prefix=key[:8])
    audit_event_record(
        actor=None if isinstance(actor, ConsoleOperator) else actor,
        actor_label=CONSOLE.label if actor is CONSOLE else None,
        verb="token.created",
        target=user,
        summary={"name": name, "prefix": token.prefix},
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User | ConsoleOperator, token: ApiToken) -> ApiToken:
    """Stop a token: its owner's own decision. A revoked token stays listed (with its prefix) and never works again."""
    if actor is not CONSOLE and (not getattr(actor, "is_authenticated", False) or actor.pk != token.user_id):
        raise NotPermitted()
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if not token.is_active:
        raise DomainError(_("这个令牌已经吊销。"), code="token_revoked")
    token.is_active = False
    token.save(update_fields=["is_active"])
    audit_event_record(
        actor=None if isinstance(actor, ConsoleOperator) else actor,
        actor_label=CONSOLE.label if actor is CONSOLE else None,
        verb="token.revoked",
        target=token.user,
        summary={"name": token.name, "prefix": token.prefix},
    )
    return token


# --- Forgotten passwords ------------------------------------------------------------------------
#
# A resident who gave an e-mail address resets by mail (Django's token, one use, PASSWORD_RESET_TIMEOUT);
# one who did not asks the staff of their community, who set a temporary password that must be changed
# at the next login (gongzhi.residents.actions.resident_password_reset). Both end in password_set_new.

TEMPORARY_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I to misread


def password_temporary_make() -> str:
    """A temporary password read out or written down once: 12 characters, upper, lower and digits."""
    import secrets

    while True:
        password = "".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(12))
        if (
            any(c.isupper() for c in password)
            and any(c.islower() for c in password)
            and any(c.isdigit() for c in password)
        ):
            return password


def password_temporary_set(*, actor: User, user: User, area: Area) -> str:
    """Give `user` a temporary password that must be changed at next login; end their sessions; audited.

    Called by the action that checked who may (the resident's community staff), inside its transaction.
    The audit row says that it happened, never the password."""
    password = password_temporary_make()
    user = _lock_user(user.pk)
    user.set_password(password)
    user.password_must_change = True
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_must_change", "password_changed_at"])
    ended = _end_sessions(user)
    audit_event_record(
        actor=actor,
        verb="auth.password_reset_by_staff",
        target=user,
        area=area,
        summary={"sessions_ended": ended},
    )
    return password


@transaction.atomic
def password_set_new(*, user: User, password: str, via: str) -> User:
    """The holder sets a new password after a mail link or a temporary password (`via`: "email" or
    "temporary"); the must-change mark is cleared; audited."""
    _clean_password(password, user)
    user = _lock_user(user.pk)
    user.set_password(password)
    user.password_must_change = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_must_change", "password_changed_at"])
    audit_event_record(actor=user, verb="auth.password_reset", target=user, summary={"via": via})
    return user
