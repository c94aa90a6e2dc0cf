"""Activity pages. The calendars, an activity's page, its report and .ics feeds are open to everyone and show
no personal data; signing up and every move need their permission, and say clearly why not when the activity
does not allow it."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.selectors import communities_public, community_public_get
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import move_answer, move_view, require_perm, set_choices, translate_errors
from gongzhi.core.ids import id_from
from gongzhi.core.images import image_clean
from gongzhi.core.lifecycle import lifecycle_verbs_for
from gongzhi.photos.http import photo_response

from . import actions, selectors
from .calendar_feed import ics_of
from .forms import ActivityForm, AssistedSignUpForm, ReasonForm, ReportForm


def _decorate(activities) -> list:
    rows = list(activities)
    for activity in rows:
        activity.left = selectors.places_left(activity)
        activity.organiser = selectors.organiser_label(activity)
    return rows


def _month(request: HttpRequest) -> tuple[int, int]:
    raw = (request.GET.get("month") or "")[:7]
    try:
        year, month = (int(part) for part in raw.split("-"))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    today = timezone.localdate()
    return today.year, today.month


def _calendar(request: HttpRequest, community=None) -> HttpResponse:
    year, month = _month(request)
    start, end = selectors.month_bounds(year, month)
    activities = _decorate(selectors.calendar_for(community=community, start=start, end=end)[:500])
    previous = (start - dt.timedelta(days=1)).strftime("%Y-%m")
    following = end.strftime("%Y-%m")
    context = {
        "community": community,
        "communities": communities_public().values_list("pk", "name") if community is None else None,
        "activities": activities,
        "weeks": selectors.month_weeks(year, month, activities),
        "month_label": f"{year}-{month:02d}",
        "previous": previous,
        "following": following,
        "today": timezone.localdate(),
        "can_publish": request.user.is_authenticated and can(request.user, "activities.publish"),
        "feed": reverse("activities:community_ics", args=[community.pk])
        if community
        else reverse("activities:calendar_ics"),
    }
    response = render(request, "activities/calendar.html", context)
    if not request.user.is_authenticated:
        response["Cache-Control"] = "private, max-age=30"
    return response


@require_safe
def calendar(request: HttpRequest) -> HttpResponse:
    """The township's calendar: every community's activities of one month, as a month view and a list."""
    community_id = id_from(request.GET.get("community"))
    if community_id:
        return redirect("activities:community", community_id=community_id)
    return _calendar(request)


@require_safe
@translate_errors
def community(request: HttpRequest, community_id: int) -> HttpResponse:
    return _calendar(request, community_public_get(community_id))


def _ics(request: HttpRequest, activities, name: str) -> HttpResponse:
    body = ics_of(activities, name=name, base=request.build_absolute_uri("/")[:-1])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="activities.ics"'
    response["Cache-Control"] = "public, max-age=300"
    return response


def _feed_window():
    now = timezone.now()
    return now - dt.timedelta(days=31), now + dt.timedelta(days=366)


@require_safe
def calendar_ics(request: HttpRequest) -> HttpResponse:
    start, end = _feed_window()
    return _ics(request, selectors.calendar_for(start=start, end=end)[:1000], name=_("全镇活动"))


@require_safe
@translate_errors
def community_ics(request: HttpRequest, community_id: int) -> HttpResponse:
    place = community_public_get(community_id)
    start, end = _feed_window()
    return _ics(
        request, selectors.calendar_for(community=place, start=start, end=end)[:1000], name=place.name
    )


@require_safe
@translate_errors
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(pk)
    mine = selectors.own_signup(viewer=request.user, activity=activity)
    context = {
        "activity": activity,
        "organiser": selectors.organiser_label(activity),
        "left": selectors.places_left(activity),
        "signup": mine,
        "can_withdraw": mine is not None and lifecycle_verbs_for(mine, request.user)["withdraw"],
        "moves": selectors.activity_moves_for(request.user, activity),
        "hours": actions.credit_hours(activity),
        "photos": selectors.report_photos(activity) if activity.state == "open" else [],
    }
    return render(request, "activities/detail.html", context)


@require_safe
@translate_errors
def photo(request: HttpRequest, pk: int, photo_id: int) -> FileResponse:
    activity = selectors.activity_get(pk)
    found = selectors.report_photo_get(activity, photo_id)
    return photo_response(found.photo, public=True)


def _form_choices(form: ActivityForm, viewer, *, with_community: bool = True) -> None:
    if with_community:
        choices = [(c.pk, c.name) for c in selectors.communities_for_publisher(viewer=viewer)]
        set_choices(form.fields["community"], [("", _("请选择"))] + choices)
        organisations = selectors.organisations_for_publisher(viewer=viewer)
        set_choices(form.fields["organisation"], [("", _("不以组织名义（村(社区)发布）"))] + organisations)
    set_choices(form.fields["series"], [("", _("请选择"))] + selectors.series_choices())
    set_choices(form.fields["kind"], [("", _("请选择"))] + selectors.kind_choices())


def _data(form: ActivityForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "place": data["place"],
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "places": data["places"],
        "series_id": data["series"] or None,
        "kind_id": data["kind"] or None,
        "volunteer": data["volunteer"],
        "audience": data["audience"],
    }


@require_perm("activities.publish")
@require_http_methods(["GET", "POST"])
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ActivityForm(request.POST or None)
    _form_choices(form, request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = communities_public().filter(pk=data["community"]).first() if data["community"] else None
        try:
            activity = actions.activity_publish(
                actor=request.user,
                community=place,
                organisation_id=data["organisation"] or None,
                **_data(form),
            )
        except DomainError as exc:
            if exc.status == 403:
                form.add_error("community", _("您不能在这个村(社区)发布活动。"))
            else:
                form_error_from(form, exc)
        else:
            messages.success(request, _("活动已发布，已在活动日历上公开，居民可以报名了。"))
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/form.html", {"form": form, "editing": None})


@require_http_methods(["GET", "POST"])
@translate_errors
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    activity = selectors.activity_get(pk)
    if not can(request.user, "activities.organise", activity):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    initial = {
        "title": activity.title,
        "description": activity.description,
        "place": activity.place,
        "audience": activity.audience,
        "starts_at": timezone.localtime(activity.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(activity.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "places": activity.places or "",
        "series": activity.series_id,
        "kind": activity.kind_id,
        "volunteer": activity.volunteer,
    }
    form = ActivityForm(request.POST or None, initial=initial)
    _form_choices(form, request.user, with_community=False)
    del form.fields["community"], form.fields["organisation"]
    if request.method == "POST" and form.is_valid():
        try:
            actions.activity_edit(actor=request.user, activity=activity, **_data(form))  # type: ignore[arg-type]
        except DomainError as exc:
            if exc.status == 403:
                raise
            form_error_from(form, exc)
        else:
            messages.success(request, _("活动已修改；时间或地点有变时，已报名的人会收到通知。"))
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/form.html", {"form": form, "editing": activity})


@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    signups = list(selectors.mine_for(viewer=request.user)[:100])
    rows = [
        {
            "signup": s,
            "who": selectors.signer_label(s, viewer=request.user),
            "for_someone_else": s.user_id != request.user.pk,
        }
        for s in signups
    ]
    organised = _decorate(selectors.organised_by(viewer=request.user)[:100])
    return render(request, "activities/mine.html", {"rows": rows, "organised": organised})


@require_safe
@translate_errors
def signups(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    activity = selectors.activity_get(pk)
    rows = selectors.signups_of(viewer=request.user, activity=activity)
    lines = [
        {
            "signup": s,
            "who": selectors.signer_label(s, viewer=request.user),
            "can_attend": lifecycle_verbs_for(s, request.user)["attend"],
        }
        for s in rows
    ]
    context = {
        "activity": activity,
        "lines": lines,
        "counts": selectors.signup_counts(rows),
        "left": selectors.places_left(activity),
        "moves": selectors.activity_moves_for(request.user, activity),
        "hours": actions.credit_hours(activity),
    }
    return render(request, "activities/signups.html", context)


def _answer(request: HttpRequest, pk: int, run, success: str, to: str = "activities:detail") -> HttpResponse:
    return move_answer(request, run=run, success=success, back=reverse(to, args=[pk]))


_view = move_view


@_view
def sign_up(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(pk)
    return _answer(
        request,
        pk,
        lambda: actions.signup_create(actor=request.user, activity=activity),
        _("报名成功。如不能参加，请在活动开始前退出报名，把名额留给别人。"),
    )


@require_perm("activities.sign_up_assisted")
@require_http_methods(["GET", "POST"])
@translate_errors
def sign_up_assisted(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    from gongzhi.residents.selectors import resident_picked

    activity = selectors.activity_get(pk)
    q = (request.GET.get("q") or "").strip()[:50]
    resident, matches = resident_picked(
        viewer=request.user,
        resident_id=id_from(request.POST.get("resident") or request.GET.get("resident")),
        q=q,
    )
    if resident is None:
        return render(
            request, "activities/assisted_pick.html", {"activity": activity, "q": q, "matches": matches}
        )
    form = AssistedSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.signup_create_assisted(
                actor=request.user,
                activity=activity,
                resident=resident,
                consent_channel=form.cleaned_data["consent_channel"],
            )
        except DomainError as exc:
            if exc.status == 403:
                raise
            form_error_from(form, exc)
        else:
            messages.success(request, _("已为%(name)s报名。") % {"name": resident.name})
            return redirect("activities:detail", pk=activity.pk)
    return render(
        request, "activities/assisted_form.html", {"activity": activity, "resident": resident, "form": form}
    )


@_view
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _answer(
        request,
        pk,
        lambda: actions.activity_cancel(actor=request.user, activity=activity, reason=reason),
        _("活动已取消，已报名的人会收到通知。"),
    )


@_view
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(pk)
    ids = [i for i in (id_from(v) for v in request.POST.getlist("signup")) if i]
    if request.POST.getlist("signup") and len(ids) != len(request.POST.getlist("signup")):
        ids.append(0)  # an id that is no id: refused as "not signed up", nothing marked
    return _answer(
        request,
        pk,
        lambda: actions.attendance_mark(actor=request.user, activity=activity, signup_ids=ids),
        _("已记录参加情况；志愿服务活动的服务时长已记入参加者的服务记录。"),
        to="activities:signups",
    )


@_view
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    signup = selectors.signup_get_for(viewer=request.user, signup_id=pk)
    return _answer(
        request,
        signup.activity_id,
        lambda: actions.signup_withdraw(actor=request.user, signup=signup),
        _("已退出报名。"),
    )


@require_http_methods(["GET", "POST"])
@translate_errors
def report(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    activity = selectors.activity_get(pk)
    if not can(request.user, "activities.organise", activity):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    form = ReportForm(request.POST or None, request.FILES or None, initial={"report": activity.report})
    if request.method == "POST" and form.is_valid():
        try:
            # Decoded and cleaned before the action's transaction (slow work outside the write lock).
            cleaned = [image_clean(upload) for upload in form.cleaned_data["photos"]]
            actions.report_save(
                actor=request.user,  # type: ignore[arg-type]
                activity=activity,
                text=form.cleaned_data["report"],
                photos=cleaned,
            )
        except DomainError as exc:
            if exc.status == 403:
                raise
            form_error_from(form, exc)
        else:
            messages.success(request, _("活动报道已发布，显示在活动页面上。"))
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/report.html", {"activity": activity, "form": form})
