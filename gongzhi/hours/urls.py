from django.urls import path

from . import views

app_name = "hours"
urlpatterns = [
    path("certificate.pdf", views.certificate, name="certificate"),
    path("residents/<id:resident_id>/certificate.pdf", views.certificate_for, name="certificate_for"),
    path("verify/<str:reference>/", views.verify, name="verify"),
]
