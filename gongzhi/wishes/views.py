"""Wish wall pages. The wall and a public wish are open to everyone; every move needs its permission."""

import hashlib

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.accounts.roles import REGISTER_READERS
from gongzhi.areas.selectors import community_public_choices, community_public_get
from gongzhi.cases.actions import AlreadySubmitted, case_pii_findings
from gongzhi.cases.models import PrivacyTier
from gongzhi.cases.selectors import case_attachment_get, case_attachments, case_moves_for
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.core.forms import form_error_from, text_check_context
from gongzhi.core.http import (
    back_url,
    move_answer,
    paginate,
    public_page_cache,
    querystring_without,
    require_perm,
    search_indexable,
    translate_errors,
    typed_rating,
)
from gongzhi.core.ids import id_from
from gongzhi.core.images import photo_clean
from gongzhi.core.pii import pii_summary
from gongzhi.core.referrals import referral_target

from . import actions, selectors
from .forms import (
    AssistedWishForm,
    ContactForm,
    FulfilForm,
    PublishForm,
    RateForm,
    WishForm,
    new_submission_key,
)
from .models import WishCategory
from .workflow import PUBLIC_STATES, THREAD_STATES

STATE_FILTERS = [(s, actions.WISH.state_label(s)) for s in PUBLIC_STATES]


WALL_PER_PAGE = 24
WALL_MAX_PAGE = 200  # deeper than anyone browses; an OFFSET past 4,800 rows is not worth its cost


class WallPage:
    """A page of the wall without a COUNT: knows whether a next page exists, not how many there are."""

    def __init__(self, wishes: list, number: int, has_next: bool):
        self.object_list, self.number = wishes, number
        self.has_next_page = has_next and number < WALL_MAX_PAGE

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self.has_next_page

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


WALL_CARDS_SECONDS = 300


def _wall_cards(request: HttpRequest, community, category: str, state: str, number: int) -> str:
    """The cards and the pager of one wall page, rendered once and kept while none of its wishes changes.

    The page's wishes are found fresh on every request (one indexed query,
    with the time each last changed); the cache key holds those times, so a
    claim or any other move shows at once. The cards are the same for every
    viewer (the wall names wishers per the privacy tier only); what can go
    stale for at most WALL_CARDS_SECONDS is a renamed community or resident.
    """
    keys, has_next = selectors.wall_page_for(
        community=community,
        category=category or None,
        state=state or None,
        page=number,
        per_page=WALL_PER_PAGE,
    )
    query = urlencode([(name, request.GET[name]) for name in ("category", "state") if request.GET.get(name)])
    fingerprint = repr(
        (
            translation.get_language(),
            community.pk if community else None,
            category,
            state,
            number,
            has_next,
            query,
            [(pk, changed.isoformat()) for pk, changed in keys],
        )
    )
    cache_key = "wishes:wall:" + hashlib.sha256(fingerprint.encode()).hexdigest()
    cards = cache.get(cache_key)
    if cards is not None:
        return mark_safe(cards)  # noqa: S308 (rendered by the template below, escaped there)
    wishes = selectors.wall_wishes(ids=[pk for pk, _changed in keys], community=community)
    labels = dict(WishCategory.choices)
    for wish in wishes:
        setattr(wish, "title", selectors.public_text(wish, wish.case.title, private=False))  # noqa: B010
        setattr(wish, "wisher", selectors.wisher_label(wish, private=False))  # noqa: B010
        setattr(wish, "state_label", actions.WISH.state_label(wish.case.state))  # noqa: B010
        setattr(wish, "category_label", labels.get(wish.category, wish.category))  # noqa: B010
    cards = render_to_string(
        "wishes/wall.html#cards", {"page": WallPage(wishes, number, has_next), "query": query}
    )
    cache.set(cache_key, str(cards), WALL_CARDS_SECONDS)
    return cards


def _restricted_cards(user) -> list:
    """The helper's own section of the wall: wishes off the public wall that they may claim."""
    wishes = selectors.restricted_for(viewer=user, limit=20)
    for wish in wishes:
        setattr(wish, "title", selectors.public_text(wish, wish.case.title, private=False))  # noqa: B010
    return wishes


