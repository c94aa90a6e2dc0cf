"""Township departments in the demo, each with a staff member, and situation notes escalated to them (吹哨).

永安镇 has 民政办, 综治中心 (its joint handling), 社会事务办 and 农业农村办; each
has one officer holding the township reviewer role in it. In the first
community the resident posts three notes, which the community staff accept:
one is called to 民政办, which has replied; one to 综治中心 and 农业农村办 at
once (joint handling), still waiting; one has no call, so the handler can
show how to make one. Everything is made through the actions, so the
timeline, notices and audit trail are real.
"""

from django.db import transaction

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area, Department, DepartmentKind
from gongzhi.situations import actions

DEMO_DEPARTMENTS = [
    # name, kind, username, display name
    ("民政办", DepartmentKind.DEPARTMENT, "minzheng", "林民政"),
    ("综治中心", DepartmentKind.JOINT, "zongzhi", "高综治"),
    ("社会事务办", DepartmentKind.DEPARTMENT, "shehui", "何社事"),
    ("农业农村办", DepartmentKind.DEPARTMENT, "nongban", "罗农办"),
]

NOTES = [
    ("livelihood", "5组", "独居的王奶奶冬天家里没有取暖设备，腿脚不便，希望能申请临时救助。"),
    ("safety", "村委会东侧鱼塘", "鱼塘边的护栏倒了一段，放学的孩子常在这里玩，还有人在塘边烧秸秆。"),
    ("environment", "2组路口", "路口的垃圾收集点三天没有清运，气味很大。"),
]


def demo_departments_seed(*, township: Area, password: str) -> dict[str, User]:
    """The four departments and their officers; returns {username: user}."""
    officers = {}
    for order, (name, kind, username, display) in enumerate(DEMO_DEPARTMENTS, start=1):
        department = Department.objects.create(township=township, name=name, kind=kind, sort_order=order)
        user = User(
            username=username, display_name=display, email=f"{username}@demo.gongzhi.local", password=password
        )
        user.save()
        RoleAssignment.objects.create(
            user=user,
            role=Role.TOWNSHIP_REVIEWER,
            area=township,
            area_path=township.path,
            department=department,
        )
        officers[username] = user
    return officers


@transaction.atomic
def demo_escalations_seed(*, township: Area, resident: User, handler: User, password: str) -> None:
    """`password`: the demo password, as a hash."""
    officers = demo_departments_seed(township=township, password=password)
    notes = []
    for category, place, body in NOTES:
        note = actions.situation_post(actor=resident, category=category, place=place, body=body)
        actions.situation_accept(actor=handler, situation=note, note="已安排人员上门查看")
        notes.append(note)
    departments = {d.name: d for d in Department.objects.filter(township=township)}
    escalation = actions.situation_escalate(
        actor=handler,
        situation=notes[0],
        department_ids=[departments["民政办"].pk],
        reason="老人符合临时救助条件，请民政办核实并送取暖设备。",
        workdays=5,
    )
    target = escalation.targets.get()
    actions.situation_escalation_reply(
        actor=officers["minzheng"],
        situation=notes[0],
        target_id=target.pk,
        reply="已核实，纳入临时救助，本周五前送取暖器上门。",
    )
    actions.situation_escalate(
        actor=handler,
        situation=notes[1],
        workdays=3,
        department_ids=[departments["综治中心"].pk, departments["农业农村办"].pk],
        reason="护栏修复需要农业农村办安排，塘边焚烧秸秆请综治中心牵头处置。",
    )
