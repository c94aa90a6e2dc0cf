from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    name = "gongzhi.photos"
    label = "photos"
    verbose_name = _("照片")

    def ready(self) -> None:
        from gongzhi.core.periodic import periodic_job_register

        from .actions import photos_orphans_delete

        periodic_job_register("photo_orphans", photos_orphans_delete, "删除没有记录的照片文件")
