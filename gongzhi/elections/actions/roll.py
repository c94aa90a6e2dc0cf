"""The voter roll (选民登记, 村民委员会组织法 第十三至十五条): built from the register, published, objected to.

    roll_generate ──▶ lines of basis (1) for the community's registered adults (bulk, idempotent)
    voter_add (basis 2 on request, basis 3 on the meeting's admission) / voter_remove (with a reason)
    roll_publish ──▶ published (at least 20 days before election day); afterwards a line changes only
        through an answered objection or a recorded addition/removal with its reason
    objection_file (within 5 days of publication) ──▶ objection_answer (due in 3 days; may add/remove the line)
    proxy_authorise (a close relative on the same roll, at most 3 per proxy; the signed 委托书's scan with it or
        later: proxy_scan_attach) / proxy_withdraw (drops it from the published list)

Who may: `elections.run` over the election (the community's staff, the township office, the committee's
members); an objection also by the resident themself. Every action writes one audit event in its transaction.
"""

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import CharField, DateTimeField, Exists, F, IntegerField, OuterRef, QuerySet, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.images import image_clean
from gongzhi.core.pdfs import pdf_check
from gongzhi.core.text import text_clean
from gongzhi.meetings.models import Meeting
from gongzhi.notices.actions import notice_send
from gongzhi.photos.actions import file_write_atomically
from gongzhi.residents.models import Resident

from .. import deadlines
from ..models import Election, Objection, ObjectionKind, Proxy, Voter, VoterAdmission, VoterBasis

REASON_MAX = 100
OBJECTION_MAX = 300
PROXIES_MAX = 3
SCAN_MAX = 5 * 1024 * 1024
SCAN_DIR = "elections/proxies"
# Close relatives for a proxy: members of one household on the register whose relation to the head is one of
# these (head, spouse, children, grandchildren, parents, grandparents, siblings); "other relatives" (80) and
# non-relatives (99) are not counted.
CLOSE_RELATIONS = frozenset({"02", "10", "20", "30", "40", "50", "60", "70"})


# The columns roll_generate writes, in the order its SELECT gives them (removed_at is left NULL).
_GENERATED = ("election_id", "round_id", "resident_id", "basis", "added_by_id", "added_at", "removal_reason")