def _wall(request: HttpRequest, community=None) -> HttpResponse:
    category = request.GET.get("category") or ""
    category = category if category in WishCategory.values else ""
    state = request.GET.get("state") or ""
    state = state if state in PUBLIC_STATES else ""
    asked = request.GET.get("page") or ""
    number = min(max(1, int(asked)), WALL_MAX_PAGE) if asked.isdigit() and len(asked) < 6 else 1
    context = {
        "cards": _wall_cards(request, community, category, state, number),
        "community": community,
        "communities": community_public_choices() if community is None else None,
        "categories": WishCategory.choices,
        "states": STATE_FILTERS,
        "category": category,
        "state": state,
        "can_post": request.user.is_authenticated and can(request.user, "wishes.post_own"),
        "can_assist": request.user.is_authenticated and can(request.user, "wishes.post_assisted"),
        "restricted": _restricted_cards(request.user),
        "indexable": community is not None and community.search_indexing,
    }
    return search_indexable(render(request, "wishes/wall.html", context), bool(context["indexable"]))


PUBLIC_WALL_SECONDS = 30  # a new or claimed wish shows to cookie-less visitors within half a minute
WALL_PARAMS = ("community", "category", "state", "page")  # all that the wall pages read


@require_safe
@public_page_cache(PUBLIC_WALL_SECONDS, params=WALL_PARAMS)
def wall(request: HttpRequest) -> HttpResponse:
    """The township's wall: every community's public wishes."""
    community_id = id_from(request.GET.get("community"))
    if community_id:
        rest = querystring_without(request, "community")
        target = reverse("wishes:community_wall", args=[community_id])
        return redirect(f"{target}?{rest}" if rest else target)
    return _wall(request)


@require_safe
@public_page_cache(PUBLIC_WALL_SECONDS, params=WALL_PARAMS)
@translate_errors
def community_wall(request: HttpRequest, community_id: int) -> HttpResponse:
    return _wall(request, community_public_get(community_id))


@require_safe
@translate_errors
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    wish = selectors.wish_get_for(viewer=request.user, wish_id=pk)
    private = request.user.is_authenticated and can(request.user, "wishes.see_wisher", wish)
    story_visible = selectors.story_visible(wish, request.user)
    moderator = request.user.is_authenticated and can(request.user, "wishes.moderate", wish)
    verbs = case_moves_for(wish, request.user)
    pii_found = case_pii_findings(wish.case, rows=[(wish, "fulfilment_note")]) if moderator else {}
    publish_findings = [f for key in ("case.title", "case.body") for f in pii_found.get(key, [])]
    public = selectors.is_public(wish)
    context = {
        "wish": wish,
        "case": wish.case,
        "title": selectors.public_text(wish, wish.case.title, private=private),
        "body": selectors.public_text(wish, wish.case.body, private=private) if story_visible else "",
        "story_visible": story_visible,
        "state_label": actions.WISH.state_label(wish.case.state),
        "wisher": selectors.wisher_label(wish, private=private),
        "private": private,
        "timeline": selectors.timeline_of(wish, private=private),
        "attachments": case_attachments(wish.case) if story_visible else [],
        "verbs": verbs,
        "may_refer_mediation": "return" in verbs and referral_target(actions.MEDIATION_TARGET) is not None,
        "publish_form": PublishForm(initial={"privacy": wish.case.privacy}),
        "publish_findings": publish_findings if not wish.case.pii_released else [],
        "pii_found": bool(pii_found),
        "pii_kinds": pii_summary([f for fs in pii_found.values() for f in fs]),
        "can_redact": moderator and bool(pii_found),
        "fulfil_form": FulfilForm(),
        "rate_form": RateForm(),
        "stars": "★" * (wish.case.rating or 0),
        "indexable": public and not wish.case.sensitive and wish.case.community.search_indexing,
        "thread": selectors.thread_for(viewer=request.user, wish=wish),
        "can_message": wish.case.state in THREAD_STATES
        and request.user.is_authenticated
        and can(request.user, "wishes.message", wish),
        "contact": selectors.contact_for(viewer=request.user, wish=wish),
        "due_open": wish.case.due_at is not None and wish.case.state in actions.OPEN_STATES,
        "back": back_url(request, reverse("wishes:community_wall", args=[wish.case.community_id])),
        "contact_form": ContactForm(
            initial={
                "contact_phone": wish.contact_phone,
                "meeting_place": wish.meeting_place,
                "contact_shared": wish.contact_shared,
            }
        )
        if request.user.is_authenticated and can(request.user, "wishes.set_contact", wish)
        else None,
    }
    return search_indexable(render(request, "wishes/detail.html", context), bool(context["indexable"]))


