"""The merit board's lifecycle and its refusals: each bad input is a clear Chinese message and changes nothing."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.core.deeds import deed_source
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.disclosures.models import Disclosure
from gongzhi.merit import actions, selectors
from gongzhi.merit.models import Nomination, NominationState, Objection, ReviewOpinion
from tests.merit.conftest import STORY

pytestmark = pytest.mark.django_db


def nominate(merit, areas, actor, **extra):
    data = {
        "community": areas["village"],
        "category": merit["category"],
        "kind": "person",
        "title": "照顾瘫痪婆婆二十年",
        "story": STORY,
        "witness": "邻居李明（同组邻居）",
        "nominee_name": "孝媳王秀英",
    }
    data.update(extra)
    return actions.nomination_create(actor=actor, **data)


def consented(merit, areas, users, display="full"):
    n = nominate(merit, areas, users["resident"])
    return actions.nomination_consent(actor=merit["nominee_user"], nomination=n, display=display)


def passed(merit, areas, users, display="full"):
    n = consented(merit, areas, users, display)
    for judge in merit["members"][:2]:
        actions.review_opinion_record(actor=judge, nomination=n, agrees=True, reason="事迹属实，村里都知道")
    n.refresh_from_db()
    return n


def publicity_over(n: Nomination) -> None:
    """Move the 公示's end into the past, as the calendar would."""
    Nomination.objects.filter(pk=n.pk).update(publicity_ends_at=timezone.now() - dt.timedelta(minutes=1))
    n.refresh_from_db()


def test_a_nomination_goes_from_consent_through_review_and_publicity_to_the_board(merit, areas, users):
    n = nominate(merit, areas, users["resident"])
    assert n.state == NominationState.AWAITING_CONSENT
    assert n.nominator_kind == "resident"
    assert n.resident == merit["nominee"]
    n = actions.nomination_consent(actor=merit["nominee_user"], nomination=n, display="surname")
    assert n.state == NominationState.IN_REVIEW
    assert n.display_name == "孝某某"
    assert n.consent_channel == "online"
    actions.review_opinion_record(actor=merit["members"][0], nomination=n, agrees=True, reason="属实")
    n.refresh_from_db()
    assert n.state == NominationState.IN_REVIEW  # 1 of 3: not yet more than half
    actions.review_opinion_record(actor=merit["members"][1], nomination=n, agrees=True, reason="属实")
    n.refresh_from_db()
    assert n.state == NominationState.PASSED
    assert "至少2人" in n.review_reason
    n = actions.nomination_publicise(actor=users["community_staff"], nomination=n)
    assert n.state == NominationState.PUBLICISED
    assert n.publicity_days == 7
    disclosure = Disclosure.objects.get(pk=n.disclosure_id)
    assert disclosure.area == areas["village"]
    assert "孝某某" in disclosure.title
    assert "孝媳王秀英" not in disclosure.body
    # 民法典 201/203: the first day is not counted, the seventh ends at 24:00.
    start = timezone.localtime(n.publicity_starts_at).date()
    assert timezone.localtime(n.publicity_ends_at) == timezone.localtime(n.publicity_ends_at).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    assert timezone.localtime(n.publicity_ends_at).date() == start + dt.timedelta(days=8)
    objection = actions.objection_record(
        actor=users["party_member"], nomination=n, text="听说婆婆是请护工照顾的"
    )
    with pytest.raises(Conflict, match="期满后才能上榜"):
        actions.nomination_place(actor=users["community_staff"], nomination=n)
    publicity_over(n)
    with pytest.raises(Conflict, match="1 条异议没有答复"):
        actions.nomination_place(actor=users["community_staff"], nomination=n)
    actions.objection_answer(actor=users["community_staff"], nomination=n, objection_id=objection.pk,
                             upheld=False, answer="经核实，护工只在白天来两小时，其余由本人照顾。")  # fmt: skip
    n = actions.nomination_place(actor=users["community_staff"], nomination=n)
    assert n.state == NominationState.ON_BOARD
    assert list(selectors.board_entries(areas["village"])) == [n]
    today = timezone.localdate()
    entries = selectors.board_entries_between(areas["village"], today, today)
    assert [(e.nomination_id, e.resident_id, e.household_id, e.category, e.placed_on) for e in entries] == [
        (n.pk, merit["nominee"].pk, None, "孝老爱亲", today)
    ]
    assert (
        selectors.board_entries_between(
            areas["village"], today + dt.timedelta(days=1), today + dt.timedelta(days=9)
        )
        == []
    )
    # The entry is a recorded deed the optional points may reward, through the kernel's registry (no import).
    deeds = deed_source("merit").between(areas["village"], today, today)
    assert [(d.source_id, d.resident_id, d.household_id, d.on, d.description) for d in deeds] == [
        (n.pk, merit["nominee"].pk, None, today, "积德榜：孝老爱亲")
    ]
    assert deed_source("merit").between(areas["urban"], today, today) == []  # another community's board
    verbs = list(
        AuditEvent.objects.filter(target_type="merit.nomination", target_id=str(n.pk)).values_list(
            "verb", flat=True
        )
    )
    assert {"merit.nominated", "merit.consented", "merit.reviewed", "merit.publicised", "merit.objected",
            "merit.objection_answered", "merit.placed"} <= set(verbs)  # fmt: skip


