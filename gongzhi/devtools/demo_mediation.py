"""People's mediation in the demo township (gongzhi.mediation), made through its actions.

青山村's mediation committee (seated from the register by gongzhi.devtools.demo_bodies) gets accounts: its
chair `tiaojie_zhuren` and two of its members, `tiaojieyuan` (the demo's mediator) and `tiaojieyuan2`, each
linked to their entry in the register and holding Role.MEDIATOR over the village. Disputes stand in every
state — received, accepted, mediating (one of them a family dispute), agreed (signed scan uploaded and
followed up; another waiting for its scan with the parties wanting 司法确认), failed with a referral,
withdrawn, declined, and one reopened after a visit found the agreement not kept — each assigned to one of
the two mediators, so each is visible only to its mediators, its parties (the resident `jumin` is a party in
some) and the chair. A grid worker's report, the monthly screenings (one with a finding, one with none) and
the members' training records complete it.
"""

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfWriter

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.bodies.selectors import body_of_kind, memberships_current
from gongzhi.mediation import actions
from gongzhi.mediation.models import Dispute
from gongzhi.residents.models import Resident

# username, display name (replaced by the name in the register), the seat it takes
DEMO_MEDIATION_ACCOUNTS = [
    ("tiaojie_zhuren", "调委会主任", Post.CHAIR),
    ("tiaojieyuan", "郑调解", Post.MEMBER),
    ("tiaojieyuan2", "调解员", Post.MEMBER),
]

FACTS = {
    "neighbours": "两户相邻，一方新砌围墙占用了共用通道约半米，另一方进出农用车困难，双方多次争吵。",
    "land": "承包地边界的界桩被移动，双方对约三分地的归属有争议。",
    "damages": "一方饲养的狗咬伤另一方的孩子，医药费八百余元，双方对赔偿数额有分歧。",
    "labour": "帮工修房二十天，工钱约定不清，一方要求按每天二百元结算，另一方只愿付一半。",
    "family": "老人与两个儿子因赡养费和轮流照料发生矛盾，老人希望调委会出面调解。",
    "debt": "亲戚间借款三万元，约定一年归还，已逾期半年未还。",
    "property": "宅基地上的旧房翻建，邻居认为新房檐口滴水落到自家院内。",
}


def _seat_account(
    users_by_name: dict, *, username: str, display: str, post: str, seats, password: str, area
) -> User:
    seat = next(
        (s for s in seats if s.post == post and s.resident.user_id is None and s.pk not in users_by_name),
        None,
    )
    if seat is None:
        raise RuntimeError(f"no free seat for {username}")
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, display_name=display, email=f"{username}@demo.gongzhi.local")
        user.password = password
        user.save()
        RoleAssignment.objects.create(user=user, role=Role.MEDIATOR, area=area, area_path=area.path)
    Resident.objects.filter(pk=seat.resident.pk).update(user=user)
    user.display_name = seat.resident.name
    user.save(update_fields=["display_name"])
    users_by_name[seat.pk] = user
    return user


def _others(community: Area, avoid: set[int], rng: random.Random, n: int) -> list[Resident]:
    """Adults of the community with no account, none in the households in `avoid`."""
    pool = list(
        Resident.objects.filter(community=community, user__isnull=True, status="active")
        .exclude(household_id__in=avoid)
        .order_by("id")[:400]
    )
    return rng.sample(pool, n)


