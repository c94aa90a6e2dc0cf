"""The one registry of audit verbs (Wagtail's log-action registry, in miniature).

Each verb has a short label (the filter's choice list) in `VERBS` and a
sentence that tells a person what happened in `SENTENCES`: a format string
whose `{placeholders}` are the keys of the event's summary plus `{target}`,
`{actor}` and `{area}` (see gongzhi.audit.sentences), or a function of the
event's facts for the few verbs whose sentence depends on the values.

Registering a verb is one line in each dict, or from an app's
`AppConfig.ready`::

    verb_register("wish.redacted", _("隐去心愿中的个人信息"), _("隐去心愿「{target}」中的{kinds}"))

A verb without a sentence, or a summary that lacks a placeholder, still
reads as a generic line ("修改区域「青山村」：名称：青山 → 青山村") — never
as a raw dict, never as an error.
"""

from collections.abc import Callable
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

VERBS: dict[str, str | Promise] = {
    "auth.login": _("登录成功"),
    "auth.login_failed": _("登录失败"),
    "auth.locked_out": _("账号锁定"),
    "auth.logout": _("退出登录"),
    "auth.password_changed": _("修改密码"),
    "auth.password_reset": _("重设密码"),
    "auth.password_reset_by_staff": _("工作人员重置居民密码"),
    "account.created": _("创建账号"),
    "account.deactivated": _("停用账号"),
    "role.assigned": _("分配角色"),
    "role.revoked": _("撤销角色"),
    "token.created": _("创建接口令牌"),
    "token.revoked": _("吊销接口令牌"),
    "area.created": _("新建区域"),
    "area.updated": _("修改区域"),
    "area.search_indexing_changed": _("修改搜索引擎收录设置"),
    "household.created": _("新建户"),
    "household.updated": _("修改户"),
    "resident.created": _("新增居民"),
    "resident.updated": _("修改居民信息"),
    "resident.event": _("居民变动登记"),
    "resident.id_revealed": _("查看完整身份证号"),
    "resident.imported": _("导入居民"),
    "resident.import_rejected": _("导入被拒绝"),
    "resident.exported": _("导出居民"),
    "tag.created": _("新建标签"),
    "calendar_year.entered": _("录入节假日安排"),
    "notice.preferences_changed": _("修改通知设置"),
    "notice.read": _("阅读通知"),
    "notice.all_read": _("全部通知标为已读"),
    "audit.viewed": _("查阅审计日志"),
    "audit.verified": _("校验审计链"),
    "audit.exported": _("导出审计日志"),
    "access.refused": _("访问被拒绝"),
    "access.refused_more": _("访问被拒绝（未逐条记录）"),
    "case.opened": _("提交事项"),
    "case.moved": _("事项状态变更"),
    "case.rated": _("评价事项"),
    "case.redacted": _("隐去事项中的个人信息"),
    "case.pii_released": _("保留个人信息公开"),
    "case.message_posted": _("在事项中留言"),
    "case.escalated": _("吹哨上报"),
    "case.escalation_replied": _("部门答复吹哨"),
    "case.escalation_closed": _("结束吹哨"),
    "wish.settings_changed": _("修改心愿墙设置"),
    "wish.contact_changed": _("修改心愿联系方式"),
    "wish.claim_reminded": _("提醒认领人即将到期"),
    "digest.sent": _("发送每日待办汇总"),
    "offer.published": _("发布微服务"),
    "offer.cancelled": _("取消微服务"),
    "offer.completed": _("微服务完成"),
    "booking.created": _("预约微服务"),
    "booking.cancelled": _("取消预约"),
    "booking.served": _("确认已服务"),
    "convention.campaign_launched": _("启动村规民约修订"),
    "convention.in_force_recorded": _("录入现行村规民约"),
    "convention.draft_started": _("开始起草村规民约"),
    "convention.draft_saved": _("保存村规民约修订稿"),
    "convention.submitted": _("报送合法性审查"),
    "convention.approved": _("合法性审查通过"),
    "convention.returned": _("合法性审查退回"),
    "convention.adopted": _("会议表决通过村规民约"),
    "convention.filed": _("村规民约报镇备案"),
    "convention.filing_acknowledged": _("确认收到村规民约备案"),
    "convention.deadline_reminded": _("提醒村规民约修订期限"),
    "convention.board_exported": _("导出村规民约修订进度"),
    "demonstration.applied": _("申报村规民约示范村"),
    "demonstration.approved": _("命名村规民约示范村"),
    "demonstration.rejected": _("示范村申报未通过"),
    "system.seeded": _("生成演示数据"),
}


# A sentence is a format string over the summary's keys and target/actor/area,
# or a function of the event's facts (gongzhi.audit.sentences.Facts) returning the sentence.
Sentence = str | Promise | Callable[[Any], str]

