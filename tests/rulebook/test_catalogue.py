"""A township's own document kinds and templates: added, edited, retired and restored by the township office
only; offered to its communities only; the catalogue's are never edited; each refusal is a Chinese message and
changes nothing (actions, pages, API)."""

import json

import pytest
from django.urls import reverse

from gongzhi.accounts.actions import api_token_create
from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.rulebook import actions, selectors
from gongzhi.rulebook.models import Document, DocumentKind, Template
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
BODY = "第一条 村级财务实行报账员制度，报账须两人经手。\n第二条 每月公开收支。"


def _kind(users, areas, name="村级财务管理细则", group="rules"):
    return actions.kind_save(
        actor=users["township_admin"], township=areas["township"], group=group, name=name
    )


def _other_township():
    other = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="河西镇", parent=None)
    village = area_create_unchecked(
        kind=AreaKind.COMMUNITY, name="河西村", parent=other, community_type="village"
    )
    return other, village


def test_the_township_adds_a_kind_and_a_template_only_its_communities_are_offered(users, areas):
    kind = _kind(users, areas)
    assert kind.own
    assert kind.area_path == areas["township"].path
    template = actions.template_save(
        actor=users["township_admin"], township=areas["township"], kind=kind, title="村级财务管理细则（永安镇）",
        body=BODY,
    )  # fmt: skip
    assert AuditEvent.objects.filter(verb="rulebook.kind_added", target_id=str(kind.pk)).count() == 1
    assert AuditEvent.objects.filter(verb="rulebook.template_added", target_id=str(template.pk)).count() == 1
    assert kind in selectors.kinds(areas["township"])
    assert template in selectors.templates_for(areas["township"])
    other, village = _other_township()
    assert kind not in selectors.kinds(other)
    assert template not in selectors.templates_for(other)
    # A community of the township starts a document from it.
    document = actions.document_create(
        actor=users["community_staff"], community=areas["village"], kind=kind, template=template
    )
    assert document.versions.get().body == BODY
    # Another township's community may not take the kind.
    staff = make_user("hexi_staff", "community_staff", village)
    with pytest.raises(DomainError) as refused:
        actions.document_create(actor=staff, community=village, kind=kind, body=BODY)
    assert refused.value.message == "请选择制度类别。"
    catalogue = DocumentKind.objects.get(name="民主理财制度")
    with pytest.raises(DomainError):
        actions.document_create(actor=staff, community=village, kind=catalogue, template=template)
    assert Document.objects.filter(community=village).count() == 0


def test_a_township_template_for_a_catalogue_kind_is_offered_beside_the_catalogues(users, areas):
    catalogue = DocumentKind.objects.get(name="财务管理制度")
    template = actions.template_save(
        actor=users["township_admin"], township=areas["township"], kind=catalogue, title="永安镇财务管理制度范本",
        body=BODY,
    )  # fmt: skip
    offered = {t.title for t in selectors.templates_for(areas["township"]) if t.kind_id == catalogue.pk}
    assert offered == {"财务管理制度", "永安镇财务管理制度范本"}
    assert template.own


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": "民主理财制度"}, "已有名为「民主理财制度」的制度类别。"),
        ({"name": "制"}, "名称"),
        ({"group": "castle"}, "请选择制度的分组"),
    ],
)
def test_bad_kind_input_is_refused_in_chinese_and_changes_nothing(users, areas, values, message):
    before = DocumentKind.objects.count()
    with pytest.raises(DomainError) as refused:
        actions.kind_save(
            actor=users["township_admin"],
            township=areas["township"],
            **({"group": "rules", "name": "细则"} | values),
        )
    assert message in refused.value.message
    assert DocumentKind.objects.count() == before
    assert not AuditEvent.objects.filter(verb__startswith="rulebook.kind_").exists()


def test_a_duplicate_own_name_and_a_duplicate_template_are_refused(users, areas):
    kind = _kind(users, areas)
    with pytest.raises(DomainError) as refused:
        _kind(users, areas)
    assert refused.value.message == "已有名为「村级财务管理细则」的制度类别。"
    actions.template_save(actor=users["township_admin"], township=areas["township"], kind=kind, title="细则范本",
                          body=BODY)  # fmt: skip
    with pytest.raises(DomainError) as refused:
        actions.template_save(actor=users["township_admin"], township=areas["township"], kind=kind,
                              title="细则范本", body=BODY + "\n第三条 补充。")  # fmt: skip
    assert refused.value.message == "本镇已有「村级财务管理细则」的范本「细则范本」。"
    assert Template.objects.filter(township=areas["township"]).count() == 1