def _snapshot(n: Nomination):
    n.refresh_from_db()
    return (n.state, n.consented_at, n.disclosure_id, ReviewOpinion.objects.filter(nomination=n).count(),
            Disclosure.objects.count(), AuditEvent.objects.count())  # fmt: skip


def test_without_consent_nothing_goes_to_review_publicity_or_the_board(merit, areas, users):
    n = nominate(merit, areas, users["resident"])
    before = _snapshot(n)
    with pytest.raises(Conflict, match="还没有同意"):
        actions.review_opinion_record(actor=merit["members"][0], nomination=n, agrees=True, reason="属实")
    with pytest.raises(Conflict, match="还没有同意"):
        actions.nomination_publicise(actor=users["community_staff"], nomination=n)
    with pytest.raises(Conflict, match="还没有同意"):
        actions.nomination_place(actor=users["community_staff"], nomination=n)
    assert _snapshot(n) == before
    # Not even by writing the row: the table refuses a consented state without consent.
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.filter(pk=n.pk).update(state=NominationState.PUBLICISED)
    assert _snapshot(n) == before


def test_only_the_nominee_consents_online_and_staff_record_paper_consent(merit, areas, users):
    n = nominate(merit, areas, users["resident"])
    with pytest.raises(NotPermitted):
        actions.nomination_consent(actor=users["resident"], nomination=n, display="full")
    with pytest.raises(DomainError, match="请上传本人签字的同意书"):
        actions.nomination_consent_record(actor=users["community_staff"], nomination=n, display="full",
                                          consent_file=None)  # fmt: skip
    with pytest.raises(DomainError, match="PDF 文件或照片"):
        actions.nomination_consent_record(actor=users["community_staff"], nomination=n, display="full",
                                          consent_file=b"not a scan at all")  # fmt: skip
    n.refresh_from_db()
    assert n.state == NominationState.AWAITING_CONSENT
    from tests.pdfs import blank_pdf

    n = actions.nomination_consent_record(actor=users["community_staff"], nomination=n, display="full",
                                          consent_file=blank_pdf())  # fmt: skip
    assert n.state == NominationState.IN_REVIEW
    assert n.consent_channel == "paper"
    assert n.consent_pdf_path
    assert n.display_name == "孝媳王秀英"


def test_a_nominee_who_declines_ends_the_nomination_privately(merit, areas, users):
    n = nominate(merit, areas, users["resident"])
    n = actions.nomination_decline(actor=merit["nominee_user"], nomination=n)
    assert n.state == NominationState.DECLINED
    with pytest.raises(Conflict):
        actions.nomination_consent(actor=merit["nominee_user"], nomination=n, display="full")
    with pytest.raises(NotFound):
        selectors.entry_public_get(n.pk)
    assert not selectors.nominations_for(viewer=merit["members"][0]).filter(pk=n.pk).exists()


