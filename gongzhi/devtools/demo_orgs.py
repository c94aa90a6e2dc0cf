"""Social organisations of the demo township (gongzhi.orgs), made through the registry's actions: the
township's registered social-work agency (a purchased service), volunteers' association and a co-building
unit (共驻共建), one application pending review; 青山村's filed (备案) community groups — one suspended — and
one group of the fourth community. The representative `zuzhi_daibiao` speaks for 青山村's 乡贤理事会 and the
social-work agency (协同参与 in the proposals' 议事厅, gongzhi.devtools.demo_proposals).
"""

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.orgs.actions import organisation_move, organisation_register, representative_add
from gongzhi.orgs.models import Organisation

# username, display name, the organisations it represents (by the order of the list below)
DEMO_ORG_REPRESENTATIVES = [("zuzhi_daibiao", "何代表", (0, 3))]


def _on(days_ago: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


@transaction.atomic
def demo_orgs_seed(*, township: Area, communities: list[Area], password: str, rng: random.Random) -> int:
    admin = User.objects.get(username="zhen_admin")
    staff = User.objects.get(username="cun_ganbu")
    staff2 = User.objects.get(username="cun_ganbu2")
    first = communities[0]
    fourth = communities[min(3, len(communities) - 1)]
    county = "洪川县民政局"
    first_no, fourth_no = (first.code or "001")[-3:], (fourth.code or "004")[-3:]
    plans: list[tuple[User, Area, dict[str, Any], list[tuple[str, str]]]] = [
        # (actor, home, fields, moves)
        (admin, township, {
            "name": f"{township.name}阳光社会工作服务中心", "kind": "social_work", "authority": county,
            "credit_code": "52511423MJ0A1B2C3B", "communities": communities[:3], "contact_name": "陈晓燕",
            "contact_phone": "13981230001",
            "description": "镇政府购买的社会工作服务：留守老人探访、困境儿童关爱、社区活动策划。",
        }, [("approve", "")]),
        (admin, township, {
            "name": f"{township.name}志愿者协会", "kind": "volunteer", "authority": county,
            "credit_code": "51511423MJ0C3D4E55", "serves_all": True, "contact_name": "刘建华",
            "contact_phone": "13981230002", "description": "组织全镇志愿者开展助老、环境整治和应急服务。",
        }, [("approve", "")]),
        (admin, township, {
            "name": "国网洪川县供电公司永安供电所", "kind": "co_builder", "authority": "共驻共建协议（镇党委）",
            "credit_code": "91511423MA6X7Y8W9W", "serves_all": True, "contact_name": "张伟",
            "contact_phone": "13981230003", "description": "共驻共建单位：安全用电进社区、线路隐患排查。",
        }, [("approve", "")]),
        (staff, first, {
            "name": f"{first.name}乡贤理事会", "kind": "community_group",
            "authority": f"{first.name}村民委员会（备案）", "filing_number": f"备-{first_no}-2024-01",
            "filed_on": _on(400), "contact_name": "李德明", "contact_phone": "13981230004",
            "description": "乡贤参与村务协商、调解邻里纠纷、助学助老。",
        }, [("approve", "")]),
        (staff, first, {
            "name": f"{first.name}广场舞队", "kind": "community_group",
            "authority": f"{first.name}村民委员会（备案）", "filing_number": f"备-{first_no}-2024-02",
            "filed_on": _on(300), "contact_name": "周芳", "contact_phone": "13981230005",
            "description": "每晚七点在村文化广场活动，欢迎村民参加。",
        }, [("approve", "")]),
        (staff, first, {
            "name": f"{first.name}象棋协会", "kind": "community_group",
            "authority": f"{first.name}村民委员会（备案）", "filing_number": f"备-{first_no}-2024-03",
            "filed_on": _on(200), "contact_name": "吴老根", "contact_phone": "13981230006",
        }, [("approve", ""), ("suspend", "负责人外出务工，活动暂停，待确定新负责人")]),
        (staff2, fourth, {
            "name": f"{fourth.name}邻里互助会", "kind": "community_group",
            "authority": f"{fourth.name}居民委员会（备案）", "filing_number": f"备-{fourth_no}-2025-01",
            "filed_on": _on(90), "contact_name": "郑丽", "contact_phone": "13981230007",
            "description": "楼栋互助、代买代办、独居老人结对。",
        }, [("approve", "")]),
        (admin, township, {
            "name": f"{township.name}老年人体育协会", "kind": "other", "authority": county,
            "filing_number": "受理-2026-015", "filed_on": _on(10), "serves_all": True, "contact_name": "孙桂兰",
            "contact_phone": "13981230008", "description": "申请登记中：门球、太极拳、健步走。",
        }, []),
    ]  # fmt: skip
    made: list[Organisation] = []
    for actor, home, fields, moves in plans:
        org = organisation_register(actor=actor, home=home, **fields)
        for verb, reason in moves:
            org = organisation_move(actor=actor, organisation=org, verb=verb, reason=reason)
        made.append(org)
    for username, display, which in DEMO_ORG_REPRESENTATIVES:
        user = User(username=username, display_name=display, email=f"{username}@demo.gongzhi.local")
        user.password = password
        user.save()
        for index in which:
            keeper = admin if made[index].home_id == township.pk else staff
            representative_add(actor=keeper, organisation=made[index], user=user)
    return len(made)
