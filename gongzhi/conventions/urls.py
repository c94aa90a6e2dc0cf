from django.urls import path

from . import views

app_name = "conventions"
urlpatterns = [
    path("", views.index, name="index"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/<id:pk>/", views.board, name="board"),
    path("campaigns/<id:pk>/export/", views.board_export, name="board_export"),
    path("campaigns/<id:pk>/start/<id:community_id>/", views.start, name="start"),
    path(
        "campaigns/<id:pk>/demonstration/<id:community_id>/",
        views.demonstration_apply,
        name="demonstration_apply",
    ),
    path("r/<id:pk>/", views.revision, name="revision"),
    path("r/<id:pk>/edit/", views.edit, name="edit"),
    path("r/<id:pk>/check/", views.check, name="check"),
    path("r/<id:pk>/submit/", views.submit, name="submit"),
    path("r/<id:pk>/review/", views.review, name="review"),
    path("r/<id:pk>/adopt/", views.adopt, name="adopt"),
    path("r/<id:pk>/file/", views.file, name="file"),
    path("r/<id:pk>/documents/<id:document_id>/", views.document, name="document"),
    path("r/<id:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("d/<id:pk>/", views.demonstration, name="demonstration"),
    path("d/<id:pk>/decide/", views.demonstration_decide, name="demonstration_decide"),
    path("c/<id:community_id>/", views.public, name="public"),
    path("c/<id:community_id>/current/", views.in_force, name="in_force"),
]
