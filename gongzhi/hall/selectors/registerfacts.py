"""Register facts (登记信息) an application is filled with: what gongzhi already knows is never asked again.

"Enter once": the applicant's name, masked ID number, address, household and
its members come from the register (residents) — the resident behind the
account applying for themselves, or the resident a clerk applies for. A
material line whose source is the register is satisfied by these facts.
The ID number is stored masked (the last four digits): an application never
needs the full number, the register keeps it encrypted.
"""

from typing import Any

from gongzhi.core.masking import mask_id_last4, mask_name

# The facts a Material.register_fact may name, with the label shown on the application.
REGISTER_FACTS = ("name", "id_masked", "address", "household", "members", "community")


def register_facts(resident) -> dict[str, Any]:
    """The facts of `resident` for an application (never the full ID number or phone)."""
    household = resident.household
    members = []
    if household is not None:
        for member in household.members.exclude(pk=resident.pk).order_by("relation_to_head", "id"):
            members.append(
                {"name": mask_name(member.name), "relation": member.get_relation_to_head_display()}
            )
    return {
        "name": resident.name,
        "id_masked": mask_id_last4(resident.id_last4),
        "gender": resident.get_gender_display(),
        "birth_year": resident.birth_date.year if resident.birth_date else None,
        "address": resident.current_address
        or resident.registered_address
        or (household.address if household else ""),
        "household": household.number if household else "",
        "members": members,
        "community": resident.community.name,
        "phone_masked": resident.phone_masked,
    }


def account_facts(user, community) -> dict[str, Any]:
    """What is known of an applicant who has an account but no entry in the register."""
    return {"name": user.display_name or user.username, "community": community.name}
