"""Receipt numbers under concurrency: window clerks accepting at the same moment never share a number.

On PostgreSQL the accepting transactions really overlap (the day's counter row is locked); SQLite serialises
writers anyway, so the test runs on PostgreSQL only.
"""

import re
import threading

import pytest
from django.db import connection, transaction

from gongzhi.hall.actions.desk import application_accept, receipt_number_next
from gongzhi.hall.models import Application, ApplicationMaterial, MaterialState

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")


def run_together(count: int, work) -> list:
    barrier = threading.Barrier(count)
    results: list = []
    lock = threading.Lock()

    def run(n: int) -> None:
        try:
            barrier.wait()
            try:
                outcome = work(n)
            except Exception as exc:  # noqa: BLE001  (reported in the assertion)
                outcome = exc
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_twelve_numbers_at_once_on_a_new_day_are_all_different(areas):
    township = areas["township"]

    def take(_n: int) -> str:
        with transaction.atomic():
            return receipt_number_next(township)

    numbers = run_together(12, take)
    assert all(isinstance(n, str) for n in numbers), numbers
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, 13))


@pytest.mark.django_db(transaction=True)
def test_eight_clerks_accepting_at_once_give_eight_numbers(users, make_matter, make_application):
    matter = make_matter()
    applications = [make_application(matter) for _ in range(8)]
    ApplicationMaterial.objects.filter(material__source="register").update(state=MaterialState.FROM_REGISTER)
    checked = {a.pk: [a.materials.get(material__name="申请书").pk] for a in applications}
    clerk = users["window_clerk"]

    def accept(n: int) -> str:
        application = Application.objects.select_related("case", "matter").get(pk=applications[n].pk)
        return application_accept(
            actor=clerk, application=application, checked=checked[application.pk]
        ).number

    numbers = run_together(8, accept)
    assert all(isinstance(n, str) and re.fullmatch(r"511423101-\d{8}-\d{4}", n) for n in numbers), numbers
    assert len(set(numbers)) == 8
    assert set(Application.objects.values_list("number", flat=True)) == set(numbers)
