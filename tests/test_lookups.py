"""Cached select-box lists: fresh after a change, never wider than the viewer's scope."""

import pytest
from django import forms
from django.template import Context, Template

from gongzhi.areas.actions import area_create
from gongzhi.areas.models import AreaKind
from gongzhi.areas.selectors import area_choices_for, area_path_for
from gongzhi.core.errors import NotFound
from gongzhi.residents.actions import tag_create
from gongzhi.residents.selectors import resident_list_for, tag_choices

pytestmark = pytest.mark.django_db


def test_a_new_grid_shows_in_the_choices_once_committed(users, areas, django_capture_on_commit_callbacks):
    staff = users["community_staff"]
    before = dict(area_choices_for(viewer=staff, kinds=[AreaKind.GRID]))
    assert areas["grid_a1"].pk in before
    assert areas["grid_b1"].pk not in before
    with django_capture_on_commit_callbacks(execute=True):
        grid = area_create(
            actor=users["township_admin"], kind=AreaKind.GRID, name="3组网格", parent=areas["village"]
        )
    after = dict(area_choices_for(viewer=staff, kinds=[AreaKind.GRID]))
    assert after[grid.pk].endswith("3组网格")


def test_a_new_tag_shows_in_the_choices(users, django_capture_on_commit_callbacks):
    tag_choices()
    with django_capture_on_commit_callbacks(execute=True):
        tag_create(actor=users["township_admin"], code="xinmin", name="新市民")
    assert ("xinmin", "新市民") in tag_choices()


def test_area_paths_stay_inside_the_scope(users, areas):
    staff = users["community_staff"]
    assert area_path_for(viewer=staff, area_id=areas["grid_a1"].pk) == areas["grid_a1"].path
    with pytest.raises(NotFound):
        area_path_for(viewer=staff, area_id=areas["grid_b1"].pk)  # cached map answers, still refused
    with pytest.raises(NotFound):
        list(resident_list_for(viewer=staff, area_id=areas["urban"].pk))


def test_an_area_created_after_the_cache_was_filled_is_still_found(users, areas):
    staff = users["community_staff"]
    area_path_for(viewer=staff, area_id=areas["grid_a1"].pk)  # fills the cache
    grid = area_create(
        actor=users["township_admin"], kind=AreaKind.GRID, name="4组网格", parent=areas["village"]
    )
    assert area_path_for(viewer=staff, area_id=grid.pk) == grid.path


class _Form(forms.Form):
    pick = forms.ChoiceField(choices=[("", "全部"), ("a", "甲<b>"), ("分组", [("x", "乙&丙")])])


def test_select_tag_renders_like_the_widget_escaped_and_selected():
    html = Template("{% load gz %}{% select form.pick data_testid='p' %}").render(
        Context({"form": _Form({"pick": "x"})})
    )
    assert html.startswith('<select name="pick" id="id_pick" data-testid="p">')
    assert '<option value="a">甲&lt;b&gt;</option>' in html
    assert '<optgroup label="分组"><option value="x" selected>乙&amp;丙</option></optgroup>' in html
    assert html.count(" selected") == 1