def test_the_catalogue_is_not_the_townships_to_edit_and_other_townships_are_out_of_reach(users, areas):
    catalogue = DocumentKind.objects.get(name="民主理财制度")
    with pytest.raises(DomainError) as refused:
        actions.kind_save(
            actor=users["township_admin"],
            township=areas["township"],
            kind=catalogue,
            group="rules",
            name="理财制度",
        )
    assert (
        refused.value.message
        == "「民主理财制度」是默认目录中的制度类别，不能修改；只能修改本镇自己添加的类别。"
    )
    with pytest.raises(DomainError) as refused:
        actions.kind_retire(actor=users["township_admin"], kind=catalogue)
    assert "默认目录" in refused.value.message
    seeded = Template.objects.get(kind=catalogue, township__isnull=True)
    with pytest.raises(DomainError) as refused:
        actions.template_save(
            actor=users["township_admin"], township=areas["township"], template=seeded, kind=catalogue,
            title="改过", body=BODY,
        )  # fmt: skip
    assert "默认目录中的范本" in refused.value.message
    with pytest.raises(DomainError):
        actions.template_retire(actor=users["township_admin"], template=seeded)
    assert DocumentKind.objects.get(pk=catalogue.pk).name == "民主理财制度"
    assert Template.objects.get(pk=seeded.pk).title == "民主理财制度"
    assert not seeded.retired
    other, _village = _other_township()
    with pytest.raises(NotPermitted) as refused:
        actions.kind_save(actor=users["township_admin"], township=other, group="rules", name="河西细则")
    assert "河西镇不在您管辖的范围内" in refused.value.message
    with pytest.raises(NotPermitted):
        _kind(users | {"township_admin": users["community_staff"]}, areas)
    theirs = DocumentKind.objects.create(group="rules", name="河西细则", township=other, area_path=other.path)
    with pytest.raises(DomainError):  # another township's kind is not the township's to write a template for
        actions.template_save(actor=users["township_admin"], township=areas["township"], kind=theirs,
                              title="借用", body=BODY)  # fmt: skip
    assert not AuditEvent.objects.filter(verb__startswith="rulebook.").exists()


def test_a_retired_kind_and_template_are_no_longer_offered_and_are_restored(users, areas):
    kind = _kind(users, areas)
    template = actions.template_save(actor=users["township_admin"], township=areas["township"], kind=kind,
                                     title="细则范本", body=BODY)  # fmt: skip
    document = actions.document_create(actor=users["community_staff"], community=areas["village"], kind=kind,
                                       template=template)  # fmt: skip
    actions.template_retire(actor=users["township_admin"], template=template)
    assert template not in selectors.templates_for(areas["township"])
    with pytest.raises(DomainError) as refused:
        actions.template_retire(actor=users["township_admin"], template=template)
    assert refused.value.message == "「细则范本」已经停用了。"
    actions.template_retire(actor=users["township_admin"], template=template, retired=False)
    assert template in selectors.templates_for(areas["township"])
    actions.kind_retire(actor=users["township_admin"], kind=kind)
    assert AuditEvent.objects.get(verb="rulebook.kind_retired").summary["in_use"] == 1
    assert kind not in selectors.kinds(areas["township"])
    assert template not in selectors.templates_for(areas["township"])
    with pytest.raises(DomainError):
        actions.document_create(
            actor=users["community_staff"], community=areas["urban"], kind=kind, body=BODY
        )
    assert Document.objects.get(pk=document.pk).kind == kind  # the document keeps its kind
    actions.kind_retire(actor=users["township_admin"], kind=kind, retired=False)
    assert kind in selectors.kinds(areas["township"])
    verbs = list(AuditEvent.objects.filter(verb__startswith="rulebook.").values_list("verb", flat=True))
    assert {"rulebook.template_retired", "rulebook.template_restored", "rulebook.kind_restored"} <= set(verbs)


