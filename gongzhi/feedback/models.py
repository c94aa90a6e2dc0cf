"""Suggestions and complaints about gongzhi itself (not about a village matter: those are 民情 cases), answered by
the township office of the filer's township within a due date on the workday calendar.

- `Category`: what the suggestion or complaint is about: the catalogue's (township None: every township's,
  seeded) or one a township office added for its own township (it renames, retires and restores those).
- `Feedback`: one suggestion or complaint: by a signed-in user, or by a visitor who leaves a name and a mobile
  number to be answered on (and gets a receipt code, stored hashed, to read the answer); the page of gongzhi it
  concerns (a path); open, answered or withdrawn; an answer may be corrected, with a reason.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FeedbackKind(models.TextChoices):
    SUGGESTION = "suggestion", _("建议")
    COMPLAINT = "complaint", _("投诉")


class FeedbackState(models.TextChoices):
    OPEN = "open", _("待答复")
    ANSWERED = "answered", _("已答复")
    WITHDRAWN = "withdrawn", _("已撤回")


class Category(models.Model):
    name = models.CharField(_("名称"), max_length=30)
    sort_order = models.PositiveIntegerField(default=0)
    retired = models.BooleanField(_("已停用"), default=False)
    township = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # None: the catalogue's (every township's); else the township that added it
    area_path = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(township__isnull=True),
                name="feedback_category_catalogue_name",
            ),
            models.UniqueConstraint(fields=["township", "name"], name="feedback_category_township_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def own(self) -> bool:
        """Added by a township for itself (not the catalogue's)."""
        return self.township_id is not None

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.township

    @property
    def audit_label(self) -> str:
        return self.name


class Feedback(models.Model):
    township = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)  # the township's
    kind = models.CharField(_("类型"), max_length=12, choices=FeedbackKind.choices)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("类别"))
    text = models.TextField(_("内容"))
    page = models.CharField(_("涉及的页面"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # None: a visitor who was not signed in
    contact_name = models.CharField(_("联系人"), max_length=30, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=FeedbackState.choices, default=FeedbackState.OPEN
    )
    due_at = models.DateTimeField(_("答复期限"))
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    corrected_at = models.DateTimeField(null=True, blank=True)  # the answer's last correction
    correction_reason = models.CharField(_("更正原因"), max_length=200, blank=True)
    # A visitor's receipt code, hashed (core.receipts): with the mobile's last four digits it reads the answer.
    receipt_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # Set on the instance feedback_file returns to a visitor, to be shown once; never stored (its hash is).
    receipt_code: str = ""

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["area_path", "state"], name="feedback_township_state")]

    def __str__(self) -> str:
        return f"feedback {self.pk}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.township

    @property
    def audit_label(self) -> str:
        return f"{self.get_kind_display()}#{self.pk}"

    @property
    def overdue(self) -> bool:
        """Still unanswered past its due date."""
        return self.state == FeedbackState.OPEN and self.due_at < timezone.now()