def _voters_insert(eligible: QuerySet[Resident], *, election: Election, actor: User) -> int:
    """One INSERT … SELECT of the eligible residents' lines: the database reads and writes them in one statement,
    whatever the roll's size (a county community's thousand voters as model instances, or even as rows sent
    from Python, cost most of the time: bench/README.md, roll generation). Returns the lines added."""
    rows = eligible.annotate(
        v_election=Value(election.pk, output_field=IntegerField()),
        v_round=Value(election.round_id, output_field=IntegerField()),
        v_resident=F("pk"),
        v_basis=Value(VoterBasis.LIVING.value, output_field=CharField()),
        v_added_by=Value(actor.pk, output_field=IntegerField()),
        v_added_at=Value(timezone.now(), output_field=DateTimeField()),
        v_reason=Value("", output_field=CharField()),
    ).values_list("v_election", "v_round", "v_resident", "v_basis", "v_added_by", "v_added_at", "v_reason")
    select, params = rows.query.get_compiler(connection=connection).as_sql()
    fields = {field.attname: field.column for field in Voter._meta.concrete_fields}
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(fields[name])) for name in _GENERATED)
    table = quote(Voter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {select}", params)  # noqa: S608 (names from _meta)
        return cursor.rowcount


def _lock(election: Election) -> Election:
    return (
        Election.objects.select_for_update(of=("self",))
        .select_related("round", "community")
        .get(pk=election.pk)
    )


def _day(value: dt.date) -> str:
    return date_format(value, "Y年n月j日")


def _published(election: Election) -> bool:
    return election.roll_published_at is not None


def _eligible(actor: User, election: Election, resident: Resident, basis: str) -> None:
    """Refuse a person who may not stand on this roll, with the reason (nothing is written)."""
    if resident.status == "deceased":
        raise DomainError(_("%(name)s已故，不能列入选民名单。") % {"name": resident.name}, field="resident")
    if resident.status != "active":
        raise DomainError(_("%(name)s已迁出，不能列入选民名单。") % {"name": resident.name}, field="resident")
    if resident.birth_date > deadlines.adult_cutoff(election.election_day):
        raise DomainError(
            _("%(name)s在选举日（%(day)s）未满十八周岁，不能列入选民名单。")
            % {"name": resident.name, "day": _day(election.election_day)},
            field="resident",
        )
    if resident.community_id != election.community_id:
        raise DomainError(_("只能登记本村(社区)登记在册的居民。"), field="resident")
    registered = resident.residence_type == "registered"
    if basis in (VoterBasis.LIVING, VoterBasis.AWAY) and not registered:
        raise DomainError(
            _("户籍不在本村(社区)的居民，应按第三类（居住一年以上、经会议同意）登记。"), field="basis"
        )
    if basis == VoterBasis.NEWCOMER and registered:
        raise DomainError(_("户籍在本村(社区)的居民，应按第一类或第二类登记。"), field="basis")
    if Voter.objects.filter(election=election, resident=resident, removed_at=None).exists():
        raise Conflict(
            _("%(name)s已经在本村(社区)的选民名单上。") % {"name": resident.name}, code="voter_exists"
        )
    elsewhere = (
        Voter.objects.filter(round_id=election.round_id, resident=resident, removed_at=None)
        .select_related("election__community")
        .first()
    )
    if elsewhere is not None:
        if can(actor, "elections.view", elsewhere.election):
            message = _("%(name)s已经登记在%(community)s的选民名单上，同一次换届不能在两地登记。") % {
                "name": resident.name,
                "community": elsewhere.election.community.name,
            }
        else:
            message = _("%(name)s已经登记在本乡镇另一个村(社区)的选民名单上，同一次换届不能在两地登记。") % {
                "name": resident.name
            }
        raise Conflict(message, code="voter_elsewhere")


@transaction.atomic
def roll_generate(*, actor: User, election: Election) -> int:
    """Lines of basis (1) for everyone active in the community, registered, 18 on election day, on no roll of
    the round yet. Bulk: a fixed number of queries whatever the community's size. Returns the lines added."""
    authorize(actor, "elections.run", election)
    locked = _lock(election)
    if _published(locked):
        raise DomainError(_("选民名单已经公布，只能逐个增补并写明原因。"))
    on_roll = Voter.objects.filter(round_id=locked.round_id, resident=OuterRef("pk"), removed_at=None)
    eligible = (
        Resident.objects.filter(
            community=locked.community,
            status="active",
            residence_type="registered",
            birth_date__lte=deadlines.adult_cutoff(locked.election_day),
        )
        .exclude(Exists(on_roll))
        .order_by("pk")
    )
    added = _voters_insert(eligible, election=locked, actor=actor)
    audit_event_record(
        actor=actor, verb="elections.roll_generated", target=locked, area=locked.community,
        summary={"community": locked.community.name, "count": added},
    )  # fmt: skip
    return added


def _admission(
    basis: str,
    *,
    requested_on: dt.date | None,
    meeting: Meeting | None,
    admitted_on: dt.date | None,
    minute_ref: str,
    election: Election,
) -> dict:
    today = timezone.localdate()
    if basis == VoterBasis.AWAY:
        if requested_on is None or requested_on > today:
            raise DomainError(_("请填写本人表示参加选举的日期。"), field="requested_on")
        return {"requested_on": requested_on}
    if basis == VoterBasis.NEWCOMER:
        if meeting is not None:
            if meeting.area_id != election.community_id:
                raise DomainError(_("请选择本村(社区)的会议。"), field="meeting")
            return {"requested_on": requested_on, "meeting": meeting}
        minute_ref = text_clean(
            minute_ref, label=_("会议记录编号"), field="minute_ref", minimum=0, maximum=60
        )
        if admitted_on is None or admitted_on > today or not minute_ref:
            raise DomainError(
                _("第三类选民须经村(居)民会议或代表会议同意：请选择会议，或填写会议日期和会议记录编号。"),
                field="meeting",
            )
        return {"requested_on": requested_on, "admitted_on": admitted_on, "minute_ref": minute_ref}
    return {}


@transaction.atomic
def voter_add(
    *,
    actor: User,
    election: Election,
    resident: Resident,
    basis: str,
    requested_on: dt.date | None = None,
    meeting: Meeting | None = None,
    admitted_on: dt.date | None = None,
    minute_ref: str = "",
    reason: str = "",
    via_objection: Objection | None = None,
) -> Voter:
    authorize(actor, "elections.run", election)
    locked = _lock(election)
    if basis not in VoterBasis.values:
        raise DomainError(_("请选择登记依据。"), field="basis")
    reason = text_clean(reason, label=_("原因"), field="reason", minimum=0, maximum=REASON_MAX)
    if _published(locked) and via_objection is None and not reason:
        raise DomainError(_("选民名单已经公布，增补须写明原因。"), field="reason")
    _eligible(actor, locked, resident, basis)
    admission = _admission(
        basis, requested_on=requested_on, meeting=meeting, admitted_on=admitted_on, minute_ref=minute_ref,
        election=locked,
    )  # fmt: skip
    try:
        with transaction.atomic():
            voter = Voter.objects.create(election=locked, resident=resident, basis=basis, added_by=actor)
    except IntegrityError as error:  # a concurrent line of the same round won the race
        raise Conflict(_("这位居民已经在本次换届的选民名单上。"), code="voter_elsewhere") from error
    if admission or reason:
        VoterAdmission.objects.create(voter=voter, reason=reason, **admission)
    audit_event_record(
        actor=actor, verb="elections.voter_added", target=voter, area=locked.community,
        summary={"community": locked.community.name, "basis": basis, "published": _published(locked),
                 "reason": reason, "objection": via_objection.pk if via_objection else None},
    )  # fmt: skip
    return voter


@transaction.atomic
def voter_remove(*, actor: User, voter: Voter, reason: str, via_objection: Objection | None = None) -> Voter:
    authorize(actor, "elections.run", voter.election)
    locked = (
        Voter.objects.select_for_update(of=("self",)).select_related("election__community").get(pk=voter.pk)
    )
    if locked.removed_at is not None:
        raise DomainError(_("这一行已经从选民名单中除名。"))
    reason = text_clean(reason, label=_("除名原因"), field="reason", minimum=2, maximum=REASON_MAX)
    locked.removed_at, locked.removal_reason = timezone.now(), reason
    locked.save(update_fields=["removed_at", "removal_reason"])
    Proxy.objects.filter(withdrawn_at=None, grantor=locked).update(withdrawn_at=locked.removed_at)
    Proxy.objects.filter(withdrawn_at=None, holder=locked).update(withdrawn_at=locked.removed_at)
    audit_event_record(
        actor=actor, verb="elections.voter_removed", target=locked, area=locked.election.community,
        summary={"community": locked.election.community.name, "reason": reason,
                 "objection": via_objection.pk if via_objection else None},
    )  # fmt: skip
    return locked


@transaction.atomic
def roll_publish(*, actor: User, election: Election) -> Election:
    """The committee publishes the roll, at least 20 days before election day (第十四条)."""
    authorize(actor, "elections.run", election)
    locked = _lock(election)
    if _published(locked):
        raise DomainError(_("选民名单已经公布。"))
    if locked.committee_formed_on is None:
        raise DomainError(_("选民名单由选举委员会公布：请先登记选举委员会。"))
    last = deadlines.roll_last_day(locked.election_day)
    if timezone.localdate() > last:
        raise DomainError(
            _("选民名单应当在选举日的二十日以前公布（《村民委员会组织法》第十四条）：本村(社区)选举日为%(day)s，"
              "最迟应在%(last)s公布，现在已经不能公布。请先调整选举日。")
            % {"day": _day(locked.election_day), "last": _day(last)}
        )  # fmt: skip
    count = Voter.objects.filter(election=locked, removed_at=None).count()
    if count == 0:
        raise DomainError(_("选民名单是空的：请先从户籍登记生成选民名单。"))
    locked.roll_published_at = timezone.now()
    locked.save(update_fields=["roll_published_at"])
    audit_event_record(
        actor=actor, verb="elections.roll_published", target=locked, area=locked.community,
        summary={"community": locked.community.name, "count": count},
    )  # fmt: skip
    return locked


def _may_object(actor: User, election: Election, author: Resident) -> None:
    if (
        author.user_id == actor.pk
        and author.community_id == election.community_id
        and author.status == "active"
    ):
        return
    if not can(actor, "elections.run", election):
        raise NotPermitted()
    if author.community_id != election.community_id or author.status != "active":
        raise DomainError(_("异议人应是本村(社区)在册的居民。"), field="author")


@transaction.atomic
def objection_file(
    *,
    actor: User,
    election: Election,
    author: Resident,
    subject: Resident,
    kind: str,
    basis: str = "",
    reason: str,
) -> Objection:
    """Within 5 days of publication (第十四条), by the resident or by staff for them."""
    if not actor.is_authenticated:
        raise NotPermitted()
    _may_object(actor, election, author)
    locked = _lock(election)
    if not _published(locked):
        raise DomainError(_("选民名单还没有公布，暂不能提出异议。"))
    last = deadlines.objections_last_day(timezone.localdate(locked.roll_published_at))
    if timezone.localdate() > last:
        raise DomainError(
            _("对选民名单有异议的，应当自名单公布之日起五日内提出：本名单的异议期截至%(last)s，已经过了。")
            % {"last": _day(last)}
        )
    if kind not in ObjectionKind.values:
        raise DomainError(_("请选择异议类型。"), field="kind")
    on_roll = Voter.objects.filter(election=locked, resident=subject, removed_at=None).exists()
    if kind in (ObjectionKind.WRONGLY_ON, ObjectionKind.WRONG_BASIS) and not on_roll:
        raise DomainError(_("这位居民不在选民名单上。"), field="subject")
    if kind == ObjectionKind.LEFT_OFF and on_roll:
        raise DomainError(_("这位居民已经在选民名单上。"), field="subject")
    if kind != ObjectionKind.WRONGLY_ON and basis not in VoterBasis.values:
        raise DomainError(_("请选择应为的登记依据。"), field="basis")
    if subject.community_id != locked.community_id:
        raise DomainError(_("只能对本村(社区)的居民提出异议。"), field="subject")
    reason = text_clean(reason, label=_("异议理由"), field="reason", minimum=4, maximum=OBJECTION_MAX)
    objection = Objection.objects.create(
        election=locked, author=author, subject=subject, kind=kind,
        basis="" if kind == ObjectionKind.WRONGLY_ON else basis, reason=reason, filed_by=actor,
    )  # fmt: skip
    audit_event_record(
        actor=actor, verb="elections.objection_filed", target=objection, area=locked.community,
        summary={"community": locked.community.name, "kind": kind},
    )  # fmt: skip
    return objection


@transaction.atomic
def objection_answer(*, actor: User, objection: Objection, upheld: bool, answer: str) -> Objection:
    """The committee decides (due within 3 days); an upheld objection changes the line in the same transaction."""
    authorize(actor, "elections.run", objection.election)
    locked = (
        Objection.objects.select_for_update(of=("self",))
        .select_related("election__community", "election__round", "author", "subject")
        .get(pk=objection.pk)
    )
    if locked.answered_at is not None:
        raise DomainError(_("这条异议已经处理过了。"))
    answer = text_clean(answer, label=_("处理决定"), field="answer", minimum=4, maximum=OBJECTION_MAX)
    election = locked.election
    if upheld:
        line = Voter.objects.filter(election=election, resident=locked.subject, removed_at=None).first()
        if locked.kind == ObjectionKind.WRONGLY_ON and line is not None:
            voter_remove(actor=actor, voter=line, reason=answer[:REASON_MAX], via_objection=locked)
        elif locked.kind == ObjectionKind.LEFT_OFF and line is None:
            voter_add(actor=actor, election=election, resident=locked.subject, basis=locked.basis,
                      requested_on=timezone.localdate(locked.filed_at), admitted_on=timezone.localdate(),
                      minute_ref=_("异议处理%(pk)s") % {"pk": locked.pk}, via_objection=locked)  # fmt: skip
        elif locked.kind == ObjectionKind.WRONG_BASIS and line is not None:
            line.basis = locked.basis
            line.save(update_fields=["basis"])
    locked.upheld, locked.answer = bool(upheld), answer
    locked.answered_by, locked.answered_at = actor, timezone.now()
    locked.save(update_fields=["upheld", "answer", "answered_by", "answered_at"])
    overdue = timezone.localdate() > deadlines.answer_due(timezone.localdate(locked.filed_at))
    audit_event_record(
        actor=actor, verb="elections.objection_answered", target=locked, area=election.community,
        summary={"community": election.community.name, "upheld": bool(upheld), "overdue": overdue},
    )  # fmt: skip
    if locked.author.user_id:
        notice_send(
            recipient=locked.author.user,
            kind="elections.objection",
            title=_("您对选民名单提出的异议已有处理决定"),
            body=answer,
            url=reverse("elections:voters", args=[election.pk]),
        )
    return locked


def close_relatives(first: Resident, second: Resident) -> bool:
    """One household on the register, both the head or the head's close relatives (CLOSE_RELATIONS)."""
    return (
        first.household_id is not None
        and first.household_id == second.household_id
        and first.relation_to_head in CLOSE_RELATIONS
        and second.relation_to_head in CLOSE_RELATIONS
    )


@dataclass(frozen=True)
class Scan:
    """The written authorisation's scan, checked: a PDF as sent, or a photo re-encoded without metadata."""

    content: bytes
    extension: str  # pdf | jpg | png

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.content).hexdigest()[:16]


