from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("board/", views.board, name="board"),
    path("convene/", views.convene, name="convene"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/roll/", views.roll, name="roll"),
    path("<id:pk>/roll/close/", views.roll_close, name="roll_close"),
    path("<id:pk>/agenda/<id:number>/vote/", views.vote, name="vote"),
    path("<id:pk>/agenda/<id:number>/ballot/", views.ballot_open, name="ballot_open"),
    path("<id:pk>/items/<id:item_id>/confirm/", views.confirm, name="confirm"),
    path("<id:pk>/witness/", views.witness, name="witness"),
    path("<id:pk>/witness/sign/", views.sign, name="sign"),
    path("<id:pk>/minutes/", views.minutes, name="minutes"),
    path("<id:pk>/close/", views.close, name="close"),
    path("<id:pk>/cancel/", views.cancel, name="cancel"),
    path("<id:pk>/record.pdf", views.record_pdf, name="record_pdf"),
    path("<id:pk>/documents/<id:document_id>/", views.document, name="document"),
]
