"""The ballot as a form: one required single choice per question of the box; and the receipt check."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BallotBox


class BallotForm(forms.Form):
    def __init__(self, *args, box: BallotBox, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for question in box.questions:
            self.fields[f"q_{question['key']}"] = forms.ChoiceField(
                label=question["text"],
                choices=[(o["key"], o["label"]) for o in question["options"]],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("请对这个问题作出选择。"),
                    "invalid_choice": _("请从选项中选择。"),
                },
            )

    def answers(self) -> dict[str, str]:
        return {name[2:]: value for name, value in self.cleaned_data.items()}


class ReceiptCheckForm(forms.Form):
    code = forms.CharField(
        label=_("回执码"),
        max_length=40,
        help_text=_("投票后显示的16位回执码，如 7K3D-9QXA-M2PT-H8WC，大小写和短横线均可忽略。"),
        error_messages={"required": _("请输入回执码。")},
    )
