from django.urls import path

from . import views

app_name = "polls"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.poll_new, name="poll_new"),
    path("new/review/", views.evaluation_new, {"kind": "review"}, name="review_new"),
    path("new/satisfaction/", views.evaluation_new, {"kind": "satisfaction"}, name="satisfaction_new"),
    path("flags/", views.flags, name="flags"),
    path("<id:pk>/", views.round_detail, name="round"),
    path("<id:pk>/close/", views.round_close, name="close"),
    path("p/<id:pk>/", views.public_results, name="public"),
]
