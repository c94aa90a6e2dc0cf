"""The registry of social organisations: who registers, reviews and edits what; bad input refused in Chinese
with nothing changed; the representative's scoped role; the contact masked; the public page."""

import datetime as dt

import pytest
from django.urls import reverse

from gongzhi.accounts.actions import role_assign
from gongzhi.accounts.models import RoleAssignment
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.orgs import actions, selectors
from gongzhi.orgs.models import Organisation, OrgState
from tests.conftest import make_user
from tests.orgs.conftest import CODE, PHONE

pytestmark = pytest.mark.django_db


def _register(users, areas, **changes):
    values = {
        "actor": users["township_admin"],
        "home": areas["township"],
        "name": "永安镇志愿者协会",
        "kind": "volunteer",
        "authority": "某县民政局",
        "contact_name": "王明",
        "contact_phone": PHONE,
        "serves_all": True,
        "credit_code": "",
        "filing_number": "YA-01",
        "filed_on": dt.date(2023, 5, 1),
    }
    values.update(changes)
    return actions.organisation_register(**values)


def test_the_township_registers_and_approves(users, areas, township_org):
    assert township_org.state == OrgState.REGISTERED
    assert township_org.contact_phone_masked == "139****5678"
    assert PHONE not in township_org.contact_phone_ciphertext
    assert township_org.contact_name_masked == "陈**"
    assert selectors.serves(township_org, areas["village"])
    assert not selectors.serves(township_org, areas["urban"])
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="org.").order_by("id").values_list("verb", flat=True)
    )
    assert verbs == ["org.registered", "org.approved"]
    assert PHONE not in str(
        AuditEvent.objects.filter(verb="org.registered").values_list("summary", flat=True)[0]
    )


def test_a_township_wide_organisation_serves_every_community(users, areas):
    org = _register(users, areas)
    assert selectors.serves(org, areas["village"])
    assert selectors.serves(org, areas["urban"])


def test_a_community_files_its_own_group(users, areas, village_group):
    assert village_group.state == OrgState.PENDING
    assert list(village_group.communities.all()) == [areas["village"]]
    moved = actions.organisation_move(
        actor=users["community_staff"], organisation=village_group, verb="approve"
    )
    assert moved.state == OrgState.REGISTERED


def test_a_community_cannot_register_for_the_township_or_another_community(users, areas):
    for home in (areas["township"], areas["urban"]):
        with pytest.raises(NotPermitted):
            _register(users, areas, actor=users["community_staff"], home=home, name="越权组织")
    for role in ("resident", "volunteer", "grid_worker", "sys_admin"):
        with pytest.raises(NotPermitted):
            _register(users, areas, actor=users[role], home=areas["village"], name="越权组织")
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="org.").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": " "}, "请填写名称"),
        ({"kind": "club"}, "类别"),
        ({"credit_code": "91110108551385082A"}, "统一社会信用代码"),
        ({"credit_code": "", "filing_number": ""}, "备案编号和备案日期"),
        ({"filed_on": dt.date(2099, 1, 1)}, "备案日期不能晚于今天"),
        ({"contact_phone": "12345"}, "手机号"),
        ({"contact_name": ""}, "请填写联系人"),
        ({"serves_all": False}, "请选择服务的村"),
        ({"authority": "\u202e局"}, "隐藏字符"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_changes(users, areas, changes, message):
    with pytest.raises(DomainError, match=message):
        _register(users, areas, **changes)
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="org.").exists()


def test_a_credit_code_and_a_name_are_registered_once(users, areas, township_org):
    with pytest.raises(DomainError, match="已经登记过了"):
        _register(users, areas, credit_code=CODE)
    with pytest.raises(DomainError, match="已有名为"):
        _register(users, areas, name=township_org.name)
    assert Organisation.objects.count() == 1


def test_states_move_with_reasons(users, township_org):
    admin = users["township_admin"]
    with pytest.raises(DomainError, match="理由"):
        actions.organisation_move(actor=admin, organisation=township_org, verb="suspend", reason="")
    org = actions.organisation_move(
        actor=admin, organisation=township_org, verb="suspend", reason="年检未通过"
    )
    assert (org.state, org.state_reason) == (OrgState.SUSPENDED, "年检未通过")
    with pytest.raises(Conflict, match="只有已登记"):
        actions.organisation_move(actor=admin, organisation=org, verb="suspend", reason="再次暂停")
    org = actions.organisation_move(actor=admin, organisation=org, verb="resume")
    org = actions.organisation_move(actor=admin, organisation=org, verb="end", reason="自行解散")
    assert org.state == OrgState.ENDED
    with pytest.raises(Conflict):
        actions.organisation_profile_update(
            actor=admin, organisation=org, description="", contact_name="王明"
        )


def test_the_representative_edits_the_profile_but_not_the_state(users, areas, township_org, rep):
    assignment = RoleAssignment.objects.get(user=rep)
    assert (assignment.role, assignment.organisation_id, assignment.area_id) == (
        "org_representative",
        township_org.pk,
        areas["township"].pk,
    )
    org = actions.organisation_profile_update(
        actor=rep, organisation=township_org, description="新简介", contact_name="赵六", contact_phone=""
    )
    assert (org.description, org.contact_name, org.contact_phone_masked) == ("新简介", "赵六", "139****5678")
    with pytest.raises(NotPermitted):
        actions.organisation_move(actor=rep, organisation=org, verb="suspend", reason="自己暂停")
    with pytest.raises(NotPermitted):
        actions.organisation_update(
            actor=rep, organisation=org, name="改名", kind="other", authority="某县民政局", contact_name="赵六",
            communities=[areas["village"]], credit_code=CODE,
        )  # fmt: skip
    other = _register(users, areas, name="别的组织")
    with pytest.raises(NotPermitted):
        actions.organisation_profile_update(
            actor=rep, organisation=other, description="", contact_name="赵六"
        )
    assert list(selectors.organisations_represented(rep)) == [township_org]


