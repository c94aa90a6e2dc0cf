from django.urls import path

from . import export_views, views

app_name = "residents"
urlpatterns = [
    path("", views.resident_list, name="list"),
    path("new/", views.resident_create, name="create"),
    path("<id:pk>/", views.resident_detail, name="detail"),
    path("<id:pk>/edit/", views.resident_edit, name="edit"),
    path("<id:pk>/event/", views.resident_event, name="event"),
    path("<id:pk>/reveal/", views.resident_reveal, name="reveal"),
    path("<id:pk>/reset-password/", views.resident_reset_password, name="reset_password"),
    path("import/", views.import_upload, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/<id:pk>/", views.import_job, name="import_job"),
    path("import/<id:pk>/report.xlsx", views.import_report, name="import_report"),
    path("export.xlsx", views.export, name="export"),
    path("exports/", export_views.export_request_list, name="export_requests"),
    path("exports/new/", export_views.export_request_new, name="export_request_new"),
    path("exports/<id:pk>/", export_views.export_request_detail, name="export_request_detail"),
    path("exports/<id:pk>/decide/", export_views.export_request_decide, name="export_request_decide"),
    path("exports/<id:pk>/download/", export_views.export_request_download, name="export_request_download"),
    path("households/", views.household_list, name="household_list"),
    path("households/new/", views.household_create, name="household_create"),
    path("households/<id:pk>/", views.household_detail, name="household_detail"),
    path("households/<id:pk>/add-member/", views.household_add_member, name="household_add_member"),
    path("households/<id:pk>/head/", views.household_change_head, name="household_change_head"),
    path("households/<id:pk>/move-out/", views.household_move_out, name="household_move_out"),
    path("households/<id:pk>/print.pdf", views.household_print, name="household_print"),
]