def proxy_scan_check(upload) -> Scan | None:
    """The scan of the signed 委托书 (a PDF, safe to open: core.pdfs; or a photo: core.images), at most 5 MB;
    None when nothing was sent. Called before the action's transaction opens: decoding a photo takes a moment,
    which would otherwise hold SQLite's write lock."""
    if upload is None:
        return None
    content = upload if isinstance(upload, bytes) else upload.read()
    if not content:
        raise DomainError(_("上传的委托书扫描件是空文件，请重新扫描或拍照后上传。"), field="scan")
    if len(content) > SCAN_MAX:
        raise DomainError(_("委托书扫描件不能超过 5 MB。"), field="scan")
    if content[:5] == b"%PDF-":
        pdf_check(content, name=_("委托书"), max_bytes=SCAN_MAX, field="scan")
        return Scan(content, "pdf")
    try:
        clean = image_clean(content, max_bytes=SCAN_MAX)
    except DomainError as exc:
        raise DomainError(_("委托书扫描件请上传 PDF 文件或照片（JPG、PNG）。"), field="scan") from exc
    return Scan(clean.content, clean.extension.lstrip("."))


def _scan_store(scan: Scan) -> str:
    """Write the scan under the data directory (readable by the application only); its relative path."""
    relative = PurePosixPath(SCAN_DIR, f"{uuid.uuid4()}.{scan.extension}")
    file_write_atomically(Path(settings.DATA_DIR) / relative, scan.content)
    return str(relative)


