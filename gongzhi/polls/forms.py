"""The forms of the polls' pages: input only; the actions check and decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.areas.models import Area

from .actions import OPTIONS_MAX, QUESTION_MAX, TITLE_MAX

WHEN = {"type": "datetime-local"}


class AreaChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return (
            obj.name
            if obj.kind != "resident_group" or obj.parent is None
            else f"{obj.parent.name} {obj.name}"
        )


class PollForm(forms.Form):
    area = AreaChoice(label=_("面向"), queryset=Area.objects.none(), empty_label=None)
    title = forms.CharField(label=_("事项"), max_length=TITLE_MAX)
    question = forms.CharField(
        label=_("问题"), max_length=QUESTION_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    options = forms.CharField(
        label=_("选项"),
        help_text=_("每行一个选项，2至%(n)d个。") % {"n": OPTIONS_MAX},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    opens_at = forms.DateTimeField(
        label=_("开始时间"),
        required=False,
        widget=forms.DateTimeInput(attrs=WHEN),
        help_text=_("不填则立即开始。"),
    )
    closes_at = forms.DateTimeField(label=_("截止时间"), widget=forms.DateTimeInput(attrs=WHEN))
    public_results = forms.BooleanField(label=_("投票结束后，结果不登录也可查看"), required=False)

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas if areas is not None else Area.objects.none()  # type: ignore[attr-defined]

    def option_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class EvaluationForm(forms.Form):
    area = AreaChoice(label=_("村(社区)"), queryset=Area.objects.none(), empty_label=None)
    year = forms.TypedChoiceField(label=_("评议年度"), coerce=int)
    opens_at = forms.DateTimeField(
        label=_("开始时间"),
        required=False,
        widget=forms.DateTimeInput(attrs=WHEN),
        help_text=_("不填则立即开始。"),
    )
    closes_at = forms.DateTimeField(label=_("截止时间"), widget=forms.DateTimeInput(attrs=WHEN))

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas if areas is not None else Area.objects.none()  # type: ignore[attr-defined]
        year = timezone.localdate().year
        choices = [(year, str(year)), (year - 1, str(year - 1))]
        self.fields["year"].choices = choices  # type: ignore[attr-defined]
