"""The party members' pledges 双亮 in the demo, made through the pledge actions (approval, versions, the audit
trail and notices are real).

In every community, among the party members of the register: the demo party member's account (`dangyuan` in the
first community, `dangyuan_<code>` elsewhere, the helpers who claim wishes in demo_wishes) is linked to their own
register entry and writes their own pledge, approved and shown with their full name and what they did; the
community's staff write others' pledges for them (assisted, on a signed paper form) — approved and shown under
姓+某某, approved but not shown (no consent to be shown), and one waiting for the party organisation. The first
community also has a pledge returned for revision, a revised one whose new version waits while the approved
one stays public, and last year's pledge closed with its 践诺 account.
"""

import random

from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.pledges import actions
from gongzhi.pledges.models import VanguardPost
from gongzhi.pledges.selectors import party_members_of
from gongzhi.residents.models import Resident

# (post, pledge): a few lines a member would write.
PLEDGES = [
    ("政策宣传岗", "每月在党员活动日给本组群众讲一次惠民政策。\n帮助老人在手机上办理养老认证。"),
    ("环境卫生岗", "带头清理房前屋后和沟渠的垃圾。\n每周六上午参加村里的环境整治。"),
    ("矛盾调解岗", "邻里有了矛盾第一时间上门劝解。\n协助调委会做好矛盾纠纷的排查。"),
    ("平安巡逻岗", "每周参加两次夜间治安巡逻。\n发现安全隐患及时报告网格员。"),
    ("志愿服务岗", "每季度至少认领并帮助实现两个微心愿。\n参加村里组织的志愿服务活动。"),
    ("扶贫帮困岗", "经常看望组里的困难老人，帮忙代购生活用品。\n帮助困难家庭申请应享的政策。"),
]
GROUPS = ("第一党小组", "第二党小组", "第三党小组")
ACCOUNT = "全年走访困难群众二十余次，帮助解决了用水、就医等难事，承诺的事项都已做到。"


def _staff(community: Area) -> User:
    staff = User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).first()
    assert staff is not None, "demo_conventions_seed gives every community its staff"
    return staff


def _helper(number: int, community: Area) -> User | None:
    username = "dangyuan" if number == 1 else f"dangyuan_{community.code[-6:]}"
    return User.objects.filter(username=username).first()


def demo_pledges_seed(*, communities: list[Area], rng: random.Random) -> int:
    posts = {p.name: p for p in VanguardPost.objects.all()}
    approver = User.objects.get(username="zhen_admin")
    made = 0
    for number, community in enumerate(communities, start=1):
        with transaction.atomic():
            made += _community_seed(community, number, posts, approver, rng)
    return made


def _community_seed(community: Area, number: int, posts: dict, approver: User, rng: random.Random) -> int:
    staff = _staff(community)
    year = timezone.localdate().year
    members = list(party_members_of(community)[:40])
    rng.shuffle(members)
    helper = _helper(number, community)
    own = None
    if helper is not None:
        own = Resident.objects.filter(user=helper).first()
        if own is None:
            # The helper account is a party member of the register (as demo_wishes named them): link it.
            own = next(
                (m for m in members if m.user_id is None and m.name == helper.display_name), None
            ) or next((m for m in members if m.user_id is None), None)
            if own is not None:
                Resident.objects.filter(pk=own.pk).update(user=helper)
                own.user = helper
    others = [m for m in members if m.user_id is None and (own is None or m.pk != own.pk)]
    texts = PLEDGES[:]
    rng.shuffle(texts)
    made = 0

    def write(member, actor, text_index: int, **extra):
        post, text = texts[text_index % len(texts)]
        return actions.pledge_write(
            actor=actor, resident=member, year=extra.pop("year", year), post=posts[post], text=text,
            party_group=GROUPS[text_index % len(GROUPS)], **extra,
        )  # fmt: skip

    if own is not None and helper is not None:
        pledge = write(own, helper, 0)
        actions.pledge_approve(actor=staff, pledge=pledge)
        actions.privacy_set(actor=helper, resident=own, public=True, name_display="full", deeds_shown=True)
        made += 1
    plan = ["public_surname", "public_surname_deeds", "not_public", "waiting"]
    if number == 1:
        plan += ["returned", "revised", "closed_last_year"]
    for index, (member, kind) in enumerate(zip(others, plan, strict=False), start=1):
        extra = {"year": year - 1} if kind == "closed_last_year" else {}
        pledge = write(member, staff, index, consent_channel="paper", **extra)
        made += 1
        if kind == "waiting":
            continue
        if kind == "returned":
            actions.pledge_return(actor=staff, pledge=pledge, reason="请把承诺写得具体些，写清每月做什么")
            continue
        actions.pledge_approve(actor=approver if number % 2 else staff, pledge=pledge)
        if kind in ("public_surname", "public_surname_deeds", "revised", "closed_last_year"):
            actions.privacy_set(actor=staff, resident=member, public=True, name_display="surname",
                                deeds_shown=kind == "public_surname_deeds", paper_consent=True)  # fmt: skip
        if kind == "revised":
            post, text = texts[(index + 1) % len(texts)]
            actions.pledge_revise(actor=staff, pledge=pledge, post=posts[post], text=text + "\n每月向党小组汇报一次。",
                                  party_group=pledge.party_group, consent_channel="in_person")  # fmt: skip
        if kind == "closed_last_year":
            actions.pledge_close(actor=staff, pledge=pledge, account=ACCOUNT)
    return made
