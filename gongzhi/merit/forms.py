"""The forms of the merit board's pages: input only; the actions check and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.areas.models import Area

from .actions import STORY_MAX, TEXT_MAX, TITLE_MAX, WITNESS_MAX
from .models import MeritCategory, NomineeKind

PHOTO_FIELDS = ("photo1", "photo2", "photo3")


class NominateForm(forms.Form):
    community = forms.ModelChoiceField(label=_("村(社区)"), queryset=Area.objects.none(), empty_label=None)
    category = forms.ModelChoiceField(
        label=_("类别"), queryset=MeritCategory.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(
        label=_("提名"), choices=NomineeKind.choices, widget=forms.RadioSelect, initial=NomineeKind.PERSON
    )
    nominee_name = forms.CharField(
        label=_("被提名人姓名"),
        max_length=50,
        help_text=_("与居民登记中的姓名一致；提名家庭请填写户主的姓名。"),
    )
    household_number = forms.CharField(label=_("户编号（同名时填写，可不填）"), max_length=40, required=False)
    organisation = forms.ChoiceField(label=_("以社会组织的名义提名（可不选）"), required=False, choices=())
    title = forms.CharField(
        label=_("事迹标题"),
        max_length=TITLE_MAX,
        help_text=_("一句话说明做了什么，例如：照顾瘫痪的婆婆二十年"),
    )
    story = forms.CharField(
        label=_("事迹"),
        max_length=STORY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("写清做了什么、做了多久、帮助了谁。不要写电话、身份证号和门牌号。"),
    )
    witness = forms.CharField(
        label=_("证明人（姓名和与被提名人的关系）"), max_length=WITNESS_MAX, required=False
    )
    photo1 = forms.FileField(label=_("照片（可不填）"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))  # fmt: skip
    photo2 = forms.FileField(label=_("照片（可不填）"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))  # fmt: skip
    photo3 = forms.FileField(label=_("照片（可不填）"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))  # fmt: skip

    def __init__(self, *args, communities, categories, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities  # type: ignore[attr-defined]
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]
        choices = [(str(org.pk), org.name) for org in organisations]
        if choices:
            self.fields["organisation"].choices = [("", _("以个人名义")), *choices]  # type: ignore[attr-defined]
        else:
            del self.fields["organisation"]


class ConsentForm(forms.Form):
    display = forms.ChoiceField(label=_("在积德榜上的署名"), widget=forms.RadioSelect, choices=())

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display"].choices = choices  # type: ignore[attr-defined]
        self.fields["display"].initial = choices[0][0] if choices else None


class ConsentRecordForm(ConsentForm):
    consent_file = forms.FileField(
        label=_("本人签字的同意书（扫描的 PDF 或照片）"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )


class ReviewForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label=_("意见"),
        choices=[("yes", _("同意上榜")), ("no", _("不同意"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class ObjectionForm(forms.Form):
    text = forms.CharField(label=_("异议理由"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("异议是否成立"),
        choices=[("no", _("不成立（答复后继续）")), ("yes", _("成立（撤回提名）"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=_("答复"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("撤回理由"), max_length=300)


class OwnReasonForm(forms.Form):
    """The nominee's own reason for taking back their consent: optional."""

    reason = forms.CharField(label=_("撤回原因（可不填）"), max_length=300, required=False)


class SettingForm(forms.Form):
    publicity_days = forms.IntegerField(label=_("公示天数（日历日）"), min_value=1, max_value=30)


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("类别名称"), max_length=20)
    description = forms.CharField(label=_("说明"), max_length=200, required=False)
