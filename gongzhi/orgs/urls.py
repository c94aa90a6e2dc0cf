from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/<id:home_id>/", views.new, name="new"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/profile/", views.profile, name="profile"),
    path("<id:pk>/move/", views.move, name="move"),
    path("<id:pk>/representatives/", views.representative_add, name="representative_add"),
    path(
        "<id:pk>/representatives/<id:assignment_id>/remove/",
        views.representative_remove,
        name="representative_remove",
    ),
    path("p/<id:community_id>/", views.public, name="public"),
]
