"""Candidates: nominated by voters of the roll, confirmed by the election committee, published (差额).

    nomination_submit ──▶ pending ── nomination_decide ──▶ accepted / rejected (with a reason)
    accepted candidates ── candidates_publish ──▶ election.candidates_published_at

村民委员会组织法 第十五条: candidates are nominated directly by the registered voters (one voter alone, or
several together, 联名), and there are more candidates than seats (差额). 第十二条: a member of the
election committee nominated as a candidate leaves the committee — in the same transaction as the
nomination, audited. A candidate still seated (seated again after the nomination) is refused at the
committee's confirmation and at publication. The provinces' 选举办法 publish the candidates some days
before election day (the round's `RoundPractice.candidates_lead_days`, five by default).

Who may: `elections.run` over the election (its staff and the township office, the committee's current
members: the committee receives the nomination forms on paper and records them). Every refusal changes
nothing.
"""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.text import text_clean

from .. import selectors
from ..models import CommitteeMember, Election, LeftReason, Nomination, NominationStatus, Nominator, Voter
from .rounds import committee_seat_end

REASON_MAX = 200


def _locked(election: Election) -> Election:
    return (
        Election.objects.select_for_update(of=("self",))
        .select_related("round", "community")
        .get(pk=election.pk)
    )


def _on_roll(election: Election, voter: Voter, field: str) -> Voter:
    if voter.election_id != election.pk or voter.removed_at is not None:
        raise DomainError(
            _("%(name)s不在本村(社区)的选民名单上。") % {"name": voter.resident.name},
            field=field,
            code="not_on_roll",
        )
    return voter


def _not_published(election: Election) -> None:
    if election.candidates_published_at is not None:
        raise DomainError(_("候选人名单已经公布，不能再变动。"), code="published")


def _seated(election: Election, voter: Voter) -> CommitteeMember | None:
    return (
        CommitteeMember.objects.select_for_update(of=("self",))
        .select_related("election__community")
        .filter(election=election, resident_id=voter.resident_id, left_on=None)
        .first()
    )


@transaction.atomic
def nomination_submit(
    *,
    actor: User,
    election: Election,
    candidate: Voter,
    nominators: Sequence[Voter],
    on: dt.date | None = None,
) -> Nomination:
    """Record a nomination form: the candidate and the voters who signed it (one, or several: 联名)."""
    authorize(actor, "elections.run", election)
    locked = _locked(election)
    _not_published(locked)
    if locked.roll_published_at is None:
        raise DomainError(_("选民名单公布后才能提名候选人。"), code="roll_unpublished")
    _on_roll(locked, candidate, "candidate")
    if not nominators:
        raise DomainError(_("请填写提名人（登记参加选举的村(居)民）。"), field="nominators")
    if len({voter.pk for voter in nominators}) != len(nominators):
        raise DomainError(_("同一位提名人填写了两次。"), field="nominators")
    for voter in nominators:
        _on_roll(locked, voter, "nominators")
    if (
        Nomination.objects.filter(election=locked, candidate=candidate)
        .exclude(status=NominationStatus.REJECTED)
        .exists()
    ):
        raise Conflict(
            _("%(name)s已经被提名过了。") % {"name": candidate.resident.name}, code="nomination_exists"
        )
    nomination = Nomination.objects.create(election=locked, candidate=candidate, nominated_by=actor)
    Nominator.objects.bulk_create(Nominator(nomination=nomination, voter=voter) for voter in nominators)
    audit_event_record(
        actor=actor,
        verb="elections.nominated",
        target=nomination,
        area=locked.community,
        summary={"candidate": candidate.resident.name, "nominators": len(nominators)},
    )
    seat = _seated(locked, candidate)
    if seat is not None:
        # 第十二条: a member of the election committee who becomes a candidate leaves the committee.
        left_on = max(on or timezone.localdate(), seat.joined_on)
        committee_seat_end(actor=actor, seat=seat, left_on=left_on, reason=LeftReason.NOMINATED)
    return nomination


@transaction.atomic
def nomination_decide(*, actor: User, nomination: Nomination, accept: bool, reason: str = "") -> Nomination:
    """The committee confirms a candidate, or does not, with its reason (the candidate is told it)."""
    authorize(actor, "elections.run", nomination.election)
    election = _locked(nomination.election)
    _not_published(election)
    locked = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("candidate__resident")
        .get(pk=nomination.pk)
    )
    if locked.status != NominationStatus.PENDING:
        raise Conflict(_("这个提名已经审核过了。"), code="decided")
    reason = text_clean(
        reason, label=_("理由"), field="reason", minimum=0 if accept else 2, maximum=REASON_MAX
    )
    if accept and _seated(election, locked.candidate) is not None:
        raise DomainError(
            _("%(name)s仍是选举委员会成员，须先退出选举委员会才能成为候选人（村民委员会组织法第十二条）。")
            % {"name": locked.candidate.resident.name},
            code="candidate_on_committee",
        )
    locked.status = NominationStatus.ACCEPTED if accept else NominationStatus.REJECTED
    locked.reason = reason
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_event_record(
        actor=actor,
        verb="elections.nomination_accepted" if accept else "elections.nomination_rejected",
        target=locked,
        area=election.community,
        summary={"candidate": locked.candidate.resident.name, "reason": reason or "-"},
    )
    return locked


@transaction.atomic
def candidates_publish(*, actor: User, election: Election, on: dt.date | None = None) -> Election:
    """Publish the confirmed candidates: more than the seats (差额), early enough, none on the committee."""
    authorize(actor, "elections.run", election)
    locked = _locked(election)
    _not_published(locked)
    today = on or timezone.localdate()
    if Nomination.objects.filter(election=locked, status=NominationStatus.PENDING).exists():
        raise DomainError(_("还有提名没有审核。"), code="pending")
    accepted = list(
        Nomination.objects.filter(election=locked, status=NominationStatus.ACCEPTED).select_related(
            "candidate__resident"
        )
    )
    if len(accepted) <= locked.seats:
        raise DomainError(
            _("候选人应多于应选名额（差额选举）：应选%(seats)s名，现有候选人%(count)s名。")
            % {"seats": locked.seats, "count": len(accepted)},
            code="not_competitive",
        )
    days = selectors.practice_of(locked.round).candidates_lead_days
    if (locked.election_day - today).days < days:
        raise DomainError(
            _("候选人名单应在选举日%(days)s日前公布，最迟%(last)s。")
            % {"days": days, "last": (locked.election_day - dt.timedelta(days=days)).isoformat()},
            code="too_late",
        )
    for nomination in accepted:
        if _seated(locked, nomination.candidate) is not None:
            raise DomainError(
                _(
                    "%(name)s仍是选举委员会成员，须先退出选举委员会才能成为候选人（村民委员会组织法第十二条）。"
                )
                % {"name": nomination.candidate.resident.name},
                code="candidate_on_committee",
            )
    locked.candidates_published_at = timezone.now()
    locked.save(update_fields=["candidates_published_at"])
    audit_event_record(
        actor=actor,
        verb="elections.candidates_published",
        target=locked,
        area=locked.community,
        summary={"seats": locked.seats, "candidates": len(accepted)},
    )
    return locked
