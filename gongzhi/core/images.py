"""Cleaning uploaded photos: accept only real images, return them re-encoded with no metadata.

Phones put the shooting place (EXIF GPS), the device and sometimes the
owner's name into a photo; under PIPL the location is personal information
that a wish or a situation note has no need to publish. So an upload is
never stored as sent: it is decoded, turned upright, shrunk and encoded
again from bare pixels, which leaves every EXIF, XMP, ICC, comment and PNG
text chunk behind (docs/decisions/0019-pillow.md).

What is accepted is decided by the bytes alone, never by the file name or
the browser's content type. JPEG, PNG, WebP and GIF are read; an animated
GIF, WebP or PNG keeps only its first frame (a photo, not a clip). HEIC, the
iPhone's default, gets a message telling the resident how to send JPEG.

Output: JPEG (quality 85) for anything opaque, PNG when transparency is
really used — a lossless format every office PC, Word document and old
phone browser opens, which matters more here than WebP's smaller files.

Memory is bounded three ways (docs/decisions/0019-pillow.md): the number
of pixels one decode may hold is checked from the header before any pixel
is decoded (`Image.open` is lazy and already knows the declared size; a
JPEG is first set to decode at 1/2, 1/4 or 1/8 scale with `draft`, and the
reduced size is what counts); the decoded image is shrunk to the output
size before any further copy is made; and at most `DECODE_CONCURRENCY`
decodes run at once in a process, later ones wait for a slot.
"""

import io
import threading
import warnings
from dataclasses import dataclass
from typing import BinaryIO, cast

from django.core.files.base import File
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .errors import DomainError

MAX_BYTES = 8 * 1024 * 1024
# Pixels one decode may hold (at most 4 bytes each: 96 MB). 24 MP holds every phone's default
# photo (12 MP, 4:3 16 MP, 24 MP) and a 48/50 MP JPEG, which decodes at half scale; a 36 MP
# PNG of 150 KB (6000 × 6000) does not. See docs/decisions/0019-pillow.md.
MAX_PIXELS = 24_000_000
# Decodes running at once in one process; later uploads wait up to DECODE_WAIT_SECONDS for a slot.
DECODE_CONCURRENCY = 2
DECODE_WAIT_SECONDS = 30.0
MAX_SIDE = 2048
# A long screenshot of a chat is about 1:10; beyond 1:20 an image is a strip, not a photo.
MAX_ASPECT_RATIO = 20
JPEG_QUALITY = 85

# Only these decoders ever see an upload: fewer parsers, smaller attack surface.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# ISO base-media brands of HEIC/HEIF/AVIF stills and sequences (bytes 8..12 after "ftyp").
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}


class ImageRejected(DomainError):
    code = "image_rejected"


_decode_slots = threading.BoundedSemaphore(DECODE_CONCURRENCY)


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    content_type: str
    extension: str
    width: int
    height: int


def image_clean(
    data: bytes | BinaryIO | File,
    *,
    max_bytes: int = MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
    max_side: int = MAX_SIDE,
) -> CleanImage:
    """The upload decoded, upright, at most `max_side` on its long side, re-encoded without metadata.

    `data` is bytes or any binary file-like object (a Django UploadedFile
    included); at most `max_bytes` + 1 bytes are read from it. Raises
    ImageRejected, with a message for the uploader, for anything else.
    """
    raw = _read_limited(data, max_bytes)
    _reject_known_unsupported(raw)
    if not _decode_slots.acquire(timeout=DECODE_WAIT_SECONDS):
        raise ImageRejected(_("服务器正在处理较多图片，请稍后重新上传。"), code="image_busy")
    try:
        return _clean(raw, max_pixels=max_pixels, max_side=max_side)
    finally:
        _decode_slots.release()


def _clean(raw: bytes, *, max_pixels: int, max_side: int) -> CleanImage:
    with warnings.catch_warnings():
        # Pillow warns (not raises) between MAX_IMAGE_PIXELS and twice that; make it an error
        # too. Only Pillow's own bomb warning is affected. (The filter list is process-wide; with
        # the default max_pixels, below Pillow's threshold, our own check fires first anyway.)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = _open(raw, max_pixels)
        if image.format == "JPEG":
            # Decode at 1/2, 1/4 or 1/8 scale while both sides stay >= max_side, so the final
            # downscale loses nothing; `image.size` becomes the size that will be decoded.
            image.draft(None, (max_side, max_side))
        _check_declared_size(image, max_pixels)
        image = _decode(image, max_pixels)
    image = _shrink_early(image, max_side)
    image = _upright(image)
    image = _to_srgb(image)
    transparent = _uses_transparency(image)
    pixels = _bare_pixels(image, transparent)
    if max(pixels.size) > max_side:
        pixels.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return _encode(pixels, transparent)


def _read_limited(data: bytes | BinaryIO | File, max_bytes: int) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
    else:
        if getattr(data, "seekable", lambda: False)():
            data.seek(0)
        raw = data.read(max_bytes + 1)
    if not raw:
        raise ImageRejected(_("上传的文件是空的。"))
    if len(raw) > max_bytes:
        raise ImageRejected(_("图片不能超过 %(size)s MB，请压缩后再上传。") % {"size": _megabytes(max_bytes)})
    return raw


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):g}"


