"""The demo township's oversight page shows real figures computed from the demo's recorded work."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.oversight.selectors import Period, table_of, townships_for, value_of

pytestmark = pytest.mark.django_db


def test_the_demo_township_page_has_figures_from_the_demo_data():
    call_command("seed_demo", "--quiet")
    admin = User.objects.get(username="zhen_admin")
    township = townships_for(viewer=admin).get()
    table = table_of(township, Period(timezone.localdate().year))
    assert len(table.rows) == 6
    assert value_of(table, "facilities.gap", None) > 0  # 警务室 is required and nowhere
    nonzero = [c.indicator.code for c in table.columns if c.total not in (None, 0)]
    assert len(nonzero) >= 3, nonzero
    # The staffing and funds figures come from those apps' demo records too.
    assert value_of(table, "workforce.workers", None) > 0
    assert value_of(table, "workforce.uncovered", None) > 0  # the demo leaves a grid without a grid worker
    last_year = table_of(township, Period(timezone.localdate().year - 1))
    assert value_of(last_year, "funds.income", None) > 0
    assert 0 < value_of(last_year, "funds.spent", None) <= value_of(last_year, "funds.income", None)
    assert value_of(last_year, "funds.boards", None) >= 3  # 青山村 published Q1–Q3
