from django.urls import path

from . import views

app_name = "merit"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.nominate, name="nominate"),
    path("n/<id:pk>/", views.nomination, name="nomination"),
    path("n/<id:pk>/consent/", views.consent, name="consent"),
    path("n/<id:pk>/decline/", views.decline, name="decline"),
    path("n/<id:pk>/consent/record/", views.consent_record, name="consent_record"),
    path("n/<id:pk>/consent/file/", views.consent_file, name="consent_file"),
    path("n/<id:pk>/consent/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("n/<id:pk>/photos/<id:photo_id>/", views.photo, name="photo"),
    path("n/<id:pk>/review/", views.review, name="review"),
    path("n/<id:pk>/publicise/", views.publicise, name="publicise"),
    path("n/<id:pk>/objections/<id:objection_id>/answer/", views.answer, name="answer"),
    path("n/<id:pk>/place/", views.place, name="place"),
    path("n/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("manage/<id:community_id>/", views.manage, name="manage"),
    path("manage/<id:community_id>/setting/", views.setting, name="setting"),
    path("categories/", views.categories, name="categories"),
    path("categories/<id:pk>/active/", views.category_active, name="category_active"),
    path("board/", views.boards, name="boards"),
    path("board/c/<id:community_id>/", views.board, name="board"),
    path("board/c/<id:community_id>/poster.pdf", views.poster, name="poster"),
    path("board/t/<id:township_id>/", views.township_board, name="township_board"),
    path("board/e/<id:pk>/", views.entry, name="entry"),
    path("board/e/<id:pk>/object/", views.object_, name="object"),
]
