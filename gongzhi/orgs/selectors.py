"""Reads of the registry, scoped to the viewer; and the public and self-governance reads.

`organisations_speaking_for(user, community)` is what a feature asks before a representative speaks for an
organisation in a community (协同参与): registered, serving that community, represented by the user.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.scopes import organisation_ids_for, paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.residents.selectors import account_in_reach

from .models import Organisation, OrgState
from .roles import KEEPERS, READERS, REPRESENTATIVES


def _readable_q(viewer, roles=READERS) -> Q:
    return scope_q(paths_for(viewer, roles)) | Q(pk__in=organisation_ids_for(viewer, REPRESENTATIVES))


def organisation_list_for(
    *, viewer, community: Area | None = None, state: str = ""
) -> QuerySet[Organisation]:
    """The organisations registered in the viewer's areas (any state) and the ones they represent; with a
    community, those registered there or serving it."""
    found = Organisation.objects.filter(_readable_q(viewer))
    if community is not None:
        found = found.filter(serving_q(community))
    if state:
        found = found.filter(state=state)
    return found.select_related("home").order_by("area_path", "name", "id")


def organisation_get_for(*, viewer, organisation_id: int, roles=READERS) -> Organisation:
    found = (
        Organisation.objects.filter(_readable_q(viewer, roles), pk=organisation_id)
        .select_related("home")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def serving_q(community: Area) -> Q:
    """Organisations that serve `community`: named, or serving all of a home area the community lies in."""
    ancestors = [community.path[:n] for n in range(8, len(community.path) + 1, 8)]
    return Q(communities=community) | Q(serves_all=True, area_path__in=ancestors)


def serves(organisation: Organisation, community: Area) -> bool:
    if organisation.serves_all and community.path.startswith(organisation.area_path):
        return True
    return organisation.communities.filter(pk=community.pk).exists()


def communities_served(organisation: Organisation) -> list[Area]:
    if organisation.serves_all:
        return list(
            Area.objects.filter(scope_q([organisation.area_path], "path"), kind=AreaKind.COMMUNITY).order_by(
                "path"
            )
        )
    return list(organisation.communities.order_by("path"))


def representatives_of(organisation: Organisation) -> list[RoleAssignment]:
    return list(
        RoleAssignment.objects.filter(organisation=organisation, role__in=REPRESENTATIVES)
        .select_related("user")
        .order_by("created_at", "id")
    )


def organisations_represented(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=organisation_ids_for(user, REPRESENTATIVES)).order_by(
        "name", "id"
    )


def organisations_speaking_for(user, community: Area) -> QuerySet[Organisation]:
    """The registered organisations serving `community` that `user` represents (协同参与)."""
    ids = organisation_ids_for(user, REPRESENTATIVES)
    if not ids:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(serving_q(community), pk__in=ids, state=OrgState.REGISTERED)
        .distinct()
        .order_by("name", "id")
    )


def public_organisations(community: Area) -> QuerySet[Organisation]:
    """A community's registered organisations for its public page: no contact, no representatives."""
    return (
        Organisation.objects.filter(serving_q(community), state=OrgState.REGISTERED)
        .distinct()
        .only("id", "name", "kind", "description", "authority", "credit_code", "home_id", "area_path")
        .order_by("kind", "name", "id")
    )


def homes_for(*, viewer) -> QuerySet[Area]:
    """Where the viewer may register an organisation: their township(s) or community(ies)."""
    return Area.objects.filter(
        scope_q(paths_for(viewer, KEEPERS), "path"), kind__in=[AreaKind.TOWNSHIP, AreaKind.COMMUNITY]
    ).order_by("path")


def home_get_for(*, viewer, area_id: int) -> Area:
    found = homes_for(viewer=viewer).filter(pk=area_id).first()
    if found is None:
        raise NotFound()
    return found


def communities_for(*, viewer) -> QuerySet[Area]:
    """The communities whose organisations the viewer reads (the list's filter)."""
    return Area.objects.filter(scope_q(paths_for(viewer, READERS), "path"), kind=AreaKind.COMMUNITY).order_by(
        "path"
    )


def representative_account_get(*, viewer, username: str) -> User:
    """The account to name as a representative, among the people the keeper may see (on the register within
    their reach, or holding a role there): an unknown username and one elsewhere get the same message."""
    found = account_in_reach(viewer=viewer, roles=KEEPERS, username=username)
    if found is None:
        raise DomainError(_("请填写代表的登录用户名。"), field="username", code="required")
    return found


def organisations_represented_serving(user, community: Area) -> QuerySet[Organisation]:
    """The organisations serving `community` that `user` represents, in any state but ended (a suspended one's
    representative is told why they may not speak for it, rather than refused without a word)."""
    ids = organisation_ids_for(user, REPRESENTATIVES)
    if not ids:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(serving_q(community), pk__in=ids).exclude(state=OrgState.ENDED).distinct()
    )


def organisation_voice_check(user, organisation_id: int | None, community: Area) -> Organisation:
    """The organisation `user` may speak for in `community` now (协同参与): one they represent, registered, and
    serving that community; otherwise a DomainError that says which of these fails."""
    from django.utils.translation import gettext as _

    from gongzhi.core.errors import DomainError

    ids = organisation_ids_for(user, REPRESENTATIVES)
    found = Organisation.objects.filter(pk=organisation_id, pk__in=ids).first() if organisation_id else None
    if found is None:
        raise DomainError(
            _("您不是这个社会组织的登记代表，不能以它的名义留言。"),
            field="organisation",
            code="not_representative",
        )
    if found.state != OrgState.REGISTERED:
        raise DomainError(
            _("「%(name)s」现为“%(state)s”，只有已登记的社会组织才能以组织名义参与议事。")
            % {"name": found.name, "state": found.get_state_display()},
            field="organisation",
            code="organisation_not_registered",
        )
    if not serves(found, community):
        raise DomainError(
            _("「%(name)s」不为%(community)s服务，不能在这里以组织名义留言。")
            % {"name": found.name, "community": community.name},
            field="organisation",
            code="organisation_not_serving",
        )
    return found
