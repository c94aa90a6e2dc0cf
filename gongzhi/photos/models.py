"""A stored photo: one cleaned image file under DATA_DIR and the row that knows it.

The row holds no owner: cases, feature records and fulfilment records point at a
Photo, and decide who may see it.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Photo(models.Model):
    public_id = models.UUIDField(_("编号"), default=uuid.uuid4, unique=True, editable=False)
    # Relative to settings.DATA_DIR (POSIX separators), e.g. "photos/2026/11/<public_id>.jpg",
    # so the data directory can move without rewriting rows.
    path = models.CharField(max_length=200, unique=True, editable=False)
    content_type = models.CharField(_("类型"), max_length=40)
    width = models.PositiveIntegerField(_("宽度"))
    height = models.PositiveIntegerField(_("高度"))
    size = models.PositiveIntegerField(_("文件大小"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("照片")
        verbose_name_plural = _("照片")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return str(self.public_id)

    @property
    def file_path(self) -> Path:
        return Path(settings.DATA_DIR) / self.path