SENTENCES: dict[str, Sentence] = {
    "auth.login": _("登录系统"),
    "auth.login_failed": _("登录失败"),
    "auth.locked_out": _("多次登录失败，账号被暂时锁定（来源 {ip}）"),
    "auth.logout": _("退出登录"),
    "auth.password_changed": _("修改了登录密码"),
    "auth.password_reset": _("重设了登录密码"),
    "auth.password_reset_by_staff": _("将「{target}」的密码重置为临时密码，结束了 {sessions_ended} 个登录会话"),
    "account.created": _("创建账号「{target}」"),
    "account.deactivated": _("停用账号「{target}」，结束 {sessions_ended} 个登录会话，吊销 {tokens_revoked} 个接口令牌"),
    "role.assigned": _("授予「{target}」在{area}的角色：{role}"),
    "role.revoked": _("撤销「{target}」在{area}的角色：{role}"),
    "token.created": _("为「{target}」创建接口令牌「{name}」（前缀 {prefix}）"),
    "token.revoked": _("吊销「{target}」的接口令牌「{name}」（前缀 {prefix}）"),
    "area.created": _("新建{kind}「{name}」"),
    "area.updated": _("修改区域「{target}」：{changes}"),
    "household.created": _("在{area}新建{target}"),
    "resident.created": _("登记居民「{target}」（{area}）"),
    "resident.updated": _("修改居民「{target}」的信息：{changes}"),
    "resident.event": _("登记居民「{target}」的变动：{kind}，{happened_on}"),
    "resident.id_revealed": _("查看居民「{target}」的完整身份证号，事由：{reason}"),
    "resident.imported": _("从「{file}」导入居民 {rows} 人，新建 {households_created} 户"),
    "resident.import_rejected": _("导入「{file}」被拒绝：{rows} 行中有 {errors} 处错误，整个文件未导入"),
    "resident.exported": _("导出居民名单 {rows} 行（已脱敏）{filters}"),
    "tag.created": _("新建标签「{name}」"),
    "calendar_year.entered": _("录入 {year} 年节假日安排：{holidays}"),
    "notice.preferences_changed": _("修改通知设置：邮件通知{email_enabled}，每日待办汇总{daily_digest}"),
    "notice.read": _("阅读通知「{target}」"),
    "notice.all_read": _("将 {count} 条未读通知全部标为已读"),
    "audit.viewed": _("查阅审计日志"),
    "audit.verified": _("校验审计链：{result}"),
    "audit.exported": _("导出审计日志 {rows} 行{filters}"),
    "access.refused": _("访问被拒绝（{status}）：{method} {path}"),
    "access.refused_more": _("另有 {count} 次被拒绝的访问未逐条记录（{window}）"),
    "case.opened": _("提交{kind}「{target}」{assisted}"),
    "case.moved": _("{kind}「{target}」：{move}（{from} → {to}）"),
    "case.rated": _("评价「{target}」：{rating} 星"),
    "case.redacted": _("隐去「{target}」中的{kinds}（原文保存在本条记录中）"),
    "case.pii_released": _("保留「{target}」中的{kinds}公开，理由：{reason}"),
    "case.message_posted": _("在「{target}」的私下留言中发言（{length} 字）"),
    "case.escalated": _("就「{target}」向{departments}吹哨，{workdays} 个工作日内答复"),
    "case.escalation_replied": _("{department}答复「{target}」的吹哨"),
    "case.escalation_closed": _("结束「{target}」的吹哨（未答复的部门 {unanswered} 个）"),
    "wish.contact_changed": _("修改「{target}」给认领人看的联系方式：同意查看 {shared}，电话 {phone}，地点 {place}"),
    "area.search_indexing_changed": _("修改「{target}」的搜索引擎收录：{search_indexing}"),
    "wish.settings_changed": _("修改{area}心愿认领期限：{claim_days}"),
    "wish.claim_reminded": _("提醒认领人：「{target}」的认领期限 {claim_due_at} 将到"),
    "digest.sent": _("向「{target}」发送 {day} 的待办汇总：待处理 {waiting} 件，超期 {overdue} 件"),
    "offer.published": _("发布微服务「{target}」：{places} 个名额，{starts_at} 开始"),
    "offer.cancelled": _("取消微服务「{target}」，一并取消 {bookings_cancelled} 个预约；原因：{reason}"),
    "offer.completed": _("微服务「{target}」完成：服务 {served} 人，计 {hours} 小时"),
    "booking.created": _("预约微服务（{target}）{assisted}"),
    "booking.cancelled": _("取消预约（{target}）"),
    "booking.served": _("确认已服务（{target}）"),
    "convention.campaign_launched": _("启动 {year} 年村规民约修订，{deadline} 前完成；必备内容：{topics}"),
    "convention.in_force_recorded": _("录入现行村规民约「{title}」（{characters} 字）"),
    "convention.draft_started": _("开始起草「{target}」"),
    "convention.draft_saved": _("保存修订稿「{target}」（{characters} 字，{problems} 处问题）"),
    "convention.submitted": _("将「{target}」报送合法性审查"),
    "convention.approved": _("「{target}」通过合法性审查：{comment}"),
    "convention.returned": _("退回「{target}」修改：{comment}"),
    "convention.adopted": _("{meeting}于 {date} 表决通过「{target}」：到会 {present} 人，赞成 {in_favour} 人，"
                            "反对 {against} 人，弃权 {abstaining} 人"),
    "convention.filed": _("「{target}」报镇备案，备案号 {filing_number}"),
    "convention.filing_acknowledged": _("确认收到「{target}」的备案，备案号 {filing_number}"),
    "convention.deadline_reminded": _("提醒{area} {recipients} 人：「{target}」离修订期限还有 {days_before} 天"),
    "convention.board_exported": _("导出村规民约修订进度 {rows} 行"),
    "demonstration.applied": _("申报村规民约示范村（申报材料 {characters} 字）"),
    "demonstration.approved": _("命名{area}为村规民约示范村：{note}"),
    "demonstration.rejected": _("{area}的示范村申报未通过：{note}"),
    "system.seeded": _("生成演示数据：{communities} 个村（社区），{residents} 名居民，{wishes} 个心愿"),
}


def verb_register(verb: str, label: str | Promise, sentence: Sentence | None = None) -> None:
    """Register a verb (and the sentence it reads as) from an app's AppConfig.ready."""
    VERBS[verb] = label
    if sentence is not None:
        SENTENCES[verb] = sentence


def verb_label(verb: str) -> str:
    return str(VERBS.get(verb, verb))
