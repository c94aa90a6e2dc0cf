from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("inbox/", views.inbox, name="inbox"),
    path("categories/", views.categories, name="categories"),
    path("categories/<id:pk>/", views.category_edit, name="category_edit"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/answer/", views.answer, name="answer"),
    path("<id:pk>/withdraw/", views.withdraw, name="withdraw"),
]
