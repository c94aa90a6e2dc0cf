"""Writes of photos: store a cleaned upload, delete it, sweep files nobody owns.

Lifecycle: an upload is cleaned (gongzhi.core.images) → its file is written
under DATA_DIR/photos/yyyy/mm/<public_id>.<ext> and its row inserted, inside
the transaction of the feature action that attaches it → served through
`photo_response` to viewers the feature has checked → deleted with its file
when the owner is withdrawn or erased (剩余信息保护).

Nothing here authorizes or writes the audit trail: photos are only ever
stored and deleted as part of a feature action (a wish posted, a
fulfilment recorded), which authorizes and records its own audit event.

Files and rows cannot share a transaction, so the order is chosen so that a
committed row always has its file: the file is written (atomically, temp +
os.replace) before the row is inserted, and unlinked only after the delete
has committed. What can be left behind is a file without a row — when the
surrounding transaction rolls back (Django 5.2 has no rollback hook), or the
process dies between commit and unlink. `photos_orphans_delete` removes such
files once they are older than any transaction can be; run it periodically.
"""

import datetime as dt
import hashlib
import logging
import os
import re
import tempfile
import time
import uuid
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.core.images import CleanImage, image_clean

from .models import Photo

logger = logging.getLogger(__name__)

# Longer than any request or job transaction that stores photos; younger files may belong to one.
ORPHAN_GRACE = dt.timedelta(hours=1)
_STORED_NAME = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png)")
_TEMP_NAME = re.compile(r"\..+\.tmp")


def photos_root() -> Path:
    return Path(settings.DATA_DIR) / "photos"


@transaction.atomic
def photo_store(*, actor: User, upload: UploadedFile | BinaryIO | bytes | CleanImage) -> Photo:
    """Clean `upload` and store it; raises ImageRejected (a DomainError) if it is no usable image.

    Call it inside the feature action that attaches the photo. A CleanImage
    may be passed instead of raw bytes, so that a form can do the slow
    decoding before the action opens its transaction.
    """
    clean = upload if isinstance(upload, CleanImage) else image_clean(upload)
    public_id = uuid.uuid4()
    today = timezone.localdate()
    relative = PurePosixPath("photos", f"{today:%Y}", f"{today:%m}", f"{public_id}.{clean.extension}")
    target = Path(settings.DATA_DIR) / relative
    file_write_atomically(target, clean.content)
    try:
        return Photo.objects.create(
            public_id=public_id,
            path=str(relative),
            content_type=clean.content_type,
            width=clean.width,
            height=clean.height,
            size=len(clean.content),
            sha256=hashlib.sha256(clean.content).hexdigest(),
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def file_write_atomically(target: Path, content: bytes) -> None:
    """Write `content` to `target` as the application user's only (0600), whole or not at all (temp + fsync +
    replace). The temporary file is `.<random>.tmp` beside it; a sweep removes one a dead process left."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file 0600: photos are readable by the application user only.
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


@transaction.atomic
def photo_delete(photo: Photo) -> None:
    """Delete the row now and the file once that has committed (剩余信息保护).

    The caller first removes whatever refers to the photo (attachments
    protect it). If the surrounding transaction rolls back, row and file
    both stay; if the unlink itself is lost, `photos_orphans_delete` does it.
    """
    path = photo.file_path
    photo.delete()
    transaction.on_commit(lambda: _unlink(path), robust=True)


def _unlink(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        logger.exception("photo file %s could not be deleted; photos_orphans_delete will retry", path)


def photos_orphans_delete(*, older_than: dt.timedelta = ORPHAN_GRACE) -> int:
    """Delete stored photo files with no Photo row, and stale temp files, older than `older_than`.

    Only names this module writes are considered; anything else under
    DATA_DIR/photos is left alone. Returns the number of files deleted.
    """
    root = photos_root()
    if not root.is_dir():
        return 0
    cutoff = time.time() - older_than.total_seconds()
    deleted = 0
    stored: dict[str, Path] = {}
    for path in root.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*"):
        try:
            if not path.is_file() or path.stat().st_mtime > cutoff:
                continue
        except FileNotFoundError:
            continue
        if _TEMP_NAME.fullmatch(path.name):
            path.unlink(missing_ok=True)
            deleted += 1
        elif _STORED_NAME.fullmatch(path.name):
            stored[path.relative_to(Path(settings.DATA_DIR)).as_posix()] = path
    names = iter(stored)
    while batch := list(islice(names, 500)):
        known = set(Photo.objects.filter(path__in=batch).values_list("path", flat=True))
        for name in batch:
            if name not in known:
                stored[name].unlink(missing_ok=True)
                deleted += 1
    if deleted:
        logger.info("deleted %d orphaned photo files", deleted)
    return deleted
