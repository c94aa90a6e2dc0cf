"""`gongzhi convention-check PATH [--json]`: check a 村规民约/居民公约 (.txt or .docx).

Exit status: 0 compliant, 1 not compliant, 2 the input cannot be checked.
"""

import json
import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from gongzhi.conventions.checker import (
    FINE,
    ConventionInputError,
    ConventionReport,
    convention_file_check,
)


class Command(BaseCommand):
    help = "检查村规民约/居民公约：必备内容是否齐全，是否含有罚款等违规条款。"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="UTF-8 .txt or .docx file")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, path: str, json: bool, **options):
        try:
            report = convention_file_check(path)
        except ConventionInputError as exc:
            self.stderr.write((_(exc.message) + exc.detail).replace("\n", " "))
            sys.exit(2)
        if json:
            self.stdout.write(_report_json(report))
        else:
            self.stdout.write(_report_text(report))
        sys.exit(0 if report.compliant else 1)


def _report_json(report: ConventionReport) -> str:
    data = report.as_dict()
    for violation in data["violations"]:  # type: ignore[attr-defined]
        violation["suggestion"] = _(violation["suggestion"])
    return json.dumps(data, ensure_ascii=False, indent=2)


def _report_text(report: ConventionReport) -> str:
    out = [_("检查结论：符合要求") if report.compliant else _("检查结论：不符合要求")]
    covered = sum(1 for topic in report.topics if topic.covered)
    out.append("")
    out.append(
        _("必备内容（已涵盖 %(covered)d/%(total)d 项）：") % {"covered": covered, "total": len(report.topics)}
    )
    for topic in report.topics:
        if topic.covered:
            first = topic.evidence[0]
            out.append(
                _("  ✓ %(label)s　第 %(line)d 行：%(text)s")
                % {"label": _(topic.label), "line": first.line, "text": first.text}
            )
        else:
            out.append(_("  ✗ %(label)s　未涉及，请补充") % {"label": _(topic.label)})
    out.append("")
    if not report.violations:
        out.append(_("违规条款：未发现罚款或其他不当惩戒条款。"))
    else:
        out.append(_("违规条款（%(count)d 处）：") % {"count": len(report.violations)})
        for violation in report.violations:
            kind = _("罚款") if violation.kind == FINE else _("其他不当惩戒")
            out.append(
                _("  第 %(line)d 行［%(kind)s］%(text)s")
                % {"line": violation.line, "kind": kind, "text": violation.text}
            )
            out.append(_("    建议：%(suggestion)s") % {"suggestion": _(violation.suggestion)})
    return "\n".join(out)
