"""The demo township's public boards (gongzhi.devtools.demo_disclosures): not empty, made through the actions,
with a gap, a revision, a withdrawal, a published resolution and an overdue one to show."""

import pytest
from django.core.management import call_command
from django.test import Client

from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.models import AuditEvent
from gongzhi.disclosures.models import Disclosure, DisclosureDue
from gongzhi.disclosures.selectors import board_public, board_statuses

pytestmark = pytest.mark.django_db


def test_the_demo_boards_are_filled_and_show_what_is_overdue():
    call_command("seed_demo", "--quiet")
    communities = list(Area.objects.filter(kind=AreaKind.COMMUNITY).order_by("sort_order", "path"))
    for community in communities:
        assert board_public(community).exists(), community.name
    statuses = board_statuses(communities)
    assert statuses[0].finance_monthly
    assert [gap.category for gap in statuses[0].gaps] == ["finance"]
    assert len(statuses[-1].gaps) == 3
    assert Disclosure.objects.filter(revision_count=2).exists()
    assert Disclosure.objects.filter(withdrawn_at__isnull=False).exists()
    assert DisclosureDue.objects.filter(fulfilled_by__isnull=False).exists()
    assert any(status.overdue for status in statuses)
    assert AuditEvent.objects.filter(verb="disclosure.published").count() == Disclosure.objects.count()
    page = Client().get(f"/disclosures/c/{communities[0].pk}/")
    assert page.status_code == 200
    assert "财务收支" in page.content.decode()
