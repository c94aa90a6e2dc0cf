from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language

from gongzhi.config.api import api
from gongzhi.hall.views import verify as hall_verify

urlpatterns = [
    path("", include("gongzhi.core.urls")),
    path("accounts/", include("gongzhi.accounts.urls")),
    path("areas/", include("gongzhi.areas.urls")),
    path("residents/", include("gongzhi.residents.urls")),
    path("bodies/", include("gongzhi.bodies.urls")),
    path("orgs/", include("gongzhi.orgs.urls")),
    path("workdays/", include("gongzhi.workdays.urls")),
    path("audit/", include("gongzhi.audit.urls")),
    path("notices/", include("gongzhi.notices.urls")),
    path("meetings/", include("gongzhi.meetings.urls")),
    path("cases/", include("gongzhi.cases.urls")),
    path("ballots/", include("gongzhi.ballots.urls")),
    path("wishes/", include("gongzhi.wishes.urls")),
    path("situations/", include("gongzhi.situations.urls")),
    path("offers/", include("gongzhi.offers.urls")),
    path("activities/", include("gongzhi.activities.urls")),
    path("hours/", include("gongzhi.hours.urls")),
    path("conventions/", include("gongzhi.conventions.urls")),
    path("disclosures/", include("gongzhi.disclosures.urls")),
    path("hall/", include("gongzhi.hall.urls")),
    path("selfgov/", include("gongzhi.selfgov.urls")),
    path("polls/", include("gongzhi.polls.urls")),
    path("merit/", include("gongzhi.merit.urls")),
    path("mediation/", include("gongzhi.mediation.urls")),
    path("legal/", include("gongzhi.legal.urls")),
    path("pledges/", include("gongzhi.pledges.urls")),
    path("points/", include("gongzhi.points.urls")),
    path("elections/", include("gongzhi.elections.urls")),
    path("pairing/", include("gongzhi.pairing.urls")),
    path("facilities/", include("gongzhi.facilities.urls")),
    path("workforce/", include("gongzhi.workforce.urls")),
    path("oversight/", include("gongzhi.oversight.urls")),
    path("feedback/", include("gongzhi.feedback.urls")),
    path("rulebook/", include("gongzhi.rulebook.urls")),
    path("funds/", include("gongzhi.funds.urls")),
    path("budgeting/", include("gongzhi.budgeting.urls")),
    path("open311/v2/", include("gongzhi.hall.api.open311")),
    # 出件 verification, printed as a QR code on every result notice: public, short, outside /hall/.
    path("verify/", hall_verify.verify_form, name="verify_form"),
    path("verify/<str:code>/", hall_verify.verify, name="verify"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
]

# 400, 403 and 404 use Django's handlers with our templates; 500 adds the request id for support.
handler500 = "gongzhi.core.views.server_error"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
