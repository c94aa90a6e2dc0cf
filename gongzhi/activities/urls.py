from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("c/<id:community_id>/", views.community, name="community"),
    path("c/<id:community_id>/calendar.ics", views.community_ics, name="community_ics"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/cancel/", views.cancel, name="cancel"),
    path("<id:pk>/signup/", views.sign_up, name="sign_up"),
    path("<id:pk>/signup/assisted/", views.sign_up_assisted, name="sign_up_assisted"),
    path("<id:pk>/signups/", views.signups, name="signups"),
    path("<id:pk>/attendance/", views.attendance, name="attendance"),
    path("<id:pk>/report/", views.report, name="report"),
    path("<id:pk>/photos/<id:photo_id>/", views.photo, name="photo"),
    path("signups/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
]