def test_a_member_reviews_once_and_a_non_member_never(merit, areas, users):
    n = consented(merit, areas, users)
    with pytest.raises(NotPermitted):
        actions.review_opinion_record(
            actor=users["community_staff"], nomination=n, agrees=True, reason="属实"
        )
    actions.review_opinion_record(actor=merit["members"][0], nomination=n, agrees=False, reason="不太了解")
    with pytest.raises(Conflict, match="已经评议过"):
        actions.review_opinion_record(actor=merit["members"][0], nomination=n, agrees=True, reason="改主意了")
    assert list(ReviewOpinion.objects.filter(nomination=n).values_list("agrees", flat=True)) == [False]
    actions.review_opinion_record(actor=merit["members"][1], nomination=n, agrees=False, reason="没有证据")
    n.refresh_from_db()
    assert n.state == NominationState.NOT_PASSED  # two of three against: a majority can no longer agree
    with pytest.raises(Conflict, match="不在评议中"):
        actions.review_opinion_record(actor=merit["members"][2], nomination=n, agrees=True, reason="属实")


def test_a_community_without_a_moral_review_council_is_told_to_set_one_up(merit, areas, users):
    merit["body"].active = False
    merit["body"].save(update_fields=["active"])
    n = consented(merit, areas, users)
    assert "还没有登记道德评议会" in actions.review_blocker(n)
    assert "组织机构" in actions.review_blocker(n)
    with pytest.raises(NotPermitted):
        actions.review_opinion_record(actor=merit["members"][0], nomination=n, agrees=True, reason="属实")


def test_an_objection_after_the_publicity_is_refused(merit, areas, users):
    n = actions.nomination_publicise(actor=users["community_staff"], nomination=passed(merit, areas, users))
    publicity_over(n)
    with pytest.raises(Conflict, match="公示期已于.*结束"):
        actions.objection_record(actor=users["volunteer"], nomination=n, text="我有不同看法要反映")
    assert not Objection.objects.filter(nomination=n).exists()


def test_one_objection_per_person_and_each_answered_once(merit, areas, users):
    n = actions.nomination_publicise(actor=users["community_staff"], nomination=passed(merit, areas, users))
    objection = actions.objection_record(actor=users["volunteer"], nomination=n, text="我有不同看法要反映")
    with pytest.raises(Conflict, match="已经对这项提名提出过异议"):
        actions.objection_record(actor=users["volunteer"], nomination=n, text="再说一次我的看法")
    actions.objection_answer(actor=users["community_staff"], nomination=n, objection_id=objection.pk,
                             upheld=False, answer="已核实，事迹属实")  # fmt: skip
    with pytest.raises(Conflict, match="已经答复过了"):
        actions.objection_answer(actor=users["community_staff"], nomination=n, objection_id=objection.pk,
                                 upheld=True, answer="改为成立")  # fmt: skip
    objection.refresh_from_db()
    assert (objection.upheld, objection.answer) == (False, "已核实，事迹属实")
    n.refresh_from_db()
    assert n.state == NominationState.PUBLICISED
    with pytest.raises(NotPermitted):
        actions.objection_answer(actor=users["other_staff"], nomination=n, objection_id=objection.pk,
                                 upheld=True, answer="外社区")  # fmt: skip


def test_an_upheld_objection_withdraws_the_nomination_and_its_publicity(merit, areas, users):
    n = actions.nomination_publicise(actor=users["community_staff"], nomination=passed(merit, areas, users))
    objection = actions.objection_record(actor=users["volunteer"], nomination=n, text="事迹有夸大的成分")
    actions.objection_answer(actor=users["community_staff"], nomination=n, objection_id=objection.pk,
                             upheld=True, answer="经核实，部分事迹不实")  # fmt: skip
    n.refresh_from_db()
    assert n.state == NominationState.WITHDRAWN
    assert "部分事迹不实" in n.withdrawn_reason
    assert Disclosure.objects.get(pk=n.disclosure_id).is_withdrawn
    with pytest.raises(Conflict):
        actions.nomination_place(actor=users["community_staff"], nomination=n)