def _reject_known_unsupported(raw: bytes) -> None:
    if raw[4:8] == b"ftyp":
        brands = {raw[i : i + 4] for i in range(8, min(len(raw), 64), 4)}
        if brands & _HEIF_BRANDS:
            raise ImageRejected(
                _(
                    "暂不支持 HEIC 格式的照片（iPhone 默认格式）。请在 iPhone 的“设置 → 相机 → 格式”中"
                    "选择“兼容性最佳”后重新拍摄，或先将照片转为 JPG 格式再上传。"
                )
            )
        if brands & _AVIF_BRANDS:
            raise ImageRejected(_("暂不支持 AVIF 格式的图片，请转为 JPG 或 PNG 格式后再上传。"))


def _not_an_image() -> ImageRejected:
    return ImageRejected(_("无法识别该文件，请上传 JPG、PNG、WebP 或 GIF 格式的图片。"))


def _damaged() -> ImageRejected:
    return ImageRejected(_("图片文件已损坏或不完整，请重新选择图片。"))


def _too_large(max_pixels: int) -> ImageRejected:
    return ImageRejected(
        _("图片尺寸过大（超过 %(mp)s 百万像素），请缩小后再上传。") % {"mp": f"{max_pixels / 1_000_000:g}"}
    )


def _open(raw: bytes, max_pixels: int) -> Image.Image:
    try:
        return Image.open(io.BytesIO(raw), formats=ACCEPTED_FORMATS)
    except UnidentifiedImageError:
        raise (_damaged() if _looks_accepted(raw) else _not_an_image()) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(max_pixels) from None
    except Exception:  # any parser failure on untrusted bytes means a broken header
        raise _damaged() from None


def _looks_accepted(raw: bytes) -> bool:
    """Whether the bytes start like one of the accepted formats (then a failure means damage)."""
    return raw.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")) or (
        raw[:4] == b"RIFF" and raw[8:12] == b"WEBP"
    )


def _check_declared_size(image: Image.Image, max_pixels: int) -> None:
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageRejected(_("图片的宽度或高度为零，无法使用。"))
    if width * height > max_pixels:
        raise _too_large(max_pixels)
    if max(width, height) > MAX_ASPECT_RATIO * min(width, height):
        raise ImageRejected(
            _("图片过于细长（长宽比超过 %(ratio)s:1），请裁剪后再上传。") % {"ratio": MAX_ASPECT_RATIO}
        )


def _decode(image: Image.Image, max_pixels: int) -> Image.Image:
    """Decode the first frame (a JPEG at the scale `draft` chose)."""
    try:
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(max_pixels) from None
    except Exception:  # truncated data, bad Huffman tables, CRC errors, ...
        raise _damaged() from None
    return image


def _shrink_early(image: Image.Image, max_side: int) -> Image.Image:
    """Shrink in place to the output size before orientation, colour and mode make full-size copies.

    Only modes that resample well (palette and 16-bit images are small or
    rare, and are shrunk at the end instead).
    """
    if max(image.size) > max_side and image.mode in ("RGB", "RGBA", "L", "LA", "CMYK"):
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return image


def _upright(image: Image.Image) -> Image.Image:
    try:
        return ImageOps.exif_transpose(image)
    except Exception:  # unreadable EXIF: keep the pixels as stored rather than refuse the photo
        return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Pixels converted from an embedded colour profile (iPhones use Display P3) to sRGB.

    The profile itself is dropped with the rest of the metadata; browsers
    treat untagged images as sRGB, so colours stay as shot.
    """
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        output_mode = "RGB" if image.mode == "CMYK" else image.mode
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=output_mode
        )
    except Exception:  # a broken or exotic profile: keep the pixels as they are
        return image
    return converted if converted is not None else image


def _uses_transparency(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info:
        alpha = image.convert("RGBA").getchannel("A")
        low = cast(int, alpha.getextrema()[0])
        return low < 255
    return False


def _bare_pixels(image: Image.Image, transparent: bool) -> Image.Image:
    """A new image holding only pixels: its `info` is empty, so no encoder can copy metadata over."""
    if image.mode.startswith("I"):  # 16-bit greyscale PNG: scale to 8 bits rather than clip
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if transparent:
        mode = "RGBA"
    elif image.mode in ("1", "L", "LA"):
        mode = "L"
    else:
        mode = "RGB"
    source = image if image.mode == mode else image.convert(mode)
    bare = Image.new(mode, source.size)
    bare.paste(source)
    return bare


def _encode(image: Image.Image, transparent: bool) -> CleanImage:
    out = io.BytesIO()
    if transparent:
        image.save(out, format="PNG", compress_level=6)
        content_type, extension = "image/png", "png"
    else:
        image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        content_type, extension = "image/jpeg", "jpg"
    return CleanImage(
        content=out.getvalue(),
        content_type=content_type,
        extension=extension,
        width=image.width,
        height=image.height,
    )


def photo_clean(upload) -> "CleanImage | None":
    """`image_clean` for an optional upload: called by a view before the action's transaction opens.

    Decoding and re-encoding a large photo takes a moment; done inside the
    action it would hold SQLite's single write lock all that time.
    """
    return None if upload is None else image_clean(upload)
