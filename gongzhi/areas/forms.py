from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.http import set_choices

from .models import ALLOWED_CHILDREN, AreaKind, CommunityType, DepartmentKind


class AreaForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"))
    name = forms.CharField(label=_("名称"), max_length=100)
    code = forms.CharField(label=_("统计用区划代码"), max_length=12, required=False)
    community_type = forms.ChoiceField(
        label=_("村/社区类别"), choices=[("", "—"), *CommunityType.choices], required=False
    )

    def __init__(self, *args, parent, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ALLOWED_CHILDREN.get(parent.kind, set())
        set_choices(self.fields["kind"], [c for c in AreaKind.choices if c[0] in allowed])


class DepartmentForm(forms.Form):
    """A new department: its township (of those the viewer keeps), name and kind."""

    township = forms.TypedChoiceField(label=_("所属镇(街道)"), coerce=int)
    name = forms.CharField(label=_("部门名称"), max_length=50, required=False)
    kind = forms.ChoiceField(
        label=_("类型"), choices=DepartmentKind.choices, initial=DepartmentKind.DEPARTMENT
    )

    def __init__(self, *args, townships: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self.fields["township"], townships)


class DepartmentRenameForm(forms.Form):
    name = forms.CharField(label=_("部门名称"), max_length=50, required=False)