def test_the_township_page_adds_edits_retires_and_refuses_in_chinese(client, users, areas):
    township = areas["township"]
    client.force_login(users["township_admin"])
    index = client.get(reverse("rulebook:index")).content.decode()
    assert reverse("rulebook:catalogue", args=[township.pk]) in index
    url = reverse("rulebook:catalogue", args=[township.pk])
    client.post(url, {"name": "村级财务管理细则", "group": "rules"})
    kind = DocumentKind.objects.get(township=township)
    refused = client.post(url, {"name": "村级财务管理细则", "group": "rules"}, follow=True)
    assert "已有名为「村级财务管理细则」的制度类别。" in refused.content.decode()
    assert DocumentKind.objects.filter(township=township).count() == 1
    client.post(
        reverse("rulebook:kind_edit", args=[township.pk, kind.pk]), {"name": "财务管理细则", "group": "rules"}
    )
    kind.refresh_from_db()
    assert kind.name == "财务管理细则"
    client.post(
        reverse("rulebook:template_new", args=[township.pk]),
        {"kind": kind.pk, "title": "细则范本", "body": BODY},
    )
    template = Template.objects.get(township=township)
    client.post(
        reverse("rulebook:template_edit", args=[township.pk, template.pk]),
        {"kind": kind.pk, "title": "细则范本（修订）", "body": BODY},
    )
    template.refresh_from_db()
    assert template.title == "细则范本（修订）"
    client.post(reverse("rulebook:template_retire", args=[township.pk, template.pk]), {"retired": "1"})
    client.post(reverse("rulebook:kind_retire", args=[township.pk, kind.pk]), {"retired": "1"})
    kind.refresh_from_db()
    template.refresh_from_db()
    assert kind.retired
    assert template.retired
    page = client.get(url).content.decode()
    assert "财务管理细则" in page
    assert "恢复使用" in page
    catalogue = DocumentKind.objects.get(name="民主理财制度")
    assert (
        client.post(
            reverse("rulebook:kind_edit", args=[township.pk, catalogue.pk]), {"name": "x"}
        ).status_code
        == 404
    )
    # The community's staff see the township's kind when it is in use.
    client.post(reverse("rulebook:kind_retire", args=[township.pk, kind.pk]), {"retired": "0"})
    client.force_login(users["community_staff"])
    assert "财务管理细则" in client.get(reverse("rulebook:new", args=[areas["village"].pk])).content.decode()
    assert client.get(url).status_code == 403


def test_the_api_keeps_the_townships_kinds_and_answers_404_out_of_reach(client, users, areas):
    township = areas["township"]
    _, token = api_token_create(actor=users["township_admin"], user=users["township_admin"], name="t")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def post(path, body, **extra):
        return client.post(path, json.dumps(body), content_type="application/json", **headers, **extra)

    base = f"/api/v1/rulebook/catalogue/{township.pk}"
    made = post(f"{base}/kinds", {"name": "村级财务管理细则", "group": "rules"}, HTTP_IDEMPOTENCY_KEY="k-1")
    assert made.status_code == 201
    kind_id = made.json()["id"]
    again = post(f"{base}/kinds", {"name": "村级财务管理细则", "group": "rules"})
    assert again.status_code == 400
    assert again.json()["message"] == "已有名为「村级财务管理细则」的制度类别。"
    template = post(f"{base}/templates", {"kind_id": kind_id, "title": "细则范本", "body": BODY})
    assert template.status_code == 201
    listed = client.get(base, **headers).json()
    assert {
        "id": kind_id,
        "group": "rules",
        "name": "村级财务管理细则",
        "own": True,
        "retired": False,
    } in listed["kinds"]
    assert any(t["title"] == "细则范本" and t["own"] for t in listed["templates"])
    catalogue = DocumentKind.objects.get(name="民主理财制度")
    assert post(f"{base}/kinds/{catalogue.pk}/edit", {"name": "x细则", "group": "rules"}).status_code == 404
    other, _village = _other_township()
    assert (
        post(
            f"/api/v1/rulebook/catalogue/{other.pk}/kinds", {"name": "河西细则", "group": "rules"}
        ).status_code
        == 404
    )
    retired = post(f"{base}/kinds/{kind_id}/retire", {"retired": True})
    assert retired.json()["retired"] is True
    assert DocumentKind.objects.get(pk=kind_id).retired
