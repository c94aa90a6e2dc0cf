"""URLs for benchmarks: the application's own, plus the bare yardstick view.

Used only by gongzhi.config.settings.bench, so the application's URL
configuration stays untouched.
"""

from django.urls import include, path

from .views import bare_rows, floor_layout, floor_signed_in

handler500 = "gongzhi.core.views.server_error"

urlpatterns = [
    path("bench/bare", bare_rows, name="bench_bare"),
    path("bench/floor/signed-in", floor_signed_in, name="bench_floor_signed_in"),
    path("bench/floor/layout", floor_layout, name="bench_floor_layout"),
    path("", include("gongzhi.config.urls")),
]