def _scan_remove_later(relative: str) -> None:
    """Remove a replaced scan's file once the change has committed (剩余信息保护)."""
    if relative:
        transaction.on_commit(lambda: (Path(settings.DATA_DIR) / relative).unlink(missing_ok=True))


@transaction.atomic
def proxy_authorise(
    *,
    actor: User,
    election: Election,
    grantor: Voter,
    holder: Voter,
    signed_on: dt.date | None,
    scan: Scan | None = None,
) -> Proxy:
    """Record a written authorisation, with its scan if one is at hand (`proxy_scan_check` first)."""
    authorize(actor, "elections.run", election)
    locked = _lock(election)
    if grantor.election_id != locked.pk or grantor.removed_at is not None:
        raise DomainError(_("委托人不在本村(社区)的选民名单上。"), field="grantor")
    if holder.election_id != locked.pk or holder.removed_at is not None:
        raise DomainError(_("受委托人不在本村(社区)的选民名单上：只能委托本村(社区)的选民。"), field="holder")
    if grantor.pk == holder.pk:
        raise DomainError(_("不能委托自己。"), field="holder")
    if signed_on is None or signed_on > timezone.localdate():
        raise DomainError(_("请填写书面委托书的签署日期。"), field="signed_on")
    if timezone.localdate() > locked.election_day:
        raise DomainError(_("选举日已过，不能再登记委托。"))
    if not close_relatives(grantor.resident, holder.resident):
        raise DomainError(
            _(
                "只能委托近亲属：受委托人应与委托人同户，且为户主或户主的配偶、子女、孙子女、父母、祖父母、兄弟姐妹。"
            ),
            field="holder",
        )
    if Proxy.objects.filter(grantor=grantor, withdrawn_at=None).exists():
        raise Conflict(_("这位选民已经委托过了：每位选民只能委托一次。"), code="proxy_exists")
    held = Proxy.objects.filter(holder=holder, withdrawn_at=None).count()
    if held >= PROXIES_MAX:
        raise DomainError(
            _("%(name)s已经接受了%(max)s位选民的委托，每位受委托人最多接受三人委托。")
            % {"name": holder.resident.name, "max": PROXIES_MAX},
            field="holder",
        )
    proxy = Proxy.objects.create(
        election=locked,
        grantor=grantor,
        holder=holder,
        signed_on=signed_on,
        scan_name=_scan_store(scan) if scan is not None else "",
        recorded_by=actor,
    )
    audit_event_record(
        actor=actor, verb="elections.proxy_authorised", target=proxy, area=locked.community,
        summary={"community": locked.community.name, "held": held + 1,
                 "scan": scan.digest if scan is not None else None},
    )  # fmt: skip
    return proxy


