"""制度: each community's governing documents (自治章程, the 十制度 and 六职责 sets…) with versions and adoption.

- `DocumentKind`: the catalogue of documents a community keeps (data the township edits; seeded).
- `Template`: a model text for a kind that a community adopts and adapts (the catalogue's, township None, or a
  township's own).
- `Document`: one community's document of one kind (its title), with its versions.
- `Version`: a version's text (and optionally a scanned PDF): a draft is edited; adopting it links the meeting
  item that adopted it (gongzhi.meetings) and its effective date, and supersedes the version in force. An
  adopted version is never edited: a change is a new version.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class KindGroup(models.TextChoices):
    CHARTER = "charter", _("自治章程")
    RULES = "rules", _("十制度")
    DUTIES = "duties", _("六职责")
    OTHER = "other", _("其他制度")


class DocumentKind(models.Model):
    """A kind of the catalogue (township None: every township's, seeded), or one a township added for itself
    (offered to its communities only); a township retires its own kinds, never deletes them."""

    group = models.CharField(_("类别"), max_length=10, choices=KindGroup.choices)
    name = models.CharField(_("名称"), max_length=40)
    sort_order = models.PositiveIntegerField(default=0)
    retired = models.BooleanField(_("已停用"), default=False)
    township = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # None: the catalogue's; else the township that added it
    area_path = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(township__isnull=True), name="rulebook_kind_catalogue_name"
            ),
            models.UniqueConstraint(fields=["township", "name"], name="rulebook_kind_township_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def own(self) -> bool:
        return self.township_id is not None

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.township


class Template(models.Model):
    """A model text for a kind: the catalogue's (township None, seeded) or a township's own (for a catalogue
    kind or one of its own kinds), which it edits, retires and restores."""

    kind = models.ForeignKey(DocumentKind, on_delete=models.PROTECT, related_name="templates")
    township = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # None: the catalogue's
    title = models.CharField(_("标题"), max_length=60)
    body = models.TextField(_("正文"))
    retired = models.BooleanField(_("已停用"), default=False)
    area_path = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["kind__sort_order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def own(self) -> bool:
        return self.township_id is not None

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.township


class Document(models.Model):
    community = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    kind = models.ForeignKey(DocumentKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("类别"))
    title = models.CharField(_("标题"), max_length=60)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area_path", "kind__sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["community", "title"], name="rulebook_document_title")]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.community

    @property
    def audit_label(self) -> str:
        return f"{self.community.name}·{self.title}"


class VersionState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_FORCE = "in_force", _("施行中")
    SUPERSEDED = "superseded", _("已废止")


class Version(models.Model):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)  # the document's
    number = models.PositiveIntegerField()
    body = models.TextField(_("正文"))
    scan = models.FileField(_("扫描件（PDF）"), upload_to="rulebook/%Y/", blank=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=VersionState.choices, default=VersionState.DRAFT
    )
    meeting_item = models.ForeignKey(
        "meetings.MeetingItem", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # the vote that adopted it
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    adopted_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="rulebook_version_number"),
            models.UniqueConstraint(
                fields=["document"], condition=Q(state="in_force"), name="rulebook_one_in_force"
            ),
            models.UniqueConstraint(
                fields=["document"], condition=Q(state="draft"), name="rulebook_one_draft"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.title} v{self.number}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.document.community

    @property
    def audit_label(self) -> str:
        return f"{self.document.community.name}·{self.document.title}（第{self.number}版）"
