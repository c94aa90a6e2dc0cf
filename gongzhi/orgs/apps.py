from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "gongzhi.orgs"
    label = "orgs"
    verbose_name = _("社会组织")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.audit.verbs import target_types_register, verb_register
        from gongzhi.core.home import public_link_register, robots_register
        from gongzhi.core.nav import nav_register

        from . import workflow  # noqa: F401  (the lifecycle)

        verb_register("org.registered", _("登记社会组织"), _("登记{home}的社会组织「{name}」（待审核）"))
        verb_register("org.changed", _("修改社会组织登记信息"), _("修改社会组织「{name}」的登记信息"))
        verb_register(
            "org.profile_changed", _("修改社会组织简介"), _("修改社会组织「{name}」的简介和联系方式")
        )
        verb_register("org.approved", _("社会组织审核通过"), _("社会组织「{name}」审核通过，予以登记"))
        verb_register("org.rejected", _("社会组织不予登记"), _("社会组织「{name}」不予登记：{reason}"))
        verb_register("org.suspended", _("社会组织暂停活动"), _("社会组织「{name}」暂停活动：{reason}"))
        verb_register("org.resumed", _("社会组织恢复活动"), _("社会组织「{name}」恢复活动"))
        verb_register("org.ended", _("社会组织终止"), _("社会组织「{name}」终止：{reason}"))
        verb_register(
            "org.representative_added", _("指定社会组织代表"), _("指定{user}为社会组织「{name}」的代表")
        )
        verb_register(
            "org.representative_removed", _("取消社会组织代表"), _("取消{user}的社会组织「{name}」代表身份")
        )
        target_types_register("orgs.organisation")
        nav_register("orgs.index", order=66, label=_("社会组织"), url_name="orgs:index", perm="orgs.view")
        public_link_register("orgs", order=26, label=_("社会组织"), url_name="orgs:public")
        robots_register("orgs", order=26, lines=["Allow: /orgs/p/"])
