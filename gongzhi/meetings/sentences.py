"""How the meetings' audit rows read (registered in MeetingsConfig.ready)."""

from typing import Any

from django.utils.translation import gettext as _

from gongzhi.audit.sentences import value_text
from gongzhi.core.quorum import RULES


def meeting_recorded(facts: Any) -> str:
    summary = facts.summary
    rule = RULES.get(str(summary.get("body", "")))
    return _("记录%(area)s%(body)s（%(date)s）：到会 %(present)s 人，%(items)s 项表决") % {
        "area": facts.area or "",
        "body": rule.label if rule else value_text(summary.get("body")),
        "date": value_text(summary.get("date")),
        "present": value_text(summary.get("present")),
        "items": value_text(summary.get("items")),
    }


def meeting_item_voted(facts: Any) -> str:
    summary = facts.summary
    verdict = _("通过") if summary.get("passed") else _("未通过")
    return _("记录「%(title)s」的表决：赞成 %(yes)s，反对 %(no)s，弃权 %(abstain)s，%(verdict)s") % {
        "title": value_text(summary.get("title")),
        "yes": value_text(summary.get("in_favour")),
        "no": value_text(summary.get("against")),
        "abstain": value_text(summary.get("abstaining")),
        "verdict": verdict,
    }


def meeting_roll_closed(facts: Any) -> str:
    summary = facts.summary
    verdict = _("符合法定人数") if summary.get("quorate") else _("不足法定人数")
    return _("确认「%(title)s」到会 %(present)s 人：%(verdict)s") % {
        "title": value_text(summary.get("title")),
        "present": value_text(summary.get("present")),
        "verdict": verdict,
    }


def meetings_register() -> None:
    """The verbs of a body's convened meeting (gongzhi/meetings/actions/convening.py)."""
    from django.utils.translation import gettext_lazy

    from gongzhi.audit.verbs import target_types_register, verb_register

    verb_register(
        "meeting.convened",
        gettext_lazy("召集会议"),
        gettext_lazy("召集「{title}」：{date}，{place}，提前 {notice_days} 天通知"),
    )
    verb_register(
        "meeting.roll_marked",
        gettext_lazy("会议点名"),
        gettext_lazy("「{title}」点名：到会 {present}，委托 {proxy}，缺席 {absent}"),
    )
    verb_register("meeting.roll_closed", gettext_lazy("确认到会人数"), meeting_roll_closed)
    verb_register(
        "meeting.witness_named",
        gettext_lazy("确定会议见证人"),
        gettext_lazy("确定{witness}为「{title}」的见证人"),
    )
    verb_register("meeting.witnessed", gettext_lazy("签字见证会议"), gettext_lazy("签字见证「{title}」"))
    verb_register(
        "meeting.minutes_recorded",
        gettext_lazy("填写会议记录"),
        gettext_lazy("填写「{title}」的会议记录（{length} 字）"),
    )
    verb_register(
        "meeting.closed",
        gettext_lazy("结束会议"),
        gettext_lazy("结束「{title}」：{items} 项表决，{passed} 项通过"),
    )
    verb_register(
        "meeting.cancelled", gettext_lazy("取消会议"), gettext_lazy("取消「{title}」（{date}）：{reason}")
    )
    verb_register(
        "meeting.record_printed", gettext_lazy("打印会议记录"), gettext_lazy("打印「{title}」的会议记录")
    )
    verb_register(
        "meeting.ballot_opened",
        gettext_lazy("开启线上无记名投票"),
        gettext_lazy("开启「{title}」的线上无记名投票：{voters} 人，{closes_at} 截止"),
    )
    target_types_register("meetings.meeting")
