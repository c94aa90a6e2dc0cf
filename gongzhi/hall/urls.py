from django.urls import path

from .views import applications, followups, open311

app_name = "hall"

urlpatterns = [
    path("queue/", applications.queue, name="queue"),
    path("a/<id:pk>/", applications.detail, name="detail"),
    path("followups/", followups.followups, name="followups"),
    path("open311/keys/", open311.keys, name="open311_keys"),
    path("open311/keys/<id:pk>/revoke/", open311.key_revoke, name="open311_key_revoke"),
]
