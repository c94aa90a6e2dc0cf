"""A community's public board (党务 / 村务·居务 / 财务公开): the kernel's, for every feature that publishes.

- `Disclosure`: one item on a community's board — its category, title and text (the current revision's,
  copied here for listing), whether it is a major matter (重大事项), the period it covers (a quarter or
  a month, for regular ones), what it comes from (a generic link to the owning record as app label,
  model and id, and a `purpose` the feature names — the kernel imports no feature), an optional
  attachment (a cleaned photo, or a PDF under DATA_DIR/disclosures/), who published it and when.
  Never deleted: a wrong item is withdrawn, with the reason, and stays on record.
- `DisclosureRevision`: every text it has had, numbered from 1 (the first publication), each with the
  reason it was changed, who changed it and when: the public "修改记录".
- `DisclosureDue`: something that must be published by a date (a feature registers it: a decision
  resolved must be published at once), with the same generic link; a publication with that link and
  purpose fulfils it.
- `DisclosureSetting`: a community's own setting — whether its collective finance is busy enough that
  finance must be published monthly (村民委员会组织法第三十条).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.areas.models import CommunityType

from .statute import AFFAIRS, FINANCE, PARTY, period_parse


class DisclosureCategory(models.TextChoices):
    PARTY = PARTY, _("党务公开")
    AFFAIRS = AFFAIRS, _("村务(居务)公开")
    FINANCE = FINANCE, _("财务公开")


def category_label(category: str, community) -> str:
    """党务公开 / 村务公开 or 居务公开 (by the community's type) / 财务公开."""
    if category == AFFAIRS:
        return str(_("居务公开") if community.community_type == CommunityType.URBAN else _("村务公开"))
    return str(DisclosureCategory(category).label)


class SourceLink(models.Model):
    """What a row comes from: the owning record (app label, model name, id) and the feature's purpose."""

    purpose = models.CharField(max_length=40, blank=True)  # the feature's name for it, e.g. "resolution"
    owner_app = models.CharField(max_length=40, blank=True)
    owner_model = models.CharField(max_length=40, blank=True)
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        abstract = True


class Disclosure(SourceLink):
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    category = models.CharField(_("公开类别"), max_length=10, choices=DisclosureCategory.choices)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("公开内容"))
    major = models.BooleanField(_("重大事项"), default=False)
    period = models.CharField(_("所属期间"), max_length=8, blank=True)  # "2026-Q3", "2026-11" or ""
    revision_count = models.PositiveSmallIntegerField(default=1)
    photo = models.ForeignKey(
        "photos.Photo", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pdf_path = models.CharField(max_length=200, blank=True)  # relative to settings.DATA_DIR
    pdf_size = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(db_index=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.CharField(_("撤回理由"), max_length=200, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["area", "category", "published_at"], name="disclosure_board"),
            models.Index(fields=["owner_app", "owner_model", "owner_id"], name="disclosure_owner"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.area

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def category_label(self) -> str:
        return category_label(self.category, self.area)

    @property
    def period_label(self) -> str:
        period = period_parse(self.period) if self.period else None
        return period.label if period else ""

    @property
    def has_attachment(self) -> bool:
        return self.photo_id is not None or bool(self.pdf_path)


class DisclosureRevision(models.Model):
    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=100)
    body = models.TextField()
    reason = models.CharField(max_length=200, blank=True)  # blank for the first publication
    personal_data_reason = models.CharField(max_length=200, blank=True)  # why personal data found is public
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["disclosure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "number"], name="disclosure_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.disclosure_id} #{self.number}"


class DisclosureDue(SourceLink):
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    category = models.CharField(max_length=10, choices=DisclosureCategory.choices)
    title = models.CharField(max_length=100)
    major = models.BooleanField(default=True)
    due_on = models.DateField()
    basis = models.CharField(max_length=200, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    fulfilled_by = models.ForeignKey(
        Disclosure, on_delete=models.PROTECT, null=True, blank=True, related_name="fulfils"
    )
    fulfilled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_app", "owner_model", "owner_id", "purpose"],
                condition=Q(fulfilled_by__isnull=True),
                name="disclosure_due_open_once",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.area


class DisclosureSetting(models.Model):
    community = models.OneToOneField("areas.Area", on_delete=models.PROTECT, related_name="+")
    finance_monthly = models.BooleanField(_("集体财务往来较多，财务每月公开"), default=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.community_id} monthly={self.finance_monthly}"
