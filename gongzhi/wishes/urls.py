from django.urls import path

from . import views

app_name = "wishes"
urlpatterns = [
    path("", views.wall, name="wall"),
    path("c/<id:community_id>/", views.community_wall, name="community_wall"),
    path("new/", views.post, name="post"),
    path("new/assisted/", views.post_assisted, name="post_assisted"),
    path("mine/", views.mine, name="mine"),
    path("queue/", views.queue, name="queue"),
    path("settings/", views.settings_page, name="settings"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/photos/<id:attachment_id>/", views.photo, name="photo"),
    path("<id:pk>/publish/", views.publish, name="publish"),
    path("<id:pk>/redact/", views.redact, name="redact"),
    path("<id:pk>/messages/", views.message, name="message"),
    path("<id:pk>/contact/", views.contact, name="contact"),
    path("<id:pk>/return/", views.return_, name="return"),
    path("<id:pk>/refer-mediation/", views.refer_mediation, name="refer_mediation"),
    path("<id:pk>/claim/", views.claim, name="claim"),
    path("<id:pk>/release/", views.release, name="release"),
    path("<id:pk>/fulfil/", views.fulfil, name="fulfil"),
    path("<id:pk>/confirm/", views.confirm, name="confirm"),
    path("<id:pk>/dispute/", views.dispute, name="dispute"),
    path("<id:pk>/rate/", views.rate, name="rate"),
    path("<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<id:pk>/reopen/", views.reopen, name="reopen"),
    path("<id:pk>/resubmit/", views.resubmit, name="resubmit"),
]
