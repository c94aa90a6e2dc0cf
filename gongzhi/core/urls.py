from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.me, name="me"),
    path("me/tokens/", views.token_create, name="token_create"),
    path("me/tokens/<id:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("healthz", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("text-check/", views.text_check, name="text_check"),
    path("language/", views.language, name="language"),
]
