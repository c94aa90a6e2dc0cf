"""The demo township's social organisations (gongzhi.devtools.demo_orgs), made through the registry's actions,
and its representative speaking for one in the proposals' 议事厅."""

import pytest
from django.core.management import call_command

from gongzhi.accounts.models import User
from gongzhi.orgs.models import Organisation, OrgState
from gongzhi.orgs.selectors import organisations_represented
from gongzhi.selfgov.models import ProposalPost

pytestmark = pytest.mark.django_db


def test_the_demo_has_organisations_in_every_state_and_a_representative_speaking_for_one():
    call_command("seed_demo", "--quiet")
    states = set(Organisation.objects.values_list("state", flat=True))
    assert {OrgState.REGISTERED, OrgState.SUSPENDED, OrgState.PENDING} <= states
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {"social_work", "volunteer", "co_builder", "community_group"} <= kinds
    rep = User.objects.get(username="zuzhi_daibiao")
    assert rep.check_password("Gongzhi@Demo2026")
    assert organisations_represented(rep).count() == 2
    post = ProposalPost.objects.get(capacity="organisation")
    assert post.author == rep
    assert post.org.name.endswith("乡贤理事会")
