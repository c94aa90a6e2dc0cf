from django.urls import path

from . import views

app_name = "ballots"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("<id:pk>/", views.box, name="box"),
    path("<id:pk>/results/", views.results, name="results"),
    path("<id:pk>/receipts/", views.receipts, name="receipts"),
]
