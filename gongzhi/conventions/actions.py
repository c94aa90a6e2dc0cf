"""The revision campaign of 村规民约/居民公约, from launch to filing, and demonstration villages.

    campaign (township):  launch ── deadline, required topics, demonstration target

    revision (community): drafting ──submit──▶ under_review ──approve──▶ approved ──adopt──▶ adopted ──file──▶ filed
                             ▲  save           │                                  (meeting, quorum)        (published,
                             └───── returned ◀─┘ return (with comments)                                      in force)

The township's 社治办 launches a campaign for a year: the deadline, which of
the default required topics apply and topics of its own, and how many
demonstration villages it aims for. Community staff start their revision
from the version in force (or from nothing), edit and save it as often as
they like — the checker (gongzhi.conventions.checker) runs on every save and
as they type — and send it for the township's legality review only when the
checker finds every required topic and no fine or other unlawful penalty.
The reviewer approves it or returns it with comments; a returned revision is
edited and sent again. Staff then record the meeting that adopted it
(members, present, for, against); gongzhi.core.quorum decides whether that
meeting was quorate and the vote carried, and refuses the record otherwise.
Filing with the township (备案) gives it a filing number and makes it the
version in force, shown on the community's public page; the version it
replaces is kept, superseded.

A community whose revision is filed may apply to be a 村规民约示范村 with its
evidence; the township's 社治办 approves or rejects, and its board counts the
approved ones against the campaign's target. Reminders go to community staff
7 days and 1 day before the deadline while their revision is not filed
(`conventions_deadline_reminders`, a periodic job).

Every action is permission-checked, locks what it reads to change, writes
one audit event in its transaction, and tells the people concerned.
"""

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.accounts.selectors import users_holding_over
from gongzhi.areas.models import Area, AreaKind, CommunityType
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.lifecycle import lifecycle_check, lifecycle_move
from gongzhi.core.text import text_clean
from gongzhi.meetings.actions import DOCUMENT_MAX as DOCUMENT_MAX  # the adoption form's limit
from gongzhi.meetings.actions import ItemVote, meeting_record
from gongzhi.meetings.actions import meeting_document_check as meeting_document_check
from gongzhi.notices.actions import notice_send

from .checker import DEFAULT_TOPICS, ConventionReport, convention_text_check
from .models import (
    EDITABLE_STATES,
    Campaign,
    ConventionVersion,
    DeadlineReminder,
    DemonstrationApplication,
    DemonstrationState,
    Revision,
    RevisionState,
)
from .rules import DRAFTERS, LAUNCHERS, REVIEWERS
from .selectors import in_force_of
from .workflow import DEMONSTRATION, REVISION, revision_event_write  # noqa: F401  (registers the lifecycles)

TITLE_MAX, TEXT_MAX, COMMENT_MAX, EVIDENCE_MAX, NOTE_MAX = 60, 20_000, 1000, 3000, 500
TOPIC_LABEL_MAX, KEYWORD_MAX, EXTRA_TOPICS_MAX = 20, 20, 10
TARGET_MAX = 500
REMINDER_DAYS = (7, 1)
NOTICE_KIND = "convention"
ADOPTION_PURPOSE = (
    "convention_adoption"  # gongzhi.meetings.Meeting.purpose of the meeting that adopts a revision
)

MEETING_KINDS: dict[str, tuple[str, ...]] = {
    CommunityType.VILLAGE.value: ("villagers_meeting", "village_representatives_meeting"),
    CommunityType.URBAN.value: ("residents_meeting", "residents_representatives_meeting"),
}


def revision_url(revision: Revision) -> str:
    return reverse("conventions:revision", args=[revision.pk])


def convention_kind_label(community: Area) -> str:
    return _("村规民约") if community.community_type == CommunityType.VILLAGE else _("居民公约")


def meeting_kinds_for(community: Area) -> tuple[str, ...]:
    return MEETING_KINDS.get(community.community_type, MEETING_KINDS[CommunityType.URBAN.value])


