"""The catalogue of matters (事项目录): staff pages, validation, the starter catalogue, the public guide."""

import pytest
from django.urls import reverse

from gongzhi.areas.models import Area, AreaKind, Department
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.hall.actions.catalogue import (
    MaterialData,
    MatterData,
    StepData,
    catalogue_starter_load,
    matter_active_set,
    matter_create,
    matter_update,
)
from gongzhi.hall.models import HandlingMode, Material, MaterialSource, Matter
from gongzhi.hall.starter import starter_count


def data(dept, **extra) -> MatterData:
    values = dict(
        code="MZ-101", name="最低生活保障", mode=HandlingMode.VILLAGE_TO_TOWNSHIP, department=dept,
        steps=[StepData("公示", 7, "calendar_days"), StepData("审核", 15, "workdays")],
        materials=[MaterialData("申请书"), MaterialData("户口簿", source="register", register_fact="household")],
    )  # fmt: skip
    values.update(extra)
    return MatterData(**values)


# --- Actions: validation ---------------------------------------------------------------------------------


def test_create_writes_matter_steps_materials_and_audit(users, areas, department):
    matter = matter_create(users["township_admin"], areas["township"], data(department))
    assert [(s.name, s.amount, s.unit) for s in matter.steps.all()] == [
        ("公示", 7, "calendar_days"), ("审核", 15, "workdays"),
    ]  # fmt: skip
    assert [(m.name, m.source, m.register_fact) for m in matter.materials.all()] == [
        ("申请书", "applicant", ""), ("户口簿", "register", "household"),
    ]  # fmt: skip
    assert AuditEvent.objects.filter(verb="hall.matter_created", target_id=str(matter.pk)).count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": ""}, "请填写事项编码"),
        ({"code": "民政 1"}, "事项编码只能由"),
        ({"name": " "}, "请填写事项名称"),
        ({"department": None}, "须选择本镇的审批部门"),
        ({"steps": []}, "请至少填写一个办理时限环节"),
        ({"steps": [StepData("审核", 0, "workdays")]}, "时限至少为 1"),
        ({"materials": [MaterialData("申请书"), MaterialData("申请书")]}, "重复"),
        ({"materials": [MaterialData("户口簿", source="register")]}, "须选择对应的登记信息项"),
        ({"levels": []}, "请选择行使层级"),
    ],
)
def test_bad_matter_is_refused_with_a_chinese_message(users, areas, department, change, message):
    with pytest.raises(DomainError) as caught:
        matter_create(users["township_admin"], areas["township"], data(department, **change))
    assert message in caught.value.message
    assert not Matter.objects.exists()
    assert not AuditEvent.objects.filter(verb="hall.matter_created").exists()


def test_code_unique_per_township_and_department_of_the_same_township(users, areas, department):
    admin = users["township_admin"]
    matter_create(admin, areas["township"], data(department))
    with pytest.raises(DomainError, match="已有编码为 MZ-101"):
        matter_create(admin, areas["township"], data(department, name="另一个"))
    other = Area.objects.create(kind=AreaKind.TOWNSHIP, name="河西镇", path="00000099")
    foreign = Department.objects.create(township=other, name="民政办")
    with pytest.raises(DomainError, match="本镇的部门"):
        matter_create(admin, areas["township"], data(department, code="MZ-102", department=foreign))
    # A village-direct matter needs no department.
    direct = matter_create(
        admin, areas["township"], data(None, code="SB-101", mode=HandlingMode.VILLAGE_DIRECT)
    )
    assert direct.department is None


def test_only_the_township_admin_manages(users, areas, department):
    for name in ("window_clerk", "community_staff", "township_reviewer", "resident"):
        with pytest.raises(NotPermitted):
            matter_create(users[name], areas["township"], data(department))


def test_sub_items_hang_under_a_main_item_only(users, areas, department):
    admin = users["township_admin"]
    main = matter_create(admin, areas["township"], data(department, code="MZ-100", name="社会救助"))
    sub = matter_create(admin, areas["township"], data(department, parent=main))
    assert sub.parent == main
    with pytest.raises(DomainError, match="主项"):
        matter_create(admin, areas["township"], data(department, code="MZ-109", parent=sub))


