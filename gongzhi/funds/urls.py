from django.urls import path

from . import views

app_name = "funds"
urlpatterns = [
    path("", views.index, name="index"),
    path("c/<id:community_id>/", views.community, name="community"),
    path("c/<id:community_id>/new/", views.fund_new, name="fund_new"),
    path("c/<id:community_id>/board/", views.board_new, name="board_new"),
    path("f/<id:pk>/", views.fund, name="fund"),
    path("f/<id:pk>/income/", views.income_new, name="income_new"),
    path("f/<id:pk>/plan/", views.plan_new, name="plan_new"),
    path("p/<id:pk>/", views.plan, name="plan"),
    path("p/<id:pk>/close/", views.plan_close, name="plan_close"),
    path("p/<id:pk>/spend/", views.expenditure_new, name="expenditure_new"),
    path("e/<id:pk>/", views.expenditure, name="expenditure"),
    path("e/<id:pk>/approve/", views.approve, name="approve"),
    path("e/<id:pk>/review/", views.review, name="review"),
    path("e/<id:pk>/answer/", views.answer, name="answer"),
    path("e/<id:pk>/vouchers/<id:voucher_id>/", views.voucher, name="voucher"),
    path("b/<id:pk>/", views.board, name="board"),
    path("b/<id:pk>/pdf/", views.board_print, name="board_pdf"),
    path("b/<id:pk>/review/", views.board_review, name="board_review"),
    path("b/<id:pk>/publish/", views.board_publish, name="board_publish"),
    path("public/<id:pk>/", views.public, name="public"),
    path("public/<id:pk>/pdf/", views.public_print, name="public_pdf"),
    path("policy/<id:township_id>/", views.policy, name="policy"),
]
