from django.urls import path

from . import views

app_name = "situations"
urlpatterns = [
    path("new/", views.post, name="post"),
    path("mine/", views.mine, name="mine"),
    path("queue/", views.queue, name="queue"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/photos/<id:attachment_id>/", views.photo, name="photo"),
    path("<id:pk>/accept/", views.accept, name="accept"),
    path("<id:pk>/reply/", views.reply, name="reply"),
    path("<id:pk>/resolve/", views.resolve, name="resolve"),
    path("<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<id:pk>/refer-mediation/", views.refer_mediation, name="refer_mediation"),
    path("<id:pk>/reopen/", views.reopen, name="reopen"),
    path("<id:pk>/rate/", views.rate, name="rate"),
    path("<id:pk>/escalate/", views.escalate, name="escalate"),
    path("<id:pk>/escalations/<id:target_id>/reply/", views.escalation_reply, name="escalation_reply"),
    path("<id:pk>/escalation/close/", views.escalation_close, name="escalation_close"),
]
