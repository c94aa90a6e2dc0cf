from django.urls import path

from . import views

app_name = "bodies"
urlpatterns = [
    path("", views.index, name="index"),
    path("c/<id:community_id>/", views.community, name="community"),
    path("c/<id:community_id>/new/", views.body_new, name="body_new"),
    path("<id:pk>/", views.body, name="body"),
    path("<id:pk>/edit/", views.body_edit, name="body_edit"),
    path("<id:pk>/members/new/", views.member_new, name="member_new"),
    path("m/<id:pk>/end/", views.member_end, name="member_end"),
    path("m/<id:pk>/households/", views.member_households, name="member_households"),
    path("p/<id:community_id>/", views.public, name="public"),
]
