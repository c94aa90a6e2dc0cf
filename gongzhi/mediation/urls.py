from django.urls import path

from . import views

app_name = "mediation"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.intake, name="intake"),
    path("stats/", views.stats, name="stats"),
    path("committee/<id:community_id>/", views.committee, name="committee"),
    path("committee/seats/<id:membership_id>/training/", views.training, name="training"),
    path("screenings/<id:community_id>/", views.screenings, name="screenings"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/papers/agreement/", views.paper, {"kind": "agreement"}, name="agreement_pdf"),
    path("<id:pk>/papers/scan/", views.paper, {"kind": "scan"}, name="scan_pdf"),
    path("<id:pk>/papers/referral/", views.paper, {"kind": "referral"}, name="referral_pdf"),
    path("<id:pk>/accept/", views.accept, name="accept"),
    path("<id:pk>/decline/", views.decline, name="decline"),
    path("<id:pk>/assign/", views.assign, name="assign"),
    path("<id:pk>/recuse/", views.recuse, name="recuse"),
    path("<id:pk>/parties/", views.party_add, name="party_add"),
    path("<id:pk>/sessions/", views.session, name="session"),
    path("<id:pk>/agree/", views.agree, name="agree"),
    path("<id:pk>/fail/", views.fail, name="fail"),
    path("<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<id:pk>/scan/", views.scan, name="scan"),
    path("<id:pk>/followup/", views.followup, name="followup"),
    path("<id:pk>/reopen/", views.reopen, name="reopen"),
]
