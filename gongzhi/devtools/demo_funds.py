"""The demo township's funds (gongzhi.funds) for last year, made through the funds' actions.

Every community gets its 专项经费, 办公经费 and 公共服务资金 with income from 财政, 部门, 共驻共建 and donations, and
a few spending plans. In the first community (青山村) the whole year runs: 王报账 (`cun_baozhang`) records the
expenditures with a photographed voucher, 李书记 (`cun_ganbu`) and 周主任 (`cun_zhuren`) approve them, 冯监委
(`jianwei`, seated on the supervisory committee) reviews them — one is questioned and answered — and the boards
of the first three quarters are reviewed and published on the public board; the fourth waits for 民主理财. In the
other communities the expenditures are recorded and wait for their two approvals.
"""

import datetime as dt
import io
import random

from django.utils import timezone
from PIL import Image, ImageDraw

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.funds import actions
from gongzhi.funds.models import FundKind, IncomeSource, Verdict
from gongzhi.funds.rules import supervisory_member

# (kind code, source code, amount, month, note)
INCOME = [
    ("special", "finance", "150000.00", 1, "镇财政拨付村级组织运转专项经费"),
    ("special", "department", "30000.00", 4, "民政办居家养老服务补助"),
    ("office", "finance", "60000.00", 1, "村级办公经费"),
    ("public_service", "finance", "100000.00", 2, "村级公共服务资金"),
    ("public_service", "partners", "20000.00", 5, "共驻共建单位捐资"),
    ("public_service", "donation", "8800.00", 9, "乡贤捐赠"),
]
# (kind code, title, amount, [(month, day, amount, payee, purpose)])
PLANS = [
    ("special", "文化活动室修缮", "45000.00", [(3, 12, "18600.00", "青山建材店", "购买水泥、瓷砖"),
                                             (5, 20, "21000.00", "永安建筑队", "修缮人工费")]),
    ("office", "办公用品和水电", "24000.00", [(2, 8, "3260.50", "永安文具店", "打印纸、墨盒"),
                                            (7, 15, "5120.00", "永安供电所", "上半年电费"),
                                            (11, 3, "2890.00", "永安文具店", "会议用品")]),
    ("public_service", "村道路灯维修", "36000.00", [(8, 22, "15800.00", "永安电器行", "更换路灯灯头40个"),
                                             (10, 9, "9600.00", "永安电器行", "路灯线路检修")]),
]  # fmt: skip


def _voucher(rng: random.Random) -> bytes:
    """A photographed receipt: a pale sheet with ruled lines."""
    image = Image.new("RGB", (480, 320), (250, 247, 238))
    draw = ImageDraw.Draw(image)
    for row in range(40, 300, 28):
        draw.line([(30, row), (450, row)], fill=(180, 170, 160), width=1)
    draw.rectangle([(340, 230), (430, 300)], outline=(200, 40, 40), width=3)  # the seal
    draw.line([(40, 60), (40 + rng.randint(120, 300), 60)], fill=(30, 30, 30), width=3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _account(username: str, display: str, community: Area, password: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, display_name=display, email=f"{username}@demo.gongzhi.local")
        user.password = password
        user.save()
        RoleAssignment.objects.create(
            user=user, role=Role.COMMUNITY_STAFF, area=community, area_path=community.path
        )
    return user


def _staff_of(community: Area) -> User:
    return User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).order_by("pk").first() or User.objects.get(username="cun_ganbu")


def demo_funds_seed(*, township: Area, communities: list[Area], password: str, rng: random.Random) -> int:
    """Returns the number of expenditures recorded."""
    year = timezone.localdate().year - 1
    kinds = {k.code: k for k in FundKind.objects.all()}
    sources = {s.code: s for s in IncomeSource.objects.all()}
    admin = User.objects.get(username="zhen_admin")
    actions.policy_set(actor=admin, township=township, decision_above="50000", monthly_above=30,
                       approver_roles=["community_staff"])  # fmt: skip
    first = communities[0]
    recorder = _account("cun_baozhang", "王报账", first, password)
    approvers = [User.objects.get(username="cun_ganbu"), _account("cun_zhuren", "周主任", first, password)]
    supervisor = User.objects.filter(username="jianwei").first() or admin
    reviewing = supervisory_member(supervisor, first)
    count = 0
    for community in communities:
        main = community == first
        staff = recorder if main else _staff_of(community)
        funds = {}
        for code in ("special", "office", "public_service"):
            funds[code] = actions.fund_create(actor=staff, community=community, year=year, kind=kinds[code])
        for code, source, amount, month, note in INCOME:
            actions.income_record(actor=staff, fund=funds[code], source=sources[source], amount=amount,
                                  received_on=dt.date(year, month, rng.randint(3, 25)), note=note)  # fmt: skip
        for code, title, amount, spendings in PLANS:
            plan = actions.create_plan(staff, funds[code], title, amount, note="经村两委会议研究")
            for month, day, paid, payee, purpose in spendings if main else spendings[:1]:
                spending = actions.expenditure_record(
                    actor=staff, plan=plan, amount=paid, payee=payee, spent_on=dt.date(year, month, day),
                    purpose=purpose, vouchers=[_voucher(rng)],
                )  # fmt: skip
                count += 1
                if not main:
                    continue
                for person in approvers:
                    actions.expenditure_approve(actor=person, expenditure=spending)
                if reviewing and month <= 9:
                    questioned = payee == "永安电器行" and month == 8
                    verdict = Verdict.QUESTIONED if questioned else Verdict.PASSED
                    remark = "灯头单价偏高，请说明采购方式" if questioned else ""
                    actions.expenditure_review(
                        actor=supervisor, expenditure=spending, verdict=verdict, remark=remark
                    )
                    if questioned:
                        actions.expenditure_answer(actor=staff, expenditure=spending,
                                                   answer="经三家比价选定，含安装费，比价单已附凭证")  # fmt: skip
                        actions.expenditure_review(
                            actor=supervisor, expenditure=spending, verdict=Verdict.PASSED
                        )
    for quarter in range(4):
        board = actions.board_generate(actor=recorder, community=first, day=dt.date(year, quarter * 3 + 1, 1))
        if reviewing and quarter < 3:
            actions.board_review(actor=supervisor, board=board, remark="账目相符，凭证齐全")
            actions.board_publish(actor=recorder, board=board)
    return count