def test_a_nomination_outside_the_actors_scope_is_refused_and_invisible(merit, areas, users):
    before = Nomination.objects.count()
    with pytest.raises(NotPermitted):
        nominate(merit, areas, users["other_staff"])
    with pytest.raises(NotPermitted):
        nominate(merit, areas, users["nobody"])
    assert Nomination.objects.count() == before
    n = nominate(merit, areas, users["resident"])
    with pytest.raises(NotFound):
        selectors.nomination_get_for(viewer=users["other_staff"], nomination_id=n.pk)
    with pytest.raises(NotPermitted):
        actions.nomination_withdraw(actor=users["other_staff"], nomination=n, reason="越权")
    assert selectors.nomination_get_for(viewer=users["township_admin"], nomination_id=n.pk) == n


@pytest.mark.parametrize(
    ("story", "message"),
    [("", "请填写事迹"), ("好人好事", "事迹至少20个字"), ("好" * 2001, "事迹不能超过2000个字"),
     (STORY + "有事请打13812345678联系", "手机号")],
)  # fmt: skip
def test_an_empty_short_long_or_personal_story_is_refused(merit, areas, users, story, message):
    before = (Nomination.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainError, match=message):
        nominate(merit, areas, users["resident"], story=story)
    assert (Nomination.objects.count(), AuditEvent.objects.count()) == before


def test_a_family_of_another_community_cannot_be_nominated(merit, areas, users):
    before = Nomination.objects.count()
    with pytest.raises(DomainError, match="这一户不在本村"):
        actions.nomination_create(
            actor=users["community_staff"], community=areas["village"], category=merit["family_category"],
            kind="family", title="好家风好家庭", story=STORY, witness="组长", nominee_id=merit["far_household"].pk,
        )  # fmt: skip
    with pytest.raises(DomainError, match="没有叫“东街户主”"):
        nominate(merit, areas, users["resident"], kind="family", category=merit["family_category"],
                 nominee_name="东街户主")  # fmt: skip
    assert Nomination.objects.count() == before


def test_a_family_consents_through_its_head(merit, areas, users):
    n = actions.nomination_create(
        actor=users["community_staff"], community=areas["village"], category=merit["family_category"],
        kind="family", title="三代同堂和睦家", story=STORY, witness="2组组长", nominee_id=merit["household"].pk,
    )  # fmt: skip
    assert n.consenter == merit["head"]
    assert n.nominator_kind == "staff"
    with pytest.raises(NotPermitted):
        actions.nomination_consent(actor=merit["nominee_user"], nomination=n, display="full")
    n = actions.nomination_consent(actor=merit["head_user"], nomination=n, display="full")
    assert n.display_name == "好家户主家庭"


def test_nobody_nominates_themselves(merit, areas, users):
    with pytest.raises(DomainError, match="不能提名自己"):
        nominate(merit, areas, merit["nominee_user"])


def test_the_publicity_period_is_the_communitys_setting(merit, areas, users):
    with pytest.raises(DomainError, match="1 到 30"):
        actions.merit_setting_change(
            actor=users["community_staff"], community=areas["village"], publicity_days=0
        )
    actions.merit_setting_change(actor=users["community_staff"], community=areas["village"], publicity_days=5)
    n = actions.nomination_publicise(actor=users["community_staff"], nomination=passed(merit, areas, users))
    assert n.publicity_days == 5
    start = timezone.localtime(n.publicity_starts_at).date()
    assert timezone.localtime(n.publicity_ends_at).date() == start + dt.timedelta(days=6)


def test_categories_are_the_township_offices(merit, areas, users):
    with pytest.raises(NotPermitted):
        actions.category_add(actor=users["community_staff"], name="尊师重教")
    category = actions.category_add(actor=users["township_admin"], name="尊师重教")
    actions.category_active_set(actor=users["township_admin"], category=category, active=False)
    with pytest.raises(DomainError, match="在用的积德榜类别"):
        nominate(merit, areas, users["resident"], category=category)


