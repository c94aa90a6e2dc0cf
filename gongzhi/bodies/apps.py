from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "gongzhi.bodies"
    label = "bodies"
    verbose_name = _("自治组织")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.audit.verbs import target_types_register, verb_register
        from gongzhi.core.home import home_section_register, public_link_register, robots_register
        from gongzhi.core.nav import nav_register

        from . import home

        verb_register("body.created", _("登记组织"), _("登记{area}的「{name}」"))
        verb_register("body.changed", _("修改组织"), _("修改{area}的「{name}」"))
        verb_register("body.member_added", _("登记组织成员"), _("登记{resident}为「{body}」成员"))
        verb_register("body.member_ended", _("登记成员离任"), _("登记{resident}从「{body}」离任：{reason}"))
        verb_register(
            "body.represented", _("登记代表联系户"), _("登记代表{resident}联系{households}户（「{body}」）")
        )
        target_types_register("bodies.body")
        nav_register(
            "bodies.index", order=65, label=_("自治组织"), url_name="bodies:index", perm="bodies.view"
        )
        home_section_register(
            "bodies.keeper", order=45, template="bodies/home_section.html", build=home.keeper_section
        )
        public_link_register("bodies", order=25, label=_("两委成员"), url_name="bodies:public")
        robots_register("bodies", order=25, lines=["Allow: /bodies/p/"])
