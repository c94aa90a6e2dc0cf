"""Legal aides and the law-savvy in the demo township (gongzhi.legal), made through the legal actions.

Every community has its legal adviser (青山村's is linked to the account `falv_guwen`, who publishes their own
slots), a legal assistant and a police liaison, and 法律明白人 from the priority groups — three in office in
every community but the second, which has two (a third is still in training, so the township's coverage shows
it short), plus one selected in each. 青山村 has open consultation slots, the demo resident `jumin`'s booking
tomorrow (the reminder job sends the day-before notice) and a consultation held last week. One 民主法治示范村
application in each state: named (approved), submitted, returned for more, rejected.
"""

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.legal import actions
from gongzhi.legal.models import Consultation, Slot
from gongzhi.legal.standards import CRITERION_KEYS, PRIORITY_GROUPS
from gongzhi.residents.models import Resident

ADVISER_USERNAME = "falv_guwen"
FIRMS = ["洪川县正平律师事务所", "洪川县明诚律师事务所", "洪川县法律援助中心", "永安镇司法所"]
ADVISERS = ["李正平", "王明诚", "张立新", "刘文静", "陈建国", "赵雅琴"]
COURSES = [
    ("宪法和民法典基础", "2"),
    ("人民调解实务", "3"),
    ("婚姻家庭纠纷化解", "2.5"),
    ("防范电信诈骗和传销", "1.5"),
]
NOTES = {
    "party_leadership": "村党组织书记兼任村委会主任，各类组织在党组织领导下开展工作",
    "self_governance": "村民代表会议每季度召开，会议记录齐全",
    "democratic_decisions": "年内重大事项均按“四议两公开”决策并公示",
    "convention": "村规民约已修订并报镇备案",
    "open_affairs": "村务、财务按季度公开，监委会全程监督",
    "legal_education": "建有法治文化广场，法律明白人每月入户宣讲",
    "legal_services": "法律顾问每周坐班半天，可电话预约咨询",
    "disputes": "调委会全年调处纠纷，调解成功率高",
    "safety": "全年无刑事案件和群体性事件",
    "virtue": "开展好家风评选，道德讲堂定期开讲",
}
SUMMARY = (
    "{name}坚持党组织领导，健全村(居)民自治制度，聘请法律顾问，培养法律明白人，"
    "建立人民调解、法治宣传和村务公开的长效机制，群众安全感和满意度持续提升。"
)


def _at(days: int, hour: int) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(hour))
    )


def _pdf(community: Area) -> SimpleUploadedFile:
    from gongzhi.residents.pdf import HTML

    html = (
        f"<h1>{community.name}民主法治示范村(社区)创建佐证材料</h1>"
        "<p>一、法律顾问服务记录　二、法律明白人培训台账　三、人民调解台账　四、村务公开记录</p>"
    )
    return SimpleUploadedFile(
        "创建佐证材料.pdf", HTML(string=html).write_pdf(), content_type="application/pdf"
    )


def _assessment(community: Area, short: bool = False) -> dict:
    return {
        key: {
            "met": not (short and key == "legal_education"),
            "note": NOTES[key] if not short or key != "legal_education" else "",
        }
        for key in CRITERION_KEYS
    }


