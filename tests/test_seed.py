"""`gongzhi seed-demo`: the demo township and the county data set, on the database under test."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.verification import audit_chain_verify
from gongzhi.cases.models import Case, CaseEvent, PrivacyTier
from gongzhi.residents.models import Household, Resident, ResidentEvent
from gongzhi.wishes.actions import WISH
from gongzhi.wishes.models import Wish
from gongzhi.wishes.selectors import wall_for
from tests.conftest import migration_rows_restore

pytestmark = pytest.mark.django_db


def test_demo_township_has_every_role_and_a_sound_audit_chain():
    call_command("seed_demo", "--quiet")
    assert Area.objects.filter(kind=AreaKind.TOWNSHIP).count() == 1
    communities = Area.objects.filter(kind=AreaKind.COMMUNITY)
    assert communities.count() == 6
    assert {c.community_type for c in communities} == {"village", "urban"}
    residents = Resident.objects.count()
    assert 2500 <= residents <= 3500
    assert Household.objects.count() > residents // 6
    # Every resident lives in a household of their community, with a 登记 event.
    assert not Resident.objects.exclude(household__community_id=F("community_id")).exists()
    assert ResidentEvent.objects.filter(kind="registered").count() == residents
    users = User.objects.filter(role_assignments__isnull=False).distinct()
    assert users.filter(username="cun_ganbu").exists()
    assert users.count() >= 10
    assert users.filter(username__in=["dangyuan", "zhiyuanzhe", "jumin", "wanggeyuan"]).count() == 4
    # A lively wall: every state of a wish in every community, some typed for a resident, some anonymised.
    for community in communities:
        states = set(Case.objects.filter(kind=WISH.kind, community=community).values_list("state", flat=True))
        assert states == set(WISH.states), community.name
        assert wall_for(community=community).exists()
    # Sensitive wishes (health, living alone …) default to staff and the claimer: off the public wall.
    assert wall_for().count() >= 6 * 6
    assert Case.objects.filter(kind=WISH.kind, privacy=PrivacyTier.RESTRICTED, state="published").exists()
    wishes = Case.objects.filter(kind=WISH.kind)
    assert wishes.filter(assisted=True, consent_at__isnull=False).exclude(consent_channel="").exists()
    assert wishes.filter(privacy=PrivacyTier.ANONYMISED, state__in=["published", "claimed"]).exists()
    assert wishes.filter(state="confirmed", rating__isnull=False).count() >= 6
    # Made through the actions: each wish has its timeline and its audit rows.
    assert (
        CaseEvent.objects.filter(verb="open", case__kind=WISH.kind).count()
        == wishes.count()
        == Wish.objects.count()
    )
    assert CaseEvent.objects.filter(verb="claim").count() > wishes.filter(state="claimed").count()
    # Conventions: last year's campaign with one community overdue; this year's under way in every state.
    from gongzhi.conventions.models import Campaign, ConventionVersion, DemonstrationApplication
    from gongzhi.conventions.selectors import board_for

    admin = User.objects.get(username="zhen_admin")
    last, this = Campaign.objects.order_by("year")
    last_board, this_board = board_for(viewer=admin, campaign=last), board_for(viewer=admin, campaign=this)
    assert last.deadline < timezone.localdate() < this.deadline
    assert last_board.overdue == 1
    assert last_board.count("filed") == 5
    # Last year's communities finished on different days, each in order, before the deadline.
    filed = [row.revision for row in last_board.rows if row.state == "filed"]
    assert len({r.filed_at.date() for r in filed}) == 5
    for r in filed:
        assert last.launched_at < r.created_at < r.submitted_at < r.reviewed_at < r.adopted_at < r.filed_at
        assert r.meeting.held_on == timezone.localdate(r.adopted_at)
        assert r.filed_at.date() <= last.deadline
        assert [e.verb for e in r.events.all()] == ["start", "submit", "approve", "adopt", "file"]
    assert this_board.overdue == 0
    assert {row.state for row in this_board.rows} == {
        "drafting",
        "filed",
        "under_review",
        "returned",
        "not_started",
    }
    drafting = next(row.revision for row in this_board.rows if row.state == "drafting")
    assert drafting.community.name
    assert drafting.problems >= 3
    assert not drafting.compliant
    assert drafting.created_by.username == "cun_ganbu"
    assert ConventionVersion.objects.filter(superseded_at__isnull=True).count() == 6
    assert DemonstrationApplication.objects.filter(campaign=this, state="approved").count() == 1
    assert this_board.demonstrations_approved == 1
    assert this.demonstration_target == 2
    report = audit_chain_verify()
    assert report.ok, report.reason
    assert report.checked > wishes.count(), report.reason


def test_county_size_is_generated_by_the_fast_writer():
    call_command(
        "seed_demo",
        "--size",
        "county",
        "--townships",
        "2",
        "--communities",
        "3",
        "--residents",
        "2000",
        "--wishes",
        "3000",
        "--applications",
        "0",
        "--quiet",
    )
    assert Area.objects.filter(kind=AreaKind.TOWNSHIP).count() == 2
    assert Area.objects.filter(kind=AreaKind.COMMUNITY).count() == 6
    assert Resident.objects.count() == 2000
    sample = Resident.objects.order_by("?").select_related("community", "household").first()
    assert sample.household.community_id == sample.community_id
    assert sample.area_path.startswith(sample.community.path)
    assert sample.name_initials
    assert len(sample.id_last4) == 4
    # Keys the writer chose do not collide with the ones the database hands out next.
    grid = Area.objects.filter(kind=AreaKind.GRID).first()
    household = Household.objects.create(
        number="N-1", area=grid, area_path=grid.path, community=sample.community
    )
    assert household.pk > Household.objects.exclude(pk=household.pk).order_by("-pk").first().pk
    # Wishes: one case, one wish and a timeline starting with 'open' each, for residents of the community.
    assert Case.objects.filter(kind="wish").count() == Wish.objects.count() == 3000
    assert CaseEvent.objects.filter(verb="open").count() == 3000
    assert CaseEvent.objects.values("case_id").distinct().count() == 3000
    assert not Case.objects.exclude(resident__community_id=F("community_id")).exists()
    states = set(Case.objects.values_list("state", flat=True))
    assert {"published", "claimed", "confirmed", "withdrawn"} <= states <= set(WISH.states)
    assert not Wish.objects.filter(
        case__state__in=["claimed", "fulfilled", "confirmed"], claimer=None
    ).exists()
    community = Area.objects.filter(kind=AreaKind.COMMUNITY).first()
    page = list(wall_for(community=community)[:24])
    assert len(page) == 24
    assert all(w.case.community_id == community.pk for w in page)
    assert list(wall_for()[:24])
    # Keys the writer chose do not collide with the ones the database hands out next.
    case = Case.objects.create(
        kind="wish", state="submitted", title="t", body="b", submitted_by=User.objects.first(),
        community=community, area_path=community.path,
    )  # fmt: skip
    assert case.pk > Case.objects.exclude(pk=case.pk).order_by("-pk").first().pk


def test_demo_seeding_commits_like_make_demo_does(audit_triggers_for_flush, settings):
    # The other seed tests run inside one transaction, so on_commit work (notice e-mails) never runs
    # there; `make demo` commits. A notice removed before its e-mail went out once broke it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A transactional test that ran earlier on this worker flushed the rows data migrations put in
    # (the default resident tags, the merit board's categories, the activities' series); put them back as
    # `migrate` would have left them.
    migration_rows_restore()
    call_command("seed_demo", "--quiet")
    from django.core import mail

    from gongzhi.conventions.models import Campaign

    assert Campaign.objects.count() == 2
    assert len(mail.outbox) > 0


def test_demo_township_has_departments_and_escalated_notes():
    call_command("seed_demo", "--quiet")
    from gongzhi.accounts.scopes import department_ids_for
    from gongzhi.areas.models import Department
    from gongzhi.cases.models import Escalation

    names = set(Department.objects.values_list("name", flat=True))
    assert {"民政办", "综治中心", "社会事务办", "农业农村办"} <= names
    officer = User.objects.get(username="minzheng")
    assert department_ids_for(officer) == {Department.objects.get(name="民政办").pk}
    assert officer.check_password("Gongzhi@Demo2026")
    escalations = Escalation.objects.all()
    assert escalations.count() == 2
    assert escalations.filter(answered_at__isnull=False).count() == 1  # 民政办 replied; the joint call waits


def test_demo_township_has_the_starter_catalogue():
    call_command("seed_demo", "--quiet")
    from gongzhi.areas.models import Area
    from gongzhi.hall.models import Matter
    from gongzhi.hall.starter import starter_count

    township = Area.objects.get(name="永安镇")
    assert Matter.objects.filter(township=township, is_active=True).count() == starter_count()
    # The demo's own 民政办 decides 低保 (the starter adds only the departments the township lacks).
    assert Matter.objects.get(township=township, code="MZ-101").department.name == "民政办"


def test_demo_hall_has_applications_in_every_state_made_through_the_actions(client):
    call_command("seed_demo", "--quiet")
    from gongzhi.hall.models import Application, FollowUp, IssuedDocument
    from gongzhi.hall.workflow import APPLICATION, APPLICATION_KIND, OPEN_STATES

    applications = Case.objects.filter(kind=APPLICATION_KIND)
    states = set(applications.values_list("state", flat=True))
    assert states == set(APPLICATION.states)
    # Across several matters and communities, by residents and for them (consent recorded).
    assert Application.objects.values("matter").distinct().count() >= 5
    assert applications.values("community").distinct().count() >= 4
    assert applications.filter(assisted=True, consent_at__isnull=False).exclude(consent_channel="").exists()
    assert Application.objects.filter(channel="proxy", case__assisted=False).exists()  # the resident asked
    # Made through the actions: each opened with its timeline, and each move on it.
    assert CaseEvent.objects.filter(verb="open", case__kind=APPLICATION_KIND).count() == applications.count()
    verbs = set(CaseEvent.objects.filter(case__kind=APPLICATION_KIND).values_list("verb", flat=True))
    assert {
        "accept",
        "accept_village",
        "accept_window",
        "forward",
        "notify",
        "supply",
        "refuse",
        "pass_up",
        "approve",
        "approve_village",
        "reject",
        "hand_off",
        "hand_back_approved",
        "hand_back_rejected",
        "issue",
        "withdraw",
    } <= verbs
    assert Application.objects.filter(materials__state="promised").exists()  # 容缺受理
    # Some open ones are overdue: their due time passed (made with the clock set back).
    now = timezone.now()
    overdue = applications.filter(state__in=OPEN_STATES, due_at__lt=now)
    assert {"submitted", "township_review", "external"} <= set(overdue.values_list("state", flat=True))
    assert applications.filter(state__in=OPEN_STATES, due_at__gt=now).exists()
    for case in overdue:
        accepted = case.application.accepted_at
        assert accepted is None or accepted < case.due_at  # acceptance and due date agree
    # The queues show them: 民政办's officer sees what is overdue in red; the township window its work.
    client.force_login(User.objects.get(username="minzheng"))
    queue = client.get("/hall/queue/").content.decode()
    assert 'data-testid="due-red"' in queue
    client.force_login(User.objects.get(username="zhen_chuangkou"))
    assert 'data-testid="due-red"' in client.get("/hall/queue/").content.decode()
    client.logout()
    # Rated: one 非常满意, one 不满意 whose follow-up the township has visited; one marked unreasonable.
    assert set(applications.filter(rating__isnull=False).values_list("rating", flat=True)) == {5, 2}
    followup = FollowUp.objects.get()
    assert followup.application.case.rating == 2
    assert followup.case.state == "rectifying"
    marked = Application.objects.get(unreasonable_at__isnull=False)
    assert marked.case.state == "refused"
    # Issued with a PDF whose code verifies.
    documents = IssuedDocument.objects.all()
    assert documents.count() == applications.filter(state="issued").count() == 2
    page = client.get(f"/verify/{documents[0].code}/")
    assert page.status_code == 200
    assert documents[0].application.matter.name in page.content.decode()
    report = audit_chain_verify()
    assert report.ok, report.reason


def _county(*extra: str) -> None:
    call_command(
        "seed_demo", "--size", "county", "--townships", "2", "--communities", "3", "--residents", "2000",
        "--wishes", "300", *extra, "--quiet",
    )  # fmt: skip


def test_county_applications_open_in_the_hall_like_real_ones(client):
    from gongzhi.accounts.roles import Role
    from gongzhi.cases.selectors import case_moves_for, case_timeline
    from gongzhi.hall.actions import office
    from gongzhi.hall.actions.desk import receipt_number_next
    from gongzhi.hall.models import Application, ApplicationMaterial, Matter, SupplyNotice
    from gongzhi.hall.selectors.applications import queue_for
    from gongzhi.hall.workflow import APPLICATION, APPLICATION_KIND

    _county("--applications", "3000")
    cases = Case.objects.filter(kind=APPLICATION_KIND)
    assert cases.count() == Application.objects.count() == 3000
    # The starter catalogue in both townships, with its departments and their officers.
    assert Matter.objects.values("township").distinct().count() == 2
    states = set(cases.values_list("state", flat=True))
    assert {"submitted", "supplementing", "village_review", "township_review", "external", "approved",
            "issued", "refused", "withdrawn"} <= states <= set(APPLICATION.states)  # fmt: skip
    assert cases.filter(state="issued").count() > cases.count() / 2  # mostly 已办结
    # Each opens its timeline; every row is one the case type allows, in order of time.
    assert CaseEvent.objects.filter(case__kind=APPLICATION_KIND, verb="open").count() == 3000
    for case in cases.order_by("?")[:200]:
        events = list(case.events.order_by("id"))
        assert [e.at for e in events] == sorted(e.at for e in events)
        assert events[-1].to_state == case.state
        for event in events[1:]:
            if event.verb != "rate":
                assert APPLICATION.move(event.verb, event.from_state).target == event.to_state
    # The checklist lines of each matter; the open notices name what is missing.
    sample = Application.objects.select_related("matter").order_by("?").first()
    assert ApplicationMaterial.objects.filter(application=sample).count() == sample.matter.materials.count()
    assert SupplyNotice.objects.filter(application__case__state="supplementing", supplied_at=None).exists()
    # Receipt numbers are unique, and the township's next one goes on past the seed's.
    numbers = list(Application.objects.exclude(number="").values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) > 1000
    # Some wait past their due time, others not yet.
    now = timezone.now()
    assert cases.filter(state="township_review", due_at__lt=now).exists()
    assert cases.filter(state="township_review", due_at__gt=now).exists()
    # The back office's queue: a department's officer sees its 乡镇审批中 applications, earliest due first.
    waiting = cases.filter(state="township_review").order_by("due_at").first()
    officer = User.objects.get(
        role_assignments__role=Role.TOWNSHIP_REVIEWER, role_assignments__department=waiting.department_id
    )
    queue = list(queue_for(viewer=officer))
    assert waiting.pk in [a.pk for a in queue]
    assert {a.case.department_id for a in queue} == {waiting.department_id}
    assert [a.case.due_at for a in queue] == sorted(a.case.due_at for a in queue)
    client.force_login(officer)
    page = client.get("/hall/queue/")
    assert page.status_code == 200
    assert page.content.decode().count('data-testid="queue-row"') == min(30, len(queue))
    assert client.get(f"/hall/a/{waiting.pk}/").status_code == 200
    # The detail of one in every state renders for whoever may see it (the village's cadre).
    for state in states:
        case = cases.filter(state=state).first()
        client.force_login(User.objects.get(username=f"county_cs_{case.community_id}"))
        assert client.get(f"/hall/a/{case.pk}/").status_code == 200, state
        assert case_timeline(case, private=True)
    # The actions take it from there: the officer decides a seeded application.
    application = Application.objects.select_related("case", "matter").get(pk=waiting.pk)
    verb = "hand_off" if application.matter.county_office else "approve"
    assert verb in case_moves_for(application, officer)
    if verb == "approve":
        decided = office.application_decide(actor=officer, application=application, verb="approve")
        assert decided.case.state == "approved"
    township = application.matter.township
    assert receipt_number_next(township) not in numbers
    # Keys the writer chose do not collide with the ones the database hands out next.
    old = ApplicationMaterial.objects.filter(application=sample).order_by("pk").first()
    old.delete()
    line = ApplicationMaterial.objects.create(application=sample, material=old.material)
    assert line.pk > ApplicationMaterial.objects.exclude(pk=line.pk).order_by("-pk").first().pk


def test_county_applications_are_added_to_a_county_seeded_without_them():
    from gongzhi.hall.models import Application

    _county("--applications", "0")
    assert not Application.objects.exists()
    call_command("seed_demo", "--size", "county", "--add-applications", "500", "--quiet")
    assert Application.objects.count() == 500
    assert Case.objects.filter(kind="wish").count() == 300
    with pytest.raises(CommandError):  # once only
        call_command("seed_demo", "--size", "county", "--add-applications", "500", "--quiet")


def test_county_year_writes_valid_rows_of_every_module():
    """`--add-year`: the county's year of meetings, decisions, the boards, facilities, bookings and disputes,
    written in bulk, in the shapes the apps' own actions leave (checked by the models' own validation)."""
    import datetime as dt

    from django.core.management.base import CommandError
    from django.utils import timezone

    from gongzhi.bodies.models import Body
    from gongzhi.core.quorum import meeting_check
    from gongzhi.disclosures.models import Disclosure, DisclosureDue, DisclosureRevision
    from gongzhi.facilities.models import Booking, Facility
    from gongzhi.mediation.models import Dispute, FollowUp, Party
    from gongzhi.mediation.workflow import DISPUTE
    from gongzhi.meetings.models import Meeting, MeetingItem
    from gongzhi.selfgov.models import Decision, DecisionStage

    _county("--applications", "200", "--communities", "2")
    call_command("seed_demo", "--size", "county", "--add-year", "2026", "--quiet")
    communities = list(Area.objects.filter(kind="community"))
    assert len(communities) == 4
    models_ = (Body, Meeting, MeetingItem, Decision, DecisionStage, Disclosure, DisclosureRevision,
               DisclosureDue, Facility, Booking, Dispute, Party, FollowUp, Case)  # fmt: skip
    for community in communities:
        assert Body.objects.filter(area=community, kind="representatives").count() == 1
        assert Decision.objects.filter(community=community).count() >= 6
        assert Facility.objects.filter(community=community).exists()
        assert Dispute.objects.filter(case__community=community).exists()
        assert Disclosure.objects.filter(area=community, period__startswith="2026-Q").exists()
    for model in models_:
        rows = model.objects.order_by("?")[:40]
        assert rows, model
        for row in rows:
            # A dispute's case has no body of its own, as gongzhi.mediation's action leaves it (the facts are the dispute's).
            row.full_clean(exclude=["body"] if model is Case else None)
    # Every verdict is core.quorum's; every meeting's roll agrees with its head count.
    for item in MeetingItem.objects.select_related("meeting")[:200]:
        verdict = meeting_check(item.rule_key, present=item.meeting.present, in_favour=item.in_favour,
                                against=item.against, members=item.meeting.members, majority=item.majority)  # fmt: skip
        assert (verdict.quorate, verdict.passed) == (item.quorate, item.passed)
    for meeting in Meeting.objects.filter(body__isnull=False):
        assert meeting.roll.filter(present=True).count() == meeting.present
    # Each decision's stages are those done before the state it waits in; published resolutions fulfil their due.
    waiting = ["proposal", "consultation", "review", "resolution", "disclosure", "executing", "done"]
    for decision in Decision.objects.all():
        done = decision.stage_records.count()
        assert decision.state == "not_adopted" or waiting[done] == decision.state
        if decision.state == "not_adopted":
            assert decision.stage_records.get(stage="resolution").passed is False
    published = DecisionStage.objects.filter(stage="disclosure")
    assert published.exists()
    assert DisclosureDue.objects.filter(fulfilled_by__isnull=False).count() == published.count()
    assert DisclosureDue.objects.filter(fulfilled_by__isnull=True).exists()
    # Bookings never overlap on a facility.
    for facility in Facility.objects.filter(bookable=True):
        slots = list(facility.bookings.filter(state="approved").values_list("starts_at", "ends_at"))
        assert all(a[1] <= b[0] for a, b in zip(slots, slots[1:], strict=False))
    # Each dispute's timeline is moves of the dispute's case type, ending in its state.
    for dispute in Dispute.objects.select_related("case"):
        events = list(dispute.case.events.order_by("id"))
        assert events[0].verb == "open"
        assert events[-1].to_state == dispute.case.state
        for event in events[1:]:
            assert DISPUTE.move(event.verb, event.from_state).target == event.to_state
        assert dispute.code == f"TJ2026{dispute.case_id:06d}"
    assert Meeting.objects.filter(held_on__gt=timezone.localdate()).count() == 0
    assert not Decision.objects.filter(started_at__lt=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)).exists()
    _county_year_conventions_and_elections(communities)
    _county_year_funds_and_budget(communities)
    _county_year_every_figure(communities)
    with pytest.raises(CommandError):
        call_command("seed_demo", "--size", "county", "--add-year", "2026", "--quiet")


def _county_year_conventions_and_elections(communities):
    """The year's convention campaign and election round: one per township, a revision and an election per
    community, valid rows whose stages read on the township's page; every registered figure reads something."""
    import datetime as dt

    from django.utils import timezone

    from gongzhi.conventions.models import Campaign, ConventionVersion, Revision, RevisionEvent
    from gongzhi.conventions.workflow import REVISION
    from gongzhi.core.indicators import indicator_values
    from gongzhi.elections.models import CommitteeMember, Election, Nomination, Round, RoundPractice, Voter
    from gongzhi.elections.selectors import stage_of
    from gongzhi.meetings.models import Meeting

    townships = Area.objects.filter(kind="township")
    assert (
        Campaign.objects.count()
        == Round.objects.count()
        == RoundPractice.objects.count()
        == townships.count()
    )
    for model in (Campaign, Revision, RevisionEvent, ConventionVersion, Round, RoundPractice, Election,
                  CommitteeMember, Voter, Nomination):  # fmt: skip
        rows = model.objects.order_by("?")[:40]
        assert rows, model
        for row in rows:
            # A campaign with no topics of the township's own keeps [], as the launch action leaves it.
            row.full_clean(exclude=["extra_topics"] if model is Campaign else None)
    for community in communities:
        revision = Revision.objects.get(community=community)
        events = list(revision.events.order_by("at", "id"))
        assert events[0].verb == "start"
        assert events[-1].to_state == revision.state
        for event in events[1:]:
            assert REVISION.move(event.verb, event.from_state).target == event.to_state
        if revision.meeting_id:
            meeting = Meeting.objects.get(pk=revision.meeting_id)
            assert meeting.purpose == "convention_adoption"
            assert meeting.items.get().passed
            assert revision.reviewed_at <= revision.adopted_at
        assert (revision.state == "filed") == ConventionVersion.objects.filter(revision=revision).exists()
        election = Election.objects.get(community=community)
        roll = Voter.objects.filter(election=election)
        assert roll.exists() == (election.roll_published_at is not None)
        assert election.committee.exists() == (election.committee_formed_on is not None)
        for day in (
            election.committee_formed_on,
            election.roll_published_at,
            election.candidates_published_at,
        ):
            if day is not None:
                assert (
                    day if isinstance(day, dt.date) and not isinstance(day, dt.datetime) else day.date()
                ) < (election.election_day)
        if election.result_filed_at:
            assert (
                election.election_day <= timezone.localdate(election.result_filed_at) <= timezone.localdate()
            )
    # The township's page reads each community's stage, as elections.selectors reads it from the dates.
    ids = [c.pk for c in communities]
    end = dt.date(2026, 12, 31)
    values = indicator_values(ids, dt.date(2026, 1, 1), end)
    assert set(values["conventions.stage"]) == set(ids)
    fields = ("community_id", "election_day", "committee_formed_on", "roll_published_at", "candidates_published_at",
              "result_filed_at")  # fmt: skip
    assert values["elections.stage"] == {
        e["community_id"]: stage_of(e, end) for e in Election.objects.values(*fields)
    }
    # The figures of the modules this year writes read something in every community.
    for code in ("selfgov.started", "meetings.representatives", "conventions.stage", "elections.stage",
                 "workforce.workers"):  # fmt: skip
        assert all(values[code].get(pk) for pk in ids), code
    # The staffing: a target per community, the residents in post in its own places.
    from gongzhi.workforce.models import Appointment, Target

    for model in (Target, Target.covered.through, Appointment):
        rows = model.objects.order_by("?")[:40]
        assert rows, model
        for row in rows:
            row.full_clean()
    assert Target.objects.count() == len(communities)
    for appointment in Appointment.objects.select_related("area", "community"):
        assert appointment.area.path.startswith(appointment.community.path)
        assert appointment.area_path == appointment.area.path
        assert (
            appointment.post_type.level == appointment.area.kind or appointment.area == appointment.community
        )


