"""Routing by stage for applications: the front desk over the applicant's community (the township's window
for a matter forwarded to it), the village's cadres for a village review, the matter's department for the back
office; and which of the alternative moves out of a state applies follows the matter's handling mode."""

import pytest

from gongzhi.cases.models import Case
from gongzhi.cases.selectors import case_moves_for, case_routed_q, case_routed_to
from gongzhi.hall.models import HandlingMode
from gongzhi.hall.workflow import APPLICATION

pytestmark = pytest.mark.django_db


def routed(user) -> set[int]:
    return set(Case.objects.filter(case_routed_q(user, APPLICATION)).values_list("pk", flat=True))


def test_each_state_goes_to_its_stage(
    users, officer, township_clerk, make_matter, make_application, other_department
):
    matter = make_matter()
    submitted = make_application(matter, state="submitted")
    window = make_application(make_matter(mode=HandlingMode.VILLAGE_TO_WINDOW), state="township_window")
    village = make_application(make_matter(village_review=True), state="village_review")
    township = make_application(matter, state="township_review")
    elsewhere = make_application(make_matter(department=other_department), state="township_review")
    supplementing = make_application(matter, state="supplementing")

    clerk, cadre = users["window_clerk"], users["community_staff"]
    assert routed(clerk) == {submitted.pk}  # a village's window: not the township window's work
    assert routed(township_clerk) == {submitted.pk, window.pk}  # over the township: its villages' windows too
    assert routed(cadre) == {submitted.pk, village.pk}
    assert routed(officer) == {township.pk}  # 民政办's, not 农业农村办's
    assert routed(users["other_staff"]) == set()  # another community
    assert supplementing.pk not in routed(clerk) | routed(officer)  # the applicant's turn
    assert elsewhere.pk not in routed(officer)
    assert case_routed_to(township_clerk, window.case)
    assert not case_routed_to(clerk, window.case)


def test_the_mode_decides_which_move_applies(users, officer, make_matter, make_application):
    clerk = users["window_clerk"]
    direct = make_application(make_matter(mode=HandlingMode.VILLAGE_DIRECT), state="submitted")
    township = make_application(make_matter(), state="submitted")
    reviewed = make_application(make_matter(village_review=True), state="submitted")
    forwarded = make_application(make_matter(mode=HandlingMode.VILLAGE_TO_WINDOW), state="submitted")
    assert case_moves_for(direct, clerk) == ["accept_village", "notify", "refuse"]
    assert case_moves_for(township, clerk) == ["accept", "notify", "refuse"]
    assert case_moves_for(reviewed, clerk) == ["accept_village", "notify", "refuse"]
    assert case_moves_for(forwarded, clerk) == ["forward", "notify", "refuse"]

    county = make_application(make_matter(county_office="县民政局"), state="township_review")
    plain = make_application(make_matter(), state="township_review")
    assert case_moves_for(county, officer) == ["reject", "hand_off", "return"]
    assert case_moves_for(plain, officer) == ["approve", "reject", "return"]
    assert case_moves_for(plain, clerk) == []  # the window does not decide
    # The applicant may withdraw an open application, not decide it.
    assert case_moves_for(plain, users["resident"]) == ["withdraw"]
