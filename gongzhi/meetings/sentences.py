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
