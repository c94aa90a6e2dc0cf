"""Forms of the registry's pages. Lenient on purpose: the actions check every value and say what is wrong."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import AUTHORITY_MAX, CONTACT_MAX, DESCRIPTION_MAX, FILING_MAX, NAME_MAX, REASON_MAX
from .models import OrgKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProfileForm(forms.Form):
    description = forms.CharField(
        label=_("简介（服务内容、活动地点等，公开显示）"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_name = forms.CharField(label=_("联系人"), max_length=CONTACT_MAX)
    contact_phone = forms.CharField(label=_("联系电话（手机号；不改请留空）"), max_length=20, required=False)


class OrganisationForm(ProfileForm):
    name = forms.CharField(label=_("名称"), max_length=NAME_MAX)
    kind = forms.ChoiceField(label=_("类别"), choices=OrgKind.choices)
    credit_code = forms.CharField(label=_("统一社会信用代码（有则填写）"), max_length=30, required=False)
    filing_number = forms.CharField(
        label=_("备案编号（没有信用代码的村(社区)备案组织填写）"), max_length=FILING_MAX, required=False
    )
    filed_on = forms.DateField(label=_("备案日期"), required=False, widget=DATE)
    authority = forms.CharField(label=_("登记(备案)机关"), max_length=AUTHORITY_MAX)
    serves_all = forms.BooleanField(label=_("服务全镇(街道)各村(社区)"), required=False)
    communities = forms.TypedMultipleChoiceField(
        label=_("服务的村(社区)"), coerce=int, choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    field_order = [
        "name", "kind", "credit_code", "filing_number", "filed_on", "authority", "serves_all", "communities",
        "description", "contact_name", "contact_phone",
    ]  # fmt: skip

    def __init__(
        self, *args, communities: list[tuple[int, str]], phone_required: bool = True, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["communities"].choices = communities  # type: ignore[attr-defined]
        if not communities:  # a community's own group serves that community
            del self.fields["communities"], self.fields["serves_all"]
        if phone_required:
            self.fields["contact_phone"].label = _("联系电话（手机号）")


class MoveForm(forms.Form):
    verb = forms.CharField(max_length=20)
    reason = forms.CharField(label=_("理由"), max_length=REASON_MAX, required=False)


class RepresentativeForm(forms.Form):
    username = forms.CharField(label=_("代表的登录用户名"), max_length=150)
