"""The merit board 积德榜 in the demo, made through the actions (consent, review, 公示, the board's audit trail and
notices are real).

In every community: the members of its 道德评议会 (seated by demo_bodies) get accounts (`pingyi<community>_<n>`,
the first community's chair `pingyi1_1` has given the opinion in review, `pingyi1_2` not yet), and the board gets entries in every state — on the board (persons
and families of several categories, placed over the past months), in 公示 with an objection waiting for its
answer, in review with one opinion in, and awaiting consent; in the first community the demo resident `jumin` is
the one awaiting (a notice and the home page ask them), and one nominee declined. Consent is a signed paper form
(a scan) recorded by the community's staff, as for most elderly residents.
"""

import datetime as dt
import io
import random

from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.bodies.models import BodyKind
from gongzhi.bodies.selectors import body_of_kind, memberships_current
from gongzhi.merit import actions
from gongzhi.merit.models import MeritCategory, Nomination
from gongzhi.residents.models import Household, Resident

# (category, title, story): what was done, in the words a neighbour would use.
DEEDS = [
    (
        "孝老爱亲",
        "照顾瘫痪婆婆十八年",
        "婆婆中风瘫痪在床十八年，她每天端水喂饭、擦身翻身，冬天用热水袋给老人暖脚。老人身上从没长过褥疮，"
        "邻居们都说这样的儿媳难找。",
    ),
    (
        "孝老爱亲",
        "把失明的大伯接回家养老",
        "大伯双目失明、无儿无女，他把老人接到自己家，一住就是九年，每月带老人去镇卫生院复查，逢年过节给老人添新衣。",
    ),
    (
        "诚实守信",
        "捡到两万元现金原物奉还",
        "在镇上赶集时捡到一个装有两万元现金和证件的布包，在原地等了两个多小时，又托村干部多方打听，终于把钱交还给"
        "来镇上看病的失主。",
    ),
    (
        "诚实守信",
        "替去世的哥哥还清债务",
        "哥哥因病去世后留下三万多元欠款，没有借条也没人催，他挨家挨户核对，三年里靠养鸡一笔一笔全部还清。",
    ),
    (
        "助人为乐",
        "义务接送留守儿童上学",
        "五年来每天早晚骑电动三轮车义务接送同组六个留守儿童上下学，风雨无阻，从没收过一分钱油钱。",
    ),
    (
        "助人为乐",
        "帮独居老人挑水劈柴",
        "组里三位独居老人的水和柴，她包了七年：每周挑水、劈柴，老人生病时连夜叫车送医，垫付的药费从不让还。",
    ),
    (
        "见义勇为",
        "跳进水塘救起落水孩子",
        "暑假里听到呼救声，他顾不上脱鞋跳进两米多深的水塘，把落水的八岁男孩托上岸，又做心肺复苏直到孩子醒来。",
    ),
    (
        "敬业奉献",
        "义务看护村里的水渠三十年",
        "三十年来义务巡护村里的灌溉水渠，发现塌方就自己动手修，汛期整夜守在闸口，保住了全村三百多亩稻田的用水。",
    ),
    (
        "敬业奉献",
        "退休教师办起周末读书角",
        "退休后在自家堂屋办起周末读书角，自掏腰包买书两千多册，每个周末给村里的孩子辅导作业、讲故事。",
    ),
    (
        "好家风",
        "三代同堂和睦相处",
        "一家三代九口人同住，几十年没红过脸。家里立下“勤俭、和睦、守信”的家训，孙辈考上大学后都回村做志愿者。",
    ),
    (
        "好家风",
        "红白事从简带头移风易俗",
        "儿子结婚不收彩礼、不摆大席，把省下的钱捐给村里修路；老人过世丧事简办，带动全组红白事从简。",
    ),
]
STAFF_NOTE = "经核实情况属实"


def _scan() -> bytes:
    """A picture standing for the scan of a signed consent form (the demo has no paper)."""
    image = Image.new("RGB", (320, 420), (250, 250, 246))
    draw = ImageDraw.Draw(image)
    for y in range(60, 360, 24):
        draw.line((30, y, 290, y), fill=(180, 180, 180), width=1)
    draw.rectangle((200, 370, 290, 400), outline=(180, 30, 30), width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _staff(community: Area) -> User:
    staff = User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).first()
    assert staff is not None, "demo_conventions_seed gives every community its staff"
    return staff


