from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<id:pk>/read/", views.mark_read, name="read"),
    path("preferences/", views.preferences, name="preferences"),
]
