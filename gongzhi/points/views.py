"""Pages of the optional points: the township's switch and its communities; a community's catalogue, entries,
appeals and store (its staff); the household's own ledger (its members); each community's public monthly
summary (items only, never households). While the township has the points off, every page says so and every
write is refused by its action."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.selectors import community_public_get
from gongzhi.core.authz import can
from gongzhi.core.deeds import deed_sources
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import move_answer, public_page_cache, require_perm, translate_errors
from gongzhi.core.images import photo_clean
from gongzhi.photos.http import photo_response

from . import actions, selectors
from .forms import (
    AnswerForm,
    AppealForm,
    CatalogueForm,
    ConveneForm,
    DecideForm,
    EntryForm,
    FundingForm,
    GoodsForm,
    ImportForm,
    RedeemForm,
    RestockForm,
    SettingsForm,
)
from .models import STAFF_SOURCE, CatalogueState, EntryState

PUBLIC_SECONDS = 60


def _form_refused(request, form) -> None:
    first = next(iter(form.errors.values()))[0] if form.errors else _("请检查填写的内容。")
    messages.error(request, first)


@require_perm("points.view")
@require_safe
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    communities = [(c, selectors.points_enabled(c)) for c in selectors.communities_for(viewer=request.user)]
    context = {"townships": selectors.townships_for(viewer=request.user), "communities": communities}
    return render(request, "points/index.html", context)


@require_perm("points.switch")
@require_POST
def switch(request: AuthenticatedHttpRequest, township_id: int) -> HttpResponse:
    township = selectors.township_get_for(viewer=request.user, township_id=township_id)
    enabled = request.POST.get("enabled") == "1"
    return move_answer(
        request,
        run=lambda: actions.points_switch_set(actor=request.user, township=township, enabled=enabled),
        success=_("积分制已开启。") if enabled else _("积分制已关闭。"),
        back=reverse("points:index"),
    )


def _kept(request: AuthenticatedHttpRequest, community_id: int):
    """A community the viewer keeps (404 outside their reach, 403 for a reader who does not keep)."""
    from gongzhi.core.errors import NotPermitted

    community = selectors.community_get_for(viewer=request.user, community_id=community_id)
    if not can(request.user, "points.keep", community):
        raise NotPermitted()
    return community


@require_perm("points.view")
@require_safe
def community(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = selectors.community_get_for(viewer=request.user, community_id=community_id)
    in_force = selectors.catalogue_in_force(area)
    goods = list(selectors.goods_of(area))
    context = {
        "community": area,
        "enabled": selectors.points_enabled(area),
        "may_keep": can(request.user, "points.keep", area),
        "catalogues": list(selectors.catalogues_of(area)),
        "in_force": in_force,
        "items": list(in_force.items.all()) if in_force else [],
        "pending": list(selectors.entries_of(area, state=EntryState.PENDING)[:50]),
        "recent": list(selectors.entries_of(area, state=EntryState.COUNTED)[:30]),
        "appeals": list(selectors.appeals_of(area)),
        "goods": goods,
        "funding": list(selectors.funding_of(area)[:30]),
        "funding_total": selectors.funding_total(area),
        "appeal_days": selectors.appeal_days_of(area),
        "import_form": ImportForm(
            initial={"start": timezone.localdate().replace(day=1), "end": timezone.localdate()}
        ),
        "goods_form": GoodsForm(),
        "funding_form": FundingForm(),
        "redeem_form": RedeemForm(
            goods=[
                (
                    g.pk,
                    _("%(name)s（%(price)d分，余%(stock)d）")
                    % {"name": g.name, "price": g.price, "stock": g.quantity},
                )
                for g in goods
            ]
        ),
        "settings_form": SettingsForm(initial={"appeal_days": selectors.appeal_days_of(area)}),
        "user_id": request.user.pk,
    }
    return render(request, "points/community.html", context)


@require_perm("points.keep")
@require_http_methods(["GET", "POST"])
def catalogue_new(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = _kept(request, community_id)
    in_force = selectors.catalogue_in_force(area)
    initial = (
        {"title": in_force.title, "items": actions.items_format(in_force.items.all())} if in_force else {}
    )
    form = CatalogueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = actions.catalogue_draft(
                actor=request.user,
                community=area,
                title=data["title"],
                items=actions.items_parse(data["items"]),
                allows_deductions=data["allows_deductions"],
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            form_error_from(form, exc)
        else:
            messages.success(
                request, _("已起草第%(v)d版，请提交村(居)民代表会议表决。") % {"v": made.version}
            )
            return redirect("points:catalogue", pk=made.pk)
    context = {
        "form": form,
        "community": area,
        "enabled": selectors.points_enabled(area),
        "sources": [(source.name, source.label) for source in deed_sources()],
        "staff_source": STAFF_SOURCE,
    }
    return render(request, "points/catalogue_form.html", context)


@require_perm("points.view")
@require_safe
def catalogue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.catalogue_get_for(viewer=request.user, catalogue_id=pk)
    context = {
        "catalogue": found,
        "items": list(found.items.all()),
        "staff_source": STAFF_SOURCE,
        "enabled": selectors.points_enabled(found.community),
        "may_keep": can(request.user, "points.keep", found),
        "convene_form": ConveneForm(initial={"held_on": timezone.localdate() + dt.timedelta(days=7)}),
        "states": CatalogueState,
    }
    return render(request, "points/catalogue.html", context)


def _catalogue_kept(request: AuthenticatedHttpRequest, pk: int):
    from gongzhi.core.errors import NotPermitted

    found = selectors.catalogue_get_for(viewer=request.user, catalogue_id=pk)
    if not can(request.user, "points.keep", found):
        raise NotPermitted()
    return found


@require_perm("points.keep")
@require_POST
def catalogue_convene(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _catalogue_kept(request, pk)
    form = ConveneForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect("points:catalogue", pk=found.pk)
    data = form.cleaned_data
    return move_answer(
        request,
        run=lambda: actions.catalogue_convene(
            actor=request.user,
            catalogue=found,
            held_on=data["held_on"],
            place=data["place"],
            starts_at=data["starts_at"],
            urgency_reason=data["urgency_reason"],
            method=data["method"],
        ),
        success=lambda meeting: _("已通知召开村(居)民代表会议（%(day)s）。") % {"day": meeting.held_on},
        back=reverse("points:catalogue", kwargs={"pk": found.pk}),
    )


@require_perm("points.keep")
@require_POST
def catalogue_take(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _catalogue_kept(request, pk)
    return move_answer(
        request,
        run=lambda: actions.catalogue_take(actor=request.user, catalogue=found),
        success=lambda taken: _("代表会议表决结果已采用：%(state)s。") % {"state": taken.get_state_display()},
        back=reverse("points:catalogue", kwargs={"pk": found.pk}),
    )


@require_perm("points.keep")
@require_http_methods(["GET", "POST"])
def entry_new(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = _kept(request, community_id)
    in_force = selectors.catalogue_in_force(area)
    items = [i for i in in_force.items.all() if i.source == STAFF_SOURCE] if in_force else []
    choices = [
        (
            i.pk,
            _("%(name)s（%(points)+d分；%(evidence)s）")
            % {"name": i.name, "points": i.points, "evidence": i.evidence},
        )
        for i in items
    ]
    form = EntryForm(request.POST or None, request.FILES or None, items=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = next((i for i in items if i.pk == data["item"]), None)
        try:
            photo = photo_clean(data.get("photo"))
            entry = actions.award_enter(
                actor=request.user,
                community=area,
                household=selectors.household_in(area, data["household"]),
                item=item,
                units=data["units"],
                occurred_on=data["occurred_on"],
                evidence=data["evidence"],
                photo=photo,
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            form_error_from(form, exc)
        else:
            messages.success(
                request, _("已录入%(points)d分，待另一名工作人员复核后计入。") % {"points": entry.points}
            )
            return redirect("points:community", community_id=area.pk)
    context = {
        "form": form,
        "community": area,
        "enabled": selectors.points_enabled(area),
        "in_force": in_force,
    }
    return render(request, "points/entry_form.html", context)


@require_perm("points.keep")
@require_POST
def entry_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    from gongzhi.core.errors import NotPermitted

    entry = selectors.entry_get_for(viewer=request.user, entry_id=pk)
    if not can(request.user, "points.keep", entry):
        raise NotPermitted()
    form = DecideForm(request.POST)
    form.is_valid()
    approve = bool(form.cleaned_data.get("approve"))
    return move_answer(
        request,
        run=lambda: actions.entry_decide(
            actor=request.user, entry=entry, approve=approve, note=form.cleaned_data.get("note", "")
        ),
        success=_("已复核通过，计入该户积分。") if approve else _("已退回，不计入积分。"),
        back=reverse("points:community", kwargs={"community_id": entry.community_id}),
    )


@login_required
@require_safe
@translate_errors
def entry_photo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    """An entry's evidence photo: for the community's readers, and for the household's members."""
    try:
        entry = selectors.entry_get_for(viewer=request.user, entry_id=pk)
    except NotFound:
        entry = selectors.own_entry_get(request.user, pk)
    if entry.photo is None:
        raise NotFound()
    return photo_response(entry.photo, public=False)


