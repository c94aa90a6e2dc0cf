from django.urls import path  # noqa: F401 - the election pages add their routes here

app_name = "elections"
urlpatterns: list = []

# --- Candidates, the count and the result (branch count) ---
from .views import results as count_results  # noqa: E402

urlpatterns += [
    path("polls/<id:pk>/count/", count_results.count, name="count"),
    path("polls/<id:pk>/record.pdf", count_results.record, name="count_record"),
    path("<id:pk>/notice/", count_results.notice, name="notice"),
]
