"""Serving a stored photo to a viewer the calling view has already checked."""

from django.http import FileResponse, Http404

from .actions import photos_root
from .models import Photo

# Short: a photo withdrawn or erased should not live long in a browser cache on a shared office PC.
PHOTO_MAX_AGE = 3600


def photo_response(photo: Photo, *, public: bool, max_age: int = PHOTO_MAX_AGE) -> FileResponse:
    """The photo's file, inline, never content-sniffed; browser-cacheable only if `public`.

    `public` says that anyone may see this photo (a wish on the public wall,
    served to an anonymous visitor): it may stay in the browser's cache for
    `max_age`. Every other photo is `no-store`, like the signed-in pages it
    appears on — it must not outlive the session on a shared office PC.
    The caller must say which (keyword, no default).

    No access control here: the feature view must first fetch the owning
    object through its viewer-scoped selector (a wish, a case) and only then
    call this for one of that object's photos. Raises Http404 if the file is
    missing.
    """
    path = photo.file_path
    if not path.resolve().is_relative_to(photos_root().resolve()):
        raise Http404()
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        raise Http404() from None
    extension = path.suffix.lstrip(".")
    response = FileResponse(
        fh, content_type=photo.content_type, as_attachment=False, filename=f"{photo.public_id}.{extension}"
    )
    response["Cache-Control"] = f"private, max-age={max_age}" if public else "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = f'"{photo.sha256}"'
    return response
