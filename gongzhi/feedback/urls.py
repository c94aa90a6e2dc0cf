from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("receipt/", views.receipt, name="receipt"),
    path("lookup/", views.lookup, name="lookup"),
    path("inbox/", views.inbox, name="inbox"),
    path("categories/", views.categories, name="categories"),
    path("categories/<id:township_id>/", views.township_categories, name="township_categories"),
    path("categories/<id:township_id>/<id:pk>/", views.category_edit, name="category_edit"),
    path("categories/<id:township_id>/<id:pk>/retire/", views.category_retire, name="category_retire"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/answer/", views.answer, name="answer"),
    path("<id:pk>/correct/", views.answer_correct, name="answer_correct"),
    path("<id:pk>/withdraw/", views.withdraw, name="withdraw"),
]