@transaction.atomic
def demo_legal_seed(*, township: Area, communities: list[Area], password: str, rng: random.Random) -> int:
    """Returns how many 法律明白人 are in office across the township."""
    admin = User.objects.get(username="zhen_admin")
    lawyer = User.objects.create(username=ADVISER_USERNAME, display_name="李律师", password=password,
                                 email=f"{ADVISER_USERNAME}@demo.gongzhi.local")  # fmt: skip
    today = timezone.localdate()
    active_total = 0
    for index, community in enumerate(communities):
        staff = _staff_of(community)
        actions.aide_appoint(
            actor=staff, community=community, kind="adviser", name=ADVISERS[index % len(ADVISERS)],
            unit=FIRMS[index % len(FIRMS)], phone=f"139812{40000 + index:05d}", term_start=today.replace(month=1, day=1),
            term_end=today.replace(month=12, day=31), duties="每周到村(社区)坐班半天，解答法律咨询，审核村规民约和合同",
            user=lawyer if index == 0 else None,
        )  # fmt: skip
        actions.aide_appoint(
            actor=staff, community=community, kind="assistant", name="周" + "明亮华强"[index % 4],
            unit="永安镇司法所", term_start=today.replace(month=1, day=1), duties="协助调解、普法宣传和法律援助转介",
        )  # fmt: skip
        actions.aide_appoint(
            actor=staff, community=community, kind="police", name="吴" + "刚勇军峰"[index % 4],
            unit="永安派出所", phone=f"139812{50000 + index:05d}", term_start=today.replace(month=1, day=1),
            duties="联系辖区治安，参与矛盾纠纷排查和反诈、打击传销宣传",
        )  # fmt: skip
        adults = list(
            Resident.objects.filter(community=community, status="active",
                                    birth_date__lte=today - dt.timedelta(days=365 * 25)).order_by("id")[:200]
        )  # fmt: skip
        chosen = rng.sample(adults, min(5, len(adults)))
        in_office = 2 if index == 1 else 3
        for n, resident in enumerate(chosen):
            group = PRIORITY_GROUPS[(index + n) % len(PRIORITY_GROUPS)].key
            savvy = actions.savvy_select(actor=staff, community=community, resident=resident, group=group,
                                         duties="学法用法，入户宣讲，发现和报告矛盾纠纷")  # fmt: skip
            if n == len(chosen) - 1:
                continue  # selected, not yet trained
            actions.savvy_move(actor=staff, savvy=savvy, verb="train")
            for course, hours in COURSES[: 2 + n % 3]:
                actions.savvy_training_record(actor=staff, savvy=savvy, held_on=today - dt.timedelta(days=60 - n * 7),
                                              course=course, hours=hours, organiser="永安镇司法所")  # fmt: skip
            if n < in_office:
                actions.savvy_assess(
                    actor=staff, savvy=savvy, assessed_on=today - dt.timedelta(days=20), passed=True
                )
                actions.savvy_move(actor=staff, savvy=savvy, verb="activate")
                active_total += 1
    first = communities[0]
    # 青山村: open slots the adviser published, jumin's booking tomorrow, one held last week.
    for days, hour in ((2, 9), (3, 14), (5, 9), (8, 14)):
        actions.slot_publish(
            actor=lawyer, community=first, starts_at=_at(days, hour), place="青山村便民服务中心法律服务室"
        )
    actions.slot_publish(actor=lawyer, community=first, starts_at=_at(4, 19), minutes=30, by_phone=True)
    jumin = User.objects.get(username="jumin")
    tomorrow = actions.slot_publish(
        actor=lawyer, community=first, starts_at=_at(1, 9), place="青山村便民服务中心法律服务室"
    )
    actions.consultation_book(actor=jumin, slot=tomorrow, topic="承包地流转合同的期限和违约责任")
    held_slot = actions.slot_publish(
        actor=lawyer, community=first, starts_at=_at(6, 9), place="青山村便民服务中心法律服务室"
    )
    held = actions.consultation_book(actor=jumin, slot=held_slot, topic="邻居建房占用通道")
    Slot.objects.filter(pk=held_slot.pk).update(starts_at=_at(-7, 9))
    held.refresh_from_db()
    actions.consultation_record(actor=lawyer, consultation=Consultation.objects.get(pk=held.pk), held=True)
    for community in communities[1:]:
        for days, hour in ((2, 9), (6, 14)):
            actions.slot_publish(
                actor=admin,
                community=community,
                starts_at=_at(days, hour),
                place=f"{community.name}党群服务中心",
            )
    # One application in each state.
    year = today.year

    def apply(index: int, for_year: int, short: bool = False):
        community = communities[index]
        return actions.application_submit(
            actor=_staff_of(community), community=community, year=for_year,
            assessment=_assessment(community, short), summary=SUMMARY.format(name=community.name), files=[_pdf(community)],
        )  # fmt: skip

    named = apply(0, year - 1)
    actions.application_decide(
        actor=admin, application=named, verb="approve", note="创建成效明显，材料齐全，予以命名"
    )
    apply(3, year)
    returned = apply(2, year, short=True) if len(communities) > 2 else None
    if returned is not None:
        actions.application_decide(actor=admin, application=returned, verb="return",
                                   note="请补充法律明白人培训台账和法治宣传活动记录")  # fmt: skip
    if len(communities) > 4:
        rejected = apply(4, year, short=True)
        actions.application_decide(actor=admin, application=rejected, verb="reject",
                                   note="法律明白人未配齐，法治宣传教育未达标，明年再申报")  # fmt: skip
    return active_total


def _staff_of(community: Area) -> User:
    """The community's staff account (the conventions' demo made one for every community)."""
    return User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).order_by("pk").first() or User.objects.get(username="zhen_admin")
