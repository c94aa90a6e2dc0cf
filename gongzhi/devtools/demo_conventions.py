"""Village conventions in the demo township, made through the convention actions.

Every community first has its old convention in force (with the fines and
withheld services the township now forbids). Last year's campaign is over:
all but the first community filed a revised version; the first was sent
back by the legality review and never finished — it shows overdue on that
board. This year's campaign (deadline three weeks ahead, with the township's
own topic 消防安全) is under way: the first community is drafting from its
old text and the checker marks its fines, one is under review, one was sent
back with comments, two filed (one named a demonstration village, one
applied), one has not started.

Last year's campaign is moved back in time after it is made (its dates,
timeline and versions), as the wish wall's wishes are; the audit trail keeps
the real seeding time.
"""

import datetime as dt
import random
import re

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area, CommunityType
from gongzhi.conventions import actions
from gongzhi.conventions.checker import DEFAULT_TOPICS
from gongzhi.conventions.models import Campaign, ConventionVersion, Revision, RevisionEvent
from gongzhi.meetings.models import Meeting, MeetingItem
from gongzhi.notices.models import Notice

from .convention_texts import old_convention, revised_convention

TOWNSHIP_TOPIC = "消防安全：消防、防火、用火"
RETURN_COMMENTS = [
    "第五条“取消当年各项补贴”属于限制村民合法权益，请删去，改为批评教育或取消评先评优资格。",
    "请补充移风易俗的具体倡导标准，表述要通俗易懂，便于群众遵守。",
]
EVIDENCE = (
    "一、修订后的{kind}经代表会议表决通过并报镇备案，逐户发放、张贴上墙；\n"
    "二、红白理事会每月议事，今年婚丧事宜全部简办，未发生大操大办；\n"
    "三、设立积分超市，文明家庭评选覆盖全部{groups}；\n"
    "四、群众知晓率经入户抽查达96%。"
)


def _staff_of(community: Area, index: int, password: str) -> User:
    staff = User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).first()
    if staff is not None:
        return staff
    user = User.objects.create(
        username=f"ganbu_{community.code[-6:]}", display_name=f"{community.name}干部", password=password
    )
    RoleAssignment.objects.create(
        user=user, role=Role.COMMUNITY_STAFF, area=community, area_path=community.path
    )
    return user


def _meeting(community: Area) -> dict:
    if community.community_type == CommunityType.VILLAGE:
        return {
            "meeting_kind": "village_representatives_meeting",
            "members": 35,
            "present": 31,
            "in_favour": 29,
            "against": 1,
            "abstaining": 1,
        }
    return {
        "meeting_kind": "residents_representatives_meeting",
        "members": 25,
        "present": 22,
        "in_favour": 21,
        "against": 0,
        "abstaining": 1,
    }


def _to_review(revision: Revision, staff: User, text: str) -> Revision:
    actions.revision_save(actor=staff, revision=revision, title=revision.title, text=text)
    return actions.revision_submit(actor=staff, revision=revision)


def _to_filed(revision: Revision, staff: User, reviewer: User, text: str) -> Revision:
    _to_review(revision, staff, text)
    actions.revision_review(
        actor=reviewer, revision=revision, approve=True, comment="经审查，符合法律法规和政策规定。"
    )
    actions.revision_adopt(
        actor=staff, revision=revision, meeting_date=timezone.localdate(), **_meeting(revision.community)
    )
    return actions.revision_file(actor=staff, revision=revision)


def _revised(community: Area, rng: random.Random, *, extra: bool) -> str:
    keys = [t.key for t in DEFAULT_TOPICS] + (["fire_safety"] if extra else [])
    return revised_convention(
        community.name, village=community.community_type == CommunityType.VILLAGE, rng=rng, topics=keys
    )[1]


# Days after its community began that each step of last year's revisions took place: drafting took a
# couple of weeks, the review a week, the meeting another two.
_STEP_DAYS = {"created_at": 0, "submitted_at": 12, "reviewed_at": 19, "adopted_at": 33, "filed_at": 38}
_EVENT_STEP = {
    "start": "created_at",
    "submit": "submitted_at",
    "approve": "reviewed_at",
    "return": "reviewed_at",
    "adopt": "adopted_at",
    "file": "filed_at",
}


def _move_back(campaign: Campaign, shift: dt.timedelta, deadline: dt.date, first_notice: int) -> None:
    """Move a finished campaign back in time: its dates, its revisions' dates and timelines, the versions
    it filed. Seeding did every step in one moment; each community starts a few days after the last and
    takes weeks over its steps, as they do."""
    Campaign.objects.filter(pk=campaign.pk).update(
        deadline=deadline, launched_at=campaign.launched_at - shift
    )
    for index, revision in enumerate(Revision.objects.filter(campaign=campaign).order_by("pk")):
        start = dt.timedelta(days=2 + 4 * index)

        def moved(moment: dt.datetime, step: str, start=start) -> dt.datetime:
            return moment - shift + start + dt.timedelta(days=_STEP_DAYS[step])

        changes = {
            name: moved(getattr(revision, name), name) for name in _STEP_DAYS if getattr(revision, name)
        }
        meeting = timezone.localdate(changes["adopted_at"]) if "adopted_at" in changes else None
        Revision.objects.filter(pk=revision.pk).update(**changes)
        if meeting is not None and revision.meeting_id:
            Meeting.objects.filter(pk=revision.meeting_id).update(
                held_on=meeting, recorded_at=changes["adopted_at"]
            )
            MeetingItem.objects.filter(meeting_id=revision.meeting_id).update(
                counted_at=changes["adopted_at"]
            )
        for event in RevisionEvent.objects.filter(revision=revision):
            RevisionEvent.objects.filter(pk=event.pk).update(at=moved(event.at, _EVENT_STEP[event.verb]))
        version = ConventionVersion.objects.filter(revision=revision).first()
        if version is not None and meeting is not None:
            ConventionVersion.objects.filter(pk=version.pk).update(
                recorded_at=moved(version.recorded_at, "adopted_at"), adopted_on=meeting
            )
    # What last year's campaign told people is long read and gone from the inbox.
    Notice.objects.filter(kind=actions.NOTICE_KIND, pk__gte=first_notice).delete()


