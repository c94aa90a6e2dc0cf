from django.urls import path

from . import views

app_name = "areas"
urlpatterns = [
    path("", views.area_tree, name="tree"),
    path("<id:parent_id>/new/", views.area_create, name="create"),
    path("departments/", views.department_list, name="departments"),
    path("departments/new/", views.department_create, name="department_create"),
    path("departments/<id:department_id>/", views.department_detail, name="department"),
    path("departments/<id:department_id>/active/", views.department_active, name="department_active"),
]
