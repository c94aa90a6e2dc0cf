from django.urls import path

from . import views

app_name = "areas"
urlpatterns = [
    path("", views.area_tree, name="tree"),
    path("<id:parent_id>/new/", views.area_create, name="create"),
]
