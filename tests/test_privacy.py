"""Privacy of what residents type: personal data found as typed, redacted before it is public, sensitive
wishes kept off the public wall, no search engine indexing unless the community allows it."""

import json

import pytest

from gongzhi.areas.actions import area_search_indexing_set
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import Case, CaseEvent, PrivacyTier
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.core.pii import pii_find, pii_redact, sensitive_topics
from gongzhi.core.text import text_clean
from gongzhi.wishes import actions
from gongzhi.wishes.models import Wish
from gongzhi.wishes.selectors import restricted_for, wall_for, wish_get_for, wisher_label

PHONE = "13812345678"


# --- Finding personal data (pure) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("有事打我电话13812345678，谢谢", "mobile", "13812345678"),
        ("手机 138 1234 5678", "mobile", "138 1234 5678"),
        ("手机+86 138-1234-5678", "mobile", "+86 138-1234-5678"),
        ("号码１３８１２３４５６７８", "mobile", "１３８１２３４５６７８"),  # full-width digits
        ("座机0571-88881234", "landline", "0571-88881234"),
        ("家里电话：88881234", "landline", "88881234"),  # no area code, but the words say it is a number
        ("身份证110101199003074514", "id_number", "110101199003074514"),
        ("身份证号11010119900307451X", "id_number", "11010119900307451X"),
        ("身份证110101199003074515", "id_number", "110101199003074515"),  # mistyped check digit: still one
        ("卡号 6222 0212 3456 7890 128", "bank_card", "6222 0212 3456 7890 128"),
        ("住在幸福路12号3栋2单元401室", "address", "12号3栋2单元401室"),
        ("青山村5组12号", "address", "12号"),
        ("3号楼2单元401", "address", "3号楼2单元401"),
        ("三号楼二单元四零一", "address", "三号楼二单元四零一"),
        ("住12栋501", "address", "12栋501"),
        ("我住在3-2-401", "address", "3-2-401"),
    ],
)
def test_personal_data_is_found_by_its_checks(text, kind, found):
    findings = pii_find(text)
    assert [(f.kind, f.text) for f in findings] == [(kind, found)]
    assert found not in pii_redact(text)
    assert "已隐去" in pii_redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "2026年12月6日下午3点在村委会见面",
        "约定12月20号上午",
        "想要一台收音机，价格200元",
        "订单号20261206123456789",  # 17 digits: not an ID (no check), not a card (Luhn), not a phone
        "我今年78岁，身高165cm",
        "建于1998年，共120户",
        "青山村5组",  # a group is not an exact address
        "12345678901",  # 11 digits that no mobile range starts with
        "身份证尾号4514",
    ],
)
def test_dates_amounts_and_other_numbers_are_not_personal_data(text):
    assert pii_find(text) == []


def test_masked_findings_show_enough_to_recognise_them_and_no_more():
    mobile, card = pii_find("电话+86 138 1234 5678，卡号6222021234567890128")
    assert mobile.masked == "138****5678"
    assert card.masked == "****0128"


def test_sensitive_topics_are_found_by_their_words():
    assert sensitive_topics("老人中风后一个人住") == ["health", "alone"]
    assert sensitive_topics("孩子是留守儿童，父母在外打工") == ["left_behind"]
    assert sensitive_topics("家里是低保户") == ["hardship"]
    assert sensitive_topics("想要一台收音机", "家里的坏了") == []


# --- One text rule for every field --------------------------------------------------------------


def test_invisible_characters_are_dropped_and_a_blank_card_is_refused():
    with pytest.raises(DomainError, match="请填写心愿标题"):
        text_clean("\u200b\u200b\ufeff\u2060", label="心愿标题", field="title", minimum=2, maximum=60)
    assert text_clean("收\u200b音\u00ad机", label="标题", field="title", minimum=2, maximum=60) == "收音机"


@pytest.mark.parametrize(
    "bad", ["\u202e机音收", "a\u2066b", "想要\x7f收音机", "想要\x85收音机", "想要\ud800收音机"]
)
def test_direction_overrides_and_controls_are_refused(bad):
    with pytest.raises(DomainError) as refused:
        text_clean(bad, label="心愿标题", field="story", minimum=2, maximum=60)
    assert refused.value.field == "story"
    assert "心愿标题" in refused.value.message


