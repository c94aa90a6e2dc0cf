import datetime as dt

import pytest

from gongzhi.orgs.actions import organisation_move, organisation_register
from gongzhi.workforce.models import PostType


@pytest.fixture
def posts(db):
    """The seeded catalogue by name."""
    return {t.name: t for t in PostType.objects.all()}


@pytest.fixture
def agency(users, areas):
    """A registered social-work agency serving 青山村 (purchased services)."""
    org = organisation_register(
        actor=users["township_admin"], home=areas["township"], name="永安镇阳光社会工作服务中心",
        kind="social_work", authority="某县民政局", contact_name="陈晓燕", contact_phone="13912345678",
        communities=[areas["village"]], credit_code="91110108551385082Q", description="社工服务。",
    )  # fmt: skip
    return organisation_move(actor=users["township_admin"], organisation=org, verb="approve")


def days(n: int) -> dt.date:
    from django.utils import timezone

    return timezone.localdate() + dt.timedelta(days=n)
