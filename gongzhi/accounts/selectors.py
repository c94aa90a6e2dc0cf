"""Reads about accounts: who exists, who holds what, which sessions are live."""

from importlib import import_module

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gongzhi.core.errors import NotFound

from .models import ApiToken, RoleAssignment, User
from .roles import SEPARATED_ADMIN_ROLES, Role
from .scopes import paths_for

# Names an attacker tries first; an account must not carry one (system check W001).
RESERVED_USERNAMES = frozenset({"admin", "administrator", "root", "test", "guest", "superuser"})

# Who may list accounts: the system administrator manages them, the security
# administrator assigns their roles.
ACCOUNT_READERS = frozenset({Role.SYS_ADMIN, Role.SEC_ADMIN})


def user_list_for(*, viewer) -> QuerySet[User]:
    if not paths_for(viewer, ACCOUNT_READERS):
        return User.objects.none()
    return User.objects.order_by("username")


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def api_token_get_for(*, viewer, token_id: int) -> ApiToken:
    """One of the viewer's own tokens; anyone else's answers like a missing one (NotFound)."""
    if not getattr(viewer, "is_authenticated", False):
        raise NotFound()
    token = ApiToken.objects.filter(pk=token_id, user_id=viewer.pk).first()
    if token is None:
        raise NotFound()
    return token


def superusers() -> QuerySet[User]:
    return User.objects.filter(is_superuser=True)


def users_holding_several_admin_roles() -> QuerySet[User]:
    """Users who hold two or more of the 三员 roles (system, security, audit administrator)."""
    return User.objects.annotate(
        admin_roles=Count(
            "role_assignments__role",
            filter=Q(role_assignments__role__in=SEPARATED_ADMIN_ROLES),
            distinct=True,
        )
    ).filter(admin_roles__gte=2)


def users_with_reserved_names() -> QuerySet[User]:
    query = Q(pk__in=[])
    for name in RESERVED_USERNAMES:
        query |= Q(username__iexact=name)
    return User.objects.filter(query)


def session_keys_of(user: User) -> list[str]:
    """Keys of the user's live sessions in a database-backed session store.

    With the cache-only store (REDIS_URL) sessions cannot be listed; there a
    deactivated user's session dies on its next request instead, because the
    authentication backend no longer returns inactive users.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    get_model = getattr(store_class, "get_model_class", None)
    if get_model is None:
        return []
    model = get_model()
    store = store_class()
    wanted = str(user.pk)
    keys = []
    rows = model.objects.filter(expire_date__gt=timezone.now()).values_list("session_key", "session_data")
    for key, data in rows.iterator(chunk_size=2000):
        if str(store.decode(data).get("_auth_user_id", "")) == wanted:
            keys.append(key)
    return keys


def users_holding_over(roles, path: str) -> QuerySet[User]:
    """Active users holding one of `roles` over the area at `path` (an assignment at it or above it)."""
    prefixes = [path[:end] for end in range(8, len(path) + 1, 8)]
    ids = RoleAssignment.objects.filter(role__in=list(roles), area_path__in=prefixes).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("pk")


# --- Role assignments, as the security administrator keeps them -------------------------------

ROLE_ASSIGNERS = frozenset({Role.SEC_ADMIN})


def role_assignments_for(*, viewer) -> QuerySet[RoleAssignment]:
    """The role assignments over areas inside the viewer's scope as security administrator, by area then name."""
    from .scopes import scope_q

    return (
        RoleAssignment.objects.filter(scope_q(paths_for(viewer, ROLE_ASSIGNERS), "area_path"))
        .select_related("user", "area", "department")
        .order_by("area_path", "user__username", "role", "id")
    )


def role_assignment_get_for(*, viewer, assignment_id: int) -> RoleAssignment:
    assignment = role_assignments_for(viewer=viewer).filter(pk=assignment_id).first()
    if assignment is None:
        raise NotFound()
    return assignment


def user_by_username(username: str) -> User:
    """An account by its exact user name (NotFound otherwise), for the security administrator's form."""
    user = User.objects.filter(username=username.strip()).first()
    if user is None:
        raise NotFound()
    return user
