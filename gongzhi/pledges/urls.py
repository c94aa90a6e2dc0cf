from django.urls import path

from . import views

app_name = "pledges"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.write, name="write"),
    path("privacy/", views.privacy, name="privacy"),
    path("member/<id:resident_id>/new/", views.write_for, name="write_for"),
    path("member/<id:resident_id>/privacy/", views.privacy_for, name="privacy_for"),
    path("c/<id:community_id>/", views.community, name="community"),
    path("p/<id:pk>/", views.pledge, name="pledge"),
    path("p/<id:pk>/revise/", views.revise, name="revise"),
    path("p/<id:pk>/approve/", views.approve, name="approve"),
    path("p/<id:pk>/return/", views.return_, name="return"),
    path("p/<id:pk>/close/", views.close, name="close"),
    path("posts/", views.posts, name="posts"),
    path("posts/<id:pk>/active/", views.post_active, name="post_active"),
    path("coverage/", views.coverage, name="coverage"),
    path("board/", views.boards, name="boards"),
    path("board/c/<id:community_id>/", views.board, name="board"),
]
