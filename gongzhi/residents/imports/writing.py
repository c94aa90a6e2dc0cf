"""Writing a prepared file into the register: one transaction, rows straight to the driver
(gongzhi.core.bulk), every row or none."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.bulk import BulkTable, reserve_ids

from ..models import Household, Resident, ResidentEvent, ResidentEventKind
from .preparing import HOUSEHOLD_AT, RESIDENT_COLUMNS, Prepared
from .validating import Progress


def import_prepared(
    prepared: Prepared, *, actor: User, filename: str, source_ip: str, progress: Progress
) -> int:
    """Insert what validate_file prepared, in one transaction: every row or none.

    The register may have changed since the validating pass; the unique
    constraints (ID number, household number per community) then refuse the
    insert, IntegrityError rolls everything back and the caller says so.
    """
    today = timezone.localdate()
    now = timezone.now()
    residents = BulkTable(Resident, ("id", *RESIDENT_COLUMNS))
    links = BulkTable(Resident.tags.through, ("resident_id", "tag_id"))
    event_columns = tuple(f.attname for f in ResidentEvent._meta.concrete_fields if f.attname != "id")
    events = BulkTable(ResidentEvent, event_columns)
    template = events.values_of(
        ResidentEvent(
            kind=ResidentEventKind.REGISTERED, happened_on=today, recorded_by=actor, note=_("Excel 导入")
        ),
        now,
    )
    resident_at = event_columns.index("resident_id")
    to_area_at = event_columns.index("to_area_id")
    area_at = RESIDENT_COLUMNS.index("area_id")

    def event_row(resident_id: int, area_id: int) -> tuple:
        row = list(template)
        row[resident_at], row[to_area_at] = resident_id, area_id
        return tuple(row)

    imported = 0
    with transaction.atomic():
        household_table = BulkTable(Household)
        household_ids = reserve_ids(Household, len(prepared.households))
        household_rows = []
        for pk, household in zip(household_ids, prepared.households, strict=True):
            household.pk = pk
            household_rows.append(household_table.values_of(household, now))
        household_table.insert(household_rows)
        resident_ids = iter(reserve_ids(Resident, prepared.rows))
        for batch in prepared.batches():
            resident_rows: list[list] = []
            link_rows: list[tuple[int, int]] = []
            event_rows: list[tuple] = []
            for values, ref, tag_ids in batch:
                pk = next(resident_ids)
                row = [pk, *values]
                if ref is not None and ref < 0:
                    row[1 + HOUSEHOLD_AT] = household_ids[-ref - 1]
                elif ref is not None:
                    row[1 + HOUSEHOLD_AT] = ref
                resident_rows.append(row)
                link_rows.extend((pk, tag_id) for tag_id in tag_ids)
                event_rows.append(event_row(pk, values[area_at]))
            imported += residents.insert(resident_rows)
            links.insert(link_rows)
            events.insert(event_rows)
            progress("importing", imported, prepared.rows)
        audit_event_record(
            actor=actor,
            verb="resident.imported",
            source_ip=source_ip,
            summary={
                "file": filename[:100],
                "rows": imported,
                "households_created": len(prepared.households),
                "sha256": prepared.digest,
            },
        )
    progress("importing", imported, imported)
    return imported
