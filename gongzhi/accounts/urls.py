from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    # Roles, granted and revoked by the security administrator (in a township department, for a department role).
    path("roles/", views.roles, name="roles"),
    path("roles/<id:assignment_id>/revoke/", views.role_revoke, name="role_revoke"),
    # Forgotten password (by e-mail; a temporary password from community staff also ends at reset/…/set-password/).
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