@require_safe
@translate_errors
def photo(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    wish = selectors.wish_get_for(viewer=request.user, wish_id=pk)
    if not selectors.story_visible(wish, request.user):
        raise NotFound()  # a restricted wish's photos, like its story, are for the claimer
    attachment = case_attachment_get(wish.case, attachment_id)
    from gongzhi.photos.http import photo_response

    # Only what an anonymous visitor was just shown is public; a signed-in viewer's copy is not cached.
    return photo_response(attachment.photo, public=not request.user.is_authenticated)


def _review(request, form, resident=None) -> dict | None:
    """Before a wish is sent: warnings about personal data or a sensitive topic the poster has not seen yet.

    With JavaScript the warnings appear as they type (core:text_check) and
    carry `pii_warned`; without it, the first send comes back once with the
    same warnings, and a sensitive wish set to public is switched to the
    safe tier for them to confirm or change.
    """
    data = form.cleaned_data
    check = text_check_context([data["title"], data["story"]], audience="wish")
    sensitive = actions.wish_sensitive(
        title=data["title"], story=data["story"], category=data["category"], resident=resident
    )
    if sensitive and not check["sensitive_label"]:  # by its category or the resident's tags, not its words
        check["sensitive_label"] = _("健康或生活困难等情况")
    asks_public = data.get("privacy") == PrivacyTier.PUBLIC
    if request.POST.get("pii_warned") or not (check["pii_findings"] or (sensitive and asks_public)):
        return None
    if sensitive and asks_public:
        form.data = form.data.copy()
        form.data["privacy"] = PrivacyTier.RESTRICTED
    return check


def _post_form(request, form, post, resident=None):
    """Send the form's wish through `post`; None means: show the form (again), with `form.review` if set."""
    form.review = text_check_context([], audience="wish")
    if request.method == "POST" and form.is_valid():
        review = _review(request, form, resident)
        if review is not None:
            form.review = {**review, "asked": True}
            return None
        data = form.cleaned_data
        try:
            wish = post(data)
        except AlreadySubmitted as exc:
            messages.info(request, exc.message)
            return redirect("wishes:detail", pk=exc.case.pk)
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("心愿已提交，村(社区)审核后会发布到心愿墙，每一步都会通知您。"))
            return redirect("wishes:detail", pk=wish.pk)
    return None


def _privacy_initial(resident) -> str:
    """The tier preselected on the form: the safe one for a resident with a sensitive tag."""
    if resident is not None and resident.tags.filter(is_sensitive=True).exists():
        return PrivacyTier.RESTRICTED
    return PrivacyTier.PUBLIC


@require_perm("wishes.post_own")
@require_http_methods(["GET", "POST"])
def post(request: AuthenticatedHttpRequest) -> HttpResponse:
    from gongzhi.residents.selectors import resident_get_own

    resident = resident_get_own(viewer=request.user)
    form = WishForm(
        request.POST or None,
        request.FILES or None,
        initial={"submission_key": new_submission_key(), "privacy": _privacy_initial(resident)},
    )
    answer = _post_form(
        request,
        form,
        lambda d: actions.wish_post(
            actor=request.user,
            title=d["title"],
            story=d["story"],
            category=d["category"],
            desired_by=d["desired_by"],
            photo=photo_clean(d["photo"]),
            submission_key=d["submission_key"],
            privacy=d["privacy"] or None,
            contact_phone=d["contact_phone"],
            meeting_place=d["meeting_place"],
            contact_shared=d["contact_shared"],
        ),
        resident,
    )
    return answer or render(request, "wishes/form.html", {"form": form, "title": _("许个微心愿")})


@require_perm("wishes.post_assisted")
@require_http_methods(["GET", "POST"])
def post_assisted(request: AuthenticatedHttpRequest) -> HttpResponse:
    from gongzhi.residents.selectors import resident_get_for, resident_list_for

    resident = None
    resident_id = id_from(request.POST.get("resident") or request.GET.get("resident"))
    if resident_id:
        try:
            resident = resident_get_for(viewer=request.user, resident_id=resident_id, roles=REGISTER_READERS)
        except NotFound:
            resident = None
    if resident is None:
        q = (request.GET.get("q") or "").strip()[:50]
        matches = list(resident_list_for(viewer=request.user, q=q)[:10]) if q else []
        return render(request, "wishes/assisted_pick.html", {"q": q, "matches": matches})
    form = AssistedWishForm(
        request.POST or None,
        request.FILES or None,
        initial={"submission_key": new_submission_key(), "privacy": _privacy_initial(resident)},
    )
    answer = _post_form(
        request,
        form,
        lambda d: actions.wish_post_assisted(
            actor=request.user,
            resident=resident,
            title=d["title"],
            story=d["story"],
            category=d["category"],
            desired_by=d["desired_by"],
            photo=photo_clean(d["photo"]),
            submission_key=d["submission_key"],
            consent_channel=d["consent_channel"],
            consent_note=d["consent_note"],
            privacy=d["privacy"] or None,
            contact_phone=d["contact_phone"],
            meeting_place=d["meeting_place"],
            contact_shared=d["contact_shared"],
        ),
        resident,
    )
    return answer or render(
        request, "wishes/form.html", {"form": form, "title": _("代居民许心愿"), "resident": resident}
    )