def test_emoji_sequences_and_line_separators_survive():
    family = "👨\u200d👩\u200d👧"
    assert text_clean(f"谢谢{family}", label="内容", field="story", minimum=1, maximum=60) == f"谢谢{family}"
    assert (
        text_clean("第一行\u2028第二行", label="内容", field="story", minimum=1, maximum=60)
        == "第一行\n第二行"
    )


def test_a_wish_of_invisible_characters_changes_nothing(users):
    before = Case.objects.count()
    with pytest.raises(DomainError):
        actions.wish_post(actor=users["resident"], title="\u200b\u200b\u200b", story="\u202e家里收音机坏了，想听戏",
                          category="elderly")  # fmt: skip
    assert Case.objects.count() == before


# --- Staff deal with personal data before publishing --------------------------------------------


def _post(users, **extra):
    values = {
        "title": "想要一台收音机",
        "story": f"家里的收音机坏了，想听戏。有事打我电话{PHONE}",
        "category": "goods",
    }
    return actions.wish_post(actor=users["resident"], **{**values, **extra})


def test_publishing_personal_numbers_needs_a_decision_and_a_refusal_changes_nothing(users):
    wish = _post(users)
    rows = (AuditEvent.objects.count(), CaseEvent.objects.count())
    with pytest.raises(DomainError) as refused:
        actions.wish_publish(actor=users["community_staff"], wish=wish)
    assert refused.value.field == "pii"
    assert "手机号" in refused.value.message
    with pytest.raises(DomainError):  # release without a reason
        actions.wish_publish(actor=users["community_staff"], wish=wish, pii="release", pii_reason="")
    wish.refresh_from_db()
    assert wish.case.state == "submitted"
    assert PHONE in wish.case.body
    assert (AuditEvent.objects.count(), CaseEvent.objects.count()) == rows


def test_redacting_keeps_the_original_in_the_audit_trail_only(users, client):
    wish = _post(users)
    actions.wish_publish(actor=users["community_staff"], wish=wish, pii="redact")
    wish.refresh_from_db()
    assert wish.case.state == "published"
    assert PHONE not in wish.case.body
    assert "〔手机号已隐去〕" in wish.case.body
    event = AuditEvent.objects.get(verb="case.redacted")
    assert event.summary["original"]["case.body"].endswith(PHONE)
    assert event.summary["kinds"] == ["mobile"]
    assert CaseEvent.objects.filter(case=wish.case, verb="redact", note__contains="手机号").exists()
    # The trail says what was done in a sentence; the original stays in the row, not on the page.
    client.force_login(users["audit_admin"])
    trail = client.get("/audit/").content.decode()
    assert "隐去「" in trail
    assert "中的手机号" in trail
    assert PHONE not in trail
    client.logout()
    # Nobody sees the number any more: the wall, the page, the API.
    for url in ("/wishes/", f"/wishes/{wish.pk}/"):
        body = client.get(url).content.decode()
        assert PHONE not in body, url
        assert "想要一台收音机" in body, url
    _no_number_in_api(client, users, wish)


def test_staff_may_release_personal_numbers_deliberately_with_a_reason(users, client):
    wish = _post(users, story=f"村口小卖部可以代收快递，电话{PHONE}")
    actions.wish_publish(
        actor=users["community_staff"], wish=wish, pii="release", pii_reason="本人要求公开店铺电话"
    )
    wish.refresh_from_db()
    assert wish.case.pii_released == "本人要求公开店铺电话"
    assert AuditEvent.objects.get(verb="case.pii_released").summary["reason"] == "本人要求公开店铺电话"
    assert PHONE in client.get(f"/wishes/{wish.pk}/").content.decode()