def revision_check(revision: Revision, text: str | None = None) -> ConventionReport:
    """The checker's report on `text` (the revision's own text if not given), with its campaign's topics."""
    return convention_text_check(revision.text if text is None else text, topics=revision.campaign.topics())


def _unix_lines(text: str | None) -> str:
    """Browsers send textarea lines with CRLF; stored texts (and their line numbers, the diff) use LF."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def _problem_count(report: ConventionReport) -> int:
    return sum(1 for topic in report.topics if not topic.covered) + len(report.violations)


def _event(revision: Revision, *, actor: User, verb: str, from_state: str, note: str = "") -> None:
    """A history row that is not a move (the start); moves write theirs through lifecycle_move."""
    revision_event_write(
        revision, actor=actor, verb=verb, from_state=from_state, to_state=revision.state, note=note
    )


def _tell(recipients, *, actor: User | None, title: str, body: str = "", url: str = "") -> None:
    for user in recipients:
        if actor is None or user.pk != actor.pk:
            notice_send(recipient=user, kind=NOTICE_KIND, title=title, body=body, url=url)


def _lock(revision: Revision) -> Revision:
    return (
        Revision.objects.select_for_update(of=("self",))
        .select_related("campaign", "community")
        .get(pk=revision.pk)
    )


# --- Campaign --------------------------------------------------------------------------------


def extra_topics_parse(text: str) -> list[dict]:
    """The township's own topics, one per line: "标签：关键词1、关键词2" (keywords default to the label)."""
    topics: list[dict] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = re.match(r"^([^:：]*)[:：](.*)$", line)
        label, rest = (match.group(1).strip(), match.group(2)) if match else (line, "")
        keywords = [k.strip() for k in re.split(r"[、,，;；/\s]+", rest) if k.strip()] or [label]
        if not label or len(label) > TOPIC_LABEL_MAX:
            raise DomainError(
                _("第%(n)d行：内容名称应为1到%(max)d个字。") % {"n": number, "max": TOPIC_LABEL_MAX},
                field="extra_topics",
            )
        if any(len(k) > KEYWORD_MAX for k in keywords):
            raise DomainError(
                _("第%(n)d行：每个关键词不能超过%(max)d个字。") % {"n": number, "max": KEYWORD_MAX},
                field="extra_topics",
            )
        if any(ord(ch) < 32 for ch in label + "".join(keywords)):
            raise DomainError(_("第%(n)d行含有无法显示的字符。") % {"n": number}, field="extra_topics")
        topics.append({"key": f"township_{len(topics) + 1}", "label": label, "keywords": keywords})
    if len(topics) > EXTRA_TOPICS_MAX:
        raise DomainError(
            _("本镇增加的内容最多%(max)d项。") % {"max": EXTRA_TOPICS_MAX}, field="extra_topics"
        )
    labels = [t["label"] for t in topics]
    if len(set(labels)) != len(labels):
        raise DomainError(_("本镇增加的内容有重复的名称。"), field="extra_topics")
    return topics


def _clean_count(value, *, label: str, field: str, maximum: int) -> int:
    if isinstance(value, bool):
        raise DomainError(_("%(label)s请填写整数。") % {"label": label}, field=field)
    try:
        number = int(str(value).strip()) if value not in (None, "") else 0
    except ValueError:
        raise DomainError(_("%(label)s请填写整数。") % {"label": label}, field=field) from None
    if not 0 <= number <= maximum:
        raise DomainError(_("%(label)s应在0到%(max)d之间。") % {"label": label, "max": maximum}, field=field)
    return number


