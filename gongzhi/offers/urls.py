from django.urls import path

from . import views

app_name = "offers"
urlpatterns = [
    path("", views.offer_list, name="list"),
    path("c/<int:community_id>/", views.community_list, name="community_list"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bookings/", views.bookings, name="bookings"),
    path("<int:pk>/book/", views.book, name="book"),
    path("<int:pk>/book/assisted/", views.book_assisted, name="book_assisted"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/serve/", views.booking_serve, name="booking_serve"),
]
