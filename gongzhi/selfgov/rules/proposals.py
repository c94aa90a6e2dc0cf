"""Who may do what with residents' proposals. Whether it is possible now (the state, the register) is the
actions' answer: a co-signer from another community is told so, not refused with a 403."""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.scopes import covers, paths_for
from gongzhi.orgs.selectors import organisations_represented_serving

from ..models import Proposal
from ..roles.proposals import ANSWERERS, CONFIGURERS, MODERATORS, SIGN_ASSISTERS, WATCHERS
from ..selectors.proposals import resident_of


@rules.predicate
def is_author(user, obj=None) -> bool:
    return obj is not None and user.is_authenticated and getattr(obj, "author_id", None) == user.pk


@rules.predicate
def is_resident_here(user, obj=None) -> bool:
    """The user's register entry (active) is in the proposal's (or the area's) community."""
    if obj is None or not user.is_authenticated:
        return False
    community_id = getattr(obj, "community_id", None) or getattr(obj, "pk", None)
    resident = resident_of(user)
    return resident is not None and resident.community_id == community_id


@rules.predicate
def has_register_entry(user, obj=None) -> bool:
    return user.is_authenticated and resident_of(user) is not None


@rules.predicate
def assists_here(user, obj=None) -> bool:
    """An assister over the resident (a Resident), or over any part of the proposal's community (a grid
    worker signs for the residents of their grid, on the proposals of the village the grid lies in)."""
    if not user.is_authenticated:
        return False
    paths = paths_for(user, SIGN_ASSISTERS)
    if obj is None:
        return bool(paths)
    target = obj.scope_path
    if isinstance(obj, Proposal):
        return any(path.startswith(target) or target.startswith(path) for path in paths)
    return covers(paths, target)


@rules.predicate
def organisation(user, obj=None) -> bool:
    """A representative of a social organisation of the registry (gongzhi.orgs) that serves the proposal's
    community. Whether it may speak now (registered) is the action's answer, with its reason."""
    community = getattr(obj, "community", None)
    if community is None or not user.is_authenticated:
        return False
    return organisations_represented_serving(user, community).exists()


answerer = holds_role_over(ANSWERERS)
moderator = holds_role_over(MODERATORS)
watcher = holds_role_over(WATCHERS)
configurer = holds_role_over(CONFIGURERS)

# The object: the community (an Area) for proposing, else the proposal.
rules.add_perm("proposals.propose", has_register_entry)
rules.add_perm("proposals.author", is_author)
rules.add_perm("proposals.sign", rules.is_authenticated)
rules.add_perm("proposals.sign_for", assists_here)
rules.add_perm("proposals.answer", answerer)
rules.add_perm("proposals.moderate", moderator)
rules.add_perm("proposals.view_draft", is_author | moderator)
rules.add_perm("proposals.post", is_resident_here | moderator | organisation)
rules.add_perm("proposals.watch", watcher)
# The object: the township (an Area).
rules.add_perm("proposals.configure", configurer)