@transaction.atomic
def campaign_launch(
    *,
    actor: User,
    township: Area | None,
    year,
    deadline: dt.date | None,
    topic_keys: list[str],
    extra_topics: str = "",
    demonstration_target=0,
    title: str = "",
) -> Campaign:
    if township is None or township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("请选择镇(乡、街道)。"), field="township")
    authorize(actor, "conventions.launch", township)
    year = _clean_count(year, label=_("年度"), field="year", maximum=2100)
    today = timezone.localdate()
    if not today.year - 1 <= year <= today.year + 1:
        raise DomainError(_("年度应为去年、今年或明年。"), field="year")
    if deadline is None:
        raise DomainError(_("请填写完成期限。"), field="deadline")
    if deadline <= today:
        raise DomainError(_("完成期限应晚于今天。"), field="deadline")
    if deadline > today + dt.timedelta(days=730):
        raise DomainError(_("完成期限应在两年之内。"), field="deadline")
    known = {t.key for t in DEFAULT_TOPICS}
    unknown = [k for k in topic_keys if k not in known]
    if unknown:
        raise DomainError(_("未知的必备内容：%(keys)s") % {"keys": "、".join(unknown)}, field="topic_keys")
    chosen = [t.key for t in DEFAULT_TOPICS if t.key in topic_keys]
    extra = extra_topics_parse(extra_topics)
    if not chosen and not extra:
        raise DomainError(_("请至少选择一项必备内容。"), field="topic_keys")
    target = _clean_count(
        demonstration_target, label=_("示范村目标数"), field="demonstration_target", maximum=TARGET_MAX
    )
    title = text_clean(title, label=_("名称"), field="title", minimum=0, maximum=100) or _(
        "%(year)d年村规民约(居民公约)修订"
    ) % {"year": year}
    if Campaign.objects.filter(township=township, year=year).exists():
        raise DomainError(_("本镇%(year)d年的修订工作已经启动过了。") % {"year": year}, field="year")
    try:
        with transaction.atomic():
            campaign = Campaign.objects.create(
                township=township,
                area_path=township.path,
                year=year,
                title=title,
                deadline=deadline,
                topic_keys=chosen,
                extra_topics=extra,
                demonstration_target=target,
                launched_by=actor,
            )
    except IntegrityError:
        raise Conflict(_("本镇%(year)d年的修订工作刚刚已由他人启动。") % {"year": year}) from None
    audit_event_record(
        actor=actor,
        verb="convention.campaign_launched",
        target=campaign,
        area=township,
        summary={
            "year": year,
            "deadline": deadline.isoformat(),
            "topics": chosen + [t["label"] for t in extra],
            "demonstration_target": target,
        },
    )
    communities = Area.objects.filter(kind=AreaKind.COMMUNITY, path__startswith=township.path)
    url = reverse("conventions:index")
    for community in communities:
        _tell(
            users_holding_over(DRAFTERS, community.path),
            actor=actor,
            url=url,
            title=_("镇里启动了%(title)s，请于%(deadline)s前完成")
            % {"title": title, "deadline": deadline.isoformat()},
        )
    return campaign


# --- The version in force --------------------------------------------------------------------


@transaction.atomic
def convention_in_force_record(
    *, actor: User, community: Area, title: str, text: str, adopted_on: dt.date | None
):
    """Enter the convention a community has had in force since before gongzhi (once; later ones come by filing)."""
    authorize(actor, "conventions.record_in_force", community)
    title = revision_title_clean(title)
    text = text_clean(_unix_lines(text), label=_("正文"), field="text", minimum=20, maximum=TEXT_MAX)
    if adopted_on is not None and adopted_on > timezone.localdate():
        raise DomainError(_("通过日期不能晚于今天。"), field="adopted_on")
    Area.objects.select_for_update().filter(pk=community.pk).first()  # one recorder per community at a time
    if ConventionVersion.objects.filter(community=community).exists():
        raise DomainError(_("本村(社区)已有现行版本；新版本请通过修订、表决和备案产生。"))
    version = ConventionVersion.objects.create(
        community=community,
        area_path=community.path,
        title=title,
        text=text,
        adopted_on=adopted_on,
        recorded_by=actor,
    )
    audit_event_record(
        actor=actor,
        verb="convention.in_force_recorded",
        target=version,
        area=community,
        summary={"title": title, "characters": len(text)},
    )
    return version


# --- Revision --------------------------------------------------------------------------------