def test_representatives_are_named_by_keepers_only_and_not_through_the_role_page(users, areas, township_org):
    someone = make_user("someone")
    with pytest.raises(NotPermitted):
        actions.representative_add(actor=users["community_staff"], organisation=township_org, user=someone)
    with pytest.raises(DomainError, match="社会组织的页面"):
        role_assign(actor=users["sec_admin"], user=someone, role="org_representative", area=areas["township"])
    assert not RoleAssignment.objects.filter(user=someone).exists()
    assignment = actions.representative_add(
        actor=users["township_admin"], organisation=township_org, user=someone
    )
    with pytest.raises(DomainError, match="已经是"):
        actions.representative_add(actor=users["township_admin"], organisation=township_org, user=someone)
    actions.representative_remove(
        actor=users["township_admin"], organisation=township_org, assignment_id=assignment.pk
    )
    assert not RoleAssignment.objects.filter(user=someone).exists()
    assert AuditEvent.objects.filter(verb="org.representative_removed").count() == 1


def test_one_account_represents_two_organisations_of_one_area(users, areas, township_org, rep):
    other = _register(users, areas, name="永安镇老年协会")
    actions.representative_add(actor=users["township_admin"], organisation=other, user=rep)
    assert set(selectors.organisations_represented(rep)) == {township_org, other}


def test_who_reads_the_registry(users, areas, township_org, village_group, rep):
    def names(user):
        return {o.name for o in selectors.organisation_list_for(viewer=user)}

    assert names(users["township_admin"]) == {township_org.name, village_group.name}
    assert names(users["community_staff"]) == {village_group.name}
    assert names(users["other_staff"]) == set()
    assert names(rep) == {township_org.name}
    assert names(users["resident"]) == set()


def test_pages_mask_the_contact_and_the_public_page_shows_no_personal_data(
    users, areas, township_org, village_group, client
):
    client.force_login(users["township_admin"])
    page = client.get(reverse("orgs:detail", args=[township_org.pk])).content.decode()
    assert "陈**" in page
    assert "139****5678" in page
    assert "陈晓燕" not in page
    assert PHONE not in page
    client.logout()
    public = client.get(reverse("orgs:public", args=[areas["village"].pk])).content.decode()
    assert township_org.name in public
    assert village_group.name not in public  # pending
    assert "陈" not in public.split("<main")[-1]
    assert "139" not in public


def test_pages_register_and_refuse_in_chinese(users, areas, client):
    client.force_login(users["community_staff"])
    url = reverse("orgs:new", args=[areas["village"].pk])
    response = client.post(url, {"name": "青山村广场舞队", "kind": "community_group", "authority": "青山村委会",
                                 "contact_name": "周芳", "contact_phone": "13800138000"})  # fmt: skip
    assert response.status_code == 200
    assert "备案编号和备案日期" in response.content.decode()
    assert not Organisation.objects.exists()
    response = client.post(url, {"name": "青山村广场舞队", "kind": "community_group", "authority": "青山村委会",
                                 "contact_name": "周芳", "contact_phone": "13800138000",
                                 "filing_number": "QS-2", "filed_on": "2024-01-02"})  # fmt: skip
    org = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:detail", args=[org.pk])
    response = client.post(reverse("orgs:move", args=[org.pk]), {"verb": "approve"})
    org.refresh_from_db()
    assert org.state == OrgState.REGISTERED
    assert client.get(reverse("orgs:new", args=[areas["township"].pk])).status_code == 404


def test_a_superuser_account_cannot_be_named_and_a_representative_shows_masked(
    users, township_org, rep, client
):
    root = make_user("root_account")
    root.is_superuser = True
    root.save(update_fields=["is_superuser"])
    before = (RoleAssignment.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainError, match="超级用户"):
        actions.representative_add(actor=users["township_admin"], organisation=township_org, user=root)
    assert (RoleAssignment.objects.count(), AuditEvent.objects.count()) == before
    client.force_login(users["township_admin"])
    page = client.get(reverse("orgs:detail", args=[township_org.pk])).content.decode()
    assert "陈**（org_rep）" in page
    assert "陈代表" not in page


def test_a_correction_names_every_field_it_changed_but_never_the_phone(users, areas, township_org):
    actions.organisation_update(
        actor=users["township_admin"], organisation=township_org, name=township_org.name, kind=township_org.kind,
        authority=township_org.authority, contact_name="王晓燕", contact_phone="13900139000", serves_all=True,
        credit_code=CODE, description=township_org.description,
    )  # fmt: skip
    summary = AuditEvent.objects.filter(verb="org.changed").latest("id").summary
    assert set(summary["fields"].split(",")) == {"serves_all", "communities", "contact_name", "contact_phone"}
    assert "13900139000" not in str(summary)
