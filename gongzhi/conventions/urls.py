from django.urls import path

from . import views

app_name = "conventions"
urlpatterns = [
    path("", views.index, name="index"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", views.board, name="board"),
    path("campaigns/<int:pk>/export/", views.board_export, name="board_export"),
    path("campaigns/<int:pk>/start/<int:community_id>/", views.start, name="start"),
    path("campaigns/<int:pk>/demonstration/<int:community_id>/", views.demonstration_apply, name="demonstration_apply"),
    path("r/<int:pk>/", views.revision, name="revision"),
    path("r/<int:pk>/edit/", views.edit, name="edit"),
    path("r/<int:pk>/check/", views.check, name="check"),
    path("r/<int:pk>/submit/", views.submit, name="submit"),
    path("r/<int:pk>/review/", views.review, name="review"),
    path("r/<int:pk>/adopt/", views.adopt, name="adopt"),
    path("r/<int:pk>/file/", views.file, name="file"),
    path("r/<int:pk>/documents/<int:document_id>/", views.document, name="document"),
    path("r/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("d/<int:pk>/", views.demonstration, name="demonstration"),
    path("d/<int:pk>/decide/", views.demonstration_decide, name="demonstration_decide"),
    path("c/<int:community_id>/", views.public, name="public"),
    path("c/<int:community_id>/current/", views.in_force, name="in_force"),
]
