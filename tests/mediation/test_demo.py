"""The demo township's people's mediation (gongzhi.devtools.demo_mediation): cases in every state, each
visible only to its mediators, its parties and the committee's chair; `tiaojieyuan` a mediator on some."""

import pytest
from django.core.management import call_command

from gongzhi.accounts.models import User
from gongzhi.mediation.models import Dispute, Screening, Training
from gongzhi.mediation.selectors import dispute_list_for
from gongzhi.mediation.workflow import DISPUTE

pytestmark = pytest.mark.django_db


def test_the_demo_has_mediation_cases_in_every_state_visible_only_to_whom_they_concern():
    call_command("seed_demo", "--quiet")
    assert set(Dispute.objects.values_list("case__state", flat=True)) == set(DISPUTE.states)
    mediator = User.objects.get(username="tiaojieyuan")
    assert mediator.check_password("Gongzhi@Demo2026")
    own = set(dispute_list_for(viewer=mediator))
    assert own
    assert own != set(Dispute.objects.all())
    chair = User.objects.get(username="tiaojie_zhuren")
    assert set(dispute_list_for(viewer=chair)) == set(Dispute.objects.all())
    assert dispute_list_for(viewer=User.objects.get(username="jumin")).count() >= 2
    for name in ("cun_ganbu", "zhen_admin", "wanggeyuan", "jianwei", "chuangkou"):
        assert dispute_list_for(viewer=User.objects.get(username=name)).count() == 0
    for dispute in Dispute.objects.all():
        readers = [u for u in User.objects.all() if u.has_perm("mediation.view", dispute)]
        assert chair in readers
        assert all(u == chair or dispute.parties.filter(user=u).exists() or dispute.assignments.filter(
            mediator=u, ended_at=None).exists() for u in readers)  # fmt: skip
    assert Screening.objects.filter(none_found=True).exists()
    assert Dispute.objects.filter(source="screening").exists()
    assert Training.objects.count() >= 3
    assert Dispute.objects.filter(category="family", case__state="mediating").exists()
