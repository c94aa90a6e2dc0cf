from django.urls import path

from . import views

app_name = "budgeting"
urlpatterns = [
    path("", views.index, name="index"),
    path("c/<id:community_id>/new/", views.round_new, name="round_new"),
    path("r/<id:pk>/", views.round_page, name="round"),
    path("r/<id:pk>/open/", views.round_open, name="round_open"),
    path("r/<id:pk>/close/", views.round_close, name="round_close"),
    path("r/<id:pk>/propose/", views.propose, name="propose"),
    path("r/<id:pk>/enter/", views.enter, name="enter"),
    path("r/<id:pk>/rank/", views.rank, name="rank"),
    path("r/<id:pk>/decide/", views.decide, name="decide"),
    path("p/<id:pk>/", views.project, name="project"),
    path("p/<id:pk>/screen/", views.screen, name="screen"),
    path("p/<id:pk>/finish/", views.finish, name="finish"),
    path("p/<id:pk>/photos/<id:photo_id>/", views.photo, name="photo"),
    path("public/<id:pk>/", views.public_round, name="public_round"),
    path("public/p/<id:pk>/", views.public_project, name="public_project"),
    path("public/p/<id:pk>/rate/", views.rate, name="rate"),
    path("catalogue/<id:township_id>/", views.catalogue, name="catalogue"),
]
