from django.urls import path

from .views import applications, followups, office

app_name = "hall"

urlpatterns = [
    path("queue/", applications.queue, name="queue"),
    path("a/<id:pk>/", applications.detail, name="detail"),
    path("followups/", followups.followups, name="followups"),
    path("a/<id:pk>/office/<slug:verb>/", office.move, name="office_move"),
    path("a/<id:pk>/issue/", office.issue, name="issue"),
    path("a/<id:pk>/documents/<id:doc>/", office.document, name="document"),
]
