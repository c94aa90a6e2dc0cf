"""A calendar of activities in every demo community (gongzhi.activities), made through the activities' actions.

Per community, published by its staff: two past activities with attendance marked by the organiser and a
short report with a photo of the scene (a 道德讲堂 session, and a volunteer service whose volunteers were
credited with hours), three upcoming ones with sign-ups — residents signed up by the staff (assisted, consent
in person) and the demo volunteer and party member by themselves — one of them full, and an upcoming 法治文化
talk with unlimited places. In the first community the social-work agency's representative (zuzhi_daibiao)
publishes a 扶贫帮困 visit in the agency's name. Past activities are published upcoming and then moved back
in time, as the week went by.
"""

import datetime as dt
import io
import random

from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.activities.actions import (
    activity_publish,
    attendance_mark,
    report_save,
    signup_create,
    signup_create_assisted,
)
from gongzhi.activities.models import Activity, ActivityKind, Series
from gongzhi.areas.models import Area
from gongzhi.core.images import image_clean
from gongzhi.residents.models import Resident

PLANS = [
    # (series, kind, title, place, days from today, hour, hours, places, volunteer, audience)
    (
        "moral_lecture",
        "lecture",
        "道德讲堂·身边好人故事会",
        "文化礼堂",
        -20,
        19,
        2,
        40,
        False,
        "全体村(居)民",
    ),
    (
        "volunteer",
        "volunteer_service",
        "敬老院志愿服务：理发、打扫、陪聊",
        "镇敬老院",
        -9,
        9,
        3,
        12,
        True,
        "志愿者",
    ),
    (
        "law_six",
        "publicity",
        "法治文化进乡村：婚姻家庭与继承",
        "党群服务中心二楼",
        5,
        14,
        2,
        None,
        False,
        "全体村(居)民",
    ),
    (
        "family_virtue",
        "culture",
        "新时代好家风：家训家规分享会",
        "新时代文明实践站",
        9,
        19,
        2,
        30,
        False,
        "家庭代表",
    ),
    ("anti_pyramid", "publicity", "防范传销宣传进网格", "村(社区)广场", 12, 9, 2, 6, True, "志愿者"),
]
FULL = 4  # the plan whose places are all taken


def _staff_of(community: Area) -> User:
    staff = User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).first()
    if staff is not None:
        return staff
    user = User.objects.create(
        username=f"huodong_{community.code[-6:]}", display_name=f"{community.name}干部", password="!"
    )
    RoleAssignment.objects.create(
        user=user, role=Role.COMMUNITY_STAFF, area=community, area_path=community.path
    )
    return user


def _scene(rng: random.Random, label: int):
    """A drawn picture of a hall with rows of chairs: a scene, nobody's face."""
    image = Image.new("RGB", (480, 320), (235, 228, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 30, 440, 110), fill=(180, 40, 40))  # the banner
    for row in range(4):
        for seat in range(8):
            x, y = 60 + seat * 48, 150 + row * 38
            draw.rectangle((x, y, x + 30, y + 22), fill=(90 + rng.randrange(60), 70, 50))
    draw.text((60, 60), f"{label}", fill=(255, 240, 200))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return image_clean(buffer.getvalue())


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _publish(actor: User, community: Area, plan, *, organisation_id: int | None = None) -> Activity:
    series, kind, title, place, days, hour, hours, places, volunteer, audience = plan
    start = _at(max(days, 1), hour)
    return activity_publish(
        actor=actor, community=community, title=title, description=f"{title}。欢迎报名参加，名额有限，先到先得。",
        place=f"{community.name}{place}", starts_at=start, ends_at=start + dt.timedelta(hours=hours), places=places,
        series_id=Series.objects.get(code=series).pk, kind_id=ActivityKind.objects.get(code=kind).pk,
        volunteer=volunteer, audience=audience, organisation_id=organisation_id,
    )  # fmt: skip


def _move_back(activity: Activity, days: int, hour: int) -> Activity:
    start = _at(days, hour)
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=start, ends_at=start + (activity.ends_at - activity.starts_at)
    )
    return Activity.objects.get(pk=activity.pk)


@transaction.atomic
def demo_activities_seed(*, communities: list[Area], rng: random.Random) -> int:
    volunteers = list(User.objects.filter(username__in=["zhiyuanzhe", "dangyuan"]).order_by("username"))
    made = 0
    for index, community in enumerate(communities):
        staff = _staff_of(community)
        residents = list(
            Resident.objects.filter(community=community, status="active", user__isnull=True).order_by("id")[
                :60
            ]
        )
        rng.shuffle(residents)
        for number, plan in enumerate(PLANS):
            activity = _publish(staff, community, plan)
            made += 1
            places = plan[7]
            if places is None:
                wanted = rng.randint(4, 9)
            else:
                wanted = places if number == FULL else rng.randint(4, max(4, places // 2))
            signups = []
            if index == 0 and plan[8]:
                signups += [signup_create(actor=v, activity=activity) for v in volunteers]
            for resident in residents[: max(0, wanted - len(signups))]:
                signups.append(
                    signup_create_assisted(
                        actor=staff, activity=activity, resident=resident, consent_channel="in_person"
                    )
                )
            rng.shuffle(residents)
            days, hour = plan[4], plan[5]
            if days < 0:
                activity = _move_back(activity, days, hour)
                came = [s.pk for s in signups if rng.random() < 0.85] or [signups[0].pk]
                attendance_mark(actor=staff, activity=activity, signup_ids=came)
                report_save(
                    actor=staff,
                    activity=activity,
                    text=f"本次活动到场 {len(came)} 人，大家积极参与、交流热烈。感谢各位志愿者和工作人员的辛勤付出。",
                    photos=[_scene(rng, activity.pk)],
                )
        if index == 0:
            made += _organisation_activity(community, residents, rng)
    return made


def _organisation_activity(community: Area, residents: list, rng: random.Random) -> int:
    """The social-work agency's 扶贫帮困 visit, published by its representative (if the demo has one)."""
    from gongzhi.orgs.selectors import organisations_speaking_for

    representative = User.objects.filter(username="zuzhi_daibiao").first()
    if representative is None:
        return 0
    agency = organisations_speaking_for(representative, community).filter(kind="social_work").first()
    if agency is None:
        return 0
    plan = (
        "poverty_relief",
        "visit",
        "扶贫帮困：走访慰问困难家庭",
        "党群服务中心集合",
        6,
        9,
        4,
        8,
        True,
        "社工与志愿者",
    )
    activity = _publish(representative, community, plan, organisation_id=agency.pk)
    for volunteer in User.objects.filter(username__in=["zhiyuanzhe", "dangyuan"]):
        signup_create(actor=volunteer, activity=activity)
    return 1
