from django.urls import path

from .views import applications, followups, rating, stats

app_name = "hall"

urlpatterns = [
    path("queue/", applications.queue, name="queue"),
    path("a/<id:pk>/", applications.detail, name="detail"),
    path("a/<id:pk>/rate/", rating.rate, name="rate"),
    path("a/<id:pk>/unreasonable/", rating.mark_unreasonable, name="mark_unreasonable"),
    path("a/<id:pk>/unreasonable/review/", rating.review_unreasonable, name="review_unreasonable"),
    path("followups/", followups.followups, name="followups"),
    path("followups/<id:pk>/", followups.followup, name="followup"),
    path("followups/<id:pk>/visit/", followups.followup_visit, name="followup_visit"),
    path("followups/<id:pk>/rectify/", followups.followup_rectify, name="followup_rectify"),
    path("stats/", stats.stats, name="stats"),
]
