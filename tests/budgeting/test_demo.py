"""The demo township's participatory budget (gongzhi.devtools.demo_budgeting), made through its actions."""

import pytest
from django.core.management import call_command

from gongzhi.budgeting import selectors
from gongzhi.budgeting.models import Project, ProjectState, Round, RoundState
from gongzhi.disclosures.models import Disclosure
from gongzhi.funds.models import Plan

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_decided_round_in_qingshan_and_one_collecting_projects(client):
    call_command("seed_demo", "--quiet")
    decided = Round.objects.get(state=RoundState.DECIDED)
    assert decided.community.name == "青山村"
    states = set(decided.projects.values_list("state", flat=True))
    assert states == {
        ProjectState.FUNDED,
        ProjectState.NOT_FUNDED,
        ProjectState.FINISHED,
        ProjectState.INELIGIBLE,
    }
    assert decided.rankings.count() == 4
    assert decided.meeting_item.passed
    assert Disclosure.objects.filter(pk=decided.disclosure_id, purpose="budgeting_result").exists()
    funded = decided.projects.filter(state__in=(ProjectState.FUNDED, ProjectState.FINISHED))
    assert Plan.objects.filter(origin_app="budgeting").count() == funded.count()
    finished = decided.projects.get(state=ProjectState.FINISHED)
    assert selectors.project_score(finished).count == 6
    assert any(selectors.project_spending(p) for p in funded)
    collecting = Round.objects.get(state=RoundState.PROPOSING)
    assert set(collecting.projects.values_list("state", flat=True)) == {"submitted", "eligible", "ineligible"}
    assert Project.objects.filter(entered_by__isnull=False).exclude(consent="").exists()
    page = client.get(f"/budgeting/public/{decided.pk}/").content.decode()
    assert finished.title in page