def demo_conventions_seed(*, communities: list[Area], rng: random.Random) -> int:
    """Seed conventions for the demo communities; returns the number of revisions made."""
    township = communities[0].parent
    assert township is not None, "a demo community hangs under its township"
    admin = User.objects.get(username="zhen_admin")
    reviewer = User.objects.get(username="zhen_bumen")
    password = make_password(None)
    staff = [_staff_of(community, index, password) for index, community in enumerate(communities)]
    today = timezone.localdate()
    made = 0

    with transaction.atomic():
        for community, person in zip(communities, staff, strict=True):
            title, text = old_convention(
                community.name, village=community.community_type == CommunityType.VILLAGE, rng=rng
            )
            actions.convention_in_force_record(
                actor=person,
                community=community,
                title=title,
                text=text,
                adopted_on=dt.date(2018 + rng.randint(0, 3), rng.randint(1, 12), 1),
            )

    # Last year: everybody filed but the first community, which was sent back and never finished.
    first_notice = (Notice.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    with transaction.atomic():
        last = actions.campaign_launch(
            actor=admin,
            township=township,
            year=today.year - 1,
            deadline=today + dt.timedelta(days=30),
            demonstration_target=1,
            topic_keys=[t.key for t in DEFAULT_TOPICS],
            title=f"{today.year - 1}年村规民约(居民公约)修订",
        )
        for index, (community, person) in enumerate(zip(communities, staff, strict=True)):
            revision = actions.revision_start(actor=person, campaign=last, community=community)
            if index == 0:
                _to_review(revision, person, _revised(community, rng, extra=False))
                actions.revision_review(
                    actor=reviewer, revision=revision, approve=False, comment=RETURN_COMMENTS[1]
                )
            else:
                _to_filed(revision, person, reviewer, _revised(community, rng, extra=False))
            made += 1
    # After the commit (its notices' e-mails have gone out), move it back a year.
    launched = dt.datetime(today.year - 1, 9, 1, 9, 0, tzinfo=timezone.get_current_timezone())
    with transaction.atomic():
        _move_back(last, timezone.now() - launched, dt.date(today.year - 1, 11, 30), first_notice)

    # This year, under way.
    with transaction.atomic():
        this = actions.campaign_launch(
            actor=admin,
            township=township,
            year=today.year,
            deadline=today + dt.timedelta(days=21),
            demonstration_target=2,
            topic_keys=[t.key for t in DEFAULT_TOPICS],
            extra_topics=TOWNSHIP_TOPIC,
        )
        plan = ["drafting", "filed_named", "under_review", "returned", "filed_applied", "not_started"]
        for index, (community, person) in enumerate(zip(communities, staff, strict=True)):
            end = plan[index % len(plan)]
            if end == "not_started":
                continue
            revision = actions.revision_start(actor=person, campaign=this, community=community)
            made += 1
            if end == "drafting":  # begun from the old text: the topics half added, the fines still there
                clauses = _revised(community, rng, extra=True).splitlines()[3:8]
                added = [re.sub(r"^第[一二三四五六七八九十]+条\s*", "", clause) for clause in clauses]
                lines = revision.text.splitlines()
                # New clauses go in before the closing article ("…起施行"), as a drafter puts them.
                closing = next((i for i in range(len(lines) - 1, -1, -1) if "施行" in lines[i]), len(lines))
                actions.revision_save(
                    actor=person,
                    revision=revision,
                    title=revision.title,
                    text="\n".join(lines[:closing] + added + lines[closing:]),
                )
            elif end == "under_review":
                _to_review(revision, person, _revised(community, rng, extra=True))
            elif end == "returned":
                _to_review(revision, person, _revised(community, rng, extra=True))
                actions.revision_review(
                    actor=reviewer, revision=revision, approve=False, comment=RETURN_COMMENTS[0]
                )
            else:
                _to_filed(revision, person, reviewer, _revised(community, rng, extra=True))
                groups = "村民小组" if community.community_type == CommunityType.VILLAGE else "网格"
                kind = actions.convention_kind_label(community)
                application = actions.demonstration_apply(
                    actor=person,
                    campaign=this,
                    community=community,
                    evidence=EVIDENCE.format(kind=kind, groups=groups),
                )
                if end == "filed_named":
                    actions.demonstration_decide(
                        actor=admin,
                        application=application,
                        approve=True,
                        note="移风易俗成效明显，同意命名。",
                    )
    return made
