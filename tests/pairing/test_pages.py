"""Pairing's pages: the township view and its export, the map of grids, a household's page, my pairing, and
refusals shown as messages that change nothing."""

import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongzhi.audit.models import AuditEvent
from gongzhi.pairing import actions
from gongzhi.pairing.models import Decline, Pair, Visit
from tests.conftest import make_user


def test_staff_pair_from_the_household_page_with_grid_members_first(client, users, person, home, aim):
    aim(limit=3)
    household = home("grid_a2")
    far = person("阿党员", "grid_a1", party="01")
    near = person("张党员", "grid_a2", party="01")
    client.force_login(users["community_staff"])
    page = client.get(reverse("pairing:household", args=[household.pk])).content.decode()
    assert page.index("张党员") < page.index("阿党员")
    assert "留守老人" in page  # staff see the register's tags, sensitive ones too
    response = client.post(reverse("pairing:pair", args=[household.pk]), {"member": near.pk})
    assert response.status_code == 302
    assert Pair.objects.get().member == near
    # A second pair without re-pairing is refused with the reason, nothing written.
    client.post(reverse("pairing:pair", args=[household.pk]), {"member": far.pk})
    assert Pair.objects.filter(ended_on__isnull=True).count() == 1
    follow = client.get(reverse("pairing:household", args=[household.pk])).content.decode()
    assert "一户只能有一名结对党员" in follow
    client.post(
        reverse("pairing:pair", args=[household.pk]), {"member": far.pk, "repair": "1", "reason": "调整"}
    )
    assert Pair.objects.get(ended_on__isnull=True).member == far
    assert Pair.objects.count() == 2


def test_the_map_shows_each_grid_and_the_township_view_exports(client, users, person, home, aim, areas):
    aim()
    paired, declined = home("grid_a1"), home("grid_a2")
    home("grid_a2")
    actions.pair_make(actor=users["community_staff"], household=paired, member=person("李党员", party="01"))
    actions.decline_record(actor=users["community_staff"], household=declined, consent_channel="phone")
    client.force_login(users["township_admin"])
    page = client.get(reverse("pairing:community", args=[areas["village"].pk])).content.decode()
    assert page.count('data-testid="grid-tile"') == 2
    assert 'data-state="paired"' in page
    assert 'data-state="declined"' in page
    assert 'data-state="unpaired"' in page
    index = client.get(reverse("pairing:index")).content.decode()
    assert "67%" in index
    response = client.get(reverse("pairing:export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["青山村"][3:8] == (3, 1, 1, 1, 67)
    assert rows["东街社区"][3] == 0
    assert AuditEvent.objects.filter(verb="pairing.exported").count() == 1


def test_the_township_sets_the_aim_on_its_page(client, users, areas):
    client.force_login(users["township_admin"])
    from gongzhi.residents.models import Tag

    dibao = Tag.objects.get(code="dibao")
    client.post(
        reverse("pairing:aim", args=[areas["township"].pk]), {"tags": [dibao.pk], "per_member_max": "5"}
    )
    page = client.get(reverse("pairing:aim", args=[areas["township"].pk])).content.decode()
    assert "已保存结对目标" in page
    before = AuditEvent.objects.count()
    client.post(reverse("pairing:aim", args=[areas["township"].pk]), {"tags": [], "per_member_max": "5"})
    assert AuditEvent.objects.count() == before


def test_the_member_records_a_visit_and_the_household_sees_it_without_tags(client, users, person, home):
    member_user, household_user = make_user("dy"), make_user("hz")
    household = home(user=household_user, tags="低保")
    member = person("李党员", party="01", user=member_user)
    pair = actions.pair_make(actor=users["community_staff"], household=household, member=member)
    client.force_login(member_user)
    mine = client.get(reverse("pairing:mine")).content.decode()
    assert household.number in mine
    assert "低保" not in mine
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    client.post(reverse("pairing:visit", args=[pair.pk]), {"visited_on": tomorrow, "what": "送米面"})
    assert Visit.objects.count() == 0
    client.post(reverse("pairing:visit", args=[pair.pk]), {"visited_on": timezone.localdate().isoformat(),
                                                           "what": "送米面", "follow_up": "on",
                                                           "follow_up_text": "院墙要修"})  # fmt: skip
    assert Visit.objects.get().by_member
    client.force_login(household_user)
    own = client.get(reverse("pairing:mine")).content.decode()
    assert "李党员" in own
    assert "送米面" in own
    assert "院墙要修" in own
    assert "低保" not in own


def test_a_household_chooses_and_declines_on_its_page(client, person, home):
    household_user = make_user("zixuan")
    household = home(user=household_user)
    near = person("近党员", party="01")
    person("远党员", "grid_a2", party="01")
    client.force_login(household_user)
    page = client.get(reverse("pairing:mine")).content.decode()
    assert "近党员" in page
    assert "远党员" not in page
    client.post(reverse("pairing:choose"), {"member": near.pk})
    assert Pair.objects.get(household=household).origin == "chosen"
    client.post(reverse("pairing:mine_decline"), {"reason": ""})
    assert Decline.objects.filter(household=household, undone_at__isnull=True).exists()
    assert not Pair.objects.filter(household=household, ended_on__isnull=True).exists()
    client.post(reverse("pairing:mine_decline"), {"undo": "1"})
    assert not Decline.objects.filter(household=household, undone_at__isnull=True).exists()
