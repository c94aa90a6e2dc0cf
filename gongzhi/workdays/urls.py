from django.urls import path

from . import views

app_name = "workdays"
urlpatterns = [
    path("", views.calendar_index, name="index"),
    path("<year:year>/", views.calendar_year, name="year"),
]