def _judges(community: Area, number: int, password: str) -> list[User]:
    """The 道德评议会's members, each with an account (made here where they have none)."""
    body = body_of_kind(community, BodyKind.MORAL_REVIEW)
    assert body is not None, "demo_bodies_seed seats every community's 道德评议会"
    users = []
    for k, membership in enumerate(memberships_current(body), start=1):
        resident = membership.resident
        if resident.user_id is None:
            user = User.objects.create(
                username=f"pingyi{number}_{k}", display_name=resident.name, password=password
            )
            RoleAssignment.objects.create(
                user=user, role=Role.RESIDENT, area=community, area_path=community.path
            )
            Resident.objects.filter(pk=resident.pk).update(user=user)
            users.append(user)
        elif resident.user is not None:
            users.append(resident.user)
    return users


def _back(n: Nomination, days: int) -> None:
    """Move a nomination's dates `days` into the past (the demo's board has a history)."""
    shift = dt.timedelta(days=days)
    fields = {
        name: getattr(n, name) - shift
        for name in ("nominated_at", "consented_at", "reviewed_at", "publicity_starts_at", "publicity_ends_at",
                     "placed_at")
        if getattr(n, name) is not None
    }  # fmt: skip
    Nomination.objects.filter(pk=n.pk).update(**fields)


def demo_merit_seed(*, communities: list[Area], password: str, rng: random.Random) -> int:
    categories = {c.name: c for c in MeritCategory.objects.all()}
    jumin = User.objects.filter(username="jumin").first()
    objector = User.objects.filter(username="dangyuan").first()
    made = 0
    for number, community in enumerate(communities, start=1):
        with transaction.atomic():
            made += _community_seed(community, number, categories, jumin, objector, password, rng)
    return made


def _community_seed(community: Area, number: int, categories: dict, jumin, objector, password: str,
                    rng: random.Random) -> int:  # fmt: skip
    staff = _staff(community)
    judges = _judges(community, number, password)
    people = list(
        Resident.objects.filter(community=community, status="active", user__isnull=True).order_by("id")[:400]
    )
    rng.shuffle(people)
    families = list(
        Household.objects.filter(
            community=community, members__relation_to_head="02", members__user__isnull=True
        )
        .distinct()
        .order_by("id")[:60]
    )
    rng.shuffle(families)
    deeds = DEEDS[:]
    rng.shuffle(deeds)
    pool = iter(people)

    def nominate(deed, *, family=False, nominee=None):
        category, title, story = deed
        target = nominee or (families.pop() if family else next(pool))
        return actions.nomination_create(
            actor=staff, community=community, category=categories[category], kind="family" if family else "person",
            title=title, story=story, witness="同组村民、村民小组长", nominee_id=target.pk,
        )  # fmt: skip

    def consent(n, display):
        return actions.nomination_consent_record(
            actor=staff, nomination=n, display=display, consent_file=_scan()
        )

    def review(n, votes: int):
        for judge in judges[:votes]:
            reason = rng.choice(["事迹属实，群众公认", "多次听村民讲起，属实", "同意上榜"])
            actions.review_opinion_record(actor=judge, nomination=n, agrees=True, reason=reason)
        n.refresh_from_db()
        return n

    made = 0
    majority = len(judges) // 2 + 1
    # On the board: four entries over the past months (one a family).
    family_deed = next(d for d in deeds if d[0] == "好家风")
    on_board = [family_deed] + [d for d in deeds if d[0] != "好家风"][:3]
    for age, deed in zip((150, 95, 52, 20), on_board, strict=True):
        n = consent(nominate(deed, family=deed[0] == "好家风"), rng.choice(["full", "full", "surname"]))
        n = actions.nomination_publicise(actor=staff, nomination=review(n, majority))
        Nomination.objects.filter(pk=n.pk).update(publicity_ends_at=timezone.now() - dt.timedelta(hours=1))
        n.refresh_from_db()
        n = actions.nomination_place(actor=staff, nomination=n)
        _back(n, age)
        made += 1
    rest = [d for d in deeds if d not in on_board]
    # In 公示, with an objection waiting for its answer.
    n = actions.nomination_publicise(
        actor=staff, nomination=review(consent(nominate(rest[0]), "full"), majority)
    )
    if objector is not None and objector.pk not in {n.consenter.user_id, staff.pk}:
        actions.objection_record(
            actor=objector, nomination=n, text="听说这件事还有别人一起做的，建议核实后再上榜。"
        )
    made += 1
    # In review, one opinion in.
    review(consent(nominate(rest[1]), "surname"), 1)
    made += 1
    # Awaiting consent: in the first community, the demo resident `jumin`.
    me = Resident.objects.filter(user=jumin, community=community).first() if jumin else None
    nominate(rest[2], nominee=me)
    made += 1
    if number == 1:
        actions.nomination_decline(actor=staff, nomination=nominate(rest[3 % len(rest)]))
        made += 1
    return made
