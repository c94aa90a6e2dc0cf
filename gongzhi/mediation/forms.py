"""The mediation forms: server-rendered, phone first. The actions check everything again (and say why)."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.http import set_choices

from .actions import FACTS_MAX, NOTE_MAX, POSITION_MAX, TERMS_MAX, PartyInput
from .models import Category, PartySide, ReferralTo, VisitOutcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PARTY_ROWS = 3


def new_submission_key() -> str:
    return uuid.uuid4().hex


class IntakeForm(forms.Form):
    """A dispute: where (for others), what kind, the facts, and the parties (register by ID number, or outsiders
    by phone). A resident applying for themself is the first applicant and types only the other side."""

    community = forms.TypedChoiceField(label=_("村(社区)"), coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("纠纷类别"), choices=[("", _("请选择"))] + list(Category.choices))
    facts = forms.CharField(
        label=_("纠纷事实"),
        max_length=FACTS_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": _("发生了什么，各方争议的是什么")}),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, communities: list[tuple[int, str]] | None = None, own: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if communities:
            set_choices(self.fields["community"], communities)
        else:
            del self.fields["community"]
        rows = PARTY_ROWS - 1 if own else PARTY_ROWS
        for n in range(rows):
            required = n == 0
            side = PartySide.RESPONDENT if own or n > 0 else PartySide.APPLICANT
            self.fields[f"p{n}_side"] = forms.ChoiceField(
                label=_("当事人%(n)d 身份") % {"n": n + 1}, choices=PartySide.choices, initial=side
            )
            self.fields[f"p{n}_name"] = forms.CharField(
                label=_("当事人%(n)d 姓名") % {"n": n + 1}, max_length=50, required=required
            )
            self.fields[f"p{n}_id_number"] = forms.CharField(
                label=_("身份证号（本村(社区)居民）"), max_length=18, required=False
            )
            self.fields[f"p{n}_phone"] = forms.CharField(
                label=_("手机号（外来人员）"), max_length=20, required=False
            )
        self.party_rows = rows

    def parties(self) -> list[PartyInput]:
        data = self.cleaned_data
        return [
            PartyInput(
                side=data.get(f"p{n}_side", ""),
                name=data.get(f"p{n}_name", ""),
                id_number=data.get(f"p{n}_id_number", ""),
                phone=data.get(f"p{n}_phone", ""),
            )
            for n in range(self.party_rows)
            if (data.get(f"p{n}_name") or "").strip()
        ]


class PartyForm(forms.Form):
    side = forms.ChoiceField(label=_("当事人身份"), choices=PartySide.choices)
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号（本村(社区)居民）"), max_length=18, required=False)
    phone = forms.CharField(label=_("手机号（外来人员）"), max_length=20, required=False)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("受理说明（可不填）"), max_length=NOTE_MAX, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2}))


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因（可不填）"), max_length=NOTE_MAX, required=False)


class AssignForm(forms.Form):
    mediator = forms.TypedChoiceField(label=_("调解员"), coerce=int, empty_value=None)

    def __init__(self, *args, mediators: list[tuple[int, str]] = (), **kwargs):  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        set_choices(self.fields["mediator"], [("", _("请选择")), *mediators])


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("调解日期"), widget=DATE)
    place = forms.CharField(label=_("地点"), max_length=100)
    attendees = forms.CharField(label=_("参加人员"), max_length=300)
    next_steps = forms.CharField(
        label=_("商定的下一步（可不填）"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.party_ids = []
        for party in parties:
            self.fields[f"position_{party.pk}"] = forms.CharField(
                label=_("%(side)s %(name)s 的意见和诉求")
                % {"side": party.get_side_display(), "name": party.name},
                max_length=POSITION_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.party_ids.append(party.pk)

    def positions(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(f"position_{pk}", "") for pk in self.party_ids}


class AgreementForm(forms.Form):
    terms = forms.CharField(
        label=_("协议内容"), max_length=TERMS_MAX, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    performance = forms.CharField(label=_("履行方式和期限"), max_length=300, required=False)
    effective_on = forms.DateField(label=_("协议生效日期（各方签字之日）"), widget=DATE)
    confirmation_wanted = forms.BooleanField(label=_("当事人愿意申请司法确认"), required=False)


class FailForm(forms.Form):
    referral_to = forms.ChoiceField(
        label=_("引导当事人前往"), choices=[("", _("请选择"))] + list(ReferralTo.choices)
    )
    reason = forms.CharField(
        label=_("调解不成的原因"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class ScanForm(forms.Form):
    scan = forms.FileField(
        label=_("签字盖章后的协议书扫描件（PDF）"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class FollowUpForm(forms.Form):
    visited_on = forms.DateField(label=_("回访日期"), widget=DATE)
    outcome = forms.ChoiceField(label=_("回访结果"), choices=[("", _("请选择"))] + list(VisitOutcome.choices))
    note = forms.CharField(label=_("回访情况"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2}))


class TrainingForm(forms.Form):
    held_on = forms.DateField(label=_("培训日期"), widget=DATE)
    course = forms.CharField(label=_("培训内容"), max_length=100)
    hours = forms.CharField(label=_("学时"), max_length=6)
    given_by = forms.CharField(label=_("培训单位"), max_length=60)


class ScreeningForm(forms.Form):
    month = forms.DateField(label=_("排查月份（任选当月一天）"), widget=DATE)
    none_found = forms.BooleanField(label=_("本月未发现矛盾纠纷"), required=False)
    note = forms.CharField(label=_("排查说明（可不填）"), max_length=300, required=False)
