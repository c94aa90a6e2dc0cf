"""Writing a generated register fast: plain multi-row inserts, no model instances.

`bulk_create` spends most of its time building a model instance per row
and preparing every value through its field; for a million residents that
is most of the seed's time. The seed knows its columns, so it hands rows
straight to the driver through gongzhi.core.bulk (`executemany` on SQLite,
`COPY` on PostgreSQL). Primary keys of households and residents are allocated here
(the seed only runs on an empty register), so that members, tags and
events can refer to them without reading them back; the PostgreSQL
sequences are moved past them at the end. The plain (non-unique) indexes of
these tables are dropped while loading and built again at the end: one
sorted build is far cheaper than a million scattered index inserts.

For the seed only: nothing here checks permissions or writes the audit trail.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from gongzhi.areas.models import Area
from gongzhi.core.bulk import BulkTable
from gongzhi.residents.models import Household, Resident, ResidentEvent

from .generator import Person, sealed_fields

HOUSEHOLD_COLUMNS = ("id", "number", "area_id", "area_path", "community_id", "address", "created_at")
RESIDENT_COLUMNS = (
    "id", "name", "name_pinyin", "name_initials", "name_sort", "gender", "birth_date", "ethnicity", "political_status",
    "education", "marital_status", "id_ciphertext", "id_index", "id_last4", "phone_ciphertext",
    "phone_index", "phone_masked", "registered_address", "current_address", "residence_type",
    "household_id", "relation_to_head", "area_id", "area_path", "community_id", "grid_id", "status",
    "user_id", "created_at", "updated_at",
)  # fmt: skip
EVENT_COLUMNS = (
    "resident_id", "kind", "happened_on", "note", "from_area_id", "to_area_id", "recorded_by_id", "recorded_at",
)  # fmt: skip
TAG_LINK_COLUMNS = ("resident_id", "tag_id")


class Table(BulkTable):
    """A BulkTable of the seed's columns that also holds the pending rows."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]):
        known = {field.attname for field in model._meta.concrete_fields}
        missing = known - set(columns) - {"id"}
        if missing:
            # The model changed: fail loudly rather than leave a column to a default.
            raise RuntimeError(f"{model._meta.label}: seed columns out of date (missing {sorted(missing)})")
        super().__init__(model, columns)
        self.rows: list[tuple] = []

    def write(self) -> None:
        if self.rows:
            self.insert(self.rows)
        self.rows = []


class SeedWriter:
    """Households, residents, their tags and 登记 events, written in batches."""

    def __init__(self):
        self.sqlite = connection.vendor == "sqlite"
        now = timezone.now()
        today = timezone.localdate()
        self.now = now
        self.today = today
        self.households = Table(Household, HOUSEHOLD_COLUMNS)
        self.residents = Table(Resident, RESIDENT_COLUMNS)
        self.events = Table(ResidentEvent, EVENT_COLUMNS)
        self.tag_links = Table(Resident.tags.through, TAG_LINK_COLUMNS)
        self.next_household = (Household.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.next_resident = (Resident.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.written = 0

    @property
    def pending(self) -> int:
        return len(self.residents.rows)

    def household(self, *, number: str, area: Area, community: Area, address: str) -> int:
        pk = self.next_household
        self.next_household += 1
        self.households.rows.append((pk, number, area.pk, area.path, community.pk, address, self.now))
        return pk

    def resident(
        self,
        person: Person,
        *,
        household_id: int,
        relation: str,
        area: Area,
        community: Area,
        grid: Area,
        ethnicity: str,
        political_status: str,
        education: str,
        marital_status: str,
        registered_address: str,
        current_address: str,
        residence_type: str,
        tag_ids: list[int],
    ) -> int:
        pk = self.next_resident
        self.next_resident += 1
        sealed = sealed_fields(person)
        self.residents.rows.append(
            (
                pk, person.name, person.name_pinyin, person.name_initials, person.name_sort, person.gender,
                person.birth_date, ethnicity, political_status, education, marital_status,
                sealed["id_ciphertext"], sealed["id_index"], sealed["id_last4"], sealed["phone_ciphertext"],
                sealed["phone_index"], sealed["phone_masked"], registered_address, current_address,
                residence_type, household_id, relation, area.pk, area.path, community.pk, grid.pk, "active",
                None, self.now, self.now,
            )
        )  # fmt: skip
        self.events.rows.append((pk, "registered", self.today, "初始登记", None, area.pk, None, self.now))
        for tag_id in tag_ids:
            self.tag_links.rows.append((pk, tag_id))
        return pk

    def flush(self) -> int:
        """Write what is pending in one transaction; returns the number of residents written."""
        count = self.pending
        with transaction.atomic():
            for table in (self.households, self.residents, self.tag_links, self.events):
                table.write()
        self.written += count
        return count

    def finish(self) -> None:
        self.flush()
        if not self.sqlite:
            # Explicit ids do not advance PostgreSQL's sequences: move them past the rows.
            statements = connection.ops.sequence_reset_sql(no_style(), [Household, Resident])
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def _plain_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the non-unique indexes that no constraint owns."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.schemaname = current_schema() AND i.tablename = %s AND NOT EXISTS ("
                " SELECT 1 FROM pg_constraint c"
                " WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)",
                [table],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
        rows = cursor.fetchall()
    return [(name, sql) for name, sql in rows if sql.upper().startswith("CREATE INDEX")]


@contextmanager
def indexes_deferred(models_: Sequence[type[models.Model]], *, filled_too: bool = False) -> Iterator[None]:
    """Drop the plain indexes of empty tables for a bulk load; build them again afterwards.

    `filled_too`: of tables that already hold rows as well (a second bulk load of the same size into
    them, as the county's applications after its wishes: one sorted build is cheaper than as many
    scattered inserts into the index).

    Only outside a transaction: PostgreSQL refuses to build an index on a
    table with deferred constraint checks pending, and inside one transaction
    there is nothing to gain anyway (the tests seed that way).
    """
    dropped: list[str] = []
    for model in [] if connection.in_atomic_block else models_:
        if not filled_too and model._default_manager.exists():
            continue  # only an empty table may go without its indexes for a while
        for name, sql in _plain_indexes(model._meta.db_table):
            with connection.cursor() as cursor:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
            dropped.append(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for sql in dropped:
                cursor.execute(sql)
