"""Validating the rows: ID checksum, duplicates inside the file and against the register, unknown
community, grid, building or household, bad dates, phones and codes; a new household declared by the file
itself (its 户主 row carries the new 户编号 and the members repeat it)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import REGISTER_BULK
from gongzhi.areas.models import Area, AreaKind
from gongzhi.areas.selectors import area_list_for

from ..actions import id_index_of
from ..codes import HEAD_RELATION, code_for
from ..models import Household, Resident, Tag
from ..spreadsheet import EXAMPLE_ROW, KEY_TO_HEADER, is_example_name
from ..validation import resident_input_clean
from .preparing import BATCH, Builder, NewHousehold, Prepared, file_digest
from .reading import ImportFileError, cell_text, iter_rows

Progress = Callable[[str, int, int], None]


@dataclass
class RowError:
    row: int
    column: str
    reason: str


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
    if (
        cell_text(raw.get("name")) == EXAMPLE_ROW["name"]
        and cell_text(raw.get("id_number")) == EXAMPLE_ROW["id_number"]
    ):
        return ""
    return _("姓名以“示例”开头的行是模板中的示例，不会导入：请删除该行，或把姓名改为真实姓名。")


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
    is_head = code_for("relation_to_head", cell_text(raw.get("relation_to_head"))) == HEAD_RELATION

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
            number=number, community=community, area=area_obj, address=cell_text(raw.get("current_address"))
        )

    values = dict(raw)
    values["area"] = lookups.area_key(raw) if area is None else area
    return resident_input_clean(
        values,
        area_lookup=lambda _text_key: None,
        household_lookup=household_lookup,
        tag_lookup=lambda name: lookups.tags.get(name),
    )


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
    builder = Builder(spool) if spool is not None else None

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
                raise ImportFileError(
                    _("文件中只有模板的示例行，没有要导入的数据。请从第3行起填写居民信息。")
                )
            raise ImportFileError(_("文件中没有数据行。"))
        if builder is not None and not result.errors:
            result.prepared = builder.finish()
            result.prepared.digest = file_digest(path)
            builder = None
    finally:
        if builder is not None:
            builder.abandon()
    result.errors.sort(key=lambda e: e.row)
    progress("validating", result.total, result.total)
    return result
