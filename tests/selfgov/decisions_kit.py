"""The bodies a village needs for 四议两公开, built through gongzhi.bodies' actions (shared by the decisions tests,
the permission matrix and the browser test)."""

import datetime as dt

from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.residents.models import Resident

START = dt.date(2024, 1, 10)
PARTY = "01"  # 中共党员


def village_bodies(*, staff, community, make, supervisor_user=None, shoulder_one: bool = False) -> dict:
    """Party organisation (3), committee (3; its chair is the party secretary if `shoulder_one`), supervisory
    committee (the supervisor's own resident entry, if given, and one more), representatives (5), the joint,
    party members' and whole meeting. `make(name, party=bool)` makes a resident of the community."""
    bodies = {kind: body_create(actor=staff, area=community, kind=kind) for kind in (
        BodyKind.PARTY_ORG, BodyKind.COMMITTEE, BodyKind.SUPERVISORY, BodyKind.JOINT, BodyKind.PARTY_MEMBERS,
        BodyKind.ASSEMBLY, BodyKind.REPRESENTATIVES,
    )}  # fmt: skip
    people: dict[str, Resident] = {}

    def add(kind, name, post, party=False, resident=None):
        resident = resident or people.get(name) or make(name, party=party)
        people[name] = resident
        membership_add(actor=staff, body=bodies[kind], resident=resident, post=post, started_on=START)
        return resident

    add(BodyKind.PARTY_ORG, "李书记", Post.SECRETARY, party=True)
    add(BodyKind.PARTY_ORG, "王支委", Post.MEMBER, party=True)
    add(BodyKind.PARTY_ORG, "赵支委", Post.MEMBER, party=True)
    add(BodyKind.COMMITTEE, "李书记" if shoulder_one else "陈主任", Post.CHAIR)
    add(BodyKind.COMMITTEE, "刘委员", Post.MEMBER)
    add(BodyKind.COMMITTEE, "孙委员", Post.MEMBER)
    if supervisor_user is not None:
        own = Resident.objects.filter(user=supervisor_user).first()
        if own is None:
            own = make("监委主任", party=False)
            Resident.objects.filter(pk=own.pk).update(user=supervisor_user)
            own.refresh_from_db()
        add(BodyKind.SUPERVISORY, own.name, Post.CHAIR, resident=own)
    add(BodyKind.SUPERVISORY, "周监委", Post.MEMBER)
    for name in ("吴代表", "郑代表", "冯代表", "褚代表", "卫代表"):
        add(BodyKind.REPRESENTATIVES, name, Post.REPRESENTATIVE)
    return {"bodies": bodies, "people": people}
