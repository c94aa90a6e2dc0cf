from django.urls import path

from .views import applications, followups

app_name = "hall"

urlpatterns = [
    path("queue/", applications.queue, name="queue"),
    path("a/<id:pk>/", applications.detail, name="detail"),
    path("followups/", followups.followups, name="followups"),
]
