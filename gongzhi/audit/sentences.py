"""What an audit row says, as one short sentence a person can read.

The verb's sentence (gongzhi.audit.verbs.SENTENCES) is filled from the row's
facts: the summary's values, formatted for people (lists joined with 、,
[old, new] as "old → new", codes as their Chinese labels, times in local
time), plus the target, actor and area as this viewer may see them (names
masked where gongzhi.audit.presentation decides so). Whatever the sentence
cannot use — a verb without a sentence, a summary without a placeholder's
key, a key nobody registered — falls back to a generic line built from the
verb's label and the summary as "字段：值" pairs. Nothing here raises.
"""

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .verbs import DERIVERS, SENTENCES, verb_label

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Facts:
    """One row as a viewer may see it (labels already masked where they must be)."""

    verb: str
    summary: dict[str, Any]
    target: str = ""
    target_type: str = ""
    actor: str = ""
    area: str = ""
    success: bool = True
    masked: bool = False
    extra: dict[str, str] = field(default_factory=dict)


# Summary keys that appear in more than one verb, as a person would name them.
KEY_LABELS: dict[str, Any] = {
    "rows": gettext_lazy("行数"),
    "reason": gettext_lazy("原因"),
    "name": gettext_lazy("名称"),
    "code": gettext_lazy("代码"),
    "area": gettext_lazy("区域"),
    "kind": gettext_lazy("类型"),
    "role": gettext_lazy("角色"),
    "state": gettext_lazy("状态"),
    "file": gettext_lazy("文件"),
    "errors": gettext_lazy("错误"),
    "sha256": gettext_lazy("文件指纹(SHA-256)"),
    "fields": gettext_lazy("字段"),
    "filters": gettext_lazy("筛选条件"),
    "note": gettext_lazy("说明"),
    "comment": gettext_lazy("意见"),
    "title": gettext_lazy("标题"),
    "count": gettext_lazy("次数"),
    "ip": gettext_lazy("来源地址"),
    "tags": gettext_lazy("标签"),
    "tag": gettext_lazy("标签"),
    "year": gettext_lazy("年度"),
    "q": gettext_lazy("关键词"),
    "verb": gettext_lazy("操作"),
    "actor": gettext_lazy("操作人"),
    "target": gettext_lazy("对象"),
    "target_type": gettext_lazy("对象类型"),
    "date_from": gettext_lazy("起始日期"),
    "date_to": gettext_lazy("截止日期"),
    "community": gettext_lazy("村(社区)"),
    "path": gettext_lazy("地址"),
    "method": gettext_lazy("请求方式"),
    "status": gettext_lazy("状态"),
    "area_id": gettext_lazy("区域编号"),
    "age_band": gettext_lazy("年龄段"),
}

_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?$")
_MAX_TEXT = 300


