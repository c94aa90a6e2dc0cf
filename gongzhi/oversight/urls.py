from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("", views.index, name="index"),
    path("t/<id:township_id>/", views.township, name="township"),
    path("t/<id:township_id>/export/", views.export, name="export"),
    path("c/<id:community_id>/", views.community, name="community"),
    path("c/<id:community_id>/report/", views.report, name="report"),
    path("t/<id:township_id>/forms/", views.forms, name="forms"),
    path("forms/<id:form_id>/", views.form, name="form"),
    path("forms/<id:form_id>/download/", views.form_download, name="form_download"),
]
