"""The demo township's governing documents (gongzhi.devtools.demo_rulebook), made through the actions."""

import pytest
from django.core.management import call_command

from gongzhi.areas.models import Area, AreaKind
from gongzhi.rulebook import selectors
from gongzhi.rulebook.models import Document, DocumentKind, Template, Version

pytestmark = pytest.mark.django_db


def test_the_demo_adopts_each_communitys_charter_and_rules_at_its_meeting():
    call_command("seed_demo", "--quiet")
    communities = list(Area.objects.filter(kind=AreaKind.COMMUNITY))
    assert len(communities) == 6
    for community in communities:
        shelf = selectors.library_of(community)
        kinds = [v.document.kind.name for v in shelf.versions]
        assert kinds[0] == "自治章程"
        assert len(kinds) >= 3
        for version in shelf.versions:
            item = version.meeting_item
            assert item.passed
            assert item.meeting.area_id == community.pk
            assert version.effective_on >= item.meeting.held_on
        lost = item.meeting.items.filter(passed=False)
        assert lost.count() == 1  # one item of that meeting failed: the adoption form does not offer it
        assert not selectors.adoptable_items(community).filter(pk=lost.get().pk).exists()
        drafts = Version.objects.filter(document__community=community, state="draft")
        assert drafts.count() == 1
        draft = drafts.get()
        assert draft.number == 2
        assert selectors.in_force_of(draft.document).body != draft.body
    assert Document.objects.filter(kind__group="rules").count() >= 3 * len(communities)
    # The township office's own kind, adopted by the first community from the township's template.
    own = DocumentKind.objects.get(name="村级财务管理细则")
    assert own.township_id is not None
    assert Template.objects.filter(kind=own, township=own.township).exists()
    document = Document.objects.get(kind=own)
    assert document.community.parent_id == own.township_id
    assert selectors.in_force_of(document).meeting_item.passed
