"""The county's forms (县里的报表) filled from the register and the recorded work (decision 0060).

- `CountyForm`: a county Excel template a township uploaded, kept and re-used each period; its placeholders as
  found at upload (`{{indicator.code}}`, the row templates with `{{community.name}}`, `{{manual:key}}`).
- `FormFill`: one template filled for one period (a year, or a quarter of it).
- `HandFact`: a value the township typed by hand into a fill (a `{{manual:key}}` cell): key, area (a community or
  the township), period, value, who and when. The "typed twice" figure counts these (最多报一次: the goal is 0).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CountyForm(models.Model):
    township = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("报表名称"), max_length=100)
    filename = models.CharField(_("文件名"), max_length=200)
    content = models.BinaryField(_("模板文件"))
    sha256 = models.CharField(max_length=64)
    placeholders = models.JSONField(
        default=list
    )  # [{"sheet", "cell", "row", "kind", "key", "per_community"}]
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("县级报表模板")
        verbose_name_plural = _("县级报表模板")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def manual_keys(self) -> list[tuple[str, bool]]:
        """The hand-typed keys, each once, with whether it is asked per community (in form order)."""
        seen: dict[str, bool] = {}
        for p in self.placeholders:
            if p["kind"] == "manual":
                seen[p["key"]] = seen.get(p["key"], False) or p["per_community"]
        return list(seen.items())


class FormFill(models.Model):
    form = models.ForeignKey(CountyForm, on_delete=models.CASCADE, related_name="fills")
    year = models.PositiveSmallIntegerField(_("年份"))
    quarter = models.PositiveSmallIntegerField(_("季度"), default=0)  # 0: the whole year
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("报表填报")
        verbose_name_plural = _("报表填报")
        constraints = [
            models.UniqueConstraint(fields=["form", "year", "quarter"], name="oversight_fill_period_unique")
        ]

    def __str__(self) -> str:
        return f"{self.form} {self.year}-{self.quarter}"


class HandFact(models.Model):
    fill = models.ForeignKey(FormFill, on_delete=models.CASCADE, related_name="facts")
    township = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    key = models.CharField(_("填报项"), max_length=60)
    year = models.PositiveSmallIntegerField(_("年份"))
    quarter = models.PositiveSmallIntegerField(_("季度"), default=0)
    value = models.CharField(_("填报值"), max_length=200)
    typed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    typed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("手工填报值")
        verbose_name_plural = _("手工填报值")
        constraints = [models.UniqueConstraint(fields=["fill", "area", "key"], name="oversight_fact_unique")]
        indexes = [models.Index(fields=["township", "year", "quarter"], name="oversight_fact_period")]

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