def test_update_keeps_used_materials_and_refuses_removing_them(users, areas, department, make_application):
    admin = users["township_admin"]
    matter = matter_create(admin, areas["township"], data(department))
    make_application(matter)
    first = matter.materials.get(name="申请书")
    edited = data(department, materials=[MaterialData("申请书（新版）", id=first.pk),
                                         MaterialData("户口簿", source="register", register_fact="household")])  # fmt: skip
    matter_update(admin, matter.pk, edited)
    assert (
        Material.objects.get(pk=first.pk).name == "申请书（新版）"
    )  # edited in place: the application keeps it
    with pytest.raises(Conflict, match="已有办件使用"):
        matter_update(admin, matter.pk, data(department, materials=[MaterialData("身份证")]))
    assert set(matter.materials.values_list("name", flat=True)) == {"申请书（新版）", "户口簿"}


def test_deactivate_and_reactivate(users, areas, department):
    admin = users["township_admin"]
    main = matter_create(admin, areas["township"], data(department, code="MZ-100", name="社会救助"))
    sub = matter_create(admin, areas["township"], data(department, parent=main))
    assert matter_active_set(admin, main.pk, active=False).is_active is False
    with pytest.raises(Conflict):
        matter_active_set(admin, main.pk, active=False)
    matter_active_set(admin, sub.pk, active=False)
    with pytest.raises(DomainError, match="请先启用所属主项"):
        matter_active_set(admin, sub.pk, active=True)
    matter_active_set(admin, main.pk, active=True)
    assert matter_active_set(admin, sub.pk, active=True).is_active
    assert AuditEvent.objects.filter(verb="hall.matter_deactivated").count() == 2


# --- The starter catalogue ---------------------------------------------------------------------------------


def test_starter_has_25_matters_loads_once_and_creates_departments(users, areas, department):
    assert starter_count() >= 25
    township = areas["township"]
    created = catalogue_starter_load(users["township_admin"], township)
    assert created == starter_count() == Matter.objects.filter(township=township).count()
    assert catalogue_starter_load(users["township_admin"], township) == 0
    assert Matter.objects.filter(township=township).count() == created
    names = set(Department.objects.filter(township=township).values_list("name", flat=True))
    assert {"民政办", "社会事务办", "农业农村办", "退役军人服务站", "司法所", "社保所"} <= names
    dibao = Matter.objects.get(township=township, name="最低生活保障")
    assert dibao.parent.name == "社会救助"
    assert dibao.department == department
    assert [(s.name, s.amount, s.unit) for s in dibao.steps.all()][1] == ("公示", 7, "calendar_days")
    assert dibao.materials.filter(source=MaterialSource.REGISTER, register_fact="id_number").exists()
    assert "第九条" in dibao.legal_basis


def test_starter_command(users, areas):
    from django.core.management import call_command

    call_command("hall_starter", township=areas["township"].pk, user="township_admin")
    assert Matter.objects.filter(township=areas["township"]).count() == starter_count()


# --- Staff pages -------------------------------------------------------------------------------------------


def management_form(prefix, total):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "40"}  # fmt: skip


def form_post(dept, **extra):
    post = {
        "code": "MZ-101", "name": "最低生活保障", "department": str(dept.pk), "mode": "village_to_township",
        "levels": ["village", "township"], "online": "on", "proxy": "on", "sort_order": "0",
        **management_form("steps", 2), "steps-0-name": "公示", "steps-0-amount": "7", "steps-0-unit": "calendar_days",
        "steps-1-name": "审核", "steps-1-amount": "15", "steps-1-unit": "workdays",
        **management_form("materials", 2), "materials-0-name": "申请书", "materials-0-required": "on",
        "materials-0-form": "original", "materials-0-count": "1", "materials-0-source": "applicant",
        "materials-1-name": "", "materials-1-form": "copy", "materials-1-count": "1", "materials-1-source": "applicant",
    }  # fmt: skip
    post.update(extra)
    return post


def test_pages_create_list_edit_and_deactivate(client, users, areas, department):
    client.force_login(users["township_admin"])
    assert client.get(reverse("hall:catalogue_new")).status_code == 200
    response = client.post(reverse("hall:catalogue_new"), form_post(department))
    assert response.status_code == 302
    matter = Matter.objects.get(code="MZ-101")
    assert matter.steps.count() == 2
    assert matter.materials.count() == 1
    page = client.get(reverse("hall:catalogue")).content.decode()
    assert "最低生活保障" in page
    assert "公示7个自然日，审核15个工作日" in page
    assert "民政办" in page
    edit = client.get(reverse("hall:catalogue_edit", args=[matter.pk])).content.decode()
    assert 'value="MZ-101"' in edit
    client.post(reverse("hall:catalogue_edit", args=[matter.pk]), form_post(department, name="低保"))
    assert Matter.objects.get(pk=matter.pk).name == "低保"
    client.post(reverse("hall:catalogue_active", args=[matter.pk]), {"active": "0"})
    assert not Matter.objects.get(pk=matter.pk).is_active
    assert "已停用" in client.get(reverse("hall:catalogue")).content.decode()