def test_a_registered_organisation_nominates_through_its_representative(merit, areas, users):
    from gongzhi.orgs.actions import organisation_move, organisation_register, representative_add
    from tests.conftest import make_user

    org = organisation_register(
        actor=users["township_admin"], home=areas["township"], name="永安镇阳光社会工作服务中心", kind="social_work",
        authority="某县民政局", contact_name="陈晓燕", contact_phone="13912345678", communities=[areas["village"]],
        credit_code="91110108551385082Q", description="为留守老人和儿童提供社工服务。",
    )  # fmt: skip
    org = organisation_move(actor=users["township_admin"], organisation=org, verb="approve")
    rep = make_user("org_rep", display_name="陈代表")
    representative_add(actor=users["township_admin"], organisation=org, user=rep)
    before = Nomination.objects.count()
    with pytest.raises(DomainError, match="请选择以哪个社会组织的名义提名"):
        nominate(merit, areas, rep)
    with pytest.raises(NotPermitted):
        nominate(merit, areas, rep, community=areas["urban"], organisation_id=None)
    assert Nomination.objects.count() == before
    n = nominate(merit, areas, rep, organisation_id=org.pk)
    assert n.nominator_kind == "organisation"
    assert n.organisation == org


def test_the_nominee_takes_back_consent_online_even_from_the_board(merit, areas, users, client):
    """Consent given may always be taken back: from the board, by the nominee's own account, on the page or the
    API; the entry and its 公示 come down, the keepers and others cannot do it in the nominee's name."""
    n = passed(merit, areas, users)
    n = actions.nomination_publicise(actor=users["community_staff"], nomination=n)
    publicity_over(n)
    n = actions.nomination_place(actor=users["community_staff"], nomination=n)
    assert selectors.entry_public_get(n.pk) == n
    with pytest.raises(NotPermitted):
        actions.nomination_consent_withdraw(actor=users["community_staff"], nomination=n, reason="代为撤回")
    with pytest.raises(DomainError, match="撤回理由不能超过"):
        actions.nomination_consent_withdraw(actor=merit["nominee_user"], nomination=n, reason="太" * 301)
    n.refresh_from_db()
    assert n.state == NominationState.ON_BOARD
    client.force_login(merit["nominee_user"])
    page = client.get(f"/merit/n/{n.pk}/")
    assert 'data-testid="consent-withdraw"' in page.content.decode()
    answer = client.post(f"/merit/n/{n.pk}/consent/withdraw/", {"reason": ""}, follow=True)
    assert "您已撤回同意" in answer.content.decode()
    n.refresh_from_db()
    assert (n.state, n.withdrawn_reason) == (NominationState.WITHDRAWN, "本人撤回同意")
    assert Disclosure.objects.get(pk=n.disclosure_id).is_withdrawn
    with pytest.raises(NotFound):
        selectors.entry_public_get(n.pk)
    event = AuditEvent.objects.filter(verb="merit.consent_withdrawn").get()
    assert event.summary["from"] == NominationState.ON_BOARD
    again = actions.nomination_consent_withdraw
    with pytest.raises(Conflict, match="没有可以撤回的同意"):
        again(actor=merit["nominee_user"], nomination=n)


def test_the_nominee_takes_back_consent_over_the_api_and_awaiting_consent_is_declined_instead(
    merit, areas, users, client
):
    from tests.selfgov.test_proposals_api import auth

    waiting = nominate(merit, areas, users["resident"])
    path = f"/api/v1/merit/nominations/{waiting.pk}/consent/withdraw"
    refused = client.post(path, {}, content_type="application/json", **auth(merit["nominee_user"]))
    assert (refused.status_code, refused.json()["code"]) == (409, "not_consented")
    n = actions.nomination_consent(actor=merit["nominee_user"], nomination=waiting, display="full")
    answer = client.post(path, {"reason": "家里人不同意公开"}, content_type="application/json",
                         **auth(merit["nominee_user"]))  # fmt: skip
    assert answer.status_code == 200
    assert answer.json()["state"] == NominationState.WITHDRAWN
    n.refresh_from_db()
    assert n.withdrawn_reason == "家里人不同意公开"
