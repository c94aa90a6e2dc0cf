"""Situation notes 微民情: a resident's or grid worker's short note on what is wrong where, on a case.

The case (gongzhi.cases) holds the lifecycle, the timeline, the handler
(`assignee`), the due time and the rating; a SituationNote holds what only
situation notes have: the category, the latest reply to the author, and the
note on how it was handled.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SituationCategory(models.TextChoices):
    ENVIRONMENT = "environment", _("环境卫生")
    ROADS = "roads", _("道路设施")
    SAFETY = "safety", _("治安隐患")
    DISPUTE = "dispute", _("矛盾纠纷线索")
    LIVELIHOOD = "livelihood", _("民生诉求")
    OTHER = "other", _("其他")


class SituationNote(models.Model):
    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="situation"
    )
    category = models.CharField(_("类别"), max_length=12, choices=SituationCategory.choices)
    reply = models.CharField(_("答复"), max_length=500, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    handled_note = models.CharField(_("办理结果"), max_length=500, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.case.title

    @property
    def scope_path(self) -> str:
        return self.case.area_path
