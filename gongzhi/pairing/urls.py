from django.urls import path

from . import views

app_name = "pairing"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export, name="export"),
    path("aims/", views.aims, name="aims"),
    path("aims/<id:area_id>/", views.aim, name="aim"),
    path("c/<id:community_id>/", views.community, name="community"),
    path("households/<id:household_id>/", views.household, name="household"),
    path("households/<id:household_id>/pair/", views.pair, name="pair"),
    path("households/<id:household_id>/decline/", views.decline, name="decline"),
    path("pairs/<id:pk>/end/", views.end, name="end"),
    path("pairs/<id:pk>/visit/", views.visit, name="visit"),
    path("mine/", views.mine, name="mine"),
    path("mine/choose/", views.choose, name="choose"),
    path("mine/decline/", views.mine_decline, name="mine_decline"),
]
