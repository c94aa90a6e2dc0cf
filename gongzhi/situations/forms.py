import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.actions import ESCALATION_REASON_MAX, ESCALATION_REPLY_MAX, ESCALATION_WORKDAYS_MAX
from gongzhi.core.forms import ActionCheckedForm, text_check_attrs
from gongzhi.core.http import set_choices

from .actions import BODY_MAX, PLACE_MAX, REASON_MAX, REPLY_MAX, situation_body_clean, situation_place_clean
from .models import SituationCategory


def new_submission_key() -> str:
    return uuid.uuid4().hex


class SituationForm(ActionCheckedForm):
    """Phone first: three short fields and a photo. Grid workers also pick which of their grids or buildings."""

    field_rules = {"place": situation_place_clean, "body": situation_body_clean}
    category = forms.ChoiceField(
        label=_("类别"), choices=[("", _("请选择"))] + list(SituationCategory.choices)
    )
    area = forms.TypedChoiceField(label=_("所在网格或楼栋"), coerce=int, empty_value=None)
    place = forms.CharField(
        label=_("地点"),
        max_length=PLACE_MAX,
        widget=forms.TextInput(attrs={"placeholder": _("例如：3组村道桥头")}),
    )
    body = forms.CharField(
        label=_("情况描述"),
        max_length=BODY_MAX,
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "placeholder": _("发生了什么，需要怎样处理"),
                **text_check_attrs("staff", ("place", "body")),
            }
        ),
    )
    photo = forms.FileField(
        label=_("照片（可不填）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, area_choices: list[tuple[int, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if area_choices:
            set_choices(self.fields["area"], area_choices)
        else:
            del self.fields["area"]


class NoteForm(forms.Form):
    note = forms.CharField(label=_("受理说明（可不填）"), max_length=REASON_MAX, required=False)


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("答复内容"), max_length=REPLY_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResolveForm(forms.Form):
    handled_note = forms.CharField(
        label=_("办理结果"), max_length=REPLY_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = forms.FileField(
        label=_("办理结果照片（可不填）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("评价"), coerce=int, choices=[(n, "★" * n) for n in range(5, 0, -1)]
    )
    comment = forms.CharField(label=_("评价意见（可不填）"), max_length=200, required=False)


class EscalateForm(forms.Form):
    """吹哨: which departments of the township, why, and within how many workdays they should reply."""

    departments = forms.TypedMultipleChoiceField(
        label=_("吹哨给哪些部门"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("吹哨事由"),
        max_length=ESCALATION_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("需要部门解决什么问题")}),
    )
    workdays = forms.IntegerField(
        label=_("答复时限（工作日）"), min_value=1, max_value=ESCALATION_WORKDAYS_MAX, initial=5
    )

    def __init__(self, *args, department_choices: list[tuple[int, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self.fields["departments"], department_choices or [])


class EscalationReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("部门答复"), max_length=ESCALATION_REPLY_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
