from django.urls import path

from . import views

app_name = "rulebook"
urlpatterns = [
    path("", views.index, name="index"),
    path("c/<id:community_id>/", views.public, name="public"),
    path("c/<id:community_id>/new/", views.new, name="new"),
    path("v/<id:version_id>/", views.public_version, name="public_version"),
    path("v/<id:version_id>/scan/", views.scan, name="scan"),
    path("v/<id:version_id>/pdf/", views.version_print, name="version_print"),
    path("catalogue/<id:township_id>/", views.catalogue, name="catalogue"),
    path("catalogue/<id:township_id>/kinds/<id:pk>/", views.kind_edit, name="kind_edit"),
    path("catalogue/<id:township_id>/kinds/<id:pk>/retire/", views.kind_retire, name="kind_retire"),
    path("catalogue/<id:township_id>/templates/", views.template_new, name="template_new"),
    path("catalogue/<id:township_id>/templates/<id:pk>/", views.template_edit, name="template_edit"),
    path(
        "catalogue/<id:township_id>/templates/<id:pk>/retire/", views.template_retire, name="template_retire"
    ),
    path("<id:pk>/", views.document, name="document"),
    path("<id:pk>/versions/new/", views.version_new, name="version_new"),
    path("<id:pk>/v/<id:version_id>/save/", views.draft_save, name="draft_save"),
    path("<id:pk>/v/<id:version_id>/adopt/", views.adopt, name="adopt"),
    path("<id:pk>/v/<id:version_id>/scan/", views.scan_upload, name="scan_upload"),
]