@transaction.atomic
def proxy_scan_attach(*, actor: User, proxy: Proxy, scan: Scan | None) -> Proxy:
    """Attach the signed 委托书's scan to a recorded proxy (or replace it); refused for a withdrawn one."""
    authorize(actor, "elections.run", proxy.election)
    if scan is None:
        raise DomainError(_("请上传书面委托书的扫描件（PDF 或照片）。"), field="scan")
    locked = (
        Proxy.objects.select_for_update(of=("self",)).select_related("election__community").get(pk=proxy.pk)
    )
    if locked.withdrawn_at is not None:
        raise DomainError(_("这份委托已经撤销，不能再附扫描件。"))
    replaced = locked.scan_name
    locked.scan_name = _scan_store(scan)
    locked.save(update_fields=["scan_name"])
    _scan_remove_later(replaced)
    audit_event_record(
        actor=actor, verb="elections.proxy_scan_attached", target=locked, area=locked.election.community,
        summary={"community": locked.election.community.name, "scan": scan.digest, "replaced": bool(replaced)},
    )  # fmt: skip
    return locked


def proxy_scan_path(proxy: Proxy) -> Path | None:
    """Where the proxy's scan is kept (None without one, or when its file is gone)."""
    if not proxy.scan_name:
        return None
    path = Path(settings.DATA_DIR) / proxy.scan_name
    return path if path.is_file() else None


@transaction.atomic
def proxy_withdraw(*, actor: User, proxy: Proxy) -> Proxy:
    authorize(actor, "elections.run", proxy.election)
    locked = (
        Proxy.objects.select_for_update(of=("self",)).select_related("election__community").get(pk=proxy.pk)
    )
    if locked.withdrawn_at is not None:
        raise DomainError(_("这份委托已经撤销。"))
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["withdrawn_at"])
    audit_event_record(
        actor=actor, verb="elections.proxy_withdrawn", target=locked, area=locked.election.community,
        summary={"community": locked.election.community.name},
    )  # fmt: skip
    return locked
