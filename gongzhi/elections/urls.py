from django.urls import path  # noqa: F401 - the election pages add their routes here

app_name = "elections"
urlpatterns: list = []
