"""The bodies of a community's self-governance and who sits on them: the kernel's, for every feature.

- `Body`: one organisation or meeting of a community (村/社区): its party
  organisation, its residents' or villagers' committee, its supervisory
  committee, the two committees' joint meeting (两委会), the party members'
  meeting, the whole residents' or villagers' meeting, the representatives'
  meeting, a resident group's meeting, or any other body the place has
  (红白理事会, 道德评议会, … — the seed's "五组八会" varies by place, so it is
  data: kind `other` and a name). Each body meets by a rule of
  gongzhi.core.quorum (`meeting_rule`) and may or may not accept proxies.
- `Membership`: a resident holding a post on a body for a term (from, until).
  A person may hold several posts on several bodies (交叉任职); 一肩挑 is
  derived from the posts (gongzhi.bodies.selectors), never typed.
- `Representation`: the households a representative (村民代表/居民代表)
  represents (每五户至十五户推选一人), unless a resident group chose them
  (`Membership.group`).

Some bodies have no typed members: the joint meeting is the party
organisation's and the committee's members together, the party members'
meeting is the register's party members, the whole meeting is the
community's adults and households (gongzhi.bodies.selectors.body_roll).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    PARTY_ORG = "party_org", _("党组织")
    COMMITTEE = "committee", _("村(居)民委员会")
    SUPERVISORY = "supervisory", _("村(居)务监督委员会")
    JOINT = "joint", _("两委联席会议")
    PARTY_MEMBERS = "party_members", _("党员大会")
    ASSEMBLY = "assembly", _("村(居)民会议")
    REPRESENTATIVES = "representatives", _("村(居)民代表会议")
    GROUP = "group", _("村(居)民小组会议")
    # The staff the village hires and whose 误工补贴 the villagers or the collective pay (村民委员会组织法
    # 第三十三条: they too answer to the yearly 民主评议); one roster per community, each a membership.
    STAFF = "staff", _("聘用人员")
    # The community's moral review council (道德评议会): it reviews the nominations to the board of good deeds (积德榜).
    MORAL_REVIEW = "moral_review", _("道德评议会")
    # The people's mediation committee (人民调解委员会, 人民调解法 第八条: three to nine members, a chair).
    MEDIATION = "mediation", _("人民调解委员会")
    # The residents' council (村(居)民议事会, the Chengdu model): it ranks and decides the projects of the yearly
    # public-service fund (村公资金) under the committee's leadership; one per community, a chair and members.
    COUNCIL = "council", _("村(居)民议事会")
    OTHER = "other", _("其他组织")


# Kinds a community has at most one of (a group's meeting is one per resident group; others are many).
SINGLE_KINDS = frozenset(
    {
        BodyKind.PARTY_ORG,
        BodyKind.COMMITTEE,
        BodyKind.SUPERVISORY,
        BodyKind.JOINT,
        BodyKind.PARTY_MEMBERS,
        BodyKind.ASSEMBLY,
        BodyKind.REPRESENTATIVES,
        BodyKind.STAFF,
        BodyKind.MORAL_REVIEW,
        BodyKind.MEDIATION,
        BodyKind.COUNCIL,
    }
)
# Kinds whose members are derived from other records, never typed (gongzhi.bodies.selectors.body_roll).
DERIVED_KINDS = frozenset({BodyKind.JOINT, BodyKind.PARTY_MEMBERS, BodyKind.ASSEMBLY, BodyKind.GROUP})


class Post(models.TextChoices):
    SECRETARY = "secretary", _("书记")
    DEPUTY_SECRETARY = "deputy_secretary", _("副书记")
    CHAIR = "chair", _("主任")
    DEPUTY_CHAIR = "deputy_chair", _("副主任")
    MEMBER = "member", _("委员")
    REPRESENTATIVE = "representative", _("代表")
    LEADER = "leader", _("组长")
    OTHER = "other", _("成员")


class Body(models.Model):
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")  # the community
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    kind = models.CharField(_("类型"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("名称"), max_length=40)
    # A resident group's meeting: the group (an Area of kind resident_group under the community).
    group = models.ForeignKey("areas.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    meeting_rule = models.CharField(_("议事规则"), max_length=40)  # a key of gongzhi.core.quorum.RULES
    proxies_allowed = models.BooleanField(_("允许委托他人到会"), default=False)
    # Days of notice before its meetings, if the community set its own (gongzhi.meetings.statute: never below
    # the statute's; empty: the township's default for the kind of meeting).
    notice_days = models.PositiveSmallIntegerField(_("会议提前通知天数"), null=True, blank=True)
    duties = models.CharField(_("职责"), max_length=300, blank=True)
    active = models.BooleanField(_("在用"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area_path", "kind", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="body_name_once"),
            models.UniqueConstraint(
                fields=["area", "kind"], condition=Q(kind__in=sorted(SINGLE_KINDS)), name="body_kind_once"
            ),
            models.UniqueConstraint(fields=["group"], name="body_group_once"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_path(self) -> str:
        return self.area_path

    @property
    def audit_area(self):
        return self.area

    @property
    def members_typed(self) -> bool:
        return self.kind not in DERIVED_KINDS


class Membership(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    post = models.CharField(_("职务"), max_length=20, choices=Post.choices)
    title = models.CharField(_("分工"), max_length=40, blank=True)  # e.g. 妇女委员, 纪检委员
    term = models.CharField(_("届次"), max_length=20, blank=True)  # e.g. 第十一届
    started_on = models.DateField(_("任职日期"))
    ended_on = models.DateField(_("离任日期"), null=True, blank=True)
    end_reason = models.CharField(_("离任原因"), max_length=100, blank=True)
    # A representative chosen by a resident group rather than by households (第二十五条).
    group = models.ForeignKey("areas.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["body", "ended_on", "post", "started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "resident"], condition=Q(ended_on=None), name="membership_current_once"
            ),
            models.CheckConstraint(
                condition=Q(ended_on=None) | Q(ended_on__gte=F("started_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body_id} {self.resident_id} {self.post}"

    @property
    def scope_path(self) -> str:
        return self.body.area_path

    @property
    def audit_area(self):
        return self.body.area

    @property
    def current(self) -> bool:
        return self.ended_on is None


class Representation(models.Model):
    """A household a representative represents (村民代表 联系户)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="households")
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["membership", "household"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "household"], name="representation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} {self.household_id}"
