"""The append-only, hash-chained audit trail.

Each row carries the hash of its predecessor, so changing, removing or
inserting a row breaks the chain at that row; `gongzhi verify-audit` finds
it. Database triggers refuse UPDATE and DELETE (see schema.py).
"""

import hashlib
import json
from datetime import UTC

from django.db import models
from django.utils.translation import gettext_lazy as _

from .verbs import verb_label

GENESIS = "0" * 64


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    actor_label = models.CharField(_("操作人"), max_length=120)
    verb = models.CharField(_("操作"), max_length=64, db_index=True)
    target_type = models.CharField(_("对象类型"), max_length=64, blank=True)
    target_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    target_label = models.CharField(_("对象"), max_length=200, blank=True)
    area = models.ForeignKey(
        "areas.Area", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    area_path = models.CharField(max_length=120, blank=True, db_index=True)
    source_ip = models.CharField(_("来源地址"), max_length=45, blank=True)
    request_id = models.CharField(max_length=32, blank=True)
    success = models.BooleanField(_("成功"), default=True)
    summary = models.JSONField(_("摘要"), default=dict)
    prev_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.verb}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def verb_label(self) -> str:
        return verb_label(self.verb)

    def canonical(self) -> bytes:
        occurred = self.occurred_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        fields = [
            occurred,
            self.actor_id,
            self.actor_label,
            self.verb,
            self.target_type,
            self.target_id,
            self.target_label,
            self.area_id,
            self.area_path,
            self.source_ip,
            self.request_id,
            bool(self.success),
            self.summary,
            self.prev_hash,
        ]
        return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()


class RefusalTally(models.Model):
    """How many refused attempts one actor (a user, or an address when anonymous) made in one window.

    Not evidence itself — a counter that keeps a flood of refusals from
    filling the trail (gongzhi.audit.refusals): the first few of a window
    become `access.refused` rows, the rest are counted here and told in one
    `access.refused_more` row once the window has ended, and the
    tally is deleted.
    """

    key = models.CharField(max_length=80)
    window_start = models.DateTimeField()
    recorded = models.PositiveIntegerField(default=0)
    suppressed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="refusal_tally_once")]
        indexes = [models.Index(fields=["window_start"], name="refusal_tally_window")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M}: {self.recorded}+{self.suppressed}"
