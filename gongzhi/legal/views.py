"""Pages of the legal rosters and coverage (staff and the township), consultations (residents, the adviser,
staff), 民主法治示范村 applications, and each community's public page of its adviser and the named villages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.models import Area, AreaKind
from gongzhi.areas.selectors import community_public_get, township_of
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import public_page_cache, require_perm, search_indexable, translate_errors
from gongzhi.core.ids import id_from
from gongzhi.core.lifecycle import lifecycle_moves_for
from gongzhi.core.masking import mask_name
from gongzhi.residents.selectors import resident_get_for, resident_home_of, resident_list_for

from . import actions, selectors
from .files import attachment_response
from .forms import (
    AideForm,
    ApplicationForm,
    AssessForm,
    AssistedBookForm,
    BookForm,
    DecideForm,
    EndForm,
    SavvyForm,
    SlotForm,
    TargetForm,
    TrainingForm,
)
from .models import ApplicationState, Consultation
from .roles import KEEPERS
from .standards import DEMONSTRATION_CRITERIA, group_label

PUBLIC_SECONDS = 60


def _form_error(form, exc: DomainError) -> None:
    if exc.status in (403, 404):
        raise exc
    form_error_from(form, exc)


def _posted(request, run, *, success: str, back: str) -> HttpResponse:
    """Run one action from a small form; its refusal is a message on the page the form came from."""
    try:
        run()
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(back)


# --- Rosters and coverage --------------------------------------------------------------------


@require_perm("legal.view")
@require_safe
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = selectors.coverage_for(viewer=request.user)
    context = {
        "rows": rows,
        "short": [r for r in rows if r.short],
        "townships": list(selectors.townships_for(viewer=request.user)),
    }
    return render(request, "legal/index.html", context)


@require_perm("legal.view")
@require_safe
def coverage(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = selectors.coverage_for(viewer=request.user)
    townships = list(selectors.townships_for(viewer=request.user))
    context = {
        "rows": rows,
        "short": [r for r in rows if r.short],
        "targets": [(t, selectors.savvy_target_for(t)) for t in townships],
        "target_form": TargetForm(),
    }
    return render(request, "legal/coverage.html", context)


@require_perm("legal.set_target")
@require_POST
def target(request: AuthenticatedHttpRequest, township_id: int) -> HttpResponse:
    township = selectors.townships_for(viewer=request.user).filter(pk=township_id).first()
    if township is None:
        raise NotFound()
    return _posted(
        request,
        lambda: actions.savvy_target_set(
            actor=request.user, township=township, target=request.POST.get("target")
        ),
        success=_("已保存目标数。"),
        back="legal:coverage",
    )


@require_perm("legal.view")
@require_safe
def community(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = selectors.community_get_for(viewer=request.user, community_id=community_id)
    savvies = list(selectors.savvies_of(area))
    context = {
        "community": area,
        "aides": list(selectors.aides_of(area)),
        "savvies": [(s, mask_name(s.resident.name), group_label(s.group)) for s in savvies],
        "may_keep": can(request.user, "legal.keep", area),
        "may_consult": can(request.user, "legal.consult", area),
        "may_apply": can(request.user, "legal.apply", area),
        "target": selectors.savvy_target_for(township_of(area)),
        "active": sum(1 for s in savvies if s.state == "active"),
        "slots": list(selectors.slots_for(viewer=request.user, community=area)[:50]),
        "end_form": EndForm(),
    }
    return render(request, "legal/community.html", context)


def _kept_community(request, community_id: int) -> Area:
    return selectors.community_get_for(viewer=request.user, community_id=community_id, roles=KEEPERS)


@require_perm("legal.keep")
@require_http_methods(["GET", "POST"])
def aide_new(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = _kept_community(request, community_id)
    form = AideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = selectors.aide_account_get(viewer=request.user, username=data["username"])
            actions.aide_appoint(
                actor=request.user, community=area, kind=data["kind"], name=data["name"], unit=data["unit"],
                phone=data["phone"], term_start=data["term_start"], term_end=data["term_end"],
                duties=data["duties"], user=user,
            )  # fmt: skip
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已加入名册。"))
            return redirect("legal:community", community_id=area.pk)
    return render(
        request, "legal/form.html", {"form": form, "community": area, "title": _("加入法律顾问(助理)名册")}
    )


@require_perm("legal.keep")
@require_POST
def aide_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    aide = selectors.aide_get_for(viewer=request.user, aide_id=pk)
    if not can(request.user, "legal.keep", aide):
        raise NotPermitted()
    return _posted(
        request,
        lambda: actions.aide_end(actor=request.user, aide=aide, reason=request.POST.get("reason", "")),
        success=_("已办理离任。"),
        back=reverse("legal:community", args=[aide.community_id]),
    )


@require_perm("legal.keep")
@require_http_methods(["GET", "POST"])
def savvy_new(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = _kept_community(request, community_id)
    residents = selectors.savvy_candidates_for(viewer=request.user, community=area)[:500]
    form = SavvyForm(request.POST or None)
    form.fields["resident"].choices = [(r.pk, f"{mask_name(r.name)} {r.masked_id}") for r in residents]  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            try:
                resident = selectors.savvy_candidate_get(
                    viewer=request.user, community=area, resident_id=data["resident"]
                )
            except NotFound:
                raise DomainError(
                    _("只能从本村(社区)户籍登记在册的居民中选定法律明白人。"), field="resident"
                ) from None
            savvy = actions.savvy_select(actor=request.user, community=area, resident=resident, group=data["group"],
                                         duties=data["duties"])  # fmt: skip
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已选定，请安排培训和考核。"))
            return redirect("legal:savvy", pk=savvy.pk)
    return render(request, "legal/form.html", {"form": form, "community": area, "title": _("选定法律明白人")})


@require_perm("legal.view")
@require_safe
def savvy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.savvy_get_for(viewer=request.user, savvy_id=pk)
    trainings = list(selectors.trainings_of(found))
    context = {
        "savvy": found,
        "name": mask_name(found.resident.name),
        "group": group_label(found.group),
        "trainings": trainings,
        "hours": selectors.training_hours(found, trainings),
        "may_keep": can(request.user, "legal.keep", found),
        "moves": lifecycle_moves_for(found, request.user),
        "training_form": TrainingForm(initial={"held_on": timezone.localdate()}),
        "assess_form": AssessForm(initial={"assessed_on": timezone.localdate()}),
    }
    return render(request, "legal/savvy.html", context)


def _kept_savvy(request, pk: int):
    found = selectors.savvy_get_for(viewer=request.user, savvy_id=pk)
    if not can(request.user, "legal.keep", found):
        raise NotPermitted()
    return found


@require_perm("legal.keep")
@require_POST
def savvy_training(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _kept_savvy(request, pk)
    form = TrainingForm(request.POST)
    held_on = form.cleaned_data.get("held_on") if form.is_valid() else None
    post = request.POST
    return _posted(
        request,
        lambda: actions.savvy_training_record(
            actor=request.user,
            savvy=found,
            held_on=held_on,
            course=post.get("course", ""),
            hours=post.get("hours", ""),
            organiser=post.get("organiser", ""),
        ),  # fmt: skip
        success=_("已记录培训。"),
        back=reverse("legal:savvy", args=[found.pk]),
    )


@require_perm("legal.keep")
@require_POST
def savvy_assess(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _kept_savvy(request, pk)
    form = AssessForm(request.POST)
    valid = form.is_valid()
    assessed_on = form.cleaned_data.get("assessed_on") if valid else None
    passed = bool(form.cleaned_data.get("passed")) if valid else False
    return _posted(
        request,
        lambda: actions.savvy_assess(
            actor=request.user,
            savvy=found,
            assessed_on=assessed_on,
            passed=passed,
            note=request.POST.get("note", ""),
        ),  # fmt: skip
        success=_("已记录考核结果。"),
        back=reverse("legal:savvy", args=[found.pk]),
    )


@require_perm("legal.keep")
@require_POST
def savvy_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _kept_savvy(request, pk)
    return _posted(
        request,
        lambda: actions.savvy_move(actor=request.user, savvy=found, verb=request.POST.get("verb", "")),
        success=_("已办理。"),
        back=reverse("legal:savvy", args=[found.pk]),
    )


# --- Consultations ---------------------------------------------------------------------------


@login_required
@require_safe
@translate_errors
def consult(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A resident: their community's open slots and their bookings. The adviser and staff: the slots of the
    communities they serve, and the consultations whose topic they may read."""
    home = None
    if request.user.has_perm("legal.book"):
        try:
            home = resident_home_of(request.user).community
        except DomainError:
            home = None
    serves = request.user.has_perm("legal.consultations")
    context = {
        "home": home,
        "adviser": selectors.adviser_of(home) if home else None,
        "open_slots": list(selectors.open_slots_of(home)[:30]) if home else [],
        "mine": list(selectors.consultations_of(request.user)[:30]),
        "serves": serves,
        "slots": list(selectors.slots_for(viewer=request.user)[:100]) if serves else [],
        "consultations": list(
            selectors.consultations_for(viewer=request.user).exclude(booker=request.user)[:100]
        )
        if serves
        else [],
        "publish_in": list(
            Area.objects.filter(
                kind=AreaKind.COMMUNITY, pk__in=selectors.adviser_communities_of(request.user)
            )
        )
        + list(selectors.communities_for(viewer=request.user, roles=KEEPERS)),
        "assist_slots": [
            slot
            for community in selectors.assisting_communities_for(viewer=request.user)
            for slot in selectors.open_slots_of(community)[:20]
        ]
        if request.user.has_perm("legal.book_assisted")
        else [],
        "book_form": BookForm(),
        "now": timezone.now(),
    }
    return render(request, "legal/consult.html", context)


