"""Files of the hall that no row owns, swept away once they are older than any transaction can be.

The hall writes two kinds of files under DATA_DIR/hall before the row that names them commits: the PDFs
handed in for an application (hall/yyyy/mm/<uuid>.pdf, `applying.files_attach`) and the issued result
notices (hall/documents/yyyy/<code>.pdf, `issuing.application_issue`, rendered before its transaction so no
lock is held while WeasyPrint works). Each action removes its own file when it fails itself, but a file is
left behind when the surrounding transaction rolls back later (Django has no rollback hook) or the process
dies between the write and the commit — personal papers that nobody could reach and nobody would delete.
This job, run by `gongzhi periodic`, deletes them (and stale temporary files) as photos' job does theirs.
"""

import datetime as dt
import logging
import re
import time
from itertools import islice
from pathlib import Path

from django.conf import settings

from ..models import ApplicationFile, IssuedDocument

logger = logging.getLogger(__name__)

ORPHAN_GRACE = dt.timedelta(hours=1)
# Only names the hall writes are considered; anything else under DATA_DIR/hall is left alone.
_HANDED_IN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.pdf")
_ISSUED = re.compile(r"[0-9A-Z]{20}\.pdf")
_TEMPORARY = re.compile(r"\.\w+\.tmp")  # photos.actions.file_write_atomically's


def _old_files(pattern: str, cutoff: float) -> list[Path]:
    root = Path(settings.DATA_DIR) / "hall"
    found = []
    for path in root.glob(pattern):
        try:
            if path.is_file() and path.stat().st_mtime <= cutoff:
                found.append(path)
        except FileNotFoundError:
            continue
    return found


def _unowned(paths: dict[str, Path], model) -> list[Path]:
    names, unowned = iter(paths), []
    while batch := list(islice(names, 500)):
        known = set(model.objects.filter(path__in=batch).values_list("path", flat=True))
        unowned += [paths[name] for name in batch if name not in known]
    return unowned


def hall_files_orphans_delete(*, older_than: dt.timedelta = ORPHAN_GRACE) -> int:
    """Delete handed-in PDFs and issued notices that no row names, and stale temporary files, older than
    `older_than`. Returns the number of files deleted."""
    cutoff = time.time() - older_than.total_seconds()
    data = Path(settings.DATA_DIR)
    handed_in: dict[str, Path] = {}
    issued: dict[str, Path] = {}
    doomed: list[Path] = []
    for path in _old_files("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*", cutoff):
        if _HANDED_IN.fullmatch(path.name):
            handed_in[path.relative_to(data).as_posix()] = path
        elif _TEMPORARY.fullmatch(path.name):
            doomed.append(path)
    for path in _old_files("documents/[0-9][0-9][0-9][0-9]/*", cutoff):
        if _ISSUED.fullmatch(path.name):
            issued[path.relative_to(data).as_posix()] = path
        elif _TEMPORARY.fullmatch(path.name):
            doomed.append(path)
    doomed += _unowned(handed_in, ApplicationFile) + _unowned(issued, IssuedDocument)
    for path in doomed:
        path.unlink(missing_ok=True)
    if doomed:
        logger.info("deleted %d orphaned hall files", len(doomed))
    return len(doomed)
