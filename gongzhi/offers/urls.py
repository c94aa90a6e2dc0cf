from django.urls import path

from . import views

app_name = "offers"
urlpatterns = [
    path("", views.offer_list, name="list"),
    path("c/<id:community_id>/", views.community_list, name="community_list"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/bookings/", views.bookings, name="bookings"),
    path("<id:pk>/book/", views.book, name="book"),
    path("<id:pk>/book/assisted/", views.book_assisted, name="book_assisted"),
    path("<id:pk>/cancel/", views.cancel, name="cancel"),
    path("<id:pk>/complete/", views.complete, name="complete"),
    path("bookings/<id:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<id:pk>/serve/", views.booking_serve, name="booking_serve"),
]
