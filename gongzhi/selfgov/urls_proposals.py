from django.urls import path

from .views import proposals as views
from .views import proposals_settings

urlpatterns = [
    path("proposals/", views.index, name="proposals"),
    path("proposals/c/<id:community_id>/", views.community, name="proposals_community"),
    path("proposals/new/", views.new, name="proposal_new"),
    path("proposals/due/", views.due, name="proposals_due"),
    path("proposals/settings/", proposals_settings.settings_page, name="proposals_settings"),
    path("proposals/<id:pk>/", views.detail, name="proposal"),
    path("proposals/<id:pk>/open/", views.open_, name="proposal_open"),
    path("proposals/<id:pk>/sign/", views.sign, name="proposal_sign"),
    path("proposals/<id:pk>/unsign/", views.unsign, name="proposal_unsign"),
    path("proposals/<id:pk>/sign-for/", views.sign_for, name="proposal_sign_for"),
    path("proposals/<id:pk>/submit/", views.submit, name="proposal_submit"),
    path("proposals/<id:pk>/withdraw/", views.withdraw, name="proposal_withdraw"),
    path("proposals/<id:pk>/answer/", views.answer, name="proposal_answer"),
    path("proposals/<id:pk>/meeting/", views.meeting, name="proposal_meeting"),
    path("proposals/<id:pk>/close/", views.close, name="proposal_close"),
    path("proposals/<id:pk>/posts/", views.post, name="proposal_post"),
    path("proposals/<id:pk>/posts/<id:post_id>/hide/", views.hide, name="proposal_post_hide"),
]
