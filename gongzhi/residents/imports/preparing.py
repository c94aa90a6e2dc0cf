"""Preparing the insert while the validating pass reads the file: each clean row built for the insert
(sealed ID and phone, blind indexes, pinyin keys) and spooled to a file beside the upload, with the
households the file declares."""

import hashlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from gongzhi.areas.models import Area
from gongzhi.core.bulk import BulkTable

from ..actions import placement, resident_build
from ..models import Household, Resident

BATCH = 1000


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


RESIDENT_COLUMNS = tuple(f.attname for f in Resident._meta.concrete_fields if f.attname != "id")
HOUSEHOLD_AT = RESIDENT_COLUMNS.index("household_id")


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Builder:
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
