"""Storing, serving and deleting photos."""

import datetime as dt
import hashlib
import io
import os
import time
import uuid

import pytest
from django.db import transaction
from django.http import Http404
from PIL import ExifTags, Image

from gongzhi.core.images import ImageRejected, image_clean
from gongzhi.photos.actions import photo_delete, photo_store, photos_orphans_delete
from gongzhi.photos.http import photo_response
from gongzhi.photos.models import Photo
from tests.conftest import make_user


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def uploader(db):
    return make_user("uploader")


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (30.0, 40.0, 12.5)
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 100, 50)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def files_under(root) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def age(path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_photo_store_writes_the_clean_file_under_data_dir(data_dir, uploader):
    # given a file already in the data directory
    (data_dir / "photos").mkdir()
    (data_dir / "photos" / "keep.txt").write_text("x")

    photo = photo_store(actor=uploader, upload=jpeg_with_gps())

    # then one new file sits under photos/yyyy/mm/<uuid>.jpg, and nothing else changed
    today = dt.datetime.now(dt.UTC).astimezone().date()  # noqa: DTZ005 - only year/month compared
    assert photo.path.startswith("photos/")
    _, year, month, name = photo.path.split("/")
    assert len(year) == 4
    assert len(month) == 2
    assert abs(int(year) - today.year) <= 1
    assert name == f"{photo.public_id}.jpg"
    assert files_under(data_dir) == {"photos/keep.txt", photo.path}
    content = (data_dir / photo.path).read_bytes()
    assert photo.file_path == data_dir / photo.path
    assert b"Exif" not in content
    assert photo.sha256 == hashlib.sha256(content).hexdigest()
    assert photo.size == len(content)
    assert (photo.content_type, photo.width, photo.height) == ("image/jpeg", 64, 48)
    assert photo.uploaded_by == uploader
    assert isinstance(photo.public_id, uuid.UUID)
    assert (data_dir / photo.path).stat().st_mode & 0o077 == 0  # readable by the app user only


def test_photo_store_accepts_a_clean_image_and_anonymous_actor(data_dir, db):
    from django.contrib.auth.models import AnonymousUser

    clean = image_clean(jpeg_with_gps())

    photo = photo_store(actor=AnonymousUser(), upload=clean)

    assert photo.uploaded_by is None
    assert (data_dir / photo.path).read_bytes() == clean.content


def test_rejected_upload_stores_nothing(data_dir, uploader):
    with pytest.raises(ImageRejected):
        photo_store(actor=uploader, upload=b"not an image")

    assert Photo.objects.count() == 0
    assert files_under(data_dir) == set()


def test_failed_insert_removes_the_written_file(data_dir, uploader, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(Photo.objects, "create", fail)

    with pytest.raises(RuntimeError):
        photo_store(actor=uploader, upload=jpeg_with_gps())

    assert files_under(data_dir) == set()


def test_rolled_back_photo_leaves_a_file_that_the_sweep_deletes(data_dir, uploader):
    # given a photo stored in a transaction that then rolls back, and one that commits
    kept = photo_store(actor=uploader, upload=jpeg_with_gps())
    stored: list[Photo] = []

    def store_then_fail() -> None:
        with transaction.atomic():
            stored.append(photo_store(actor=uploader, upload=jpeg_with_gps()))
            raise RuntimeError("the feature action failed")

    with pytest.raises(RuntimeError, match="the feature action failed"):
        store_then_fail()
    [lost] = stored
    assert not Photo.objects.filter(pk=lost.pk).exists()
    orphan = data_dir / lost.path
    assert orphan.exists()
    stray = data_dir / "photos" / "README"
    stray.write_text("not ours")

    # when the sweep runs while the orphan is young, it is kept (its transaction may be running)
    assert photos_orphans_delete() == 0
    assert orphan.exists()

    # and once it is older than the grace period, only the orphan goes
    for path in (orphan, data_dir / kept.path, stray):
        age(path, 2)
    assert photos_orphans_delete() == 1
    assert not orphan.exists()
    assert (data_dir / kept.path).exists()
    assert stray.exists()


def test_sweep_deletes_stale_temp_files(data_dir):
    month = data_dir / "photos" / "2026" / "11"
    month.mkdir(parents=True)
    temp = month / ".abc123.tmp"
    temp.write_bytes(b"partial")
    age(temp, 2)

    assert photos_orphans_delete(older_than=dt.timedelta(hours=1)) == 1
    assert not temp.exists()


def test_photo_response_serves_inline_private_nosniff(data_dir, uploader):
    photo = photo_store(actor=uploader, upload=jpeg_with_gps())

    response = photo_response(photo, public=True)

    body = b"".join(response.streaming_content)
    assert body == (data_dir / photo.path).read_bytes()
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("private, max-age=")
    assert "public" not in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="{photo.public_id}.jpg"'
    assert response["Content-Length"] == str(photo.size)
    response.close()


def test_a_photo_that_is_not_public_is_never_stored_by_the_browser(data_dir, uploader):
    photo = photo_store(actor=uploader, upload=jpeg_with_gps())
    response = photo_response(photo, public=False)
    assert response["Cache-Control"] == "no-store"
    response.close()


def test_photo_response_for_a_missing_file_is_404(data_dir, uploader):
    photo = photo_store(actor=uploader, upload=jpeg_with_gps())
    (data_dir / photo.path).unlink()

    with pytest.raises(Http404):
        photo_response(photo, public=False)


def test_photo_response_refuses_a_path_outside_the_photo_store(data_dir, uploader):
    photo = photo_store(actor=uploader, upload=jpeg_with_gps())
    (data_dir / "secret.txt").write_text("x")
    photo.path = "photos/../secret.txt"

    with pytest.raises(Http404):
        photo_response(photo, public=False)


def test_photo_delete_removes_row_and_file_after_commit(
    data_dir, uploader, django_capture_on_commit_callbacks
):
    photo = photo_store(actor=uploader, upload=jpeg_with_gps())
    other = photo_store(actor=uploader, upload=jpeg_with_gps())
    path = data_dir / photo.path

    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(photo)

    assert not Photo.objects.filter(public_id=photo.public_id).exists()
    assert not path.exists()
    assert (data_dir / other.path).exists()


def test_photo_delete_rolled_back_keeps_row_and_file(data_dir, uploader, django_capture_on_commit_callbacks):
    photo = photo_store(actor=uploader, upload=jpeg_with_gps())

    def delete_then_fail() -> None:
        with transaction.atomic():
            photo_delete(photo)
            raise RuntimeError("the withdrawal failed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="the withdrawal failed"),
    ):
        delete_then_fail()

    assert callbacks == []
    assert Photo.objects.filter(public_id=photo.public_id).exists()
    assert (data_dir / photo.path).exists()
