from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_list, name="list"),
    path("export/", views.audit_export_view, name="export"),
    path("verify/", views.audit_verify, name="verify"),
]
