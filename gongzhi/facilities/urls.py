from django.urls import path

from . import views

app_name = "facilities"
urlpatterns = [
    path("", views.index, name="index"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/book/", views.book, name="book"),
    path("<id:pk>/photos/<id:photo_id>/", views.photo, name="photo"),
    path("c/<id:community_id>/new/", views.new, name="new"),
    path("bookings/<id:pk>/", views.booking, name="booking"),
    path("bookings/<id:pk>/approve/", views.approve, name="approve"),
    path("bookings/<id:pk>/refuse/", views.refuse, name="refuse"),
    path("bookings/<id:pk>/cancel/", views.cancel, name="cancel"),
    path("gap/", views.gap, name="gap"),
    path("gap/export/", views.export, name="export"),
    path("standard/<id:township_id>/", views.standard, name="standard"),
    path("types/<id:township_id>/", views.types, name="types"),
    path("types/<id:township_id>/<id:pk>/", views.type_edit, name="type_edit"),
    path("types/<id:township_id>/<id:pk>/retire/", views.type_retire, name="type_retire"),
]
