"""Every form shows all its errors at once, next to each field, with the ids the inputs point at; labels
share one punctuation style (no trailing colon, 「（可不填）」 for optional fields)."""

import re

import pytest
from django.forms import CheckboxInput, RadioSelect
from django.urls import reverse

from gongzhi.conventions.forms import AdoptionForm, DraftForm
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.residents.forms import ImportForm as ResidentImportForm
from gongzhi.situations.forms import SituationForm
from gongzhi.wishes.forms import AssistedWishForm, FulfilForm, WishForm

pytestmark = pytest.mark.django_db


def _input(html: str, name: str) -> str:
    match = re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def test_an_empty_wish_form_shows_every_error_at_once_linked_to_its_field(users, client):
    client.force_login(users["resident"])
    html = client.post(reverse("wishes:post"), {"title": "", "story": "", "category": ""}).content.decode()
    for name in ("title", "story", "category"):
        field = _input(html, name)
        assert 'aria-invalid="true"' in field
        assert f"id_{name}_error" in field
        assert "required" in field
        assert f'id="id_{name}_error"' in html
    assert "请填写心愿标题。" in html
    assert "请填写心愿内容。" in html
    assert "请填写类别。" in html
    assert 'data-testid="error-count"' in html


def test_an_over_long_and_too_short_wish_shows_every_error_at_once(users, client):
    from gongzhi.cases.models import Case

    client.force_login(users["resident"])
    html = client.post(reverse("wishes:post"), {"title": "收" * 61, "story": "短", "category": "goods",
                                                "desired_by": "1999-01-01"}).content.decode()  # fmt: skip
    assert 'id="id_title_error"' in html
    assert "不能超过60个字" in html
    assert 'id="id_story_error"' in html
    assert "心愿内容至少5个字" in html
    assert 'id="id_desired_by_error"' in html
    assert "一年之内" in html
    # the personal-data check keeps its own link beside the error's
    assert 'aria-describedby="text-check id_title_error"' in _input(html, "title")
    assert 'maxlength="60"' in _input(html, "title")
    assert not Case.objects.exists()


def test_the_situation_note_and_fulfil_forms_report_every_field(users):
    form = SituationForm({"category": "", "place": "", "body": "短"})
    assert not form.is_valid()
    assert set(form.errors) == {"category", "place", "body"}
    form = FulfilForm({"note": "", "hours": ""})
    assert not form.is_valid()
    assert set(form.errors) == {"note"}


def test_the_meeting_form_reports_every_count_and_shows_a_refusal_once():
    form = AdoptionForm(
        {"meeting_kind": "", "meeting_date": "", "present": "很多", "in_favour": "", "against": "x"}
    )
    form.fields["meeting_kind"].choices = [("villagers_meeting", "村民会议")]
    assert not form.is_valid()
    assert set(form.errors) == {"meeting_kind", "meeting_date", "present", "in_favour", "against"}
    form.add_error(None, "会议不足法定人数")
    assert str(form).count("会议不足法定人数") == 1
    assert 'data-testid="adoption-error"' in str(form)


FORMS = [WishForm, AssistedWishForm, FulfilForm, SituationForm, ResidentImportForm, AdoptionForm]


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: c.__name__)
def test_labels_have_no_colon_and_optional_fields_say_so(form_class):
    form = form_class(area_choices=[(1, "一组")]) if form_class is SituationForm else form_class()
    for name, field in form.fields.items():
        label = str(field.label or "")
        if field.widget.is_hidden or isinstance(field.widget, (RadioSelect, CheckboxInput)):
            continue  # a choice with a default, a tick box: nothing to leave empty
        assert not label.endswith((":", "：")), name
        assert "可不传" not in label, name
        conditional = (
            "填写）" in label
        )  # e.g. 组成人员数（代表会议填写）: the action asks for it when it applies
        assert field.required != ("可不填" in label or conditional), f"{form_class.__name__}.{name}: {label}"
    assert not re.search(r"[:：]</label>", str(form))


def test_the_draft_form_links_the_checker_and_requires_a_title():
    form = DraftForm({"title": "", "text": ""}, revision_id=7)
    assert not form.is_valid()
    assert set(form.errors) == {"title"}
    html = str(form)
    assert 'hx-post="/conventions/r/7/check/"' in html
    assert 'id="id_title_error"' in html


def test_a_refusal_goes_under_the_field_it_names_else_above_the_form():
    # Given a form and refusals naming one of its fields, a field it lacks, and none
    form = SituationForm(data={})
    form.is_valid()
    form_error_from(form, DomainError("地点不对。", field="place"))
    form_error_from(form, DomainError("没有这一栏。", field="no_such_field"))
    form_error_from(form, DomainError("操作无法完成。"))
    # Then the first is under its field and the others above the form
    assert "地点不对。" in form.errors["place"]
    assert form.non_field_errors() == ["没有这一栏。", "操作无法完成。"]
