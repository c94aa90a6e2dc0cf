"""Uploads cannot exhaust memory: a pixel budget from the header, bounded decoding, few decodes at once."""

import io
import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gongzhi.cases.models import Case
from gongzhi.core import images
from gongzhi.core.images import MAX_PIXELS, ImageRejected, image_clean
from gongzhi.photos.models import Photo
from gongzhi.situations.models import SituationNote
from gongzhi.wishes.models import Wish


def png_6000_square() -> bytes:
    """The probe's upload: 6000 × 6000 pixels (36 MP, ~108 MB decoded) in a file of a few dozen KB."""
    buffer = io.BytesIO()
    Image.new("L", (6000, 6000), 200).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def phone_jpeg(size=(4032, 3024)) -> bytes:
    """A 12 MP photo as every phone takes by default."""
    buffer = io.BytesIO()
    Image.linear_gradient("L").resize(size).convert("RGB").save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def files_under(root) -> set[str]:
    return (
        {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    )


def test_the_budget_holds_a_phone_photo_but_not_the_probes_png():
    assert 4032 * 3024 <= MAX_PIXELS < 6000 * 6000


def test_a_6000_square_png_is_refused_from_its_header_without_decoding(monkeypatch):
    source = png_6000_square()
    assert len(source) < 200_000
    decoded = []
    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", lambda self: decoded.append(self))

    with pytest.raises(ImageRejected) as caught:
        image_clean(source)

    assert "图片尺寸过大" in caught.value.message
    assert "24 百万像素" in caught.value.message
    assert decoded == []


def test_a_phone_photo_still_passes():
    clean = image_clean(phone_jpeg())
    assert (clean.width, clean.height) == (2048, 1536)
    assert clean.content_type == "image/jpeg"


def test_a_50_mp_phone_jpeg_is_decoded_at_half_scale_within_the_budget(monkeypatch):
    # 8160 × 6144 (50 MP "full resolution" mode): over the budget as declared, 12.5 MP as decoded
    loaded_sizes = []
    from PIL import ImageFile

    real_load = ImageFile.ImageFile.load

    def spy(self):
        loaded_sizes.append(self.size)
        return real_load(self)

    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", spy)
    clean = image_clean(phone_jpeg((8160, 6144)))
    assert loaded_sizes
    assert all(w * h <= MAX_PIXELS for w, h in loaded_sizes)
    assert loaded_sizes[0] == (4080, 3072)
    assert (clean.width, clean.height) == (2048, 1542)


def test_a_big_png_within_the_budget_is_shrunk_before_it_is_copied(monkeypatch):
    # Orientation, colour and mode handling work on the output size, not on the 20 MP decode.
    seen = []
    real = images._upright

    def spy(image):
        seen.append(image.size)
        return real(image)

    monkeypatch.setattr(images, "_upright", spy)
    source = io.BytesIO()
    Image.new("RGBA", (5000, 4000), (1, 2, 3, 128)).save(source, "PNG")
    clean = image_clean(source.getvalue())
    assert seen == [(2048, 1638)]
    assert clean.content_type == "image/png"


def test_at_most_decode_concurrency_decodes_run_at_once(monkeypatch):
    running, peak, lock = 0, 0, threading.Lock()
    real = images._decode

    def slow_decode(image, max_pixels):
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.05)
        try:
            return real(image, max_pixels)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(images, "_decode", slow_decode)
    source = phone_jpeg((640, 480))
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(image_clean(source))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == 6
    assert peak == images.DECODE_CONCURRENCY == 2


PEAK_SCRIPT = textwrap.dedent(
    """
    import io, re, sys, threading, time
    import django
    django.setup()
    from PIL import Image
    from gongzhi.core import images
    if sys.argv[1] == "unbounded":
        images._decode_slots = threading.BoundedSemaphore(100)
    shrink = images._shrink_early

    def slow_shrink(image, max_side):  # hold each full-size decode a moment: uploads overlap even on a busy machine
        time.sleep(0.5)
        return shrink(image, max_side)

    images._shrink_early = slow_shrink
    buffer = io.BytesIO()
    Image.new("L", (5000, 4000), 128).save(buffer, "PNG")  # 20 MP: within the budget, 20 MB decoded
    source = buffer.getvalue()

    def peak_kb():  # this process's own high-water mark (ru_maxrss would carry the parent's over exec)
        with open("/proc/self/status") as status:
            return int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1))

    base = peak_kb()
    cleaned = []
    threads = [threading.Thread(target=lambda: cleaned.append(images.image_clean(source))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cleaned) == 6, "a decode failed"
    print((peak_kb() - base) // 1024)
    """
)


def peak_growth_mb(mode: str) -> int:
    # One malloc arena: otherwise glibc keeps each thread's freed image memory in that thread's own
    # arena, and the process's peak grows with the number of threads however few decode at once.
    env = os.environ | {"MALLOC_ARENA_MAX": "1"}
    done = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, mode], env=env, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads the peak from Linux /proc")
def test_six_uploads_at_once_take_the_memory_of_two():
    bounded, unbounded = peak_growth_mb("bounded"), peak_growth_mb("unbounded")
    # measured: about 40 MB with two decodes at a time, 120–150 MB with all six at once
    assert bounded < unbounded / 2, (bounded, unbounded)
    assert bounded < 80, bounded


def test_an_upload_that_waits_too_long_for_a_slot_gets_a_message(monkeypatch):
    monkeypatch.setattr(images, "DECODE_WAIT_SECONDS", 0.01)
    monkeypatch.setattr(images, "_decode_slots", threading.BoundedSemaphore(1))
    images._decode_slots.acquire()
    try:
        with pytest.raises(ImageRejected) as caught:
            image_clean(phone_jpeg((64, 48)))
    finally:
        images._decode_slots.release()
    assert caught.value.code == "image_busy"
    assert "稍后" in caught.value.message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data", "model"),
    [
        ("/wishes/new/", {"title": "想要书", "story": "想看看新书。", "category": "study"}, Wish),
        (
            "/situations/new/",
            {"category": "other", "place": "村委会门口", "body": "门口台阶坏了。"},
            SituationNote,
        ),
    ],
)
def test_the_probes_png_is_refused_on_the_page_with_the_message_and_nothing_is_stored(
    users, client, settings, url, data, model
):
    client.force_login(users["resident"])
    before = files_under(settings.DATA_DIR / "photos")

    response = client.post(
        url, {**data, "photo": SimpleUploadedFile("big.png", png_6000_square(), "image/png")}
    )

    assert response.status_code == 200
    assert "图片尺寸过大" in response.content.decode()
    assert model.objects.count() == 0
    assert Case.objects.count() == 0
    assert Photo.objects.count() == 0
    assert files_under(settings.DATA_DIR / "photos") == before
