"""Pages of the governing documents (phones first, no JavaScript): the staff's library of their communities, a
document with its versions (the draft's editor, adoption by a meeting item, a new version, what changed), and the
public library of a community with each adopted version printable."""

import datetime as dt

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.http import move_answer, require_perm
from gongzhi.core.ids import id_from

from . import actions, selectors
from .diff import diff_rows
from .models import KindGroup
from .printing import version_pdf
from .roles import KEEPERS


@require_perm("rulebook.view")
@require_safe
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    communities = list(selectors.communities_for(viewer=request.user))
    kept = {c.pk for c in selectors.communities_for(viewer=request.user, roles=KEEPERS)}
    rows = [(c, list(selectors.documents_of(c)), c.pk in kept) for c in communities[:100]]
    townships = list(selectors.townships_for(viewer=request.user)[:20])
    return render(request, "rulebook/index.html", {"rows": rows, "townships": townships})


@require_perm("rulebook.keep")
@require_http_methods(["GET", "POST"])
def new(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community = selectors.communities_for(viewer=request.user, roles=KEEPERS).filter(pk=community_id).first()
    if community is None:
        raise Http404()
    township = selectors.township_of(community)
    templates = list(selectors.templates_for(township))
    kinds = selectors.kinds(township)
    post = request.POST if request.method == "POST" else None
    if post is not None:
        template = next((t for t in templates if t.pk == id_from(post.get("template"))), None)
        kind = next((k for k in kinds if k.pk == id_from(post.get("kind"))), None)
        if kind is None and template is not None:
            kind = template.kind
        try:
            made = actions.document_create(
                actor=request.user, community=community, kind=kind, title=post.get("title", ""),
                template=template, body=post.get("body", ""),
            )  # fmt: skip
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已新建，第1版是草稿：修改后提交会议表决。"))
            return redirect("rulebook:document", pk=made.pk)
    context = {"community": community, "templates": templates, "kinds": kinds, "post": post}
    return render(request, "rulebook/new.html", context)


@require_perm("rulebook.view")
@require_safe
def document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.document_get_for(viewer=request.user, document_id=pk)
    versions = list(selectors.versions_of(found))
    draft = next((v for v in versions if v.state == "draft"), None)
    in_force = next((v for v in versions if v.state == "in_force"), None)
    keeper = can(request.user, "rulebook.keep", found)
    context = {
        "document": found,
        "versions": versions,
        "draft": draft,
        "in_force": in_force,
        "keeper": keeper,
        "items": list(selectors.adoptable_items(found.community)[:50]) if keeper and draft else [],
        "changes": diff_rows(in_force.body, draft.body) if in_force and draft else [],
    }
    return render(request, "rulebook/document.html", context)


def _version(request, pk: int, version_id: int):
    found = selectors.document_get_for(viewer=request.user, document_id=pk)
    return found, selectors.version_get(found, version_id)


@require_perm("rulebook.keep")
@require_POST
def draft_save(request: AuthenticatedHttpRequest, pk: int, version_id: int) -> HttpResponse:
    found, version = _version(request, pk, version_id)
    body = request.POST.get("body", "")
    return move_answer(
        request,
        run=lambda: actions.draft_save(actor=request.user, version=version, body=body),
        success=_("草稿已保存。"),
        back=reverse("rulebook:document", args=[found.pk]),
    )


@require_perm("rulebook.keep")
@require_POST
def adopt(request: AuthenticatedHttpRequest, pk: int, version_id: int) -> HttpResponse:
    found, version = _version(request, pk, version_id)
    item = selectors.adoptable_items(found.community).filter(
        pk=id_from(request.POST.get("meeting_item")) or 0
    )
    try:
        effective_on: dt.date | None = dt.date.fromisoformat(request.POST.get("effective_on", "").strip())
    except ValueError:
        effective_on = None
    return move_answer(
        request,
        run=lambda: actions.version_adopt(
            actor=request.user, version=version, meeting_item=item.first(), effective_on=effective_on
        ),
        success=_("已通过施行，并在公开的制度库中公布。"),
        back=reverse("rulebook:document", args=[found.pk]),
    )


@require_perm("rulebook.keep")
@require_POST
def version_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.document_get_for(viewer=request.user, document_id=pk)
    return move_answer(
        request,
        run=lambda: actions.version_new(actor=request.user, document=found),
        success=_("已新建一个草稿版本。"),
        back=reverse("rulebook:document", args=[found.pk]),
    )


@require_safe
def public(request: HttpRequest, community_id: int) -> HttpResponse:
    """A community's library: anyone reads its adopted, in-force documents and its convention."""
    try:
        community = selectors.community_public_get(community_id)
    except NotFound:
        raise Http404() from None
    return render(request, "rulebook/public.html", {"shelf": selectors.library_of(community)})


@require_safe
def public_version(request: HttpRequest, version_id: int) -> HttpResponse:
    """One adopted version, printable (the browser prints it to PDF)."""
    try:
        version = selectors.public_version_get(version_id)
    except NotFound:
        raise Http404() from None
    return render(request, "rulebook/version.html", {"version": version})


@require_perm("rulebook.keep")
@require_POST
def scan_upload(request: AuthenticatedHttpRequest, pk: int, version_id: int) -> HttpResponse:
    """The draft's scanned PDF (the signed, stamped paper), checked by core.pdfs."""
    found, version = _version(request, pk, version_id)
    upload = request.FILES.get("scan")
    raw = upload.read(actions.SCAN_MAX_BYTES + 1) if upload is not None else b""
    name = (upload.name if upload is not None else "") or _("扫描件")
    return move_answer(
        request,
        run=lambda: actions.scan_attach(actor=request.user, version=version, raw=raw, name=name),
        success=_("扫描件已上传。"),
        back=reverse("rulebook:document", args=[found.pk]),
    )


def _readable(request: HttpRequest, version_id: int):
    """An adopted version (anyone's), or a draft for its readers (`rulebook.view` in scope); else None."""
    try:
        return selectors.public_version_get(version_id)
    except NotFound:
        pass
    if request.user.is_authenticated and can(request.user, "rulebook.view"):
        try:
            return selectors.version_any_get(viewer=request.user, version_id=version_id)
        except NotFound:
            return None
    return None


@require_safe
def version_print(request: HttpRequest, version_id: int) -> HttpResponse:
    """A version as a PDF made on the server: anyone's for an adopted version, a draft's only for its readers."""
    version = _readable(request, version_id)
    if version is None:
        raise Http404()
    actor = request.user if request.user.is_authenticated else None
    response = HttpResponse(version_pdf(version, actor=actor), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rulebook-{version.pk}-v{version.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def scan(request: HttpRequest, version_id: int) -> HttpResponseBase:
    """A version's scanned PDF: anyone's for an adopted version, a draft's only for its readers."""
    version = _readable(request, version_id)
    if version is None or not version.scan:
        raise Http404()
    response = FileResponse(
        version.scan.open("rb"), content_type="application/pdf", filename=f"rulebook-{version.pk}.pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- The township's own kinds and templates ------------------------------------------------------


def _township(request, township_id: int):
    try:
        return selectors.township_get_for(viewer=request.user, township_id=township_id)
    except NotFound:
        raise Http404() from None


def _own(get):
    try:
        return get()
    except NotFound:
        raise Http404() from None


def _kind_run(request, township, kind=None):
    post = request.POST
    return lambda: actions.kind_save(
        actor=request.user,
        township=township,
        kind=kind,
        group=post.get("group", ""),
        name=post.get("name", ""),
    )


def _template_run(request, township, template=None):
    post = request.POST
    kinds = selectors.kinds(township)
    kind = next((k for k in kinds if k.pk == id_from(post.get("kind"))), None)
    return lambda: actions.template_save(
        actor=request.user, township=township, template=template, kind=kind, title=post.get("title", ""),
        body=post.get("body", ""),
    )  # fmt: skip


@require_perm("rulebook.keep_catalogue")
@require_http_methods(["GET", "POST"])
def catalogue(request: AuthenticatedHttpRequest, township_id: int) -> HttpResponse:
    """The township's own document kinds (added, edited, retired here) beside the catalogue's."""
    township = _township(request, township_id)
    back = reverse("rulebook:catalogue", args=[township.pk])
    if request.method == "POST":
        return move_answer(
            request,
            run=_kind_run(request, township),
            success=_("已添加制度类别「%(name)s」。") % {"name": request.POST.get("name", "").strip()},
            back=back,
        )
    context = {
        "township": township,
        "own": selectors.own_kinds(township),
        "catalogue": [k for k in selectors.kinds() if k.township_id is None],
        "templates": selectors.own_templates(township),
        "kinds": selectors.kinds(township),
        "groups": KindGroup.choices,
    }
    return render(request, "rulebook/catalogue.html", context)


@require_perm("rulebook.keep_catalogue")
@require_POST
def kind_edit(request: AuthenticatedHttpRequest, township_id: int, pk: int) -> HttpResponse:
    township = _township(request, township_id)
    kind = _own(lambda: selectors.own_kind_get(township, pk))
    return move_answer(
        request,
        run=_kind_run(request, township, kind),
        success=_("已保存。"),
        back=reverse("rulebook:catalogue", args=[township.pk]),
    )


@require_perm("rulebook.keep_catalogue")
@require_POST
def kind_retire(request: AuthenticatedHttpRequest, township_id: int, pk: int) -> HttpResponse:
    township = _township(request, township_id)
    kind = _own(lambda: selectors.own_kind_get(township, pk))
    retired = request.POST.get("retired", "1") != "0"
    return move_answer(
        request,
        run=lambda: actions.kind_retire(actor=request.user, kind=kind, retired=retired),
        success=_("已停用「%(name)s」。") % {"name": kind.name}
        if retired
        else _("已恢复使用「%(name)s」。") % {"name": kind.name},
        back=reverse("rulebook:catalogue", args=[township.pk]),
    )


@require_perm("rulebook.keep_catalogue")
@require_POST
def template_new(request: AuthenticatedHttpRequest, township_id: int) -> HttpResponse:
    township = _township(request, township_id)
    return move_answer(
        request,
        run=_template_run(request, township),
        success=_("已添加范本「%(title)s」。") % {"title": request.POST.get("title", "").strip()},
        back=reverse("rulebook:catalogue", args=[township.pk]),
    )


@require_perm("rulebook.keep_catalogue")
@require_POST
def template_edit(request: AuthenticatedHttpRequest, township_id: int, pk: int) -> HttpResponse:
    township = _township(request, township_id)
    template = _own(lambda: selectors.own_template_get(township, pk))
    return move_answer(
        request,
        run=_template_run(request, township, template),
        success=_("已保存。"),
        back=reverse("rulebook:catalogue", args=[township.pk]),
    )


@require_perm("rulebook.keep_catalogue")
@require_POST
def template_retire(request: AuthenticatedHttpRequest, township_id: int, pk: int) -> HttpResponse:
    township = _township(request, township_id)
    template = _own(lambda: selectors.own_template_get(township, pk))
    retired = request.POST.get("retired", "1") != "0"
    return move_answer(
        request,
        run=lambda: actions.template_retire(actor=request.user, template=template, retired=retired),
        success=_("已停用「%(name)s」。") % {"name": template.title}
        if retired
        else _("已恢复使用「%(name)s」。") % {"name": template.title},
        back=reverse("rulebook:catalogue", args=[township.pk]),
    )
