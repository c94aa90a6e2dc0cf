"""Importing residents from Excel: all rows or none.

One streaming pass over the file (openpyxl read-only mode, so memory does
not grow with the file) validates every row — ID checksum, duplicates
inside the file and against the register, unknown community, grid, building
or household, bad dates, phones and codes — and, while no row has failed,
builds each row for the insert (sealed ID and phone, blind indexes, pinyin
keys) and spools it to a file beside the upload. Only when the whole file
is good does the insert run: one transaction, rows straight to the driver
(gongzhi.core.bulk). A new household may be declared by the file itself:
its 户主 row carries the new 户编号 and the members repeat it.
"""

import hashlib
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import REGISTER_BULK
from gongzhi.areas.models import Area, AreaKind
from gongzhi.areas.selectors import area_list_for
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.bulk import BulkTable, reserve_ids

from .actions import id_index_of, placement, resident_build
from .codes import HEAD_RELATION, code_for
from .models import Household, Resident, ResidentEvent, ResidentEventKind, Tag
from .spreadsheet import COLUMNS, EXAMPLE_ROW, HEADER_TO_KEY, KEY_TO_HEADER, is_example_name, normalize_header
from .validation import resident_input_clean

BATCH = 1000
REQUIRED_HEADERS = [header for _key, header, required in COLUMNS if required]
Progress = Callable[[str, int, int], None]


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class NewHousehold:
    number: str
    community: Area
    area: Area
    address: str = ""
    pk: None = None


@dataclass
class Prepared:
    """The rows the validating pass built, spooled to a file until the insert.

    Each spooled batch is a list of (resident row without its id, household,
    tag ids); the household is an existing household's id, or -(n + 1) for
    the n-th household the file declares (`households`).
    """

    path: Path
    rows: int = 0
    households: list[Household] = field(default_factory=list)
    digest: str = ""

    def batches(self) -> Iterator[list[tuple[tuple, int | None, list[int]]]]:
        with open(self.path, "rb") as fh:
            while True:
                try:
                    yield pickle.load(fh)  # noqa: S301 (our own spool file, written by this process)
                except EOFError:
                    return

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


@dataclass
class ValidationResult:
    total: int = 0
    errors: list[RowError] = field(default_factory=list)
    prepared: Prepared | None = None
    example_rows: list[int] = field(default_factory=list)  # the template's example, skipped


def _example_problem(raw: dict) -> str | None:
    """None: not marked as an example. "": the template's example, unchanged (skip it). Else: why refused."""
    if not is_example_name(raw.get("name")):
        return None
    if _text(raw.get("name")) == EXAMPLE_ROW["name"] and _text(raw.get("id_number")) == EXAMPLE_ROW["id_number"]:
        return ""
    return _("姓名以“示例”开头的行是模板中的示例，不会导入：请删除该行，或把姓名改为真实姓名。")


