from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import password_validators_help_texts
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongzhi.areas.models import AreaKind, Department
from gongzhi.areas.selectors import area_choices_for, area_get_for, department_choices_for
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import paginate, require_perm

from . import actions, selectors
from .forms import LoginForm, PasswordChangeForm, RoleAssignForm
from .http import AuthenticatedHttpRequest


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from gongzhi.core.home import public_pages

        context = super().get_context_data(**kwargs)
        context["public_pages"] = [(page.label, reverse(page.url_name)) for page in public_pages()]
        return context


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response


def lockout_response(request: HttpRequest, credentials: dict | None = None, *args, **kwargs) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked.html", {"minutes": minutes}, status=429)


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.password_change(
                actor=request.user,
                current_password=form.cleaned_data["current_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            update_session_auth_hash(request, user)  # this session stays signed in; the others end
            messages.success(request, _("密码已修改。其他设备上的登录已失效，需要用新密码重新登录。"))
            return redirect("core:me")
    return render(
        request, "accounts/password_change.html", {"form": form, "rules": password_validators_help_texts()}
    )


# --- Forgotten password by e-mail ---------------------------------------------------------------
#
# Django's views and one-use tokens, our Chinese templates. The answer is the same whether an account
# with that address exists or not (no enumeration), and mails are rate-limited per address and per
# source address, silently: a limited request gets the same page and no mail.

RESET_MAILS_PER_ADDRESS = 3
RESET_MAILS_PER_IP = 10
RESET_WINDOW_SECONDS = 3600


def reset_mail_allowed(email: str, ip: str) -> bool:
    """Count this request against the address and the source address; False past either limit."""
    import hashlib

    from gongzhi.core.ratelimit import attempts_allowed

    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return attempts_allowed(
        [(f"pwreset:mail:{address}", RESET_MAILS_PER_ADDRESS), (f"pwreset:ip:{ip}", RESET_MAILS_PER_IP)],
        RESET_WINDOW_SECONDS,
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        from gongzhi.core.middleware import client_ip

        if not reset_mail_allowed(form.cleaned_data["email"], client_ip(self.request) or ""):
            return redirect(self.success_url)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password from a mail link, or after logging in with a temporary one (the must-change
    middleware sends the holder here with a fresh token)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        from .actions import password_set_new

        assert self.user is not None  # the form is shown only for a valid link
        via = "temporary" if self.user.password_must_change else "email"
        try:
            password_set_new(user=self.user, password=form.cleaned_data["new_password1"], via=via)
        except DomainError as exc:
            form.add_error("new_password1", exc.message)
            return self.form_invalid(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        if self.request.user.is_authenticated:
            logout(self.request)  # the old password's session ends; log in with the new one
        return redirect(self.success_url)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# --- Role assignments (the security administrator) ----------------------------------------------


@require_perm("accounts.assign_roles")
@require_http_methods(["GET", "POST"])
def roles(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The role assignments in the assigner's scope, and the form that grants one (in a department, for a
    department role)."""
    kinds: list[str] = [AreaKind.TOWNSHIP, AreaKind.COMMUNITY, AreaKind.RESIDENT_GROUP, AreaKind.GRID]
    departments = department_choices_for(viewer=request.user, roles=selectors.ROLE_ASSIGNERS)
    form = RoleAssignForm(
        request.POST or None,
        areas=area_choices_for(viewer=request.user, kinds=kinds, roles=selectors.ROLE_ASSIGNERS),
        departments=departments,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = selectors.user_by_username(data["username"])
        except NotFound:
            form.add_error("username", _("没有用户名为“%(name)s”的账号。") % {"name": data["username"]})
        else:
            area = area_get_for(viewer=request.user, area_id=data["area"], roles=selectors.ROLE_ASSIGNERS)
            department = Department.objects.get(pk=data["department"]) if data["department"] else None
            try:
                assignment = actions.role_assign(
                    actor=request.user, user=user, role=data["role"], area=area, department=department
                )
            except DomainError as exc:
                form_error_from(form, exc)
            else:
                messages.success(request, _("已授予：%(what)s。") % {"what": _assignment_label(assignment)})
                return redirect("accounts:roles")
    page = paginate(request, selectors.role_assignments_for(viewer=request.user), per_page=50)
    return render(request, "accounts/roles.html", {"form": form, "page": page})


def _assignment_label(assignment) -> str:
    where = assignment.area.name + (assignment.department.name if assignment.department_id else "")
    return f"{assignment.user} · {where} · {assignment.get_role_display()}"


@require_perm("accounts.assign_roles")
@require_POST
def role_revoke(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    assignment = selectors.role_assignment_get_for(viewer=request.user, assignment_id=assignment_id)
    label = _assignment_label(assignment)
    try:
        actions.role_revoke(actor=request.user, assignment=assignment)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已撤销：%(what)s。") % {"what": label})
    return redirect("accounts:roles")
