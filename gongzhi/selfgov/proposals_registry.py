"""What residents' proposals register with the kernel, called once from SelfgovConfig.ready."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from gongzhi.core.forms import text_audience_register
    from gongzhi.core.home import home_section_register, public_link_register, robots_register
    from gongzhi.core.nav import nav_register

    from . import audit_verbs_proposals, home_proposals
    from .rules import proposals as _rules  # noqa: F401  (the permissions register on import)
    from .workflow import proposals as _workflow  # noqa: F401  (the lifecycle registers on import)

    audit_verbs_proposals.register()
    text_audience_register(
        "proposal",
        advice=_("提案公开后所有人都能看到，请删去个人的电话、证件号和住址；公开页面上这些信息也会被隐去。"),
    )
    home_section_register(
        "selfgov.proposals_resident",
        order=35,
        template="selfgov/proposals/home_resident.html",
        build=home_proposals.resident_section,
    )
    home_section_register(
        "selfgov.proposals_watcher",
        order=15,
        template="selfgov/proposals/home_watcher.html",
        build=home_proposals.watcher_section,
    )
    public_link_register(
        "selfgov.proposals", order=30, label=_("居民提案"), url_name="selfgov:proposals_community"
    )
    robots_register(
        "selfgov.proposals",
        order=30,
        lines=[
            "Allow: /selfgov/proposals/$",
            "Allow: /selfgov/proposals/c/",
            "Disallow: /selfgov/proposals/",
        ],
    )
    nav_register("selfgov.proposals", order=22, label=_("居民提案"), url_name="selfgov:proposals")
