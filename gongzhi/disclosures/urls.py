from django.urls import path

from . import views

app_name = "disclosures"
urlpatterns = [
    path("", views.index, name="index"),
    path("c/<id:community_id>/", views.board, name="board"),
    path("d/<id:pk>/", views.item, name="item"),
    path("d/<id:pk>/print/", views.item_print, name="print"),
    path("d/<id:pk>/attachment/", views.attachment, name="attachment"),
    path("d/<id:pk>/history/", views.history, name="history"),
    path("d/<id:pk>/revise/", views.revise, name="revise"),
    path("d/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("manage/<id:community_id>/", views.manage, name="manage"),
    path("manage/<id:community_id>/publish/", views.publish, name="publish"),
    path("manage/<id:community_id>/setting/", views.setting, name="setting"),
]
