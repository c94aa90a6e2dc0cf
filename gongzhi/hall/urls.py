from django.urls import path

from .views import applications, catalogue, followups, guide

app_name = "hall"

urlpatterns = [
    path("queue/", applications.queue, name="queue"),
    path("a/<id:pk>/", applications.detail, name="detail"),
    path("followups/", followups.followups, name="followups"),
    # The catalogue (事项目录管理) and the public guide (办事指南).
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/new/", catalogue.matter_new, name="catalogue_new"),
    path("catalogue/<id:pk>/edit/", catalogue.matter_edit, name="catalogue_edit"),
    path("catalogue/<id:pk>/active/", catalogue.matter_active, name="catalogue_active"),
    path("catalogue/export/", catalogue.catalogue_export, name="catalogue_export"),
    path("catalogue/import/", catalogue.catalogue_import, name="catalogue_import"),
    path("catalogue/import/report/", catalogue.catalogue_import_report, name="catalogue_import_report"),
    path("guide/", guide.guide_home, name="guide_home"),
    path("guide/c/<id:community>/", guide.guide_community, name="guide_community"),
    path("guide/t/<id:township>/", guide.guide_index, name="guide_index"),
    path("guide/m/<id:pk>/", guide.guide_matter, name="guide"),
]
