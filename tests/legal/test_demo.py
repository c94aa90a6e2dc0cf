"""The demo township's legal rosters, consultations and applications (gongzhi.devtools.demo_legal), made through
the legal actions."""

import pytest
from django.core.management import call_command

from gongzhi.accounts.models import User
from gongzhi.legal.actions import consultation_reminders
from gongzhi.legal.models import Application, Consultation, Slot
from gongzhi.legal.selectors import coverage_for, open_slots_of
from gongzhi.notices.models import Notice

pytestmark = pytest.mark.django_db


def test_the_demo_has_rosters_everywhere_one_village_short_open_slots_and_an_application_in_each_state():
    call_command("seed_demo", "--quiet")
    rows = coverage_for(viewer=User.objects.get(username="zhen_admin"))
    assert len(rows) == 6
    assert all(r.has_adviser and r.assistants == 1 and r.police == 1 for r in rows)
    short = [r for r in rows if r.short]
    assert [(r.savvy_active, r.target) for r in short] == [(2, 3)]
    assert all(r.savvy_preparing >= 1 for r in rows)
    first = rows[0].community
    assert open_slots_of(first).count() >= 4
    assert Slot.objects.filter(community=first, by_phone=True).exists()
    assert set(Consultation.objects.values_list("state", flat=True)) == {"booked", "held"}
    assert set(Application.objects.values_list("state", flat=True)) == {
        "approved",
        "submitted",
        "returned",
        "rejected",
    }
    # jumin's consultation is tomorrow: the periodic job reminds them, once.
    jumin = User.objects.get(username="jumin")
    assert consultation_reminders() == 1
    assert consultation_reminders() == 0
    assert Notice.objects.filter(recipient=jumin, kind="legal", title__startswith="明天").count() == 1
    lawyer = User.objects.get(username="falv_guwen")
    assert lawyer.check_password("Gongzhi@Demo2026")