def iter_rows(path: Path) -> Iterator[tuple[int, dict]]:
    """(row number as Excel shows it, {column key: cell value}) for every non-empty row."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise ImportFileError(_("无法读取该文件，请上传由模板填写的 .xlsx 文件。")) from exc
    except Exception as exc:  # zipfile.BadZipFile and friends from a file that is not a workbook
        raise ImportFileError(_("无法读取该文件，请上传由模板填写的 .xlsx 文件。")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ImportFileError(_("文件是空的。"))
        keys = [HEADER_TO_KEY.get(normalize_header(cell)) for cell in header]
        missing = [h for h in REQUIRED_HEADERS if HEADER_TO_KEY[h] not in keys]
        if missing:
            raise ImportFileError(
                _("表头缺少必填列：%(cols)s。请使用下载的模板。") % {"cols": "、".join(missing)}
            )
        for number, values in enumerate(rows, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            yield number, {key: value for key, value in zip(keys, values, strict=False) if key}
    finally:
        workbook.close()


def estimate_rows(path: Path) -> int:
    try:
        workbook = load_workbook(path, read_only=True)
    except Exception as exc:
        raise ImportFileError(_("无法读取该文件，请上传由模板填写的 .xlsx 文件。")) from exc
    try:
        return max(0, (workbook.worksheets[0].max_row or 1) - 1)
    finally:
        workbook.close()


class Lookups:
    """Areas, households and tags the importer may use, loaded once per file."""

    def __init__(self, actor: User):
        areas = list(
            area_list_for(
                viewer=actor,
                kinds=[AreaKind.COMMUNITY, AreaKind.GRID, AreaKind.BUILDING],
                roles=REGISTER_BULK,
            )
        )
        self.communities = {a.name: a for a in areas if a.kind == AreaKind.COMMUNITY}
        by_path = {a.path: a for a in areas}
        self.children: dict[tuple[int, str], Area] = {}
        for area in areas:
            parent = by_path.get(area.path[:-8])
            if parent is not None:
                self.children[(parent.pk, area.name)] = area
        # Grids can also hang under a resident group: index them by community too.
        for area in areas:
            if area.kind == AreaKind.GRID:
                community = next(
                    (
                        by_path[area.path[: i + 8]]
                        for i in range(0, len(area.path), 8)
                        if by_path.get(area.path[: i + 8]) is not None
                        and by_path[area.path[: i + 8]].kind == AreaKind.COMMUNITY
                    ),
                    None,
                )
                if community is not None:
                    self.children.setdefault((community.pk, area.name), area)
        self.community_of_area: dict[int, Area] = {}
        for area in areas:
            for i in range(0, len(area.path), 8):
                ancestor = by_path.get(area.path[: i + 8])
                if ancestor is not None and ancestor.kind == AreaKind.COMMUNITY:
                    self.community_of_area[area.pk] = ancestor
        self.tags = {t.name: t for t in Tag.objects.all()} | {t.code: t for t in Tag.objects.all()}
        self._households: dict[int, dict[str, Household]] = {}

    @staticmethod
    def area_key(raw: dict) -> str:
        parts = [str(raw.get(k) or "").strip() for k in ("community", "grid", "building")]
        return " / ".join(p for p in parts if p)

    def area(self, raw: dict) -> Area | None:
        community = self.communities.get(str(raw.get("community") or "").strip())
        if community is None:
            return None
        grid = self.children.get((community.pk, str(raw.get("grid") or "").strip()))
        if grid is None:
            return None
        building_name = str(raw.get("building") or "").strip()
        if not building_name:
            return grid
        return self.children.get((grid.pk, building_name))

    def households_of(self, community: Area) -> dict[str, Household]:
        if community.pk not in self._households:
            self._households[community.pk] = {
                h.number: h for h in Household.objects.filter(community=community)
            }
        return self._households[community.pk]


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value or "").strip()


class _Declared:
    """New households declared inside the file, checked at the end of the pass."""

    def __init__(self):
        self.heads: dict[tuple[int, str], int] = {}
        self.references: dict[tuple[int, str], list[int]] = {}

    def note(self, key: tuple[int, str], row: int, is_head: bool, errors: list[RowError]) -> None:
        self.references.setdefault(key, []).append(row)
        if is_head:
            if key in self.heads:
                errors.append(
                    RowError(
                        row,
                        "与户主关系",
                        _("新户%(n)s已在第%(r)d行登记户主。") % {"n": key[1], "r": self.heads[key]},
                    )
                )
            else:
                self.heads[key] = row

    def finish(self, errors: list[RowError]) -> None:
        for key, rows in self.references.items():
            if key not in self.heads:
                for row in rows:
                    errors.append(
                        RowError(
                            row,
                            "户编号",
                            _("找不到户编号“%(n)s”；新户须有一行“与户主关系”填为“户主”。") % {"n": key[1]},
                        )
                    )


def _clean_row(raw: dict, lookups: Lookups, declared: _Declared | None, row: int, errors: list[RowError]):
    area = lookups.area(raw)
    is_head = code_for("relation_to_head", _text(raw.get("relation_to_head"))) == HEAD_RELATION

    def household_lookup(number: str, area_obj):
        community = lookups.community_of_area.get(area_obj.pk)
        if community is None:
            return None
        existing = lookups.households_of(community).get(number)
        if existing is not None:
            return existing
        if declared is not None:
            declared.note((community.pk, number), row, is_head, errors)
        return NewHousehold(
            number=number, community=community, area=area_obj, address=_text(raw.get("current_address"))
        )

    values = dict(raw)
    values["area"] = lookups.area_key(raw) if area is None else area
    return resident_input_clean(
        values,
        area_lookup=lambda _text_key: None,
        household_lookup=household_lookup,
        tag_lookup=lambda name: lookups.tags.get(name),
    )


RESIDENT_COLUMNS = tuple(f.attname for f in Resident._meta.concrete_fields if f.attname != "id")
_HOUSEHOLD_AT = RESIDENT_COLUMNS.index("household_id")


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _Builder:
    """Turns clean rows into insert-ready rows and spools them, while no row has failed."""

    def __init__(self, spool: Path):
        self.prepared = Prepared(path=spool)
        self.table = BulkTable(Resident, RESIDENT_COLUMNS)
        self.now = timezone.now()
        self.placed: dict[int, tuple] = {}
        self.new_households: dict[tuple[int, str], int] = {}
        self.batch: list[tuple[tuple, int | None, list[int]]] = []
        self.fh = open(spool, "wb")  # noqa: SIM115 (closed in finish or abandon)

    def add(self, cleaned) -> None:
        household = cleaned.household
        if isinstance(household, NewHousehold):
            key = (household.community.pk, household.number)
            index = self.new_households.get(key)
            if index is None:
                index = self.new_households[key] = len(self.prepared.households)
                self.prepared.households.append(
                    Household(
                        number=household.number,
                        area=household.area,
                        area_path=household.area.path,
                        community=household.community,
                        address=household.address,
                    )
                )
            ref: int | None = -(index + 1)
            cleaned.household = None
        else:
            ref = household.pk if household is not None else None
        if cleaned.area.pk not in self.placed:
            self.placed[cleaned.area.pk] = placement(cleaned.area)
        resident = resident_build(cleaned, self.placed[cleaned.area.pk])
        self.batch.append((self.table.values_of(resident, self.now), ref, [t.pk for t in cleaned.tags]))
        self.prepared.rows += 1
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            pickle.dump(self.batch, self.fh, protocol=pickle.HIGHEST_PROTOCOL)
            self.batch = []

    def finish(self) -> Prepared:
        self.flush()
        self.fh.close()
        return self.prepared

    def abandon(self) -> None:
        self.batch = []
        self.fh.close()
        self.prepared.discard()


def validate_file(
    path: Path, *, actor: User, progress: Progress, total: int, spool: Path | None = None
) -> ValidationResult:
    """Check every row; with `spool`, also build the rows to insert while none has failed.

    One pass over the file: the same pass that validates prepares the insert
    (encryption, blind indexes, pinyin keys), so a good file is read once.
    """
    lookups = Lookups(actor)
    declared = _Declared()
    result = ValidationResult()
    seen: dict[str, int] = {}
    pending: list[tuple[int, str]] = []
    builder = _Builder(spool) if spool is not None else None

    def check_register() -> None:
        if not pending:
            return
        existing = set(
            Resident.objects.filter(id_index__in=[index for _row, index in pending]).values_list(
                "id_index", flat=True
            )
        )
        for row, index in pending:
            if index in existing:
                result.errors.append(RowError(row, "身份证号", _("该身份证号已在居民登记中。")))
        pending.clear()

    try:
        for row, raw in iter_rows(path):
            example = _example_problem(raw)
            if example == "":
                result.example_rows.append(row)
                continue
            result.total += 1
            if example:
                result.errors.append(RowError(row, "姓名", example))
                if builder is not None:
                    builder.abandon()
                    builder = None
                continue
            cleaned, problems = _clean_row(raw, lookups, declared, row, result.errors)
            for key, message in problems:
                result.errors.append(RowError(row, KEY_TO_HEADER.get(key, key), message))
            if cleaned is not None:
                index = id_index_of(cleaned.id_number)
                if index in seen:
                    result.errors.append(
                        RowError(row, "身份证号", _("与第%(r)d行的身份证号重复。") % {"r": seen[index]})
                    )
                else:
                    seen[index] = row
                    pending.append((row, index))
            if len(pending) >= BATCH:
                check_register()
            if builder is not None:
                if result.errors:
                    builder.abandon()  # the file will import nothing: stop preparing it
                    builder = None
                elif cleaned is not None:
                    builder.add(cleaned)
            if result.total % BATCH == 0:
                progress("validating", result.total, total)
        check_register()
        declared.finish(result.errors)
        if result.total == 0:
            if result.example_rows:
                raise ImportFileError(_("文件中只有模板的示例行，没有要导入的数据。请从第3行起填写居民信息。"))
            raise ImportFileError(_("文件中没有数据行。"))
        if builder is not None and not result.errors:
            result.prepared = builder.finish()
            result.prepared.digest = _file_digest(path)
            builder = None
    finally:
        if builder is not None:
            builder.abandon()
    result.errors.sort(key=lambda e: e.row)
    progress("validating", result.total, result.total)
    return result


def write_report(errors: list[RowError], path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("错误报告")
    ws.append(["行号", "列", "原因"])
    for error in errors:
        ws.append([error.row, error.column, error.reason])
    wb.save(path)


def import_prepared(prepared: Prepared, *, actor: User, filename: str, source_ip: str, progress: Progress) -> int:
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
                    row[1 + _HOUSEHOLD_AT] = household_ids[-ref - 1]
                elif ref is not None:
                    row[1 + _HOUSEHOLD_AT] = ref
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
