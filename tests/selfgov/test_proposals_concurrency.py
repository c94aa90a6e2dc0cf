"""One signature per resident and proposal under concurrency, on both databases: the proposal's row is
locked while a signature is counted, and a unique constraint stands behind it."""

import threading

import pytest
from django.db import connection, connections

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError
from gongzhi.selfgov.actions import proposals as actions
from gongzhi.selfgov.models import Proposal, ProposalEvent, ProposalSignature
from tests.selfgov.proposals_kit import adults, citizen, name_for, opened
from tests.test_offers import _count, _database_for_threads


def run_together(database: str, work, items) -> list[str]:
    barrier = threading.Barrier(len(items))
    results: list[str] = []
    lock = threading.Lock()

    def run(item):
        try:
            if database:
                connections["default"].settings_dict = {
                    **connections["default"].settings_dict,
                    "NAME": database,
                }
            barrier.wait()
            try:
                work(item)
                outcome = "signed"
            except DomainError as exc:
                outcome = exc.message
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_one_resident_signing_eight_times_at_once_signs_once(
    users, make_resident, audit_triggers_for_flush, tmp_path
):
    author, _ = citizen(make_resident, "author")
    signer, _ = citizen(make_resident, "signer", name="王五")
    adults(make_resident, 40)
    proposal = opened(author)
    database = _database_for_threads(tmp_path)

    results = run_together(
        database,
        lambda _n: actions.proposal_sign(actor=signer, proposal=Proposal.objects.get(pk=proposal.pk)),
        range(8),
    )
    assert results.count("signed") == 1, results
    assert all("每人只能联名一次" in r for r in results if r != "signed"), results
    assert _count(database, ProposalSignature.objects.filter(proposal_id=proposal.pk)) == 2
    assert _count(database, AuditEvent.objects.filter(verb="proposal.signed")) == 1


@pytest.mark.django_db(transaction=True)
def test_many_residents_at_once_reach_the_threshold_exactly_once(
    users, make_resident, audit_triggers_for_flush, tmp_path
):
    author, _ = citizen(make_resident, "author")
    signers = [citizen(make_resident, f"s{n}", name=name_for("联名", n))[0] for n in range(10)]
    adults(make_resident, 39)  # 50 adults: one tenth is 5
    proposal = opened(author)
    database = _database_for_threads(tmp_path)

    results = run_together(
        database,
        lambda user: actions.proposal_sign(actor=user, proposal=Proposal.objects.get(pk=proposal.pk)),
        signers,
    )
    # The fifth signature reaches the threshold and submits the proposal; the later ones find it closed.
    assert results.count("signed") == 4, results
    assert all("不征集联名" in r for r in results if r != "signed"), results
    assert _count(database, ProposalSignature.objects.filter(proposal_id=proposal.pk)) == 5
    assert _count(database, ProposalEvent.objects.filter(proposal_id=proposal.pk, verb="reach")) == 1
    assert _count(database, AuditEvent.objects.filter(verb="proposal.threshold_reached")) == 1
