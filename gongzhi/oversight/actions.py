"""Recording the oversight exports in the audit log (the figures themselves are read, never written)."""

from django.db import transaction

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize


@transaction.atomic
def export_record(*, actor: User, township: Area, period_label: str, rows: int) -> None:
    authorize(actor, "oversight.export", township)
    audit_event_record(
        actor=actor, verb="oversight.exported", target=township, area=township,
        summary={"period": period_label, "rows": rows},
    )  # fmt: skip


@transaction.atomic
def report_record(*, actor: User, community: Area, period_label: str, sha256: str) -> None:
    authorize(actor, "oversight.export", community)
    audit_event_record(
        actor=actor, verb="oversight.report_printed", target=community, area=community,
        summary={"period": period_label, "sha256": sha256},
    )  # fmt: skip
