from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _sweep() -> int:
    from .actions import deeds_sweep

    return deeds_sweep()


class PointsConfig(AppConfig):
    name = "gongzhi.points"
    label = "points"
    verbose_name = _("积分制")

    def ready(self) -> None:
        from gongzhi.audit.verbs import target_types_register, verb_register
        from gongzhi.core.home import home_section_register, public_link_register, robots_register
        from gongzhi.core.nav import nav_register
        from gongzhi.core.periodic import periodic_job_register

        from . import home, rules  # noqa: F401  (the permissions)

        verb_register("points.switched_on", _("开启积分制"), _("为{township}开启积分制"))
        verb_register("points.switched_off", _("关闭积分制"), _("为{township}关闭积分制"))
        verb_register(
            "points.appeal_days_set", _("设置积分申诉期"), _("将{community}的积分申诉期设为{days}天")
        )
        verb_register(
            "points.catalogue_drafted",
            _("起草积分规则"),
            _("起草积分规则「{title}」第{version}版（{items}项）"),
        )
        verb_register(
            "points.catalogue_convened",
            _("积分规则提交代表会议"),
            _("积分规则「{title}」第{version}版列入{date}村(居)民代表会议议程"),
        )
        verb_register(
            "points.catalogue_adopted",
            _("积分规则通过"),
            _("积分规则「{title}」第{version}版经代表会议通过：{verdict}"),
        )
        verb_register(
            "points.catalogue_rejected",
            _("积分规则未通过"),
            _("积分规则「{title}」第{version}版未获代表会议通过：{verdict}"),
        )
        verb_register(
            "points.entry_entered", _("录入积分"), _("为{household}户录入「{item}」{points}分（待复核）")
        )
        verb_register(
            "points.entry_approved", _("复核通过积分"), _("复核通过{household}户「{item}」{points}分")
        )
        verb_register(
            "points.entry_refused", _("复核退回积分"), _("退回{household}户「{item}」{points}分：{note}")
        )
        verb_register(
            "points.deeds_imported",
            _("导入活动记录积分"),
            _(
                "导入{community}{start}至{end}的活动记录：计入{credited}条，已计入过{already}条，未匹配到户{unmatched}条"
            ),
        )
        verb_register("points.appeal_filed", _("提出积分申诉"), _("对「{item}」{points}分提出申诉"))
        verb_register(
            "points.appeal_upheld", _("积分申诉成立"), _("「{item}」{points}分的申诉成立，已冲正：{answer}")
        )
        verb_register(
            "points.appeal_dismissed", _("积分申诉不成立"), _("「{item}」{points}分的申诉不成立：{answer}")
        )
        verb_register(
            "points.goods_added",
            _("登记积分超市物品"),
            _("登记积分超市物品「{name}」，{price}分，库存{quantity}"),
        )
        verb_register(
            "points.goods_restocked", _("补充积分超市库存"), _("「{name}」补充库存{added}，现有{stock}")
        )
        verb_register(
            "points.funding_recorded",
            _("登记积分超市资金来源"),
            _("登记积分超市资金：{source}，{amount}元（{date}）"),
        )
        verb_register(
            "points.redeemed", _("积分兑换"), _("{household}户兑换「{goods}」{quantity}件，{points}分")
        )
        target_types_register(
            "points.catalogue", "points.entry", "points.goods", "points.funding", "points.pointsswitch"
        )
        # Last before the notices: the menu of those who read a community's points (the page says when it is off);
        # a household finds its own ledger from the home page, once its township has the points on.
        nav_register("points.index", order=96, label=_("积分制"), url_name="points:index", perm="points.view")
        periodic_job_register(
            "points.deeds_sweep", _sweep, "积分制：把近7天经确认的活动记录按现行规则计入（每条只计一次）"
        )
        home_section_register(
            "points", order=68, template="points/home_section.html", build=home.work_section
        )
        public_link_register("points", order=28, label=_("积分公示"), url_name="points:public")
        robots_register("points", order=28, lines=["Allow: /points/p/", "Disallow: /points/mine/"])