@transaction.atomic
def revision_start(*, actor: User, campaign: Campaign, community: Area) -> Revision:
    """Start the community's revision in the campaign, from the version in force if there is one."""
    authorize(actor, "conventions.draft", community)
    if community.kind != AreaKind.COMMUNITY or not community.path.startswith(campaign.township.path):
        raise DomainError(_("这个村(社区)不在本次修订工作的范围内。"))
    existing = Revision.objects.filter(campaign=campaign, community=community).first()
    if existing is not None:
        return existing
    current = in_force_of(community)
    title = current.title if current else f"{community.name}{convention_kind_label(community)}"
    text = current.text if current else ""
    report = convention_text_check(text, topics=campaign.topics())
    try:
        with transaction.atomic():
            revision = Revision.objects.create(
                campaign=campaign,
                community=community,
                area_path=community.path,
                title=title[:TITLE_MAX],
                text=text,
                created_by=actor,
                compliant=bool(text) and report.compliant,
                problems=_problem_count(report),
            )
    except IntegrityError:
        return Revision.objects.get(campaign=campaign, community=community)
    _event(revision, actor=actor, verb="start", from_state="")
    audit_event_record(
        actor=actor,
        verb="convention.draft_started",
        target=revision,
        area=community,
        summary={"campaign": campaign.pk, "from_version": current.pk if current else None},
    )
    return revision


def revision_title_clean(title: str | None) -> str:
    """The revision's title as every save checks it (the draft form reports it with the other fields)."""
    return text_clean(title, label=_("标题"), field="title", minimum=2, maximum=TITLE_MAX)


@transaction.atomic
def revision_save(
    *, actor: User, revision: Revision, title: str, text: str, updated_at: dt.datetime | None = None
):
    """Save the draft (a draft with problems may be saved); returns (revision, report)."""
    authorize(actor, "conventions.draft", revision)
    title = revision_title_clean(title)
    text = text_clean(_unix_lines(text), label=_("正文"), field="text", minimum=0, maximum=TEXT_MAX)
    revision = _lock(revision)
    if revision.state not in EDITABLE_STATES:
        raise DomainError(_("“%(state)s”的修订稿不能再修改。") % {"state": revision.get_state_display()})
    if updated_at is not None and revision.updated_at > updated_at:
        raise Conflict(_("这份修订稿刚刚已被他人修改，请刷新后在最新稿上修改。"))
    report = revision_check(revision, text)
    revision.title, revision.text = title, text
    revision.compliant, revision.problems = bool(text) and report.compliant, _problem_count(report)
    revision.save(update_fields=["title", "text", "compliant", "problems", "updated_at"])
    audit_event_record(
        actor=actor,
        verb="convention.draft_saved",
        target=revision,
        area=revision.community,
        summary={"characters": len(text), "problems": revision.problems},
    )
    return revision, report


@transaction.atomic
def revision_submit(*, actor: User, revision: Revision) -> Revision:
    """Send for the township's legality review: only a draft the checker passes."""
    authorize(actor, "conventions.draft", revision)
    revision = _lock(revision)
    lifecycle_check(revision, "submit")
    if not revision.text.strip():
        raise DomainError(_("修订稿还没有正文，不能报送审查。"))
    report = revision_check(revision)
    if not report.compliant:
        missing = [str(t.label) for t in report.topics if not t.covered]
        parts = []
        if missing:
            parts.append(_("缺少必备内容：%(topics)s") % {"topics": "、".join(missing)})
        if report.violations:
            parts.append(_("有%(n)d处罚款或其他不当处罚条款") % {"n": len(report.violations)})
        raise DomainError(
            _("修订稿未通过检查，可以保存但不能报送审查（%(problems)s）。请按提示修改后再报送。")
            % {"problems": "；".join(parts)}
        )
    lifecycle_move(
        revision,
        "submit",
        actor=actor,
        audit_verb="convention.submitted",
        area=revision.community,
        changes={"submitted_at": timezone.now(), "compliant": True, "problems": 0},
    )
    _tell(
        users_holding_over(REVIEWERS, revision.campaign.township.path),
        actor=actor,
        url=revision_url(revision),
        title=_("%(community)s报送了%(title)s，请进行合法性审查")
        % {"community": revision.community.name, "title": revision.title},
    )
    return revision


def _drafters_of(revision: Revision):
    return users_holding_over(DRAFTERS, revision.area_path)


