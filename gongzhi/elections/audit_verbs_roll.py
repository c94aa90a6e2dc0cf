"""The audit verbs of the round, the committee and the roll: what each row reads as (never a voter's name)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.verbs import target_types_register, verb_register


def register() -> None:
    for verb, label, sentence in (
        ("elections.round_opened", _("开始换届"), _("开始换届「{name}」")),
        ("elections.practice_set", _("设置换届工作期限"), _("设置换届「{name}」的工作期限和目标比例")),
        ("elections.round_closed", _("结束换届"), _("结束换届「{name}」")),
        (
            "elections.election_added",
            _("安排村(社区)选举"),
            _("安排{community}的选举：选举日 {day}，应选{seats}名"),
        ),
        ("elections.election_changed", _("修改村(社区)选举"), _("修改{community}的选举日或应选名额")),
        ("elections.committee_joined", _("登记选举委员会成员"), _("登记{community}选举委员会的一位成员")),
        ("elections.committee_left", _("选举委员会成员退出"), _("{community}选举委员会的一位成员退出")),
        (
            "elections.roll_generated",
            _("生成选民名单"),
            _("从户籍登记生成{community}的选民名单，新增{count}人"),
        ),
        ("elections.voter_added", _("增补选民"), _("在{community}的选民名单上增补一人")),
        ("elections.voter_removed", _("选民除名"), _("从{community}的选民名单上除名一人")),
        ("elections.roll_published", _("公布选民名单"), _("公布{community}的选民名单（{count}人）")),
        ("elections.objection_filed", _("提出选民名单异议"), _("对{community}的选民名单提出一条异议")),
        ("elections.objection_answered", _("处理选民名单异议"), _("处理{community}选民名单的一条异议")),
        ("elections.proxy_authorised", _("登记委托投票"), _("登记{community}的一份委托投票")),
        ("elections.proxy_withdrawn", _("撤销委托投票"), _("撤销{community}的一份委托投票")),
        (
            "elections.proxy_scan_attached",
            _("附上委托书扫描件"),
            _("为{community}的一份委托投票附上书面委托书扫描件"),
        ),
        ("elections.roll_printed", _("打印选民名单"), _("打印{community}的{paper}")),
    ):
        verb_register(verb, label, sentence)
    target_types_register("elections.election", "elections.voter", "elections.objection")
