"""The demo township's workforce (gongzhi.workforce), made through the workforce's actions.

The township office sets the staffing target of two communities (at least nine full- and part-time workers in a
village, twelve in an urban community; every grid a 网格员, every resident group a 组长 in villages, every building a
楼院门栋长 in urban communities); the others are measured against the seeded default of their kind (默认). Each
community's staff record residents of its register in posts: full- and part-time workers, a 网格长, 网格员 on most grids
(one grid left without, so the gap shows it), 组长 and 楼栋长 on most of their places and some of the 五员 (the 法律明白人 are
the legal roster's, shown from there: decision 0061); a few training records each, and one person who left their
post. The township's social-work agency holds two purchased-services contracts: 青山村's ended last month (its funded
post needs renewal), the second community's runs until next year.
"""

import datetime as dt
import random

from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area, CommunityType
from gongzhi.orgs.models import Organisation
from gongzhi.residents.models import Resident
from gongzhi.workforce import actions
from gongzhi.workforce.models import Appointment, PostType
from gongzhi.workforce.selectors import areas_of_level

TRAININGS = [
    ("网格化服务管理业务培训", "3", "永安镇综治中心"),
    ("社区工作者政策法规培训", "6", "洪川县民政局"),
    ("矛盾纠纷排查化解培训", "2.5", "永安镇司法所"),
    ("居民信息采集与隐私保护", "2", "永安镇社治办"),
]


def _staff_of(community: Area) -> User:
    return User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).order_by("pk").first() or User.objects.get(username="zhen_admin")


def _day(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _posts_of(
    community: Area, staff: User, posts: dict[str, PostType], rng: random.Random, contract=None
) -> int:
    people = list(
        Resident.objects.filter(community=community, status="active", birth_date__lte=_day(-365 * 22))
        .filter(birth_date__gte=_day(-365 * 62))
        .order_by("pk")[:400]
    )
    rng.shuffle(people)
    pool = iter(people)
    made: list[Appointment] = []

    def appoint(post: str, area: Area, **extra) -> None:
        resident = next(pool, None)
        if resident is None:
            return
        made.append(
            actions.appointment_create(
                actor=staff, community=community, post_type=posts[post], area=area, resident=resident,
                started_on=extra.pop("started_on", _day(-rng.randint(60, 900))), **extra,
            )
        )  # fmt: skip

    appoint("专职社区工作者", community, contract=contract)
    appoint("专职社区工作者", community)
    for _ in range(2):
        appoint("兼职社区工作者", community, term_ends_on=_day(rng.randint(200, 900)))
    appoint("网格长", community)
    grids = areas_of_level(community, "grid")
    for grid in grids[:-1] if len(grids) > 1 else grids:  # the last grid has nobody yet: the gap shows it
        appoint("网格员", grid)
    for group in areas_of_level(community, "resident_group")[:-1]:
        appoint("村(居)民小组长", group)
    for building in areas_of_level(community, "building")[:6]:
        appoint("楼院门栋长", building)
    for post in rng.sample(["信息员", "调解员", "宣传员", "安全员", "服务员"], 3):
        appoint(post, community)
    for appointment in made[:5]:
        title, hours, organiser = rng.choice(TRAININGS)
        actions.training_add(
            actor=staff, appointment=appointment, held_on=_day(-rng.randint(5, 50)), title=title, hours=hours,
            organiser=organiser,
        )  # fmt: skip
    if len(made) > 6:
        leaver = made[-1]
        actions.appointment_vacate(
            actor=staff, appointment=leaver, vacated_on=max(leaver.started_on, _day(-20)), reason="外出务工"
        )
    return len(made)


def demo_workforce_seed(*, township: Area, communities: list[Area], rng: random.Random) -> int:
    """Returns the number of people put in posts."""
    admin = User.objects.get(username="zhen_admin")
    posts = {t.name: t for t in PostType.objects.all()}
    # Two communities have targets of their own; the others are measured against their kind's default (默认).
    for community in communities[:2]:
        urban = community.community_type == CommunityType.URBAN
        covered = [posts["网格员"], posts["楼院门栋长"] if urban else posts["村(居)民小组长"]]
        actions.target_set(actor=admin, community=community, min_workers=12 if urban else 9, covered=covered)
    agency = Organisation.objects.filter(home=township, kind="social_work", state="registered").first()
    contracts = {}
    if agency is not None:
        for index, (start, end) in enumerate(((-400, -30), (-100, 265))):
            if index >= len(communities):
                break
            community = communities[index]
            contracts[community.pk] = actions.contract_save(
                actor=_staff_of(community), community=community, organisation=agency,
                number=f"YAZ-GM-{2026 - index}-{index + 1:02d}", amount="96000" if index else "120000",
                starts_on=_day(start), ends_on=_day(end), scope="专职社区工作者岗位；留守老人探访、困境儿童关爱",
            )  # fmt: skip
    return sum(_posts_of(c, _staff_of(c), posts, rng, contract=contracts.get(c.pk)) for c in communities)
