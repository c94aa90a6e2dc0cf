from django.urls import path

from . import views

app_name = "legal"
urlpatterns = [
    path("", views.index, name="index"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage/target/<id:township_id>/", views.target, name="target"),
    path("c/<id:community_id>/", views.community, name="community"),
    path("c/<id:community_id>/aides/new/", views.aide_new, name="aide_new"),
    path("c/<id:community_id>/savvy/new/", views.savvy_new, name="savvy_new"),
    path("c/<id:community_id>/slots/new/", views.slot_new, name="slot_new"),
    path("c/<id:community_id>/apply/", views.apply, name="apply"),
    path("aides/<id:pk>/end/", views.aide_end, name="aide_end"),
    path("savvy/<id:pk>/", views.savvy, name="savvy"),
    path("savvy/<id:pk>/training/", views.savvy_training, name="savvy_training"),
    path("savvy/<id:pk>/assess/", views.savvy_assess, name="savvy_assess"),
    path("savvy/<id:pk>/move/", views.savvy_move, name="savvy_move"),
    path("consult/", views.consult, name="consult"),
    path("slots/<id:pk>/book/", views.book, name="book"),
    path("slots/<id:pk>/book-for/", views.book_assisted, name="book_assisted"),
    path("slots/<id:pk>/withdraw/", views.slot_withdraw, name="slot_withdraw"),
    path("consultations/<id:pk>/cancel/", views.cancel, name="cancel"),
    path("consultations/<id:pk>/record/", views.record, name="record"),
    path("applications/", views.applications, name="applications"),
    path("applications/<id:pk>/", views.application, name="application"),
    path("applications/<id:pk>/decide/", views.decide, name="decide"),
    path("applications/<id:pk>/resubmit/", views.resubmit, name="resubmit"),
    path("applications/<id:pk>/files/<id:attachment_id>/", views.attachment, name="attachment"),
    path("named/<id:community_id>/", views.public, name="named"),
]