def _when(text: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%d %H:%M")


def value_text(value: Any) -> str:
    """A summary value as a person reads it: never a Python repr, never braces."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, str):
        text = _when(value) if _ISO_DATETIME.match(value) else value
        return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"
    if isinstance(value, list | tuple):
        if len(value) == 2 and all(not isinstance(v, list | tuple | dict) for v in value):
            # [before, after]: the shape of every "changes" summary.
            return f"{value_text(value[0])} → {value_text(value[1])}"
        return "、".join(value_text(v) for v in value) or "—"
    if isinstance(value, dict):
        return pairs_text(value)
    return str(value)


def key_text(key: str, *, target_type: str = "") -> str:
    if key in KEY_LABELS:
        return str(KEY_LABELS[key])
    if target_type:
        try:
            return str(apps.get_model(target_type)._meta.get_field(key).verbose_name)
        except (LookupError, ValueError, FieldDoesNotExist, AttributeError):
            pass
    return key


def pairs_text(summary: dict, *, target_type: str = "") -> str:
    return "；".join(
        f"{key_text(str(k), target_type=target_type)}：{value_text(v)}" for k, v in summary.items()
    )


def generic_sentence(facts: Facts) -> str:
    """The line every verb falls back to: its label, the target, the summary's pairs."""
    text = verb_label(facts.verb)
    if facts.target:
        text += f"「{facts.target}」"
    if facts.summary:
        text += "：" + pairs_text(facts.summary, target_type=facts.target_type)
    return text


# --- Values that need more than value_text ----------------------------------------------


def choice_label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value_text(value)


def _case_kind(kind: Any) -> tuple[str, Any]:
    from gongzhi.cases.workflow import case_type_of

    try:
        case_type = case_type_of(str(kind))
    except KeyError:
        return value_text(kind), None
    return str(case_type.label), case_type


def _derived(facts: Facts) -> dict[str, str]:
    """Values computed from the summary for the kernel's placeholders that are not plain keys (other apps
    register theirs with the verb: `verb_register(..., derive=...)`)."""
    from gongzhi.accounts.roles import Role
    from gongzhi.areas.models import AreaKind

    s, verb = facts.summary, facts.verb
    out: dict[str, str] = {}
    if "role" in s:
        out["role"] = choice_label(Role, s["role"])
    if verb == "area.created" and "kind" in s:
        out["kind"] = choice_label(AreaKind, s["kind"])
    if verb in ("area.updated", "resident.updated"):
        changes = dict(s)
        if facts.masked and verb == "resident.updated":
            # What was changed, not the values: the viewer may not read the register.
            out["changes"] = "、".join(key_text(k, target_type=facts.target_type) for k in changes)
        else:
            out["changes"] = pairs_text(changes, target_type=facts.target_type)
    if verb == "resident.event" and "kind" in s:
        from gongzhi.residents.models import ResidentEventKind

        out["kind"] = choice_label(ResidentEventKind, s["kind"])
    if verb in ("resident.exported", "audit.exported"):
        filters = dict(s.get("filters") or {})
        if verb == "resident.exported" and "status" in filters:
            from gongzhi.residents.models import ResidentStatus

            filters["status"] = choice_label(ResidentStatus, filters["status"])
        out["filters"] = (_("，筛选：") + pairs_text(filters)) if filters else ""
    if verb == "audit.verified":
        if s.get("broken_id") is None:
            out["result"] = _("%(n)s 条记录完整") % {"n": s.get("checked", "—")}
        else:
            out["result"] = _("在第 %(id)s 条记录处断开") % {"id": s["broken_id"]}
    if verb == "access.refused_more":
        out["window"] = f"{value_text(s.get('window_start'))} – {value_text(s.get('window_end'))}"
    if verb == "case.opened":
        out["kind"] = _case_kind(s.get("kind"))[0]
        out["assisted"] = _("（代为提交）") if s.get("assisted") else ""
    if verb == "case.moved":
        label, case_type = _case_kind(s.get("kind"))
        out["kind"] = label
        if case_type is not None:
            out["move"] = case_type.verb_label(str(s.get("move", "")))
            out["from"] = case_type.state_label(str(s.get("from", "")))
            out["to"] = case_type.state_label(str(s.get("to", "")))
    if isinstance(s.get("kinds"), list) and verb.startswith("case."):
        from gongzhi.core.pii import pii_kinds_label

        out["kinds"] = pii_kinds_label(s["kinds"]) or "—"
    if verb == "calendar_year.entered":
        holidays = [
            f"{h[0]} {h[1]}—{h[2]}" for h in s.get("holidays") or [] if isinstance(h, list) and len(h) == 3
        ]
        workdays = s.get("workdays") or []
        out["holidays"] = "、".join(holidays) or "—"
        if workdays:
            out["holidays"] += _("；调休上班 %(n)d 天") % {"n": len(workdays)}
    if verb == "notice.preferences_changed":
        for key in ("email_enabled", "daily_digest"):
            if key in s:
                out[key] = _("开启") if s[key] else _("关闭")
    return out


def template_sentence(facts: Facts) -> str | None:
    """The verb's own sentence filled from the facts; None when it has none or it cannot be filled."""
    template = SENTENCES.get(facts.verb)
    if template is None:
        return None
    try:
        if callable(template) and not isinstance(template, str):
            return str(template(facts))
        values: dict[str, str] = {k: value_text(v) for k, v in facts.summary.items()}
        values.update(target=facts.target or "—", actor=facts.actor or "—", area=facts.area or "—")
        values.update(_derived(facts))
        derive = DERIVERS.get(facts.verb)
        if derive is not None:
            values.update(derive(facts))
        values.update(facts.extra)
        return str(template).format_map(values)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        # A summary from an older version of the verb, or a placeholder typo: say it plainly.
        logger.debug("audit sentence for %s fell back to the generic line", facts.verb, exc_info=True)
        return None


def sentence_for(facts: Facts) -> str:
    """The row's sentence; the generic line when the verb has none or it cannot be filled."""
    text = template_sentence(facts) or generic_sentence(facts)
    if not facts.success and facts.verb not in _FAILURE_VERBS:
        text += _("（未成功）")
    return text


# Verbs that are failures by nature: their sentence already says so.
_FAILURE_VERBS = frozenset(
    {
        "auth.login_failed",
        "auth.locked_out",
        "resident.import_rejected",
        "access.refused",
        "access.refused_more",
        "audit.verified",
    }
)