@require_http_methods(["GET", "POST"])
@translate_errors
def resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    """A returned wish, edited by its author (or whoever typed it) and sent for moderation again."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    wish = selectors.wish_get_for(viewer=request.user, wish_id=pk)
    if not can(request.user, "wishes.resubmit", wish):
        raise NotPermitted()
    initial = {
        "title": wish.case.title,
        "story": wish.case.body,
        "category": wish.category,
        "desired_by": wish.desired_by,
    }
    form = WishForm(request.POST or None, initial=initial)
    for name in ("photo", "submission_key", "privacy", "contact_phone", "meeting_place", "contact_shared"):
        del form.fields[name]
    typed = request.POST or initial
    form.review = text_check_context([typed.get("title"), typed.get("story")], audience="wish")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.wish_resubmit(
                actor=request.user,
                wish=wish,
                title=data["title"],
                story=data["story"],
                category=data["category"],
                desired_by=data["desired_by"],
            )
        except DomainError as exc:
            if exc.status == 403:
                raise
            form_error_from(form, exc)
        else:
            messages.success(request, _("已修改并重新提交审核。"))
            return redirect("wishes:detail", pk=pk)
    returned = [
        e
        for e in selectors.timeline_of(wish, private=True)
        if e["to"] == actions.WISH.state_label("returned")
    ]
    return render(
        request,
        "wishes/form.html",
        {
            "form": form,
            "title": _("修改心愿后重新提交"),
            "wish": wish,
            "returned_note": returned[-1]["note"] if returned else "",
        },
    )


@require_perm("wishes.change_settings")
@require_http_methods(["GET", "POST"])
def settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Each community's claim period (14 days unless the community changes it)."""
    from gongzhi.areas.actions import area_search_indexing_set
    from gongzhi.areas.models import AreaKind
    from gongzhi.areas.selectors import area_list_for

    from .rules import WISH_MODERATORS

    communities = list(area_list_for(viewer=request.user, kinds=[AreaKind.COMMUNITY], roles=WISH_MODERATORS))
    days = selectors.claim_days_of(communities)
    if request.method == "POST":
        chosen = next((c for c in communities if str(c.pk) == request.POST.get("community")), None)
        raw = (request.POST.get("claim_days") or "").strip()
        indexing = request.POST.get("search_indexing")
        if chosen is None:
            messages.error(request, _("请选择村(社区)。"))
        elif indexing is not None:
            if indexing not in ("0", "1"):
                messages.error(request, _("请选择是否允许搜索引擎收录。"))
            else:
                area_search_indexing_set(actor=request.user, community=chosen, allowed=indexing == "1")
                messages.success(request, _("%(name)s的搜索引擎收录设置已保存。") % {"name": chosen.name})
                return redirect("wishes:settings")
        elif not raw.isdigit():
            messages.error(request, _("认领期限请填写天数（1到90的整数）。"))
        else:
            try:
                actions.wish_settings_set(actor=request.user, community=chosen, claim_days=int(raw))
            except DomainError as exc:
                if exc.status == 403:
                    raise
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, _("%(name)s的认领期限已改为%(n)s天。") % {"name": chosen.name, "n": raw}
                )
                return redirect("wishes:settings")
    rows = [(c, days.get(c.pk, 14)) for c in communities]
    return render(request, "wishes/settings.html", {"rows": rows})


@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    wishes = list(selectors.mine_for(viewer=request.user)[:100])
    for wish in wishes:
        setattr(wish, "state_label", actions.WISH.state_label(wish.case.state))  # noqa: B010
    return render(request, "wishes/mine.html", {"wishes": wishes})


@require_perm("wishes.view_queue")
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state") or ""
    if state not in actions.WISH.states:
        state = ""
    page = paginate(request, selectors.queue_for(viewer=request.user, state=state or None), per_page=30)
    now = timezone.now()
    for wish in page:
        wish.state_label = actions.WISH.state_label(wish.case.state)
        wish.wisher = selectors.wisher_label(wish, private=True)
        wish.overdue = wish.case.due_at is not None and wish.case.due_at < now
    states = [(s, actions.WISH.state_label(s)) for s in actions.WISH.states]
    return render(
        request,
        "wishes/queue.html",
        {
            "page": page,
            "state": state,
            "states": states,
            "query": querystring_without(request, "page"),
            "here": request.get_full_path(),
        },
    )


