"""The pages, without JavaScript: a resident proposes, staff screen and close, the 议事会 ranks, staff record the
decision, anyone reads the result and a project's spending, residents rate; bad input is a message, nothing changed."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongzhi.budgeting.models import Category, Project, ProjectState, Ranking, Rating, Round, RoundState
from gongzhi.disclosures.models import Disclosure
from gongzhi.funds.actions import expenditure_approve, expenditure_record
from tests.budgeting.conftest import this_year, today
from tests.conftest import make_user
from tests.funds.conftest import jpeg

pytestmark = pytest.mark.django_db


def _form(**extra):
    values = {
        "title": "修路灯",
        "description": "村口到小学的路段晚上没有灯，老人和孩子走夜路不安全。",
        "place": "村口至青山小学",
        "cost": "8000",
        "category": Category.objects.get(code="lighting").pk,
    }
    values.update(extra)
    return values


def test_the_round_from_proposing_to_rating(client, round_, proposer, council, users, areas):
    # A resident proposes on the page, with a photo; a never-pay category is refused with the reason.
    client.force_login(proposer)
    page = client.get(reverse("budgeting:propose", args=[round_.pk]))
    assert page.status_code == 200
    assert "负面清单" in page.content.decode()
    refused = client.post(reverse("budgeting:propose", args=[round_.pk]),
                          _form(category=Category.objects.get(code="handouts").pk), follow=True)  # fmt: skip
    assert "负面清单上" in refused.content.decode()
    assert not Project.objects.exists()
    photo = SimpleUploadedFile("lamp.jpg", jpeg(), content_type="image/jpeg")
    answer = client.post(reverse("budgeting:propose", args=[round_.pk]), {**_form(), "photos": photo})
    lamp = Project.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("budgeting:project", args=[lamp.pk])
    client.post(reverse("budgeting:propose", args=[round_.pk]),
                _form(title="清理水渠", cost="9000", category=Category.objects.get(code="environment").pk))  # fmt: skip
    ditch = Project.objects.get(title="清理水渠")
    # Staff screen both and close proposing.
    client.force_login(users["community_staff"])
    for project in (lamp, ditch):
        client.post(reverse("budgeting:screen", args=[project.pk]), {"verdict": "eligible"})
    client.post(reverse("budgeting:round_close", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.state == RoundState.RANKING
    assert set(Project.objects.values_list("state", flat=True)) == {ProjectState.ELIGIBLE}
    # Each seated member ranks; the same place twice is refused.
    client.force_login(council[0])
    page = client.get(reverse("budgeting:round", args=[round_.pk]))
    assert "我的排序" in page.content.decode()
    twice = client.post(reverse("budgeting:rank", args=[round_.pk]),
                        {f"place_{lamp.pk}": "1", f"place_{ditch.pk}": "1"}, follow=True)  # fmt: skip
    assert "每个名次只能给一个项目" in twice.content.decode()
    assert not Ranking.objects.exists()
    for member in council:
        client.force_login(member)
        client.post(
            reverse("budgeting:rank", args=[round_.pk]), {f"place_{lamp.pk}": "1", f"place_{ditch.pk}": "2"}
        )
    assert Ranking.objects.count() == 3
    # Staff record the 议事会's meeting and decide; the result is public.
    client.force_login(users["community_staff"])
    client.post(reverse("budgeting:decide", args=[round_.pk]),
                {"held_on": today().isoformat(), "present": "3", "in_favour": "3"})  # fmt: skip
    round_.refresh_from_db()
    assert round_.state == RoundState.DECIDED
    assert Disclosure.objects.filter(pk=round_.disclosure_id).exists()
    lamp.refresh_from_db()
    assert lamp.state == ProjectState.FUNDED
    assert lamp.rank == 1
    client.logout()
    result = client.get(reverse("budgeting:public_round", args=[round_.pk])).content.decode()
    assert "修路灯" in result
    assert "清理水渠" in result
    assert "李秀兰" not in result
    # Its spending, approved by two, shows on the project's public page; vouchers never.
    staff = users["community_staff"]
    spent = expenditure_record(actor=staff, plan=lamp.plan, amount="7800", payee="青山电器店",
                               spent_on=today(), purpose="路灯12盏及安装", vouchers=[jpeg()])  # fmt: skip
    for n in (1, 2):
        expenditure_approve(
            actor=make_user(f"approver{n}", "community_staff", areas["village"]), expenditure=spent
        )
    public = client.get(reverse("budgeting:public_project", args=[lamp.pk])).content.decode()
    assert "青山电器店" in public
    assert "7800.00" in public
    assert "voucher" not in public
    # Finished, a resident rates it once.
    client.force_login(staff)
    client.post(reverse("budgeting:finish", args=[lamp.pk]), {"finished_on": today().isoformat()})
    client.force_login(proposer)
    bad = client.post(reverse("budgeting:rate", args=[lamp.pk]), {"stars": "9"}, follow=True)
    assert "1到5颗星" in bad.content.decode()
    assert not Rating.objects.exists()
    client.post(reverse("budgeting:rate", args=[lamp.pk]), {"stars": "4"})
    again = client.post(reverse("budgeting:rate", args=[lamp.pk]), {"stars": "1"}, follow=True)
    assert "每人只能评一次" in again.content.decode()
    page = client.get(reverse("budgeting:public_project", args=[lamp.pk])).content.decode()
    assert "4.0 星（1 人评分）" in page


def test_staff_create_a_round_and_enter_a_project_for_a_resident(client, fund, users, areas, make_resident):
    client.force_login(users["community_staff"])
    assert client.get(reverse("budgeting:index")).status_code == 200
    bad = client.post(reverse("budgeting:round_new", args=[areas["village"].pk]),
                      {"year": this_year() - 1, "opens_on": today().isoformat(),
                       "closes_on": today().isoformat()}, follow=True)  # fmt: skip
    assert "还没有" in bad.content.decode()
    assert not Round.objects.exists()
    client.post(reverse("budgeting:round_new", args=[areas["village"].pk]),
                {"year": this_year(), "opens_on": today().isoformat(),
                 "closes_on": dt.date(this_year(), 12, 31).isoformat()})  # fmt: skip
    made = Round.objects.get()
    client.post(reverse("budgeting:round_open", args=[made.pk]))
    elder = make_resident("grid_a1", name="赵老汉", birth=dt.date(1940, 2, 2))
    page = client.get(reverse("budgeting:round", args=[made.pk])).content.decode()
    assert "代居民登记项目" in page
    assert "赵老汉" in page
    client.post(reverse("budgeting:enter", args=[made.pk]),
                {**_form(), "resident": elder.pk, "consent": "本人到村委会口头提出并签字"})  # fmt: skip
    entered = Project.objects.get()
    assert (entered.resident, entered.entered_by, entered.proposer) == (elder, users["community_staff"], None)
    # Another community's staff and a resident do not see it.
    client.force_login(users["other_staff"])
    assert client.get(reverse("budgeting:project", args=[entered.pk])).status_code == 404


def test_the_township_edits_the_catalogue_on_its_page(client, users, areas):
    client.force_login(users["township_admin"])
    url = reverse("budgeting:catalogue", args=[areas["township"].pk])
    assert "发放福利或补贴" in client.get(url).content.decode()
    client.post(url, {"name": "智慧安防", "listing": "priority"})
    assert Category.objects.get(name="智慧安防").listing == "priority"
    refused = client.post(url, {"name": "道路照明", "listing": "priority"}, follow=True)
    assert "已经有" in refused.content.decode()
    client.force_login(users["community_staff"])
    assert client.get(url).status_code == 403
