from django.urls import path

from . import views

app_name = "wishes"
urlpatterns = [
    path("", views.wall, name="wall"),
    path("c/<int:community_id>/", views.community_wall, name="community_wall"),
    path("new/", views.post, name="post"),
    path("new/assisted/", views.post_assisted, name="post_assisted"),
    path("mine/", views.mine, name="mine"),
    path("queue/", views.queue, name="queue"),
    path("settings/", views.settings_page, name="settings"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/photos/<int:attachment_id>/", views.photo, name="photo"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/redact/", views.redact, name="redact"),
    path("<int:pk>/messages/", views.message, name="message"),
    path("<int:pk>/contact/", views.contact, name="contact"),
    path("<int:pk>/return/", views.return_, name="return"),
    path("<int:pk>/claim/", views.claim, name="claim"),
    path("<int:pk>/release/", views.release, name="release"),
    path("<int:pk>/fulfil/", views.fulfil, name="fulfil"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/dispute/", views.dispute, name="dispute"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/resubmit/", views.resubmit, name="resubmit"),
]
