"""The one registry of audit verbs (Wagtail's log-action registry, in miniature).

Each verb has a short label (the filter's choice list) in `VERBS` and a
sentence that tells a person what happened in `SENTENCES`: a format string
whose `{placeholders}` are the keys of the event's summary plus `{target}`,
`{actor}` and `{area}` (see gongzhi.audit.sentences), or a function of the
event's facts for the few verbs whose sentence depends on the values.

The dicts below hold the kernel's own verbs. Every other app registers its
verbs from its `AppConfig.ready` (the kernel names no feature)::

    verb_register("note.redacted", _("隐去个人信息"), _("隐去「{target}」中的{kinds}"),
                  derive=lambda facts: {"kinds": "、".join(facts.summary["kinds"])})

`derive` computes the placeholders that are not plain summary keys (a code
as its label, [old, new] as a sentence of its own); `target_types_register`
adds the models an app's rows are about to the audit list's filter.

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
    "digest.sent": _("发送每日待办汇总"),
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
    "auth.password_reset_by_staff": _(
        "将「{target}」的密码重置为临时密码，结束了 {sessions_ended} 个登录会话"
    ),
    "account.created": _("创建账号「{target}」"),
    "account.deactivated": _(
        "停用账号「{target}」，结束 {sessions_ended} 个登录会话，吊销 {tokens_revoked} 个接口令牌"
    ),
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
    "area.search_indexing_changed": _("修改「{target}」的搜索引擎收录：{search_indexing}"),
    "digest.sent": _("向「{target}」发送 {day} 的待办汇总：待处理 {waiting} 件，超期 {overdue} 件"),
}


# Values a verb's sentence needs beyond the summary's plain keys: a function of the row's facts
# (gongzhi.audit.sentences.Facts) returning {placeholder: text}. The kernel's own are in sentences.py.
Derive = Callable[[Any], dict[str, str]]
DERIVERS: dict[str, Derive] = {}

# What a row can be about, for the audit list's filter (model labels, in this order). Apps add theirs.
TARGET_TYPES: list[str] = [
    "residents.resident", "residents.household", "accounts.user", "cases.case", "areas.area", "residents.tag",
    "notices.notice", "workdays.calendaryear",
]  # fmt: skip


def verb_register(
    verb: str, label: str | Promise, sentence: Sentence | None = None, *, derive: Derive | None = None
) -> None:
    """Register a verb (and the sentence it reads as, and how to derive its values) from an app's ready()."""
    VERBS[verb] = label
    if sentence is not None:
        SENTENCES[verb] = sentence
    if derive is not None:
        DERIVERS[verb] = derive


def target_types_register(*labels: str) -> None:
    """Models (as "app_label.model_name") whose rows the audit list may be filtered by."""
    for label in labels:
        if label not in TARGET_TYPES:
            TARGET_TYPES.append(label)


def verb_label(verb: str) -> str:
    return str(VERBS.get(verb, verb))