def test_text_that_reached_the_wall_unmoderated_is_redacted_on_the_way_out(users, client):
    # An older wish, published before this check existed, with a number in its title and story.
    wish = actions.wish_post(actor=users["resident"], title="想要收音机", story="家里收音机坏了，想听戏。",
                             category="goods")  # fmt: skip
    actions.wish_publish(actor=users["community_staff"], wish=wish)
    Case.objects.filter(pk=wish.pk).update(title=f"收音机{PHONE}", body=f"打{PHONE}")
    for url in ("/wishes/", f"/wishes/{wish.pk}/"):
        assert PHONE not in client.get(url).content.decode(), url
    _no_number_in_api(client, users, wish)
    # Staff over it see the number marked, and may redact it (and a fulfilment note) for good.
    client.force_login(users["community_staff"])
    page = client.get(f"/wishes/{wish.pk}/").content.decode()
    assert f'<mark class="gz-pii" data-kind="mobile" title="手机号">{PHONE}</mark>' in page
    assert 'data-testid="redact"' in page
    staff_view = client.get(
        f"/api/v1/wishes/{wish.pk}", HTTP_AUTHORIZATION=f"Bearer {_token(users['community_staff'])}"
    )
    assert staff_view.json()["personal_data"] == ["mobile"]
    assert PHONE in staff_view.json()["story"]
    client.post(f"/wishes/{wish.pk}/redact/")
    wish.refresh_from_db()
    assert PHONE not in wish.case.title + wish.case.body


