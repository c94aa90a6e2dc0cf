"""Cleaning uploaded photos (pure: no database)."""

import io
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from gongzhi.core.errors import DomainError
from gongzhi.core.images import MAX_BYTES, ImageRejected, image_clean

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def encode(image: Image.Image, format: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, format=format, **params)
    return out.getvalue()


def two_halves(width: int = 40, height: int = 20) -> Image.Image:
    """Left half red, right half blue: shows which way an image was turned."""
    image = Image.new("RGB", (width, height), (255, 0, 0))
    image.paste((0, 0, 255), (width // 2, 0, width, height))
    return image


def noisy_jpeg(size=(400, 300)) -> bytes:
    return encode(Image.effect_noise(size, 64).convert("RGB"), "JPEG", quality=95)


def jpeg_segments(data: bytes) -> list[int]:
    """Marker bytes of the segments before the image data (APPn, COM, DQT, ...)."""
    assert data[:2] == b"\xff\xd8"
    markers, pos = [], 2
    while pos < len(data):
        assert data[pos] == 0xFF
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        pos += 2 + length
    return markers


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        chunks.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return chunks


def png_declaring(width: int, height: int) -> bytes:
    """A valid PNG header declaring width × height, followed by a few bytes of pixel data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def rejected(data, **limits) -> str:
    with pytest.raises(ImageRejected) as caught:
        image_clean(data, **limits)
    message = caught.value.message
    assert CHINESE.search(message), message
    return message


def test_image_rejected_is_a_domain_error():
    assert issubclass(ImageRejected, DomainError)
    assert ImageRejected("x").code == "image_rejected"


def test_jpeg_loses_all_metadata_and_is_turned_upright():
    # given a phone photo stored sideways (Orientation 6) with a GPS position, XMP, ICC and a comment
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Artist] = "张三"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (30.0, 40.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (104.0, 3.0, 55.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>secret-xmp</rdf:RDF></x:xmpmeta>'
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = encode(
        two_halves(), "JPEG", quality=95, exif=exif, xmp=xmp, icc_profile=icc, comment=b"secret-comment"
    )
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    # when it is cleaned (coming in as a browser upload)
    clean = image_clean(SimpleUploadedFile("IMG_0001.JPG", source, content_type="image/jpeg"))

    # then it is a JPEG without any metadata segment, and turned 90° clockwise
    assert (clean.content_type, clean.extension) == ("image/jpeg", "jpg")
    assert (clean.width, clean.height) == (20, 40)
    markers = jpeg_segments(clean.content)
    assert not [m for m in markers if 0xE1 <= m <= 0xEF or m == 0xFE], [hex(m) for m in markers]
    for secret in (b"Exif", b"PhoneMaker", b"secret-xmp", b"secret-comment", b"ICC_PROFILE"):
        assert secret not in clean.content
    output = Image.open(io.BytesIO(clean.content))
    assert output.size == (20, 40)
    assert not output.getexif()
    assert not {"exif", "xmp", "icc_profile", "comment"} & set(output.info)
    top, bottom = output.getpixel((10, 5)), output.getpixel((10, 35))
    assert top[0] > 200
    assert top[2] < 60
    assert bottom[2] > 200
    assert bottom[0] < 60


def test_png_with_transparency_stays_png_without_text_chunks():
    image = Image.new("RGBA", (30, 20), (0, 128, 0, 255))
    image.paste((0, 0, 0, 0), (0, 0, 10, 20))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Li Si")
    info.add_text("Comment", "compressed secret", zip=True)
    info.add_itxt("Description", "国际化 secret", lang="zh")
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = "李四"
    source = encode(image, "PNG", pnginfo=info, exif=exif)
    assert {b"tEXt", b"zTXt", b"iTXt", b"eXIf"} <= set(png_chunks(source))

    clean = image_clean(source)

    assert (clean.content_type, clean.extension) == ("image/png", "png")
    assert png_chunks(clean.content) == [b"IHDR", b"IDAT", b"IEND"]
    output = Image.open(io.BytesIO(clean.content))
    assert output.mode == "RGBA"
    assert output.getpixel((0, 0))[3] == 0
    assert output.getpixel((25, 0)) == (0, 128, 0, 255)


def test_opaque_png_and_webp_become_jpeg():
    for fmt in ("PNG", "WEBP"):
        clean = image_clean(encode(Image.new("RGBA", (30, 20), (10, 20, 30, 255)), fmt))
        assert clean.content_type == "image/jpeg", fmt


def test_animated_gif_keeps_its_first_frame():
    frames = [Image.new("RGB", (16, 16), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    source = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)

    clean = image_clean(source)

    output = Image.open(io.BytesIO(clean.content))
    red = output.getpixel((8, 8))
    assert red[0] > 200
    assert red[2] < 60


def test_large_photo_is_scaled_to_the_long_side():
    source = encode(Image.new("RGB", (3000, 1500), (90, 90, 90)), "JPEG")

    clean = image_clean(source, max_side=1024)

    assert (clean.width, clean.height) == (1024, 512)
    assert Image.open(io.BytesIO(clean.content)).size == (1024, 512)


def test_text_file_named_like_a_photo_is_rejected():
    upload = SimpleUploadedFile("photo.jpg", "这不是图片\n".encode() * 100, content_type="image/jpeg")
    assert "无法识别" in rejected(upload)


def test_truncated_jpeg_is_rejected():
    source = noisy_jpeg()
    assert "损坏" in rejected(source[: len(source) // 2])


def test_corrupt_png_is_rejected():
    source = bytearray(encode(Image.effect_noise((64, 64), 64), "PNG"))
    source[80:100] = b"\x00" * 20  # inside IDAT: CRC and deflate stream both break
    assert "损坏" in rejected(bytes(source))


def test_empty_upload_is_rejected():
    assert "空" in rejected(b"")


def test_file_over_the_size_limit_is_rejected_without_reading_it_all():
    class Endless(io.RawIOBase):
        read_total = 0

        def readable(self):
            return True

        def read(self, n=-1):
            assert n != -1, "must not read without a limit"
            self.read_total += n
            return b"\xff" * n

    stream = Endless()
    assert "8 MB" in rejected(stream)
    assert stream.read_total == MAX_BYTES + 1
    assert "MB" in rejected(noisy_jpeg(), max_bytes=1000)


def test_declared_size_over_our_limit_is_rejected_before_decoding(monkeypatch):
    # 8000 × 8000 = 64 MP: above our 24 MP, below Pillow's own limit, so only our check stops it
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self))
    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", lambda self: decoded.append(self))

    assert "像素" in rejected(png_declaring(8000, 8000))
    assert decoded == []


def test_decompression_bomb_is_rejected_by_pillows_own_check():
    # 100000 × 100000 in a file of under 100 bytes: Pillow raises DecompressionBombError on open
    source = png_declaring(100_000, 100_000)
    assert len(source) < 200
    assert "像素" in rejected(source, max_pixels=10**12)


def test_pillows_bomb_warning_becomes_a_rejection():
    # 10000 × 10000 = 100 MP: between Pillow's warning and error thresholds; our own limit raised
    assert Image.MAX_IMAGE_PIXELS is not None
    assert Image.MAX_IMAGE_PIXELS < 100_000_000
    assert "像素" in rejected(png_declaring(10_000, 10_000), max_pixels=10**9)


def test_zero_width_image_is_rejected():
    message = rejected(png_declaring(0, 10))
    assert "零" in message or "损坏" in message


def test_absurd_aspect_ratio_is_rejected():
    assert "细长" in rejected(encode(Image.new("RGB", (2100, 100)), "PNG"))


def test_heic_gets_the_iphone_advice():
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200
    message = rejected(SimpleUploadedFile("IMG_0002.jpg", heic, content_type="image/jpeg"))
    assert "HEIC" in message
    assert "兼容性最佳" in message


def test_pillow_does_not_load_truncated_images_process_wide():
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
