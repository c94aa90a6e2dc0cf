from django.urls import path

from .views import decisions as views
from .views import decisions_power as power_views

urlpatterns = [
    path("decisions/", views.decisions, name="decisions"),
    path("decisions/new/", views.decision_start, name="decision_start"),
    path("decisions/<id:pk>/", views.decision, name="decision"),
    path("decisions/<id:pk>/stage/", views.decision_stage, name="decision_stage"),
    path("decisions/<id:pk>/stage/convene/", views.decision_stage_convene, name="decision_stage_convene"),
    path("decisions/<id:pk>/stage/take/", views.decision_stage_take, name="decision_stage_take"),
    path("decisions/<id:pk>/documents/<id:document_id>/", views.decision_document, name="decision_document"),
    path("decisions/<id:pk>/publish/", views.decision_publish, name="decision_publish"),
    path("decisions/<id:pk>/register/<slug:stage>.pdf", views.decision_register, name="decision_register"),
    path("decisions/<id:pk>/tasks/", views.decision_task_add, name="decision_task_add"),
    path("decisions/<id:pk>/accept/", views.decision_accept, name="decision_accept"),
    path("decisions/<id:pk>/object/", views.decision_object, name="decision_object"),
    path("decisions/tasks/<id:pk>/", views.decision_task, name="decision_task"),
    path("decisions/tasks/<id:pk>/move/", views.decision_task_move, name="decision_task_move"),
    path(
        "decisions/objections/<id:pk>/answer/",
        views.decision_objection_answer,
        name="decision_objection_answer",
    ),
    path("power-list/", power_views.power_lists, name="power_lists"),
    path("power-list/<id:area_id>/", power_views.power_list, name="power_list"),
    path(
        "power-list/<id:area_id>/install/", power_views.power_template_install, name="power_template_install"
    ),
    path("power-list/<id:area_id>/adopt/", power_views.power_list_adopt, name="power_list_adopt"),
    path("power-list/items/<id:pk>/", power_views.power_item_edit, name="power_item_edit"),
]