@transaction.atomic
def revision_review(*, actor: User, revision: Revision, approve: bool, comment: str = "") -> Revision:
    """The township's legality review: approve, or return with comments (comments required to return)."""
    authorize(actor, "conventions.review", revision)
    comment = text_clean(
        comment, label=_("审查意见"), field="comment", minimum=0 if approve else 2, maximum=COMMENT_MAX
    )
    revision = _lock(revision)
    lifecycle_move(
        revision,
        "approve" if approve else "return",
        actor=actor,
        note=comment,
        audit_verb="convention.approved" if approve else "convention.returned",
        area=revision.community,
        changes={"review_comment": comment, "reviewed_by": actor, "reviewed_at": timezone.now()},
        summary={"comment": comment},
    )
    title = (_("%(title)s通过了合法性审查，可以提交会议表决") if approve else _("%(title)s被退回修改")) % {
        "title": revision.title
    }
    _tell(_drafters_of(revision), actor=actor, title=title, body=comment, url=revision_url(revision))
    return revision


@transaction.atomic
def revision_adopt(
    *,
    actor: User,
    revision: Revision,
    meeting_kind: str,
    meeting_date: dt.date | None,
    present,
    in_favour,
    against=0,
    abstaining=0,
    members=None,
    adults=None,
    households=None,
    households_present=None,
    documents: dict | None = None,
) -> Revision:
    """Record the meeting that adopted it (a gongzhi.meetings Meeting with one item, the adoption vote);
    refused unless the meeting was quorate and the vote carried."""
    authorize(actor, "conventions.adopt", revision)
    revision = _lock(revision)
    lifecycle_check(revision, "adopt")
    if meeting_kind not in meeting_kinds_for(revision.community):
        raise DomainError(_("请选择本村(社区)适用的会议类型。"), field="meeting_kind")
    if meeting_date is None:
        raise DomainError(_("请填写会议日期。"), field="meeting_date")
    if meeting_date > timezone.localdate():
        raise DomainError(_("会议日期不能晚于今天。"), field="meeting_date")
    if revision.reviewed_at and meeting_date < timezone.localdate(revision.reviewed_at):
        raise DomainError(_("会议日期不能早于审查通过的日期。"), field="meeting_date")
    figures = {
        "present": present,
        "in_favour": in_favour,
        "against": against,
        "abstaining": abstaining,
        "members": members,
        "adults": adults,
        "households": households,
        "households_present": households_present,
    }
    counts = {name: _optional_count(value, name) for name, value in figures.items()}
    vote = ItemVote(
        revision.title,
        in_favour=counts["in_favour"],  # type: ignore[arg-type]
        against=counts["against"] or 0,
        abstaining=counts["abstaining"] or 0,
        must_pass=True,
    )
    # gongzhi.meetings counts only the bases this kind of meeting is quorate by, refuses the record unless
    # the meeting was quorate and the vote carried, and keeps the minutes and the sign-in sheet.
    meeting = meeting_record(
        actor=actor,
        area=revision.community,
        body_kind=meeting_kind,
        held_on=meeting_date,
        present=counts["present"],
        members=counts["members"],
        adults=counts["adults"],
        households=counts["households"],
        households_present=counts["households_present"],
        purpose=ADOPTION_PURPOSE,
        owner=revision,
        items=[vote],
        documents=documents,
        perm="conventions.adopt",
        perm_obj=revision,
    )
    item = meeting.items.get()
    note = f"{meeting.body_label}：{meeting.quorum_reason}；{item.vote_reason}；" + _(
        "赞成 %(yes)s，反对 %(no)s，弃权 %(abstain)s"
    ) % {"yes": item.in_favour, "no": item.against, "abstain": item.abstaining}
    roll = {
        name: getattr(meeting, name) for name in ("members", "adults", "households", "households_present")
    }
    lifecycle_move(
        revision,
        "adopt",
        actor=actor,
        note=note,
        audit_verb="convention.adopted",
        area=revision.community,
        changes={"meeting": meeting, "adopted_at": timezone.now()},
        summary={
            "meeting": meeting_kind,
            "date": meeting.held_on.isoformat(),
            **{k: v for k, v in roll.items() if v is not None},
            "present": meeting.present,
            "in_favour": item.in_favour,
            "against": item.against,
            "abstaining": item.abstaining,
            "documents": [d.kind for d in meeting.documents.all()],
        },
    )
    return revision


