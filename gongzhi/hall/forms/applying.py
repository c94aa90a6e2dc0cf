"""Forms of applying: online, 代办 request, on a resident's behalf. One optional file per checklist line."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.models import ConsentChannel

from ..models import MaterialSource


def new_submission_key() -> str:
    return uuid.uuid4().hex


def file_field_name(material_id: int) -> str:
    return f"file_{material_id}"


class _WithFiles(forms.Form):
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, matter, with_files: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.file_lines = []
        if not with_files:
            return
        for material in matter.materials.all():
            if material.source == MaterialSource.REGISTER:
                continue
            name = file_field_name(material.pk)
            help_text = "、".join(
                str(x) for x in (material.get_form_display(), material.check_point, material.note) if x
            )
            self.fields[name] = forms.FileField(
                label=material.name + ("" if material.required else _("（非必要）")),
                required=False,
                help_text=help_text,
                widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
            )
            self.file_lines.append((material.pk, name))

    def uploads(self) -> dict[int, list]:
        return {pk: [self.cleaned_data[name]] for pk, name in self.file_lines if self.cleaned_data.get(name)}


class ApplyForm(_WithFiles):
    phone = forms.CharField(label=_("联系电话"), max_length=20)


class ProxyRequestForm(_WithFiles):
    phone = forms.CharField(label=_("联系电话"), max_length=20)
    note = forms.CharField(
        label=_("给代办员的留言（可不填）"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent = forms.BooleanField(label=_("我同意由村(社区)代办员代为收取材料、办理此事项"), required=False)


class ApplyForForm(_WithFiles):
    consent_channel = forms.ChoiceField(
        label=_("居民同意方式"), choices=[("", _("请选择"))] + list(ConsentChannel.choices), required=False
    )
    consent_note = forms.CharField(label=_("同意说明（可不填）"), max_length=200, required=False)
    phone = forms.CharField(label=_("联系电话（可不填）"), max_length=20, required=False)
    at_window = forms.BooleanField(label=_("居民本人到窗口办理"), required=False)
