"""`gongzhi verify-audit`: walk the hash chain; name the first broken row."""

from django.core.management.base import BaseCommand, CommandError

from gongzhi.audit.verification import audit_chain_verify


class Command(BaseCommand):
    help = "校验审计日志哈希链，指出第一条被篡改、删除或插入的记录。"

    def handle(self, *args, **options):
        report = audit_chain_verify()
        if report.ok:
            self.stdout.write(f"OK: audit chain intact, {report.checked} rows verified.")
            return
        raise CommandError(
            f"BROKEN at audit row {report.broken_id}: {report.reason} ({report.checked} rows before it verified)"
        )
