"""The demo township's workforce (gongzhi.devtools.demo_workforce), made through the workforce's actions."""

import pytest
from django.core.management import call_command

from gongzhi.accounts.models import User
from gongzhi.workforce.models import Appointment, ServiceContract, Target, Training
from gongzhi.workforce.selectors import gap_table_for, public_list

pytestmark = pytest.mark.django_db


def test_the_demo_has_people_in_posts_targets_gaps_and_a_contract_to_renew():
    call_command("seed_demo", "--quiet")
    rows = gap_table_for(viewer=User.objects.get(username="zhen_admin"))
    assert len(rows) == 6
    assert Target.objects.count() == 2  # the others use their kind's default
    assert all(r.has_target and r.workers for r in rows)
    assert [r.is_default for r in rows].count(True) == 4
    # The legal roster's 法律明白人 in office are shown and counted without being typed again (decision 0061).
    assert any(e.post_type.name == "法律明白人" for r in rows for e in r.elsewhere)
    assert not Appointment.objects.filter(post_type__name="法律明白人").exists()
    assert any(r.uncovered for r in rows)  # a grid without a 网格员
    assert sum(len(r.renewals) for r in rows) == 1  # 青山村's contract ended last month
    assert ServiceContract.objects.count() == 2
    assert Training.objects.exists()
    assert Appointment.objects.exclude(vacated_on=None).exists()
    first = rows[0].community
    assert public_list(first)
    assert all("****" in r.phone or not r.phone for r in public_list(first))
