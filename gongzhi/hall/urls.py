from django.urls import path

from .views import applications, catalogue, flow, followups, guide, office, open311, rating, stats

app_name = "hall"

urlpatterns = [
    path("queue/", applications.queue, name="queue"),
    path("a/<id:pk>/", applications.detail, name="detail"),
    path("a/<id:pk>/rate/", rating.rate, name="rate"),
    path("a/<id:pk>/unreasonable/", rating.mark_unreasonable, name="mark_unreasonable"),
    path("a/<id:pk>/unreasonable/review/", rating.review_unreasonable, name="review_unreasonable"),
    path("followups/", followups.followups, name="followups"),
    path("open311/keys/", open311.keys, name="open311_keys"),
    path("open311/keys/<id:pk>/revoke/", open311.key_revoke, name="open311_key_revoke"),
]

from .views import applying, desk  # noqa: E402  (the desk part's routes)

urlpatterns += [
    path("apply/", applying.apply_start, name="apply_start"),
    path("apply/<id:pk>/", applying.apply, name="apply"),
    path("apply/<id:pk>/proxy/", applying.proxy_request, name="proxy_request"),
    path("apply/<id:pk>/for/", applying.apply_for, name="apply_for"),
    path("mine/", applying.mine, name="mine"),
    path("a/<id:pk>/accept/", desk.accept, name="accept"),
    path("a/<id:pk>/forward/", desk.forward, name="forward"),
    path("a/<id:pk>/notify/", desk.notify, name="notify"),
    path("a/<id:pk>/refuse/", desk.refuse, name="refuse"),
    path("a/<id:pk>/supply/", desk.supply, name="supply"),
    path("a/<id:pk>/promised/", desk.supply_promised, name="supply_promised"),
    path("a/<id:pk>/withdraw/", desk.withdraw, name="withdraw"),
    path("a/<id:pk>/receipt/", desk.receipt, name="receipt"),
    path("promises/", desk.promises, name="promises"),
    path("a/<id:pk>/files/<id:file_id>/", desk.file, name="file"),
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
    path("a/<id:pk>/office/<slug:verb>/", office.move, name="office_move"),
    path("a/<id:pk>/issue/", office.issue, name="issue"),
    path("a/<id:pk>/flow/", flow.flow, name="flow"),
    path("a/<id:pk>/documents/<id:doc>/", office.document, name="document"),
    path("a/<id:pk>/documents/<id:doc>/revoke/", office.document_revoke, name="document_revoke"),
    path("followups/<id:pk>/", followups.followup, name="followup"),
    path("followups/<id:pk>/visit/", followups.followup_visit, name="followup_visit"),
    path("followups/<id:pk>/rectify/", followups.followup_rectify, name="followup_rectify"),
    path("stats/", stats.stats, name="stats"),
]