def _consult_community(request, community_id: int) -> Area:
    area = selectors.consult_communities_for(viewer=request.user).filter(pk=community_id).first()
    if area is None:
        raise NotFound()
    return area


@require_perm("legal.consult")
@require_http_methods(["GET", "POST"])
def slot_new(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = _consult_community(request, community_id)
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.slot_publish(actor=request.user, community=area, starts_at=data["starts_at"],
                                 minutes=data["minutes"], by_phone=data["by_phone"], place=data["place"])  # fmt: skip
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已发布咨询时段。"))
            return redirect("legal:consult")
    return render(
        request, "legal/form.html", {"form": form, "community": area, "title": _("发布法律咨询时段")}
    )


@require_perm("legal.book")
@require_POST
def book(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    slot = selectors.slot_any_get(pk)
    if slot is None:
        raise NotFound()
    return _posted(
        request,
        lambda: actions.consultation_book(actor=request.user, slot=slot, topic=request.POST.get("topic", "")),
        success=_("预约成功，咨询前一天会提醒您。"),
        back="legal:consult",
    )


@require_perm("legal.book_assisted")
@require_http_methods(["GET", "POST"])
def book_assisted(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A clerk, grid worker or the community's staff books the slot for a resident of the register."""
    slot = selectors.assisted_slot_get(viewer=request.user, slot_id=pk)
    q = (request.GET.get("q") or "")[:30]
    found = resident_list_for(viewer=request.user, q=q).filter(community=slot.community)[:50]
    form = AssistedBookForm(request.POST or None)
    form.fields["resident"].choices = [(r.pk, f"{mask_name(r.name)} {r.masked_id}") for r in found]  # type: ignore[attr-defined]
    if request.method == "POST":
        try:
            resident = resident_get_for(
                viewer=request.user, resident_id=id_from(request.POST.get("resident")) or 0
            )
        except NotFound:
            resident = None
        if resident is not None:
            form.fields["resident"].choices = [(resident.pk, mask_name(resident.name))]  # type: ignore[attr-defined]
        if form.is_valid() and resident is not None:
            try:
                actions.consultation_book_assisted(
                    actor=request.user, slot=slot, resident=resident, topic=form.cleaned_data["topic"],
                    consent_channel=form.cleaned_data["consent_channel"],
                )  # fmt: skip
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("已代为预约，咨询前一天会提醒您转告居民。"))
                return redirect("legal:consult")
    context = {"form": form, "slot": slot, "q": q}
    return render(request, "legal/book_assisted.html", context)


@require_perm("legal.consult")
@require_POST
def slot_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    slot = selectors.slot_get_for(viewer=request.user, slot_id=pk)
    if not can(request.user, "legal.consult", slot):
        raise NotPermitted()
    return _posted(request, lambda: actions.slot_withdraw(actor=request.user, slot=slot),
                   success=_("已撤回这个时段。"), back="legal:consult")  # fmt: skip


def _consultation(request, pk: int) -> Consultation:
    return selectors.consultation_get_for(viewer=request.user, consultation_id=pk)


@login_required
@require_POST
@translate_errors
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _consultation(request, pk)
    return _posted(request, lambda: actions.consultation_cancel(actor=request.user, consultation=found),
                   success=_("已取消预约。"), back="legal:consult")  # fmt: skip


@require_perm("legal.consult")
@require_POST
def record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _consultation(request, pk)
    if not can(request.user, "legal.consult", found):
        raise NotPermitted()
    held = request.POST.get("held") != "no"
    return _posted(request, lambda: actions.consultation_record(actor=request.user, consultation=found, held=held),
                   success=_("已记录。"), back="legal:consult")  # fmt: skip


# --- 民主法治示范村 applications ------------------------------------------------------------------


@require_perm("legal.view")
@require_safe
def applications(request: AuthenticatedHttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    state = state if state in ApplicationState.values else ""
    context = {
        "applications": list(selectors.application_list_for(viewer=request.user, state=state)[:200]),
        "state": state,
        "states": ApplicationState.choices,
        "communities": list(selectors.applying_communities_for(viewer=request.user)),
    }
    return render(request, "legal/applications.html", context)


def _criteria_rows(application) -> list:
    return [(item, application.assessment.get(item.key, {})) for item in DEMONSTRATION_CRITERIA]


@require_perm("legal.view")
@require_safe
def application(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.application_get_for(viewer=request.user, application_id=pk)
    moves = lifecycle_moves_for(found, request.user)
    context = {
        "application": found,
        "criteria": _criteria_rows(found),
        "attachments": list(found.attachments.all()),
        "decide": [m for m in moves if m.verb != "resubmit"],
        "may_resubmit": any(m.verb == "resubmit" for m in moves),
        "decide_form": DecideForm(),
    }
    return render(request, "legal/application.html", context)


@require_perm("legal.decide")
@require_POST
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.application_get_for(viewer=request.user, application_id=pk)
    if not can(request.user, "legal.decide", found):
        raise NotPermitted()
    return _posted(
        request,
        lambda: actions.application_decide(
            actor=request.user,
            application=found,
            verb=request.POST.get("verb", ""),
            note=request.POST.get("note", ""),
        ),  # fmt: skip
        success=_("已审核。"),
        back=reverse("legal:application", args=[found.pk]),
    )


def _application_form_page(request, *, community: Area, found=None) -> HttpResponse:
    initial = {"year": timezone.localdate().year}
    if found is not None:
        initial = {"year": found.year, "summary": found.summary}
        for key, item in found.assessment.items():
            initial[f"met_{key}"], initial[f"note_{key}"] = item.get("met"), item.get("note", "")
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        files = request.FILES.getlist("files")
        try:
            if found is None:
                made = actions.application_submit(actor=request.user, community=community,
                                                  year=form.cleaned_data["year"], assessment=form.assessment(),
                                                  summary=form.cleaned_data["summary"], files=files)  # fmt: skip
            else:
                made = actions.application_resubmit(actor=request.user, application=found,
                                                    assessment=form.assessment(),
                                                    summary=form.cleaned_data["summary"], files=files)  # fmt: skip
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已报送，等待镇里审核。"))
            return redirect("legal:application", pk=made.pk)
    rows = [(item, form[f"met_{item.key}"], form[f"note_{item.key}"]) for item in DEMONSTRATION_CRITERIA]
    return render(
        request, "legal/apply.html", {"form": form, "rows": rows, "community": community, "found": found}
    )


@require_perm("legal.apply")
@require_http_methods(["GET", "POST"])
def apply(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = selectors.applying_communities_for(viewer=request.user).filter(pk=community_id).first()
    if area is None:
        raise NotFound()
    return _application_form_page(request, community=area)


@require_perm("legal.apply")
@require_http_methods(["GET", "POST"])
def resubmit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.application_get_for(viewer=request.user, application_id=pk)
    if not can(request.user, "legal.apply", found):
        raise NotPermitted()
    return _application_form_page(request, community=found.community, found=found)


@require_perm("legal.view")
@require_safe
def attachment(request: AuthenticatedHttpRequest, pk: int, attachment_id: int) -> FileResponse:
    return attachment_response(request.user, application_id=pk, attachment_id=attachment_id)


# --- Public ----------------------------------------------------------------------------------


@require_safe
@public_page_cache(PUBLIC_SECONDS)
@translate_errors
def public(request: HttpRequest, community_id: int) -> HttpResponse:
    """A community's legal adviser (unit and masked name, no phone), how many 法律明白人 are in office, and the
    township's named 民主法治示范村(社区)."""
    area = community_public_get(community_id)
    township = township_of(area)
    context = {
        "community": area,
        "adviser": selectors.adviser_of(area),
        "active": selectors.savvies_of(area).filter(state="active").count(),
        "named": list(selectors.named_villages(township)),
        "indexable": area.search_indexing,
    }
    return search_indexable(render(request, "legal/public.html", context), area.search_indexing)