@require_perm("points.keep")
@require_POST
def deeds_import(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = _kept(request, community_id)
    form = ImportForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect("points:community", community_id=area.pk)
    return move_answer(
        request,
        run=lambda: actions.deeds_import(
            actor=request.user, community=area, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
        ),
        success=lambda result: (
            _(
                "导入完成：计入%(credited)d条，此前已计入%(already)d条，%(unmatched)d条未能对应到本村(社区)登记的户。"
            )
            % {"credited": result.credited, "already": result.already, "unmatched": result.unmatched}
        ),
        back=reverse("points:community", kwargs={"community_id": area.pk}),
    )


@require_perm("points.keep")
@require_POST
def appeal_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    appeal = selectors.appeal_get_for(viewer=request.user, appeal_id=pk)
    form = AnswerForm(request.POST)
    form.is_valid()
    upheld = bool(form.cleaned_data.get("upheld"))
    return move_answer(
        request,
        run=lambda: actions.appeal_answer(
            actor=request.user, appeal=appeal, upheld=upheld, answer=form.cleaned_data.get("answer", "")
        ),
        success=_("申诉成立，已冲正。") if upheld else _("已答复：申诉不成立。"),
        back=reverse("points:community", kwargs={"community_id": appeal.entry.community_id}),
    )


@require_perm("points.keep")
@require_POST
def goods_add(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = _kept(request, community_id)
    form = GoodsForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect("points:community", community_id=area.pk)
    return move_answer(
        request,
        run=lambda: actions.goods_add(actor=request.user, community=area, **form.cleaned_data),
        success=_("已登记物品。"),
        back=reverse("points:community", kwargs={"community_id": area.pk}),
    )


@require_perm("points.keep")
@require_POST
def goods_restock(request: AuthenticatedHttpRequest, community_id: int, goods_id: int) -> HttpResponse:
    area = _kept(request, community_id)
    goods = selectors.goods_get(area, goods_id)
    form = RestockForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect("points:community", community_id=area.pk)
    return move_answer(
        request,
        run=lambda: actions.goods_restock(
            actor=request.user, goods=goods, quantity=form.cleaned_data["quantity"]
        ),
        success=_("已补充库存。"),
        back=reverse("points:community", kwargs={"community_id": area.pk}),
    )


@require_perm("points.keep")
@require_POST
def funding_add(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = _kept(request, community_id)
    form = FundingForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect("points:community", community_id=area.pk)
    return move_answer(
        request,
        run=lambda: actions.funding_record(actor=request.user, community=area, **form.cleaned_data),
        success=_("已登记资金来源。"),
        back=reverse("points:community", kwargs={"community_id": area.pk}),
    )


@require_perm("points.keep")
@require_POST
def redeem(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = _kept(request, community_id)
    goods = list(selectors.goods_of(area))
    form = RedeemForm(request.POST, goods=[(g.pk, g.name) for g in goods])
    if not form.is_valid():
        _form_refused(request, form)
        return redirect("points:community", community_id=area.pk)
    data = form.cleaned_data
    return move_answer(
        request,
        run=lambda: actions.redemption_make(
            actor=request.user,
            community=area,
            household=selectors.household_in(area, data["household"]),
            goods=selectors.goods_get(area, data["goods"]),
            quantity=data["quantity"],
        ),
        success=lambda entry: (
            _("已兑换：%(what)s，扣%(points)d分。") % {"what": entry.description, "points": -entry.points}
        ),
        back=reverse("points:community", kwargs={"community_id": area.pk}),
    )


@require_perm("points.keep")
@require_POST
def settings(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    area = _kept(request, community_id)
    form = SettingsForm(request.POST)
    days = form.cleaned_data["appeal_days"] if form.is_valid() else None
    return move_answer(
        request,
        run=lambda: actions.appeal_days_set(actor=request.user, community=area, days=days),
        success=lambda _set: _("申诉期已设为%(days)d天。") % {"days": days},
        back=reverse("points:community", kwargs={"community_id": area.pk}),
    )


@login_required
@require_safe
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The ledgers of the households the signed-in user belongs to on the register."""
    context = {
        "ledgers": selectors.own_ledgers(request.user),
        "today": timezone.localdate(),
        "form": AppealForm(),
    }
    return render(request, "points/mine.html", context)


@login_required
@require_POST
@translate_errors
def appeal_new(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.own_entry_get(request.user, entry_id)
    form = AppealForm(request.POST)
    form.is_valid()
    return move_answer(
        request,
        run=lambda: actions.appeal_file(
            actor=request.user, entry=entry, reason=form.cleaned_data.get("reason", "")
        ),
        success=_("申诉已提交，工作人员答复后会通知您。"),
        back=reverse("points:mine"),
    )


def _month(raw: str | None) -> dt.date:
    today = timezone.localdate()
    try:
        year, month = (int(p) for p in (raw or "").split("-"))
        chosen = dt.date(year, month, 1)
    except (ValueError, OverflowError):
        return today.replace(day=1)
    return chosen if dt.date(2000, 1, 1) <= chosen <= today else today.replace(day=1)


@require_safe
@public_page_cache(PUBLIC_SECONDS, params=("month",))
@translate_errors
def public(request: HttpRequest, community_id: int) -> HttpResponse:
    """A community's monthly summary: items awarded, deducted and redeemed with their totals, never a household
    and never a ranking; or that the points are off."""
    area = community_public_get(community_id)
    month = _month(request.GET.get("month"))
    enabled = selectors.points_enabled(area)
    first = month.replace(day=1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    context = {
        "community": area,
        "enabled": enabled,
        "summary": selectors.month_summary(area, month) if enabled else None,
        "in_force": selectors.catalogue_in_force(area) if enabled else None,
        "previous": previous,
        "following": following if following <= timezone.localdate() else None,
    }
    return render(request, "points/public.html", context)