def _move(request: HttpRequest, pk: int, run, success: str) -> HttpResponse:
    """Answer a move on a wish the user can see (404 otherwise); back to the wish."""
    back = reverse("wishes:detail", args=[pk])
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    wish = selectors.wish_get_for(viewer=request.user, wish_id=pk)
    return move_answer(request, run=lambda: run(wish), success=success, back=back)


def _reason(request) -> str:
    """As typed: the action checks it and answers in Chinese (empty where required, too long)."""
    return request.POST.get("reason", "")


def _view(fn):
    """A move view: POST only, 404/403 from the domain, a login first for anonymous users."""
    return require_POST(translate_errors(fn))


@_view
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    privacy = request.POST.get("privacy") or None  # the action refuses an unknown tier with a message
    pii, pii_reason = request.POST.get("pii", ""), request.POST.get("pii_reason", "")
    published_as: dict[str, str] = {
        PrivacyTier.RESTRICTED: _(
            "已发布：不上公开的心愿墙，本村(社区)党员、志愿者登录后可以看到标题并认领。"
        ),
        PrivacyTier.STAFF_ONLY: _("已发布，仅工作人员可见。"),
    }
    said = published_as.get(privacy or "", _("已发布到心愿墙。"))
    return _move(
        request,
        pk,
        lambda w: actions.wish_publish(
            actor=request.user, wish=w, privacy=privacy, pii=pii, pii_reason=pii_reason
        ),
        said,
    )


@_view
def message(request: HttpRequest, pk: int) -> HttpResponse:
    body = request.POST.get("body", "")
    back = reverse("wishes:detail", args=[pk]) + "#thread"
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    wish = selectors.wish_get_for(viewer=request.user, wish_id=pk)
    return move_answer(
        request,
        run=lambda: actions.wish_message_post(actor=request.user, wish=wish, body=body),
        success=_("留言已发送，对方会收到通知。"),
        back=back,
    )


@_view
def contact(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    shared = request.POST.get("contact_shared") in ("on", "1", "true")
    phone, place = request.POST.get("contact_phone", ""), request.POST.get("meeting_place", "")
    return _move(
        request,
        pk,
        lambda w: actions.wish_contact_set(
            actor=request.user, wish=w, shared=shared, phone=phone, place=place
        ),
        _("联系方式已保存。") if shared else _("已设为不让认领人看到联系方式。"),
    )


@_view
def redact(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda w: actions.wish_redact(actor=request.user, wish=w),
        _("已隐去个人信息，原文保存在审计记录中。"),
    )


@_view
def return_(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda w: actions.wish_return(actor=request.user, wish=w, reason=_reason(request)),
        _("已退回，许愿人会收到通知。"),
    )


@_view
def refer_mediation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda w: actions.wish_refer_to_mediation(actor=request.user, wish=w),
        _("已转人民调解委员会，许愿人会收到通知。"),
    )


@_view
def claim(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda w: actions.wish_claim(actor=request.user, wish=w),
        _("认领成功，请在期限内帮助完成心愿。"),
    )


@_view
def release(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda w: actions.wish_release(actor=request.user, wish=w, reason=_reason(request)),
        _("已放弃认领，心愿回到心愿墙。"),
    )


@_view
def fulfil(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    note, hours, photo = (
        request.POST.get("note", ""),
        request.POST.get("hours", ""),
        request.FILES.get("photo"),
    )
    return _move(
        request,
        pk,
        lambda w: actions.wish_fulfil(
            actor=request.user, wish=w, note=note, hours=hours, photo=photo_clean(photo)
        ),
        _("已登记完成，等待许愿人确认。"),
    )


@_view
def confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda w: actions.wish_confirm(actor=request.user, wish=w),
        _("已确认心愿实现，谢谢！欢迎给这次帮助打个分。"),
    )


@_view
def dispute(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda w: actions.wish_dispute(actor=request.user, wish=w, reason=_reason(request)),
        _("已告知认领人心愿尚未完成。"),
    )


@_view
def rate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rating, comment = typed_rating(request), request.POST.get("comment", "")
    return _move(
        request,
        pk,
        lambda w: actions.wish_rate(actor=request.user, wish=w, rating=rating, comment=comment),
        _("感谢您的评价。"),
    )


@_view
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda w: actions.wish_withdraw(actor=request.user, wish=w, reason=_reason(request)),
        _("心愿已撤回。"),
    )


@_view
def reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda w: actions.wish_reopen(actor=request.user, wish=w, reason=_reason(request)),
        _("心愿已重新提交审核。"),
    )
