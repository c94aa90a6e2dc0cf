from django.urls import path

from . import views

app_name = "points"
urlpatterns = [
    path("", views.index, name="index"),
    path("switch/<id:township_id>/", views.switch, name="switch"),
    path("c/<id:community_id>/", views.community, name="community"),
    path("c/<id:community_id>/catalogue/new/", views.catalogue_new, name="catalogue_new"),
    path("c/<id:community_id>/entries/new/", views.entry_new, name="entry_new"),
    path("c/<id:community_id>/import/", views.deeds_import, name="deeds_import"),
    path("c/<id:community_id>/goods/", views.goods_add, name="goods_add"),
    path("c/<id:community_id>/goods/<id:goods_id>/restock/", views.goods_restock, name="goods_restock"),
    path("c/<id:community_id>/funding/", views.funding_add, name="funding_add"),
    path("c/<id:community_id>/redeem/", views.redeem, name="redeem"),
    path("c/<id:community_id>/settings/", views.settings, name="settings"),
    path("catalogues/<id:pk>/", views.catalogue, name="catalogue"),
    path("catalogues/<id:pk>/convene/", views.catalogue_convene, name="catalogue_convene"),
    path("catalogues/<id:pk>/take/", views.catalogue_take, name="catalogue_take"),
    path("entries/<id:pk>/decide/", views.entry_decide, name="entry_decide"),
    path("entries/<id:pk>/photo/", views.entry_photo, name="entry_photo"),
    path("appeals/<id:pk>/answer/", views.appeal_answer, name="appeal_answer"),
    path("mine/", views.mine, name="mine"),
    path("mine/<id:entry_id>/appeal/", views.appeal_new, name="appeal_new"),
    path("p/<id:community_id>/", views.public, name="public"),
]
