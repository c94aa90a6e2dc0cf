"""Walk the chain and name the first row that does not hold."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import GENESIS, AuditEvent


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_id: int | None
    reason: str

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def audit_chain_verify(*, batch: int = 5000) -> ChainReport:
    expected_prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            return ChainReport(checked, None, "")
        for row in rows:
            if row.prev_hash != expected_prev:
                return ChainReport(
                    checked, row.pk, _("前一条记录的哈希不匹配（记录被删除、插入或前一条被篡改）")
                )
            if row.compute_hash() != row.row_hash:
                return ChainReport(checked, row.pk, _("记录内容与其哈希不符（记录被篡改）"))
            expected_prev = row.row_hash
            checked += 1
            last_id = row.pk
