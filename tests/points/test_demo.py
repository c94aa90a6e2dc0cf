"""The demo township's points (gongzhi.devtools.demo_points): seeded through the actions, then switched off."""

import pytest
from django.core.management import call_command

from gongzhi.audit.models import AuditEvent
from gongzhi.points.models import Appeal, Catalogue, CatalogueState, Entry, EntryKind, EntryState, Goods
from gongzhi.points.selectors import points_enabled

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_adopted_catalogue_awards_an_appeal_and_a_redemption_and_is_off():
    call_command("seed_demo", "--quiet")
    catalogue = Catalogue.objects.get(state=CatalogueState.IN_FORCE)
    assert catalogue.agenda_item.vote.passed
    assert catalogue.meeting.body.kind == "representatives"
    assert not points_enabled(catalogue.community)
    assert Entry.objects.filter(kind=EntryKind.AWARD, state=EntryState.COUNTED).count() >= 6
    assert Entry.objects.filter(state=EntryState.PENDING).exists()
    assert Entry.objects.filter(kind=EntryKind.REDEMPTION).count() == 1
    assert Appeal.objects.filter(state="open").count() == 1
    assert Goods.objects.filter(community=catalogue.community).count() == 4
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="points.switched")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["points.switched_on", "points.switched_off"]