def _county_year_funds_and_budget(communities):
    """The funds and the participatory budget: valid rows whose ledger adds up as the funds' actions keep it."""
    from decimal import Decimal

    from django.db.models import Sum

    from gongzhi.budgeting import models as budgeting
    from gongzhi.budgeting.selectors import borda, seat_of
    from gongzhi.funds.actions import board_check
    from gongzhi.funds.models import Approval, Board, Expenditure, Fund, Income, Plan, Voucher
    from gongzhi.funds.rules import supervisory_member
    from gongzhi.funds.selectors import period_of

    for model in (Fund, Income, Plan, Expenditure, Approval, Voucher, Board, budgeting.Round, budgeting.Project,
                  budgeting.Ranking, budgeting.RankingEntry, budgeting.Rating):  # fmt: skip
        rows = model.objects.order_by("?")[:40]
        assert rows, model
        for row in rows:
            row.full_clean()
    zero = Decimal("0.00")
    for community in communities:
        funds = Fund.objects.filter(community=community, year=2026)
        assert {f.kind.code for f in funds} == {"special", "office", "public_service"}
        for fund in funds:
            income = Income.objects.filter(fund=fund).aggregate(s=Sum("amount"))["s"] or zero
            planned = Plan.objects.filter(fund=fund).aggregate(s=Sum("amount"))["s"] or zero
            assert planned <= income, fund
            assert income > zero, fund
            assert planned > zero or fund.kind.code == "public_service", (
                fund
            )  # its plans: the budget's, once decided
        # Each board adds up and matches the ledger, as board_check refuses otherwise; quarterly, as period_of says.
        boards = list(Board.objects.filter(community=community).order_by("starts_on"))
        assert boards
        for board in boards:
            board_check(board)
            assert period_of(community, board.starts_on)[2] == board.period
            if board.state != "draft":
                assert (
                    not Expenditure.objects.filter(
                        community=community,
                        approved_at__isnull=False,
                        spent_on__range=(board.starts_on, board.ends_on),
                    )
                    .exclude(verdict="passed")
                    .exists()
                )
                assert board.reviewed_by
                assert supervisory_member(board.reviewed_by, community)
            if board.state == "published":
                assert board.disclosure.period == board.period
                assert board.disclosure.category == "finance"
        assert boards[-1].state == "draft"
        assert [b.state for b in boards[:-1]]
        assert {b.state for b in boards[:-1]} <= {"published", "reviewed"}
    for plan in Plan.objects.all():
        spent = Expenditure.objects.filter(plan=plan).aggregate(s=Sum("amount"))["s"] or zero
        assert spent <= plan.amount, plan
    # Two different approvers, never the recorder, make an expenditure count; one to six vouchers each.
    for expenditure in Expenditure.objects.prefetch_related("approvals", "vouchers"):
        approvers = [a.approver_id for a in expenditure.approvals.all()]
        assert len(approvers) == len(set(approvers))
        assert expenditure.recorded_by_id not in approvers
        assert (len(approvers) == 2) == (expenditure.approved_at is not None)
        assert 1 <= len(expenditure.vouchers.all()) <= 6
        if expenditure.verdict:
            assert supervisory_member(expenditure.reviewed_by, expenditure.community)
            assert expenditure.approved_at < expenditure.reviewed_at
    spending = Expenditure.objects.all()
    assert spending.filter(approved_at__isnull=True).exists()
    assert {"", "passed", "questioned"} == set(spending.values_list("verdict", flat=True))
    assert spending.filter(verdict="questioned").exclude(answer="").exists()
    # The budget: a 议事会 and a round per community; projects in every state; rankings by seated members; the
    # funded projects are funds plans as create_plan makes them (origin: the project).
    Round, Project = budgeting.Round, budgeting.Project
    assert Round.objects.count() == len(communities)
    assert {p.state for p in Project.objects.all()} == set(budgeting.ProjectState.values)
    for round_ in Round.objects.all():
        projects = list(round_.projects.all())
        if round_.state == "decided":
            rankings = list(round_.rankings.prefetch_related("entries"))
            assert rankings
            assert round_.meeting_item.passed
            assert round_.disclosure.purpose == "budgeting_result"
            eligible = [p for p in projects if p.state != "ineligible"]
            points = borda(
                [[e.project_id for e in r.entries.all()] for r in rankings], [p.pk for p in eligible]
            )
            assert {p.pk: p.points for p in eligible} == points
            for ranking in rankings:
                assert seat_of(ranking.submitted_by, round_.community) == ranking.membership
            funded = [p for p in projects if p.state in ("funded", "finished")]
            assert funded
            for project in funded:
                plan = project.plan
                assert (plan.origin_app, plan.origin_id, plan.origin_label) == (
                    "budgeting",
                    project.pk,
                    project.title,
                )
                assert plan.fund_id == round_.fund_id
                assert plan.amount == project.cost
                assert plan.meeting_item_id == round_.meeting_item_id
        else:
            assert round_.decided_at is None
            assert not any(p.plan_id for p in projects)
    for rating in budgeting.Rating.objects.select_related("project", "user"):
        assert rating.project.state == "finished"
        assert Resident.objects.filter(user=rating.user, community=rating.project.community).exists()


def _county_year_every_figure(communities):
    """Every registered figure reads something in each township of the county year: a module that forgets its
    county data fails here."""
    import datetime as dt

    from gongzhi.core.indicators import indicator_values, indicators

    values = indicator_values([c.pk for c in communities], dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    empty = []
    for township in Area.objects.filter(kind="township"):
        ids = [c.pk for c in communities if c.parent_id == township.pk]
        for indicator in indicators():
            total = indicator.total(values[indicator.code].get(pk) for pk in ids)
            if not (total.denominator if hasattr(total, "denominator") else total):
                empty.append((township.name, indicator.code))
    assert not empty
