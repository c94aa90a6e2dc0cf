"""The forms of the pledges' pages: input only; the actions check and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import ACCOUNT_MAX, GROUP_MAX, REASON_MAX, TEXT_MAX
from .models import ConsentChannel, NameDisplay, VanguardPost


class PledgeForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=())
    post = forms.ModelChoiceField(
        label=_("党员先锋岗"), queryset=VanguardPost.objects.none(), empty_label=None
    )
    party_group = forms.CharField(
        label=_("党小组（可不填）"), max_length=GROUP_MAX, required=False, help_text=_("例如：第一党小组")
    )
    text = forms.CharField(
        label=_("承诺事项"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("写几条今年要为群众做的实事，每条一行。承诺经党组织审核后公开，不要写电话和门牌号。"),
    )
    consent_channel = forms.ChoiceField(
        label=_("党员本人是怎样同意代填的"),
        choices=[("", "---------"), *ConsentChannel.choices],
        required=False,
    )

    def __init__(self, *args, posts, years=(), assisted: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = posts  # type: ignore[attr-defined]
        if years:
            self.fields["year"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]
        else:
            del self.fields["year"]
        if not assisted:
            del self.fields["consent_channel"]


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("退回原因"), max_length=REASON_MAX)


class CloseForm(forms.Form):
    account = forms.CharField(
        label=_("践诺情况"),
        max_length=ACCOUNT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("简要写这一年承诺做到了哪些；会和承诺一起公开。"),
    )


class PrivacyForm(forms.Form):
    public = forms.BooleanField(label=_("在本村(社区)的公开页面上亮身份、亮承诺"), required=False)
    name_display = forms.ChoiceField(
        label=_("署名"), choices=NameDisplay.choices, widget=forms.RadioSelect, initial=NameDisplay.SURNAME
    )
    deeds_shown = forms.BooleanField(label=_("同时显示我做了什么（认领的心愿、服务时长等）"), required=False)
    paper_consent = forms.BooleanField(label=_("已收到党员本人签字的同意书"), required=False)

    def __init__(self, *args, own: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if own:
            del self.fields["paper_consent"]


class PostForm(forms.Form):
    name = forms.CharField(label=_("先锋岗名称"), max_length=20)
    description = forms.CharField(label=_("说明（可不填）"), max_length=200, required=False)