@transaction.atomic
def demo_mediation_seed(*, communities: list[Area], password: str, rng: random.Random) -> int:
    village = communities[0]
    body = body_of_kind(village, BodyKind.MEDIATION)
    if body is None:
        return 0
    seats = list(memberships_current(body))
    taken: dict = {}
    chair, mediator, second = (
        _seat_account(taken, username=u, display=d, post=p, seats=seats, password=password, area=village)
        for u, d, p in DEMO_MEDIATION_ACCOUNTS
    )
    # Mediators may not mediate between relatives: parties come from other households.
    avoid = set(
        Resident.objects.filter(user__in=[chair, mediator, second]).values_list("household_id", flat=True)
    )
    jumin = User.objects.get(username="jumin")
    jumin_resident = Resident.objects.get(user=jumin)
    if jumin_resident.household_id is not None:
        avoid.add(jumin_resident.household_id)
    people = iter(_others(village, avoid, rng, 24))
    today = timezone.localdate()

    def party(side: str, resident: Resident | None = None) -> actions.PartyInput:
        resident = resident or next(people)
        return actions.PartyInput(side=side, resident=resident)

    def outsider(name: str, phone: str) -> actions.PartyInput:
        return actions.PartyInput(side="respondent", name=name, phone=phone)

    def case(category: str, parties: list, *, by: User | None = None) -> Dispute:
        return actions.dispute_intake(
            actor=by or chair, community=village, category=category, facts=FACTS[category], parties=parties
        )

    def take(dispute: Dispute, who: User) -> Dispute:
        dispute = actions.dispute_accept(actor=chair, dispute=dispute, note="属于人民调解受理范围")
        actions.dispute_assign(actor=chair, dispute=dispute, mediator_id=who.pk)
        return Dispute.objects.get(pk=dispute.pk)

    def session(dispute: Dispute, who: User, next_steps: str = "") -> None:
        positions = {}
        for n, p in enumerate(dispute.parties.order_by("side", "id")):
            positions[p.pk] = "要求对方先认错并承担全部费用。" if n == 0 else "愿意协商，但费用应当分担。"
        actions.session_record(
            actor=who, dispute=dispute, held_on=today, place="村委会人民调解室", attendees="双方当事人、调解员、村民小组长",
            positions=positions, next_steps=next_steps,
        )  # fmt: skip

    def agree(dispute: Dispute, who: User, terms: str, *, confirmation: bool = False) -> Dispute:
        return actions.dispute_agree(
            actor=who, dispute=dispute, terms=terms, performance="自协议生效之日起十五日内履行完毕",
            effective_on=today, confirmation_wanted=confirmation,
        )  # fmt: skip

    def scan(dispute: Dispute, who: User) -> None:
        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        buffer = io.BytesIO()
        writer.write(buffer)
        actions.agreement_scan_upload(
            actor=who, dispute=dispute, upload=SimpleUploadedFile("协议书扫描件.pdf", buffer.getvalue())
        )

    # 待受理: jumin's own application.
    case("neighbours", [party("respondent")], by=jumin)
    # 已受理, no mediator yet; a grid worker's report.
    actions.dispute_accept(actor=chair, dispute=case("damages", [party("applicant"), party("respondent")]))
    grid_worker = User.objects.filter(username="wanggeyuan").first()
    if grid_worker is not None:
        grid_home = Resident.objects.filter(
            grid__in=[a.area for a in grid_worker.role_assignments.all()], user__isnull=True
        ).exclude(household_id__in=avoid)
        reported = grid_home.first()
        if reported is not None:
            actions.dispute_intake(
                actor=grid_worker, community=village, category="land", facts=FACTS["land"],
                parties=[actions.PartyInput(side="applicant", resident=reported), outsider("外村承包户", "13905551234")],
            )  # fmt: skip
    # 调解中: tiaojieyuan's, with jumin a party; a family dispute for tiaojieyuan2 (the chair sees its course only).
    mediating = take(case("property", [party("applicant", jumin_resident), party("respondent")]), mediator)
    session(mediating, mediator, "双方回去量一量檐口，下周再谈")
    family = take(case("family", [party("applicant"), party("respondent"), party("respondent")]), second)
    session(family, second, "请两个儿子商量轮流照料的安排")
    # 已达成协议: signed and scanned, followed up (kept); another waiting for its scan, 司法确认 wanted.
    kept = take(case("labour", [party("applicant"), party("respondent")]), mediator)
    session(kept, mediator)
    kept = agree(
        kept, mediator, "雇主按每天一百六十元结算二十天工钱共三千二百元，于本月底前一次付清；双方不再追究。"
    )
    scan(kept, mediator)
    actions.followup_record(
        actor=mediator, dispute=kept, visited_on=today, outcome="kept", note="工钱已付清，双方关系缓和。"
    )
    waiting = take(case("debt", [party("applicant", jumin_resident), party("respondent")]), mediator)
    session(waiting, mediator)
    agree(
        waiting,
        mediator,
        "借款人于三个月内分三期归还三万元，每期一万元；出借人放弃逾期利息。",
        confirmation=True,
    )
    # 调解不成, referred to the township's dispute centre; 撤回; 不予受理.
    failed = take(case("land", [party("applicant"), party("respondent")]), second)
    session(failed, second)
    actions.dispute_fail(
        actor=second,
        dispute=failed,
        referral_to="township_centre",
        reason="双方对承包合同的理解分歧太大，需镇调处中心会同农经站处理。",
    )
    withdrawn = take(case("damages", [party("applicant"), outsider("过路司机", "13905556789")]), second)
    actions.dispute_withdraw(
        actor=second, dispute=withdrawn, reason="双方已私下和解（由承办调解员记录当事人的撤回）"
    )
    actions.dispute_decline(
        actor=chair,
        dispute=case("debt", [party("applicant"), party("respondent")]),
        reason="该借贷纠纷已由人民法院立案受理。",
    )
    # Reopened: a visit found the agreement not kept.
    reopened = take(case("neighbours", [party("applicant"), party("respondent")]), mediator)
    session(reopened, mediator)
    reopened = agree(reopened, mediator, "砌墙一方于十日内拆除占用通道部分，恢复通道原宽度。")
    scan(reopened, mediator)
    actions.followup_record(
        actor=mediator, dispute=reopened, visited_on=today, outcome="not_kept", note="围墙尚未拆除。"
    )
    actions.dispute_reopen(actor=chair, dispute=reopened, reason="回访发现协议未履行，重新组织调解")
    # The monthly screening: last month none found, this month one finding registered as a case.
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    actions.screening_record(
        actor=chair, community=village, month=last_month, none_found=True, note="逐户走访，未发现"
    )
    this_month = actions.screening_record(actor=mediator, community=village, month=today, none_found=False)
    actions.dispute_intake(
        actor=mediator, community=village, category="neighbours", facts="排查发现：两户因鸡鸭进菜地多次争吵。",
        parties=[party("applicant"), party("respondent")], source="screening", source_ref=this_month.pk,
    )  # fmt: skip
    # Training (人民调解法 第十四条).
    for seat in memberships_current(body):
        actions.training_record(
            actor=chair, membership=seat, held_on=today - dt.timedelta(days=40), course="人民调解法与调解技巧",
            hours="6", given_by="县司法局",
        )  # fmt: skip
    return Dispute.objects.filter(case__community=village).count()
