from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from gongzhi.core.http import set_choices

from .roles import ORGANISATION_ROLES, Role


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("用户名或手机号"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        "invalid_login": _("用户名（手机号）或密码错误。连续错误5次，该账号将在此地址被锁定15分钟。"),
        "inactive": _("该账号已停用，请联系管理员。"),
    }


class PasswordChangeForm(forms.Form):
    """The fields of a password change; what counts as strong is the action's (Django's validators)."""

    current_password = forms.CharField(
        label=_("当前密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    new_password = forms.CharField(
        label=_("新密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    new_password_again = forms.CharField(
        label=_("再次输入新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("new_password") and data.get("new_password_again") not in (None, data["new_password"]):
            self.add_error("new_password_again", _("两次输入的新密码不一致。"))
        return data


class RoleAssignForm(forms.Form):
    """Grant a role over an area — in one of the township's departments, for a role held in one (decision 0032).

    `areas` and `departments` are (id, label) choices inside the assigner's scope; the action checks the rest
    (the department belongs to the chosen township, is active, and the role is a department role).
    """

    username = forms.CharField(label=_("用户名"), max_length=150)
    role = forms.ChoiceField(label=_("角色"))
    area = forms.TypedChoiceField(label=_("管辖区域"), coerce=int)
    department = forms.TypedChoiceField(
        label=_("部门"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("只有镇级部门审批人在部门任职：区域选所在的镇(街道)，再选部门；其他角色不选。"),
    )

    def __init__(self, *args, areas: list[tuple[int, str]], departments: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        # A role held for a social organisation is granted on its page (gongzhi.orgs), not here.
        set_choices(self.fields["role"], [c for c in Role.choices if c[0] not in ORGANISATION_ROLES])
        set_choices(self.fields["area"], areas)
        set_choices(self.fields["department"], [("", _("—（不在部门任职）")), *departments])
