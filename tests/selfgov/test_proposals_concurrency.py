"""One signature per resident and proposal under concurrency, on both databases: the proposal's row is
locked while a signature is counted, and a unique constraint stands behind it."""

import pytest

from gongzhi.audit.models import AuditEvent
from gongzhi.selfgov.actions import proposals as actions
from gongzhi.selfgov.models import Proposal, ProposalEvent, ProposalSignature
from tests.selfgov.proposals_kit import adults, citizen, name_for, opened
from tests.threads import at_once, count_in, database_for_threads, in_words


@pytest.mark.django_db(transaction=True)
def test_one_resident_signing_eight_times_at_once_signs_once(
    users, make_resident, audit_triggers_for_flush, tmp_path
):
    author, _ = citizen(make_resident, "author")
    signer, _ = citizen(make_resident, "signer", name="王五")
    adults(make_resident, 40)
    proposal = opened(author)
    database = database_for_threads(tmp_path, "proposals.sqlite3")

    results = in_words(
        at_once(
            database,
            lambda _n: actions.proposal_sign(actor=signer, proposal=Proposal.objects.get(pk=proposal.pk)),
            range(8),
        ),
        "signed",
    )
    assert results.count("signed") == 1, results
    assert all("每人只能联名一次" in r for r in results if r != "signed"), results
    assert count_in(database, ProposalSignature.objects.filter(proposal_id=proposal.pk)) == 2
    assert count_in(database, AuditEvent.objects.filter(verb="proposal.signed")) == 1


@pytest.mark.django_db(transaction=True)
def test_many_residents_at_once_reach_the_threshold_exactly_once(
    users, make_resident, audit_triggers_for_flush, tmp_path
):
    author, _ = citizen(make_resident, "author")
    signers = [citizen(make_resident, f"s{n}", name=name_for("联名", n))[0] for n in range(10)]
    adults(make_resident, 39)  # 50 adults: one tenth is 5
    proposal = opened(author)
    database = database_for_threads(tmp_path, "proposals.sqlite3")

    results = in_words(
        at_once(
            database,
            lambda user: actions.proposal_sign(actor=user, proposal=Proposal.objects.get(pk=proposal.pk)),
            signers,
        ),
        "signed",
    )
    # The fifth signature reaches the threshold and submits the proposal; the later ones find it closed.
    assert results.count("signed") == 4, results
    assert all("不征集联名" in r for r in results if r != "signed"), results
    assert count_in(database, ProposalSignature.objects.filter(proposal_id=proposal.pk)) == 5
    assert count_in(database, ProposalEvent.objects.filter(proposal_id=proposal.pk, verb="reach")) == 1
    assert count_in(database, AuditEvent.objects.filter(verb="proposal.threshold_reached")) == 1
