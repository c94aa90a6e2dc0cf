from django.urls import path

from . import views

app_name = "workforce"
urlpatterns = [
    path("", views.index, name="index"),
    path("posts/", views.posts, name="posts"),
    path("staffing/", views.staffing, name="staffing"),
    path("defaults/", views.defaults, name="defaults"),
    path("staffing/export/", views.export, name="export"),
    path("c/<id:community_id>/", views.community, name="community"),
    path("c/<id:community_id>/public/", views.public, name="public"),
    path("c/<id:community_id>/appoint/", views.appoint, name="appoint"),
    path("c/<id:community_id>/target/", views.target, name="target"),
    path("c/<id:community_id>/contracts/new/", views.contract_new, name="contract_new"),
    path("a/<id:pk>/", views.appointment, name="appointment"),
    path("a/<id:pk>/vacate/", views.vacate, name="vacate"),
    path("a/<id:pk>/train/", views.train, name="train"),
    path("contracts/<id:pk>/", views.contract, name="contract"),
    path("contracts/<id:pk>/scan/", views.contract_scan, name="contract_scan"),
]