def meeting_count_parse(value) -> int | None:
    """A head count as typed on the meeting form: empty, or a whole number (checked field by field)."""
    return _optional_count(value, "")


def _optional_count(value, name: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise DomainError(_("人数请填写整数。"), field=name)
    try:
        return int(str(value).strip())
    except ValueError:
        raise DomainError(_("人数请填写整数。"), field=name) from None


@transaction.atomic
def revision_file(*, actor: User, revision: Revision) -> Revision:
    """File the adopted revision with the township (备案): it becomes the version in force and is published."""
    authorize(actor, "conventions.file", revision)
    revision = _lock(revision)
    now = timezone.now()
    number = f"{revision.campaign.year}-{revision.community.code or revision.community.pk}"
    lifecycle_move(
        revision,
        "file",
        actor=actor,
        note=number,
        audit_verb="convention.filed",
        area=revision.community,
        changes={"filed_at": now, "filing_number": number},
        summary={"filing_number": number},
    )
    Area.objects.select_for_update().filter(pk=revision.community_id).first()
    ConventionVersion.objects.filter(community=revision.community, superseded_at__isnull=True).update(
        superseded_at=now
    )
    ConventionVersion.objects.create(
        community=revision.community,
        area_path=revision.area_path,
        title=revision.title,
        text=revision.text,
        adopted_on=revision.meeting.held_on if revision.meeting else None,
        revision=revision,
        recorded_by=actor,
    )
    _tell(
        users_holding_over(LAUNCHERS, revision.campaign.township.path),
        actor=actor,
        url=revision_url(revision),
        title=_("%(community)s的%(title)s已报镇备案")
        % {"community": revision.community.name, "title": revision.title},
    )
    return revision


@transaction.atomic
def revision_acknowledge(*, actor: User, revision: Revision) -> Revision:
    """The township office acknowledges a filing (备案回执): the community is told, the board shows it."""
    authorize(actor, "conventions.acknowledge", revision)
    revision = _lock(revision)
    if revision.state == RevisionState.FILED and revision.acknowledged_at is not None:
        raise Conflict(
            _("这份备案已经确认收到了（%(at)s）。")
            % {"at": timezone.localtime(revision.acknowledged_at).strftime("%Y-%m-%d")}
        )
    lifecycle_move(
        revision,
        "acknowledge",
        actor=actor,
        note=revision.filing_number,
        audit_verb="convention.filing_acknowledged",
        area=revision.community,
        changes={"acknowledged_by": actor, "acknowledged_at": timezone.now()},
        summary={"filing_number": revision.filing_number},
    )
    _tell(
        _drafters_of(revision),
        actor=actor,
        url=revision_url(revision),
        title=_("镇里已确认收到%(title)s的备案（备案号 %(number)s）")
        % {"title": revision.title, "number": revision.filing_number},
    )
    return revision


# --- Demonstration villages ------------------------------------------------------------------


@transaction.atomic
def demonstration_apply(
    *, actor: User, campaign: Campaign, community: Area, evidence: str
) -> DemonstrationApplication:
    authorize(actor, "conventions.apply_demonstration", community)
    evidence = text_clean(
        evidence, label=_("创建成效与佐证材料"), field="evidence", minimum=20, maximum=EVIDENCE_MAX
    )
    filed = Revision.objects.filter(
        campaign=campaign, community=community, state=RevisionState.FILED
    ).exists()
    if not filed:
        raise DomainError(
            _("修订后的%(kind)s报镇备案后，才能申报示范村。") % {"kind": convention_kind_label(community)}
        )
    Area.objects.select_for_update().filter(pk=community.pk).first()
    open_one = DemonstrationApplication.objects.filter(
        campaign=campaign,
        community=community,
        state__in=[DemonstrationState.SUBMITTED, DemonstrationState.APPROVED],
    ).first()
    if open_one is not None:
        raise DomainError(
            _("本村(社区)已经申报过（%(state)s），不能重复申报。") % {"state": open_one.get_state_display()}
        )
    application = DemonstrationApplication.objects.create(
        campaign=campaign, community=community, area_path=community.path, evidence=evidence, applied_by=actor
    )
    audit_event_record(
        actor=actor,
        verb="demonstration.applied",
        target=application,
        area=community,
        summary={"campaign": campaign.pk, "characters": len(evidence)},
    )
    _tell(
        users_holding_over(LAUNCHERS, campaign.township.path),
        actor=actor,
        url=reverse("conventions:demonstration", args=[application.pk]),
        title=_("%(community)s申报村规民约示范村") % {"community": community.name},
    )
    return application


@transaction.atomic
def demonstration_decide(
    *, actor: User, application: DemonstrationApplication, approve: bool, note: str = ""
):
    authorize(actor, "conventions.decide_demonstration", application)
    note = text_clean(note, label=_("审核意见"), field="note", minimum=0 if approve else 2, maximum=NOTE_MAX)
    application = (
        DemonstrationApplication.objects.select_for_update(of=("self",))
        .select_related("campaign", "community")
        .get(pk=application.pk)
    )
    lifecycle_move(
        application,
        "approve" if approve else "reject",
        actor=actor,
        area=application.community,
        audit_verb="demonstration.approved" if approve else "demonstration.rejected",
        changes={"decided_by": actor, "decided_at": timezone.now(), "decision_note": note},
        summary={"note": note},
    )
    title = (
        _("%(community)s被命名为村规民约示范村") if approve else _("%(community)s的示范村申报未通过")
    ) % {"community": application.community.name}
    _tell(
        users_holding_over(DRAFTERS, application.area_path),
        actor=actor,
        title=title,
        body=note,
        url=reverse("conventions:demonstration", args=[application.pk]),
    )
    return application


# --- Deadline reminders (periodic) -----------------------------------------------------------


def conventions_deadline_reminders(*, today: dt.date | None = None) -> int:
    """Remind community staff 7 days and 1 day before the deadline while their revision is not filed.

    Idempotent: each (campaign, community, days) reminder is sent once. A runner
    that was stopped catches up with the nearest reminder still ahead, not with
    both (one message saying "1 day left" is enough).
    """
    today = today or timezone.localdate()
    sent = 0
    for campaign in Campaign.objects.filter(deadline__gt=today).select_related("township"):
        days_left = (campaign.deadline - today).days
        due = [d for d in REMINDER_DAYS if days_left <= d]
        if not due:
            continue
        days = min(due)
        filed = set(
            Revision.objects.filter(campaign=campaign, state=RevisionState.FILED).values_list(
                "community_id", flat=True
            )
        )
        for community in Area.objects.filter(
            kind=AreaKind.COMMUNITY, path__startswith=campaign.township.path
        ):
            if community.pk in filed:
                continue
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        DeadlineReminder.objects.create(
                            campaign=campaign, community=community, days_before=days
                        )
                except IntegrityError:
                    continue
                recipients = list(users_holding_over(DRAFTERS, community.path))
                _tell(
                    recipients,
                    actor=None,
                    url=reverse("conventions:index"),
                    title=_("%(title)s还有%(days)d天到期（%(deadline)s），本村(社区)尚未完成备案")
                    % {"title": campaign.title, "days": days_left, "deadline": campaign.deadline.isoformat()},
                )
                audit_event_record(
                    actor=None,
                    actor_label="系统",
                    verb="convention.deadline_reminded",
                    target=campaign,
                    area=community,
                    summary={"days_before": days, "recipients": len(recipients)},
                )
                sent += 1
    return sent


@transaction.atomic
def board_export_record(*, actor: User, campaign: Campaign, rows: int) -> None:
    """An export leaves the system: who took the board, when, how many rows."""
    authorize(actor, "conventions.export", campaign)
    audit_event_record(
        actor=actor,
        verb="convention.board_exported",
        target=campaign,
        area=campaign.township,
        summary={"rows": rows},
    )
