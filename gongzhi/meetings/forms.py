"""Forms of the meeting pages. Lenient on purpose: the actions check every value and say what is wrong."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.quorum import MAJORITIES

from .actions import AgendaEntry, RollMark, meeting_document_check
from .actions.convening import MEETING_TITLE_MAX, MINUTES_MAX, REASON_MAX
from .actions.recording import PLACE_MAX, TITLE_MAX
from .models import Attendance, MeetingMethod

AGENDA_ROWS = 6  # rows of the agenda on the page (no script needed); the API takes up to 30
COUNT_MAX = 9_999_999

METHOD_CHOICES = list(MeetingMethod.choices)
MAJORITY_CHOICES = [("", _("按会议规则（默认）"))] + [(key, m.label) for key, m in MAJORITIES.items()]


def _count(label, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=COUNT_MAX,
        required=required,
        widget=forms.NumberInput(attrs={"min": 0}),
    )


class ConveneForm(forms.Form):
    body = forms.TypedChoiceField(label=_("召集的组织或会议"), coerce=int, choices=())
    title = forms.CharField(label=_("会议名称（可不填）"), max_length=MEETING_TITLE_MAX, required=False)
    held_on = forms.DateField(
        label=_("会议日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    starts_at = forms.TimeField(
        label=_("开始时间（可不填）"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(label=_("会议地点"), max_length=PLACE_MAX, required=False)
    urgency_reason = forms.CharField(
        label=_("紧急召开的理由（通知不足规定天数时必填）"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, bodies=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(b.pk, f"{b.area.name} · {b.name}") for b in bodies]  # type: ignore[attr-defined]
        for n in range(1, AGENDA_ROWS + 1):
            self.fields[f"agenda_{n}_title"] = forms.CharField(
                label=_("议程 %(n)d") % {"n": n}, max_length=TITLE_MAX, required=False
            )
            self.fields[f"agenda_{n}_method"] = forms.ChoiceField(
                label=_("表决方式"), choices=METHOD_CHOICES, required=False
            )
            self.fields[f"agenda_{n}_majority"] = forms.ChoiceField(
                label=_("通过条件"), choices=MAJORITY_CHOICES, required=False
            )

    def agenda_rows(self):
        return [
            (self[f"agenda_{n}_title"], self[f"agenda_{n}_method"], self[f"agenda_{n}_majority"])
            for n in range(1, AGENDA_ROWS + 1)
        ]

    def agenda(self) -> list[AgendaEntry]:
        data = self.cleaned_data
        return [
            AgendaEntry(
                data.get(f"agenda_{n}_title") or "",
                data.get(f"agenda_{n}_method") or MeetingMethod.SHOW_OF_HANDS,
                data.get(f"agenda_{n}_majority") or None,
            )
            for n in range(1, AGENDA_ROWS + 1)
        ]


class RollForm(forms.Form):
    """One select (and an online box, a proxy's name) per line of the roll."""

    def __init__(self, *args, roll=(), proxies: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(k, v) for k, v in Attendance.choices if proxies or k != Attendance.PROXY]
        self.lines = list(roll)
        for member in self.lines:
            self.fields[f"a_{member.pk}"] = forms.ChoiceField(
                label=member.name, choices=[("", "—"), *choices], required=False, initial=member.attendance
            )
            self.fields[f"o_{member.pk}"] = forms.BooleanField(
                label=_("线上"), required=False, initial=member.online
            )
            if proxies:
                self.fields[f"p_{member.pk}"] = forms.CharField(
                    label=_("受托人"), max_length=50, required=False, initial=member.proxy_name
                )

    def rows(self):
        return [
            (
                m,
                self[f"a_{m.pk}"],
                self[f"o_{m.pk}"],
                self[f"p_{m.pk}"] if f"p_{m.pk}" in self.fields else None,
            )
            for m in self.lines
        ]

    def marks(self) -> list[RollMark]:
        data = self.cleaned_data
        return [
            RollMark(
                m.pk,
                data[f"a_{m.pk}"],
                online=bool(data.get(f"o_{m.pk}")),
                proxy_name=data.get(f"p_{m.pk}") or "",
            )
            for m in self.lines
            if data.get(f"a_{m.pk}")
        ]


class RollCloseForm(forms.Form):
    present = _count(_("实到人数（全体会议按签到填写）"))
    households_present = _count(_("到会户代表数（可不填）"))
    remark = forms.CharField(label=_("点名说明（如请假情况，可不填）"), max_length=REASON_MAX, required=False)


class VoteForm(forms.Form):
    """Counts (show of hands, paper ballot), or one choice per member present (roll call)."""

    in_favour = _count(_("赞成"))
    against = _count(_("反对"))
    abstaining = _count(_("弃权"))

    def __init__(self, *args, present=(), roll_call: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.present = list(present) if roll_call else []
        if roll_call:
            for name in ("in_favour", "against", "abstaining"):
                del self.fields[name]
        for member in self.present:
            self.fields[f"v_{member.pk}"] = forms.ChoiceField(
                label=member.name,
                choices=[("", "—"), ("for", _("赞成")), ("against", _("反对")), ("abstain", _("弃权"))],
                required=False,
            )

    def votes(self) -> dict[int, str]:
        return {
            m.pk: self.cleaned_data[f"v_{m.pk}"] for m in self.present if self.cleaned_data.get(f"v_{m.pk}")
        }

    def counts(self) -> dict[str, int]:
        return {k: self.cleaned_data.get(k) or 0 for k in ("in_favour", "against", "abstaining")}


def meeting_document_field(label) -> forms.FileField:
    """An optional upload of a meeting's scanned minutes or sign-in sheet (checked by meeting_document_check)."""
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )


MINUTES_UPLOAD_LABEL = _("会议记录（PDF 或照片，10 MB 以内，可不填）")
SIGN_IN_UPLOAD_LABEL = _("签到表（PDF 或照片，10 MB 以内，可不填）")


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("会议记录"), max_length=MINUTES_MAX, required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    minutes_file = forms.FileField(label=_("会议记录扫描件（PDF 或照片，可不传）"), required=False)
    sign_in = forms.FileField(label=_("签到表（PDF 或照片，可不传）"), required=False)

    def clean(self):
        data = super().clean() or {}
        for name in ("minutes_file", "sign_in"):
            upload = data.get(name)
            if upload is not None:
                from gongzhi.core.errors import DomainError

                try:
                    meeting_document_check(upload)
                except DomainError as exc:
                    self.add_error(name, exc.message)
        return data

    def documents(self) -> dict:
        return {"minutes": self.cleaned_data.get("minutes_file"), "sign_in": self.cleaned_data.get("sign_in")}


class WitnessForm(forms.Form):
    resident = forms.TypedChoiceField(label=_("见证人（监委会成员）"), coerce=int, choices=())

    def __init__(self, *args, candidates=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [(r.pk, r.name) for r in candidates]  # type: ignore[attr-defined]


class SignForm(forms.Form):
    note = forms.CharField(label=_("监督意见（可不填）"), max_length=REASON_MAX, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("取消原因"), max_length=REASON_MAX, required=False)