def _no_number_in_api(client, users, wish):
    """Another resident's client, reading the public wall and the wish."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {_token(users['volunteer'])}"}
    listed = client.get("/api/v1/wishes", **headers).json()["items"]
    shown = client.get(f"/api/v1/wishes/{wish.pk}", **headers).json()
    assert [w["id"] for w in listed] == [wish.pk]
    assert PHONE not in json.dumps(listed, ensure_ascii=False)
    assert PHONE not in shown["title"] + shown["story"]
    assert "已隐去" in shown["title"] + shown["story"]
    assert shown["personal_data"] == []  # only staff over the wish are told what is still in it


def test_only_moderators_redact(users):
    wish = _post(users)
    actions.wish_publish(
        actor=users["community_staff"], wish=wish, pii="release", pii_reason="本人同意公开电话"
    )
    for who in ("party_member", "resident", "grid_worker", "other_staff"):
        with pytest.raises(NotPermitted):
            actions.wish_redact(actor=users[who], wish=wish)
    wish.refresh_from_db()
    assert PHONE in wish.case.body
    redacted = actions.wish_redact(actor=users["township_admin"], wish=wish)
    assert PHONE not in redacted.case.body  # the action returns the fresh wish and case
    assert PHONE in wish.case.body  # and leaves the caller's as it was
    assert PHONE not in Wish.objects.select_related("case").get(pk=wish.pk).case.body


def test_redacting_reaches_the_fulfilment_note_and_returns_the_fresh_wish(users):
    wish = _post(users, story="家里的收音机坏了，想听戏。")
    wish = actions.wish_publish(actor=users["community_staff"], wish=wish)
    wish = actions.wish_claim(actor=users["party_member"], wish=wish)
    wish = actions.wish_fulfil(
        actor=users["party_member"], wish=wish, note=f"已送到，有问题打{PHONE}", hours="1"
    )
    redacted = actions.wish_redact(actor=users["community_staff"], wish=wish)
    assert PHONE not in redacted.fulfilment_note
    assert "已隐去" in redacted.fulfilment_note
    assert PHONE in wish.fulfilment_note  # the caller's instance is left as it was
    event = AuditEvent.objects.filter(verb="case.redacted").latest("id")
    assert PHONE in event.summary["original"]["wish.fulfilment_note"]  # the original, kept in the audit trail


# --- The author is warned as they type, and once more without JavaScript ------------------------


def test_the_check_under_the_form_warns_as_they_type(users, client):
    client.force_login(users["resident"])
    answer = client.post(
        "/text-check/",
        {
            "title": "想要收音机",
            "story": f"电话{PHONE}，老伴中风了",
            "audience": "wish",
            "check": "title story",
            "contact_phone": "13900001111",
        },
    )
    html = answer.content.decode()
    assert answer.status_code == 200
    assert 'data-testid="pii-warning"' in html
    assert "手机号" in html
    assert "138****5678" in html
    assert PHONE not in html
    assert 'data-testid="sensitive-hint"' in html
    assert "健康状况" in html
    quiet = client.post("/text-check/", {"story": "想要一台收音机", "contact_phone": PHONE, "check": "story"})
    quiet = quiet.content.decode()
    assert "pii-warning" not in quiet
    assert "pii_warned" not in quiet


def test_without_javascript_the_first_send_comes_back_with_the_warning(users, client):
    client.force_login(users["resident"])
    data = {"title": "想要一台收音机", "story": f"家里的坏了，电话{PHONE}", "category": "goods", "privacy": "public",
            "submission_key": "k1"}  # fmt: skip
    first = client.post("/wishes/new/", data)
    assert first.status_code == 200
    assert 'data-testid="review-asked"' in first.content.decode()
    assert not Wish.objects.exists()
    second = client.post("/wishes/new/", {**data, "pii_warned": "1"})
    assert second.status_code == 302
    assert Wish.objects.count() == 1


def test_a_sensitive_wish_sent_as_public_is_switched_to_the_safe_tier_for_confirmation(users, client):
    client.force_login(users["resident"])
    data = {"title": "想请人陪我去复查", "story": "去年中风了，一个人住，想请人陪我去县医院复查。", "category": "other",
            "privacy": "public"}  # fmt: skip
    first = client.post("/wishes/new/", data)
    assert not Wish.objects.exists()
    assert first.context["form"]["privacy"].value() == PrivacyTier.RESTRICTED
    assert 'data-testid="sensitive-hint"' in first.content.decode()
    client.post("/wishes/new/", {**data, "privacy": "restricted", "pii_warned": "1"})
    assert Wish.objects.get().case.privacy == PrivacyTier.RESTRICTED


# --- Who sees a sensitive wish ------------------------------------------------------------------


def test_sensitive_wishes_default_to_staff_and_the_claimer(users, client, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from gongzhi.core.images import photo_clean

    settings.DATA_DIR = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "JPEG")
    photo = photo_clean(SimpleUploadedFile("a.jpg", buffer.getvalue(), content_type="image/jpeg"))
    wish = actions.wish_post(actor=users["resident"], title="想请人陪我去复查", category="other", photo=photo,
                             story="去年中风了，一个人住，想请人陪我去县医院复查。")  # fmt: skip
    photo_url = f"/wishes/{wish.pk}/photos/{wish.case.attachments.get().pk}/"
    assert (wish.case.privacy, wish.case.sensitive) == (PrivacyTier.RESTRICTED, True)
    actions.wish_publish(actor=users["community_staff"], wish=wish)
    # Not on the public wall, not to visitors, not to a helper of another community.
    assert not wall_for().filter(pk=wish.pk).exists()
    assert client.get(f"/wishes/{wish.pk}/").status_code == 404
    other_helper = {"HTTP_AUTHORIZATION": f"Bearer {_token(users['other_staff'])}"}
    assert client.get(f"/api/v1/wishes/{wish.pk}", **other_helper).status_code == 404
    # The helpers of the community see its title to claim it, without the story.
    assert restricted_for(viewer=users["party_member"]) == [wish]
    assert restricted_for(viewer=users["resident"]) == []  # the wisher is no helper of their own wish
    client.force_login(users["party_member"])
    assert "想请人陪我去复查" in client.get("/wishes/").content.decode()
    page = client.get(f"/wishes/{wish.pk}/").content.decode()
    assert 'data-testid="story-hidden"' in page
    assert "中风" not in page
    assert users["resident"].display_name not in page
    assert photo_url not in page
    assert client.get(photo_url).status_code == 404
    # The claimer then sees the story; nobody else does.
    actions.wish_claim(actor=users["party_member"], wish=wish)
    assert "中风" in client.get(f"/wishes/{wish.pk}/").content.decode()
    assert client.get(photo_url).status_code == 200
    with pytest.raises(NotFound):
        wish_get_for(viewer=users["volunteer"], wish_id=wish.pk)


def test_public_pages_never_show_a_surname_for_sensitive_wishes(users, make_resident):
    elder = make_resident("grid_a1", name="胡秀英")
    wish = actions.wish_post_assisted(actor=users["grid_worker"], resident=elder, title="想要一个轮椅",
                                      story="老伴瘫痪在床，想推他出去晒晒太阳。", category="goods",
                                      consent_channel="in_person", privacy="public")  # fmt: skip
    actions.wish_publish(actor=users["community_staff"], wish=wish)
    assert wall_for().filter(pk=wish.pk).exists()  # public, as chosen
    assert wisher_label(wish, private=False) == "一位居民"
    plain = actions.wish_post_assisted(actor=users["grid_worker"], resident=elder, title="想要花种子",
                                       story="想在院子里种点花。", category="goods", consent_channel="phone",
                                       privacy="public")  # fmt: skip
    assert wisher_label(plain, private=False) == "胡**"


def test_residents_cannot_choose_staff_only_and_unknown_tiers_are_refused(users):
    for bad in ("staff_only", "everyone"):
        with pytest.raises(DomainError) as refused:
            _post(users, story="家里的收音机坏了。", privacy=bad)
        assert refused.value.field == "privacy"


def test_the_api_takes_the_tier_and_reports_personal_data_to_staff(users, client):
    created = client.post("/api/v1/wishes", json.dumps({"title": "想要收音机", "story": f"电话{PHONE}",
                                                        "category": "goods", "privacy": "anonymised"}),
                          content_type="application/json",
                          HTTP_AUTHORIZATION=f"Bearer {_token(users['resident'])}")  # fmt: skip
    assert created.status_code == 201, created.content
    wish_id = created.json()["id"]
    staff = client.get(
        f"/api/v1/wishes/{wish_id}", HTTP_AUTHORIZATION=f"Bearer {_token(users['community_staff'])}"
    )
    assert staff.json()["personal_data"] == ["mobile"]
    assert staff.json()["privacy"] == "anonymised"
    refused = client.post(f"/api/v1/wishes/{wish_id}/publish", json.dumps({}), content_type="application/json",
                          HTTP_AUTHORIZATION=f"Bearer {_token(users['community_staff'])}")  # fmt: skip
    assert refused.status_code == 400
    assert refused.json()["code"] == "pii_unresolved"
    done = client.post(f"/api/v1/wishes/{wish_id}/publish", json.dumps({"pii": "redact"}),
                       content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {_token(users['community_staff'])}")  # fmt: skip
    assert done.status_code == 200
    assert PHONE not in done.json()["story"]
    assert done.json()["personal_data"] == []


def _token(user) -> str:
    from gongzhi.accounts.actions import api_token_create

    return api_token_create(actor=user, user=user, name="测试")[1]


# --- Search engines -----------------------------------------------------------------------------


def test_public_pages_are_noindex_unless_the_community_opts_in(
    users, areas, client, django_capture_on_commit_callbacks
):
    wish = actions.wish_post(actor=users["resident"], title="想要一台收音机", story="家里的收音机坏了。",
                             category="goods")  # fmt: skip
    actions.wish_publish(actor=users["community_staff"], wish=wish)
    village = areas["village"]
    pages = [f"/wishes/c/{village.pk}/", f"/wishes/{wish.pk}/", f"/conventions/c/{village.pk}/"]
    for url in pages + ["/wishes/"]:
        answer = client.get(url)
        assert answer["X-Robots-Tag"] == "noindex, nofollow", url
        assert b'<meta name="robots" content="noindex, nofollow">' in answer.content, url
    with pytest.raises(NotPermitted):
        area_search_indexing_set(actor=users["other_staff"], community=village, allowed=True)
    with django_capture_on_commit_callbacks(execute=True):  # the cached community is refreshed on commit
        area_search_indexing_set(actor=users["community_staff"], community=village, allowed=True)
    assert AuditEvent.objects.filter(verb="area.search_indexing_changed").count() == 1
    client.cookies["django_language"] = "zh-hans"  # rendered afresh, not the cached anonymous copy
    for url in pages:
        answer = client.get(url)
        assert "X-Robots-Tag" not in answer, url
        assert b'content="index, follow"' in answer.content, url
    assert client.get("/wishes/")["X-Robots-Tag"] == "noindex, nofollow"  # the whole township's wall
    assert client.get("/api/v1/wishes")["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get("/robots.txt")["X-Robots-Tag"] == "noindex, nofollow"


def test_robots_txt_keeps_crawlers_off_everything_behind_a_login(client):
    answer = client.get("/robots.txt")
    text = answer.content.decode()
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/plain")
    assert "User-agent: *" in text
    assert "Disallow: /\n" in text
    assert "Allow: /wishes/c/" in text
    assert "Disallow: /wishes/mine/" in text
    assert "Allow: /conventions/c/" in text


def test_a_community_changes_its_indexing_on_the_settings_page(users, areas, client):
    client.force_login(users["community_staff"])
    client.post("/wishes/settings/", {"community": areas["village"].pk, "search_indexing": "1"})
    areas["village"].refresh_from_db()
    assert areas["village"].search_indexing
    client.post("/wishes/settings/", {"community": areas["urban"].pk, "search_indexing": "1"})  # not theirs
    areas["urban"].refresh_from_db()
    assert not areas["urban"].search_indexing


def test_other_public_texts_get_the_general_warning_and_private_ones_a_gentler_one(users, client):
    client.force_login(users["volunteer"])
    offer = client.post("/text-check/", {"description": f"义诊，咨询电话{PHONE}", "check": "description",
                                         "audience": "public"}).content.decode()  # fmt: skip
    assert "所有人都能看到" in offer
    assert "认领" not in offer
    assert "sensitive-hint" not in offer
    note = client.post("/text-check/", {"body": "身份证110101199003074514", "check": "body",
                                        "audience": "staff"}).content.decode()  # fmt: skip
    assert "身份证号" in note
    assert "不会公开" in note
    form = client.get("/offers/new/").content.decode()
    assert 'hx-post="/text-check/"' in form
    assert 'id="text-check"' in form


def test_the_same_text_rule_holds_for_names_addresses_and_comments(users, areas, make_resident):
    from gongzhi.areas.actions import area_update
    from gongzhi.residents.validation import resident_input_clean

    area_update(
        actor=users["township_admin"], area=areas["village"], name="青山\u200b村", code=areas["village"].code
    )
    areas["village"].refresh_from_db()
    assert areas["village"].name == "青山村"
    with pytest.raises(DomainError):
        area_update(actor=users["township_admin"], area=areas["village"], name="\u202e村山青", code="")
    _data, errors = resident_input_clean(
        {"name": "张\u200b三", "id_number": "110101199003074514", "area": areas["grid_a1"],
         "current_address": "幸福路\u202e12号"},
        area_lookup=lambda _t: None, household_lookup=lambda _n, _a: None, tag_lookup=lambda _t: None,
    )  # fmt: skip
    assert [key for key, _message in errors] == ["current_address"]
    wish = _post(users, story="家里的收音机坏了。")
    wish = actions.wish_publish(actor=users["community_staff"], wish=wish)
    wish = actions.wish_claim(actor=users["party_member"], wish=wish)
    wish = actions.wish_fulfil(actor=users["party_member"], wish=wish, note="送去了", hours="1")
    wish = actions.wish_confirm(actor=users["resident"], wish=wish)
    with pytest.raises(DomainError) as refused:
        wish = actions.wish_rate(actor=users["resident"], wish=wish, rating=5, comment="好\u202e评")
    assert refused.value.field == "comment"


def test_an_audience_is_registered_by_its_app_and_an_unknown_one_reads_as_staff(users, client):
    from gongzhi.core.forms import AUDIENCES, text_check_context

    assert {"public", "staff", "wish"} <= set(AUDIENCES)  # "wish" comes from the wishes app's ready()
    told = text_check_context([f"联系{PHONE}，独居老人"], audience="wish")
    assert "认领" in str(told["advice"])
    assert "独居" in told["sensitive_hint"]
    client.force_login(users["volunteer"])
    unknown = client.post("/text-check/", {"body": f"电话{PHONE}，独居老人", "check": "body",
                                           "audience": "nobody"}).content.decode()  # fmt: skip
    assert "不会公开" in unknown
    assert "sensitive-hint" not in unknown
