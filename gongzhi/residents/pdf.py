"""WeasyPrint, imported once and without its side effect on Pillow.

Importing weasyprint sets Pillow's process-wide ImageFile.LOAD_TRUNCATED_IMAGES
to True, which would let truncated or corrupt photo uploads through
gongzhi.core.images. The flag is put back right after the import, here, at
start-up (the first import runs when the URLconf loads the views), so no
upload is ever decoded with it set. Our printouts load no images at all.
"""

from PIL import ImageFile

_truncated = ImageFile.LOAD_TRUNCATED_IMAGES
from weasyprint import HTML  # noqa: E402

ImageFile.LOAD_TRUNCATED_IMAGES = _truncated

__all__ = ["HTML"]
