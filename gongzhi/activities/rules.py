"""Who may do what with activities. Whether it is possible *now* (state, time, places) is the actions' answer.

The organiser of an activity is whoever published it in its name: the community's staff for a community's
activity, the organisation's representatives for an organisation's. Only they edit, cancel, mark attendance
and write the report."""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.roles import Role
from gongzhi.accounts.scopes import covers, organisation_ids_for, paths_for

from .roles import ORGANISERS, REPRESENTATIVES, SIGNERS, SIGNUP_ASSISTERS


def _activity(obj):
    return getattr(obj, "activity", obj)


@rules.predicate
def organises(user, obj=None) -> bool:
    """The user runs this activity: a representative of its organisation, or staff over its community."""
    if obj is None or not user.is_authenticated:
        return False
    activity = _activity(obj)
    if activity.organisation_id is not None:
        return activity.organisation_id in organisation_ids_for(user, REPRESENTATIVES)
    return covers(paths_for(user, ORGANISERS), activity.area_path)


@rules.predicate
def may_publish_in(user, community=None) -> bool:
    """Staff of the community, or a representative of a registered organisation serving it.

    With no object: whether the user publishes anywhere (the form then offers their communities).
    """
    if not user.is_authenticated:
        return False
    if community is None:
        return bool(paths_for(user, ORGANISERS)) or bool(organisation_ids_for(user, REPRESENTATIVES))
    if covers(paths_for(user, ORGANISERS), getattr(community, "path", "")):
        return True
    from gongzhi.orgs.selectors import organisations_speaking_for

    return organisations_speaking_for(user, community).exists()


@rules.predicate
def is_signer(user, obj=None) -> bool:
    """The sign-up is for this account, or this account typed it for a resident."""
    return (
        obj is not None
        and user.is_authenticated
        and user.pk in (getattr(obj, "user_id", None), getattr(obj, "signed_by_id", None))
    )


assister = holds_role_over(SIGNUP_ASSISTERS)
staff_reader = holds_role_over(SIGNUP_ASSISTERS | {Role.TOWNSHIP_ADMIN})

rules.add_perm("activities.publish", may_publish_in)
rules.add_perm("activities.organise", organises)  # edit, cancel, mark attendance, report
rules.add_perm("activities.attend", organises)  # the hours source's permission (gongzhi.hours)
rules.add_perm("activities.sign_up_own", holds_role_over(SIGNERS))
rules.add_perm("activities.sign_up_assisted", assister)  # obj: the Resident
rules.add_perm("activities.withdraw", is_signer | assister)
# The list of sign-ups: the organiser (to prepare and mark attendance) and staff over the community.
rules.add_perm("activities.view_signups", organises | staff_reader)
# A signer's full name (obj = the sign-up): the signer, and staff over the resident; masked to everyone else.
rules.add_perm("activities.see_signer", is_signer | staff_reader)
