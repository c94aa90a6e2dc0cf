import datetime as dt

import pytest

from gongzhi.orgs.actions import organisation_move, organisation_register, representative_add
from tests.conftest import make_user

CODE = "91110108551385082Q"  # a valid 统一社会信用代码 (check digit)
PHONE = "13912345678"


@pytest.fixture
def township_org(users, areas):
    """A social-work agency registered by the township, serving 青山村 only; registered."""
    org = organisation_register(
        actor=users["township_admin"],
        home=areas["township"],
        name="永安镇阳光社会工作服务中心",
        kind="social_work",
        authority="某县民政局",
        contact_name="陈晓燕",
        contact_phone=PHONE,
        communities=[areas["village"]],
        credit_code=CODE,
        description="为留守老人和儿童提供社工服务。",
    )
    return organisation_move(actor=users["township_admin"], organisation=org, verb="approve")


@pytest.fixture
def village_group(users, areas):
    """A community-level group filed (备案) with 青山村, no credit code; pending."""
    return organisation_register(
        actor=users["community_staff"],
        home=areas["village"],
        name="青山村乡贤理事会",
        kind="community_group",
        authority="青山村村民委员会（备案）",
        contact_name="李德明",
        contact_phone="13800138000",
        filing_number="QS-2024-001",
        filed_on=dt.date(2024, 3, 1),
    )


@pytest.fixture
def rep(users, township_org):
    user = make_user("org_rep", display_name="陈代表")
    representative_add(actor=users["township_admin"], organisation=township_org, user=user)
    return user
