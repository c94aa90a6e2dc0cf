from django.urls import path

from . import views

app_name = "situations"
urlpatterns = [
    path("new/", views.post, name="post"),
    path("mine/", views.mine, name="mine"),
    path("queue/", views.queue, name="queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/photos/<int:attachment_id>/", views.photo, name="photo"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/resolve/", views.resolve, name="resolve"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/rate/", views.rate, name="rate"),
]
