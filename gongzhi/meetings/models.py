"""The record of a meeting that decides something: the kernel's, for every feature that holds one.

- `Meeting`: which body met (a key of gongzhi.core.quorum.RULES), where
  (the community's area), when and where, what for (a generic link to the
  owning record as app label, model and id, and a `purpose` the feature
  names — the kernel imports no feature), and the roll: how many were due
  (应到: members, or the adults and households of a whole-village meeting),
  how many came (实到), how many households were represented; with the
  quorum verdict of core.quorum as it stood when the meeting was recorded.
- `MeetingMember`: a named line of the roll, where the names are known
  (a resident, a user, or just a name), present or not.
- `MeetingItem`: one agenda item and its vote — the method (show of hands,
  roll call, secret ballot: the record of a paper ballot; an online secret
  ballot is another matter), the counts, the majority it needed, and the
  verdict with the rule and the reasons core.quorum gave. A second person
  may confirm a show of hands' counts (`confirmed_by`).
- `MeetingVote`: a named vote of a roll call.
- `MeetingDocument`: the minutes or the sign-in sheet, an image (a cleaned
  Photo) or a PDF under DATA_DIR.
- `MeetingAgendaItem`: a numbered item of a convened meeting's agenda, with
  the method and majority planned; its vote, once taken, is a `MeetingItem`.

A meeting recorded in one go (`meeting_record`) is closed at once. A meeting
of a gongzhi.bodies `Body` lives longer (gongzhi/meetings/workflow.py):
convened with a notice and an agenda → held once its roll is closed and its
quorum computed → closed with its minutes; or cancelled with a reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.quorum import MAJORITIES, RULES


class MeetingState(models.TextChoices):
    CONVENED = "convened", _("已通知")
    HELD = "held", _("已召开")
    CLOSED = "closed", _("已结束")
    CANCELLED = "cancelled", _("已取消")


class Meeting(models.Model):
    body_kind = models.CharField(_("会议类型"), max_length=40)  # a key of gongzhi.core.quorum.RULES
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    held_on = models.DateField(_("会议日期"))
    place = models.CharField(_("会议地点"), max_length=100, blank=True)
    purpose = models.CharField(
        max_length=40, blank=True
    )  # the feature's name for it, e.g. "convention_adoption"
    owner_app = models.CharField(max_length=40, blank=True)  # the owning record: app label, model name, id
    owner_model = models.CharField(max_length=40, blank=True)
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    members = models.PositiveIntegerField(_("应到人数（组成人员）"), null=True, blank=True)
    adults = models.PositiveIntegerField(_("十八周岁以上人数"), null=True, blank=True)
    households = models.PositiveIntegerField(_("户数"), null=True, blank=True)
    households_present = models.PositiveIntegerField(_("到会户代表数"), null=True, blank=True)
    present = models.PositiveIntegerField(_("到会人数"))
    quorate = models.BooleanField(default=False)
    quorum_reason = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # A meeting convened for a body (gongzhi.bodies), and its life; one recorded in one go has no body and
    # is closed at once. (db_default: rows written by older migrations get them too.)
    body = models.ForeignKey("bodies.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    state = models.CharField(
        _("状态"),
        max_length=10,
        choices=MeetingState.choices,
        default=MeetingState.CLOSED,
        db_default="closed",
    )
    title = models.CharField(_("会议名称"), max_length=100, blank=True, db_default="")
    starts_at = models.TimeField(_("开始时间"), null=True, blank=True)
    noticed_at = models.DateTimeField(_("通知时间"), null=True, blank=True)
    notice_days = models.PositiveSmallIntegerField(_("应提前通知天数"), null=True, blank=True)
    notice_law = models.CharField(max_length=200, blank=True, db_default="")
    urgency_reason = models.CharField(_("紧急召开的理由"), max_length=300, blank=True, db_default="")
    follows = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # the meeting short of its quorum that this one is called again for
    roll_closed_at = models.DateTimeField(null=True, blank=True)
    roll_closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    minutes = models.TextField(_("会议记录"), blank=True, db_default="")
    closed_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("取消原因"), max_length=300, blank=True, db_default="")
    # A member of the community's supervisory committee who witnesses the meeting and signs it off.
    witness = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    witness_signed_at = models.DateTimeField(null=True, blank=True)
    witness_note = models.CharField(_("监督意见"), max_length=300, blank=True, db_default="")

    class Meta:
        indexes = [
            models.Index(fields=["owner_app", "owner_model", "owner_id"], name="meeting_owner"),
            models.Index(fields=["area_path", "body_kind", "held_on"], name="meeting_area_kind_day"),
        ]
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.body_label} {self.held_on}"

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.area

    @property
    def body_label(self) -> str:
        rule = RULES.get(self.body_kind)
        return str(rule.label) if rule else self.body_kind


class Attendance(models.TextChoices):
    PRESENT = "present", _("到会")
    ABSENT = "absent", _("缺席")
    PROXY = "proxy", _("委托到会")


class MeetingMember(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="roll")
    name = models.CharField(_("姓名"), max_length=50)
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    post = models.CharField(_("职务或身份"), max_length=40, blank=True)
    present = models.BooleanField(_("到会"), default=True)  # counts as present: in person, online or by proxy
    # A convened meeting's roll, marked by the clerk: "" not yet marked (and a roll recorded in one go).
    attendance = models.CharField(
        _("出席情况"), max_length=8, choices=Attendance.choices, blank=True, db_default=""
    )
    online = models.BooleanField(_("线上参会"), default=False, db_default=False)
    proxy_name = models.CharField(_("受托人"), max_length=50, blank=True, db_default="")
    proxy_resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class MeetingMethod(models.TextChoices):
    SHOW_OF_HANDS = "show_of_hands", _("举手表决")
    ROLL_CALL = "roll_call", _("记名表决")
    SECRET_BALLOT = "secret_ballot", _("无记名投票")


MAJORITY_CHOICES = [(key, m.label) for key, m in MAJORITIES.items()]


class MeetingItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(_("议题"), max_length=200)
    method = models.CharField(
        _("表决方式"), max_length=14, choices=MeetingMethod.choices, default=MeetingMethod.SHOW_OF_HANDS
    )
    majority = models.CharField(_("通过条件"), max_length=20, choices=MAJORITY_CHOICES, default="present")
    in_favour = models.PositiveIntegerField(_("赞成"))
    against = models.PositiveIntegerField(_("反对"), default=0)
    abstaining = models.PositiveIntegerField(_("弃权"), default=0)
    # The verdict, as gongzhi.core.quorum gave it when the vote was recorded, with the rule it applied.
    rule_key = models.CharField(max_length=40)
    law = models.CharField(max_length=200, blank=True)
    quorate = models.BooleanField()
    passed = models.BooleanField()
    quorum_reason = models.CharField(max_length=500, blank=True)
    vote_reason = models.CharField(max_length=500, blank=True)
    counted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    counted_at = models.DateTimeField(auto_now_add=True)
    # A second person confirms a show of hands' counts (self-governance asks for it; adoption does not yet).
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="meeting_item_number"),
            models.CheckConstraint(
                condition=~Q(confirmed_by=F("counted_by")), name="meeting_item_confirmed_by_another"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_path(self) -> str:
        return self.meeting.area_path

    @property
    def audit_area(self):
        return self.meeting.area


class VoteChoice(models.TextChoices):
    FOR = "for", _("赞成")
    AGAINST = "against", _("反对")
    ABSTAIN = "abstain", _("弃权")


class MeetingVote(models.Model):
    """A named vote of a roll call (记名表决); a secret ballot has none."""

    item = models.ForeignKey(MeetingItem, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(MeetingMember, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=VoteChoice.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="meeting_vote_once")]

    def __str__(self) -> str:
        return f"{self.item_id} {self.member_id} {self.choice}"


class MeetingDocumentKind(models.TextChoices):
    MINUTES = "minutes", _("会议记录")
    SIGN_IN = "sign_in", _("签到表")


class MeetingDocument(models.Model):
    """The minutes or the sign-in sheet: an image (a Photo, cleaned like every photo) or a PDF under
    DATA_DIR/meetings/ (older ones where the feature that recorded them kept them). Served only by the owning feature's
    view, to those who may see its record (gongzhi.meetings.http)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("材料"), max_length=10, choices=MeetingDocumentKind.choices)
    photo = models.ForeignKey(
        "photos.Photo", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pdf_path = models.CharField(max_length=200, blank=True)  # relative to settings.DATA_DIR
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.kind}"


class MeetingAgendaItem(models.Model):
    """An item of a convened meeting's agenda (议程), numbered, with the method and majority planned;
    `vote` is its MeetingItem once voted (the same number)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(_("议题"), max_length=200)
    method = models.CharField(
        _("表决方式"), max_length=14, choices=MeetingMethod.choices, default=MeetingMethod.SHOW_OF_HANDS
    )
    majority = models.CharField(_("通过条件"), max_length=20, choices=MAJORITY_CHOICES, default="present")
    vote = models.OneToOneField(
        MeetingItem, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_item"
    )

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="meeting_agenda_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def scope_path(self) -> str:
        return self.meeting.area_path

    @property
    def audit_area(self):
        return self.meeting.area
