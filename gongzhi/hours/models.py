"""Service hours: the record of hours a helper gave, whatever feature the help came through.

One row per (source, source id, helper): a confirmed wish credits its
claimer once, a served micro-service its offerer once. 积德榜 (the board of good deeds) and a
person's own page read it through `selectors`.
"""

from django.conf import settings
from django.db import models


class ServiceCredit(models.Model):
    """Hours of help credited to a helper once the helped person (or a witness) confirmed it."""

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_credits"
    )
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    source = models.CharField(max_length=20)  # a registered hours source: "wish", "service", …
    source_id = models.PositiveBigIntegerField()
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    credited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id", "helper"], name="service_credit_once")
        ]

    def __str__(self) -> str:
        return f"{self.helper_id}: {self.hours} h ({self.source} {self.source_id})"

    @property
    def scope_path(self) -> str:
        return self.community.path