def test_page_shows_the_refusal_and_writes_nothing(client, users, areas, department):
    client.force_login(users["township_admin"])
    response = client.post(
        reverse("hall:catalogue_new"), form_post(department, **{"steps-0-amount": "0", "steps-1-amount": ""})
    )
    assert response.status_code == 200
    assert "时限至少为 1" in response.content.decode()
    response = client.post(
        reverse("hall:catalogue_new"), form_post(department, department="", **{"materials-1-name": "申请书"})
    )
    assert "须选择本镇的审批部门" in response.content.decode()
    assert not Matter.objects.exists()


def test_staff_pages_are_for_the_catalogue_managers(client, users, make_matter):
    matter = make_matter()
    client.force_login(users["window_clerk"])
    assert client.get(reverse("hall:catalogue")).status_code == 403
    assert client.post(reverse("hall:catalogue_active", args=[matter.pk]), {"active": "0"}).status_code == 403
    assert Matter.objects.get(pk=matter.pk).is_active


# --- The public guide ----------------------------------------------------------------------------------------


def test_public_guide_without_login(client, users, areas, department):
    admin = users["township_admin"]
    catalogue_starter_load(admin, areas["township"])
    township = areas["township"]
    # One township publishes: the guide's start page goes to its index; a community's link too.
    assert client.get(reverse("hall:guide_home"))["Location"] == reverse(
        "hall:guide_index", args=[township.pk]
    )
    assert client.get(reverse("hall:guide_community", args=[areas["village"].pk]))["Location"] == reverse(
        "hall:guide_index", args=[township.pk]
    )
    index = client.get(reverse("hall:guide_index", args=[township.pk])).content.decode()
    assert "社会救助" in index
    assert "最低生活保障" in index
    assert "门楼牌编制和补换" in index
    found = client.get(reverse("hall:guide_index", args=[township.pk]), {"q": "低保"}).content.decode()
    assert "最低生活保障" in found  # its common name, in its guide text
    assert "临时救助" not in found
    found = client.get(reverse("hall:guide_index", args=[township.pk]), {"q": "宅基地"}).content.decode()
    assert "农村村民宅基地申请" in found
    assert "最低生活保障" not in found
    by_department = client.get(
        reverse("hall:guide_index", args=[township.pk]), {"by": "department"}
    ).content.decode()
    assert "司法所" in by_department
    dibao = Matter.objects.get(township=township, code="MZ-101")
    page = client.get(reverse("hall:guide", args=[dibao.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "入户调查10个工作日，公示7个自然日，审核确认10个工作日" in html
    assert "不收费" in html
    assert "《社会救助暂行办法》第九条" in html
    assert "最低生活保障申请书" in html  # to bring
    assert 'data-testid="guide-known"' in html
    assert "户口簿(户成员信息)" in html
    assert "审查要点" not in html
    assert "catalogue" not in html
    # An inactive matter has no guide: nobody can apply for it.
    matter_active_set(admin, dibao.pk, active=False)
    assert client.get(reverse("hall:guide", args=[dibao.pk])).status_code == 404
    assert "最低生活保障" not in client.get(reverse("hall:guide_index", args=[township.pk])).content.decode()


def test_guide_links_the_two_ways_in_when_they_exist(client, make_matter):
    from django.urls import NoReverseMatch

    matter = make_matter()
    html = client.get(reverse("hall:guide", args=[matter.pk])).content.decode()
    try:
        apply_url = reverse("hall:apply", args=[matter.pk])
    except NoReverseMatch:
        assert 'data-testid="apply-online"' not in html
    else:
        assert apply_url in html
    matter.online = matter.proxy = False
    matter.save()
    html = client.get(reverse("hall:guide", args=[matter.pk])).content.decode()
    assert 'data-testid="apply-online"' not in html
    assert 'data-testid="apply-proxy"' not in html


def test_nav_entries(users):
    from gongzhi.core.nav import nav_for

    assert "hall.catalogue" in [e.key for e in nav_for(users["township_admin"])]
    resident = [e.key for e in nav_for(users["resident"])]
    assert "hall.guide" in resident
    assert "hall.catalogue" not in resident
