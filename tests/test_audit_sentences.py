"""Every audit verb reads as a short sentence; nothing shows a raw dict, nothing raises. (No database.)"""

import re
from pathlib import Path

from django.utils import translation

from gongzhi.audit import verbs
from gongzhi.audit.sentences import Facts, sentence_for, template_sentence
from gongzhi.audit.verbs import SENTENCES, VERBS, verb_register

ROOT = Path(__file__).resolve().parent.parent / "gongzhi"
VERB_ARG = re.compile(r'verb="([a-z_]+\.[a-z_]+)"(?:\s+if\s+[\w.]+\s+else\s+"([a-z_]+\.[a-z_]+)")?')
RECORDERS = ("audit_event_record(", "audit_record_standalone(")

# What each verb's summary really holds (the keys of its call site), with realistic values.
SAMPLES: dict[str, tuple[dict, str]] = {
    # verb: (summary, target label as stored)
    "case.redacted": (
        {
            "kinds": ["mobile", "address"],
            "original": {"case.body": "电话13812345678"},
            "redacted": {"case.body": "电话〔手机号已隐去〕"},
        },
        "wish#3 想要一台收音机",
    ),  # fmt: skip
    "case.pii_released": (
        {"kinds": ["landline"], "fields": ["case.body"], "reason": "本人要求公开店铺电话"},
        "wish#3 想要一台收音机",
    ),  # fmt: skip
    "case.message_posted": ({"message": 7, "length": 14}, "wish#3 想要一台收音机"),
    "case.escalated": (
        {
            "escalation": 4,
            "departments": "民政办、综治中心",
            "workdays": 5,
            "due": "2026-03-09T18:00:00+08:00",
        },
        "situation#9 桥头路面塌了",
    ),  # fmt: skip
    "case.escalation_replied": ({"escalation": 4, "department": "民政办"}, "situation#9 桥头路面塌了"),
    "case.escalation_closed": ({"escalation": 4, "unanswered": 0}, "situation#9 桥头路面塌了"),
    "wish.contact_changed": ({"shared": True, "phone": True, "place": False}, "wish#3 想要一台收音机"),
    "area.search_indexing_changed": ({"search_indexing": [False, True]}, "青山村"),
    "auth.login": ({}, "王建国(wangjg)"),
    "auth.login_failed": ({}, ""),
    "auth.locked_out": ({"ip": "10.0.0.7"}, ""),
    "auth.logout": ({}, "王建国(wangjg)"),
    "auth.password_changed": ({}, "王建国(wangjg)"),
    "auth.password_reset": ({"via": "email"}, "王建国(wangjg)"),
    "auth.password_reset_by_staff": ({"sessions_ended": 1}, "胡秀英(huxy)"),
    "account.created": ({"username": "wangjg"}, "王建国(wangjg)"),
    "account.deactivated": ({"sessions_ended": 2, "tokens_revoked": 1}, "王建国(wangjg)"),
    "role.assigned": ({"role": "community_staff", "area": "青山村"}, "王建国(wangjg)"),
    "role.revoked": ({"role": "supervisor", "area": "青山村"}, "王建国(wangjg)"),
    "token.created": ({"name": "统计报表", "prefix": "gz_ab12"}, "王建国(wangjg)"),
    "open311.key_issued": ({"name": "12345热线", "prefix": "o311_ab12cd"}, "12345热线 (o311_ab12cd…)"),
    "open311.key_revoked": ({"name": "12345热线", "prefix": "o311_ab12cd"}, "12345热线 (o311_ab12cd…)"),
    "open311.request_received": ({"matter": "MZ-010", "system": "12345热线"}, "application#12 高龄津贴"),
    "token.revoked": ({"name": "统计报表", "prefix": "gz_ab12"}, "王建国(wangjg)"),
    "area.created": ({"kind": "grid", "name": "3组网格"}, "3组网格"),
    "department.created": ({"name": "民政办", "kind": "department"}, "民政办"),
    "department.renamed": ({"name": ["民政所", "民政办"]}, "民政办"),
    "department.deactivated": ({"name": "农业农村办"}, "农业农村办"),
    "department.reactivated": ({"name": "农业农村办"}, "农业农村办"),
    "area.updated": ({"name": ["青山", "青山村"], "code": ["511423101201", "511423101202"]}, "青山村"),
    "household.created": ({"area": "1组网格"}, "户 QS-0012"),
    "resident.created": ({"area": "1组网格", "tags": ["低保户", "独居老人"]}, "李秀英(**************1234)"),
    "resident.updated": (
        {"current_address": ["青山村1组8号", "青山村2组3号"], "tags": ["低保户"]},
        "李秀英(**************1234)",
    ),  # fmt: skip
    "resident.event": (
        {"kind": "moved_out", "happened_on": "2026-03-01", "to": "1组网格"},
        "李秀英(**************1234)",
    ),
    "resident.id_revealed": ({"reason": "办理低保年审"}, "李秀英(**************1234)"),
    "resident.imported": (
        {"file": "青山村花名册.xlsx", "rows": 1280, "households_created": 402, "sha256": "ab" * 32},
        "",
    ),
    "resident.import_rejected": ({"file": "青山村花名册.xlsx", "rows": 1280, "errors": 17}, ""),
    "resident.exported": (
        {
            "rows": 128,
            "filters": {"tag": "低保户", "status": "active"},
            "fields": ["姓名", "标签"],
            "sha256": "cd" * 32,
        },
        "",
    ),  # fmt: skip
    "tag.created": ({"name": "独居老人"}, "独居老人"),
    "calendar_year.entered": (
        {
            "year": 2031,
            "holidays": [["春节", "2031-01-22", "2031-01-28"]],
            "workdays": ["2031-01-19"],
            "note": "按国务院办公厅通知",
        },
        "2031",
    ),  # fmt: skip
    "notice.preferences_changed": ({"email_enabled": True, "daily_digest": False}, "通知设置"),
    "notice.read": ({}, "您的心愿已被认领"),
    "notice.all_read": ({"count": 7}, ""),
    "audit.viewed": ({}, ""),
    "audit.verified": ({"checked": 5120, "broken_id": None}, ""),
    "audit.exported": (
        {"rows": 300, "filters": {"verb": "access", "date_from": "2026-03-01"}, "sha256": "ef" * 32},
        "",
    ),  # fmt: skip
    "access.refused": ({"method": "GET", "path": "/residents/4711/", "status": 404, "via": "page"}, ""),
    "access.refused_more": (
        {
            "count": 980,
            "recorded": 20,
            "window_start": "2026-03-01T10:00:00+08:00",
            "window_end": "2026-03-01T10:10:00+08:00",
        },
        "",
    ),  # fmt: skip
    "case.opened": (
        {"kind": "wish", "state": "submitted", "assisted": True, "privacy": "public"},
        "帮忙修水管",
    ),
    "case.moved": ({"kind": "wish", "move": "publish", "from": "submitted", "to": "published"}, "帮忙修水管"),
    "case.rated": ({"rating": 5}, "帮忙修水管"),
    "wish.settings_changed": ({"claim_days": [7, 10]}, "青山村"),
    "hall.applied": ({"matter": "MZ-001", "channel": "online", "files": 2}, "最低生活保障"),
    "hall.accepted": (
        {"number": "511423101-20261206-0007", "move": "accept", "promised": [], "due": None},
        "最低生活保障",
    ),
    "hall.notified": ({"round": 2, "items": ["身份证"]}, "最低生活保障"),
    "hall.supplied": ({"round": 1, "lines": 2}, "最低生活保障"),
    "hall.promise_kept": (
        {"material": "收入证明", "promised_by": "2026-12-11", "state": "provided"},
        "最低生活保障",
    ),
    # The hall's 好差评, follow-ups and unreasonable marks (the rating part).
    "hall.rated": ({"rating": 2, "label": "不满意", "followup": 31}, "最低生活保障"),
    "hall.followup_visited": (
        {"finding": "电话回访：窗口两次告知的材料不一致", "application": 30},
        "回访：最低生活保障",
    ),
    "hall.followup_rectified": ({"remedy": "统一了材料清单", "application": 30}, "回访：最低生活保障"),
    "hall.marked_unreasonable": (
        {"kind": "超出职权范围", "reason": "要求镇里裁决私人合同纠纷", "basis": "《民法典》第四百六十五条"},
        "最低生活保障",
    ),
    "hall.unreasonable_reviewed": ({"decision": "维持标记", "note": "确属超出镇级职权"}, "最低生活保障"),
    "wish.claim_reminded": ({"claim_due_at": "2026-03-05 10:00:00+00:00"}, "帮忙修水管"),
    "digest.sent": ({"day": "2026-03-02", "waiting": 4, "overdue": 1}, "王建国(wangjg)"),
    "ballot.box_opened": (
        {"eligible": 120, "opens_at": "2026-06-01 08:00", "closes_at": "2026-06-03 20:00", "purpose": "poll"},
        "文化广场选址意见征集",
    ),
    "ballot.cast": ({}, "文化广场选址意见征集"),
    "ballot.box_closed": (
        {"eligible": 120, "participated": 97, "quorate": True, "early": False},
        "文化广场选址意见征集",
    ),
    "poll.opened": (
        {"title": "村东广场改造方案征求意见", "eligible": 412, "boxes": 1, "closes_at": "2026-12-20 18:00"},
        "村东广场改造方案征求意见",
    ),
    "poll.closed": ({"title": "村东广场改造方案征求意见", "flagged": 0}, "村东广场改造方案征求意见"),
    "review.opened": (
        {"year": 2026, "members": 5, "eligible": 31},
        "青山村2026年度村(居)民委员会成员民主评议",
    ),
    "review.closed": (
        {"title": "青山村2026年度民主评议", "flagged": 1},
        "青山村2026年度村(居)民委员会成员民主评议",
    ),
    "review.flagged": (
        {"name": "王建国", "post": "委员", "year": 2026, "community": "青山村"},
        "青山村 王建国",
    ),
    "satisfaction.opened": ({"year": 2026, "eligible": 412}, "青山村2026年度村民委员会工作群众评议"),
    "satisfaction.closed": (
        {"title": "青山村2026年度群众评议", "flagged": 0},
        "青山村2026年度村民委员会工作群众评议",
    ),
    "offer.published": ({"places": 5, "starts_at": "2026-03-07T09:00:00+08:00"}, "为老人义务理发"),
    "offer.cancelled": ({"reason": "理发师生病", "bookings_cancelled": 3}, "为老人义务理发"),
    "offer.completed": ({"served": 4, "hours": "3.00"}, "为老人义务理发"),
    "booking.created": ({"offer": 3, "assisted": True, "consent_channel": "phone"}, "预约 #9"),
    "booking.cancelled": ({"offer": 3}, "预约 #9"),
    "booking.cancelled_with_offer": ({"offer": 3}, "预约 #9"),
    "booking.served": ({"offer": 3}, "预约 #9"),
    "activity.published": (
        {"places": 20, "starts_at": "2026-03-07T09:00:00+08:00", "series": "道德讲堂", "organisation": ""},
        "孝老爱亲故事会",
    ),
    "activity.edited": ({"fields": "活动地点、开始时间"}, "孝老爱亲故事会"),
    "activity.cancelled": ({"reason": "台风预警", "signups_cancelled": 12}, "孝老爱亲故事会"),
    "activity.reported": ({"photos": 3}, "孝老爱亲故事会"),
    "activity.report_changed": ({"photos": 1}, "孝老爱亲故事会"),
    "signup.created": ({"activity": 4, "assisted": True, "consent_channel": "phone"}, "报名 #21"),
    "signup.withdrawn": ({"activity": 4}, "报名 #21"),
    "signup.cancelled_with_activity": ({"activity": 4}, "报名 #21"),
    "signup.attended": ({"activity": 4, "hours": "2.0"}, "报名 #21"),
    "hours.certificate_printed": ({"lines": 7, "hours": "18.5", "sha256": "ab" * 32}, "王建国(wangjg)"),
    "convention.campaign_launched": (
        {
            "year": 2026,
            "deadline": "2026-09-30",
            "topics": ["移风易俗", "环境卫生"],
            "demonstration_target": 2,
        },
        "2026年村规民约修订",
    ),  # fmt: skip
    "convention.in_force_recorded": ({"title": "青山村村规民约", "characters": 2400}, "青山村村规民约"),
    "convention.draft_started": ({"campaign": 1, "from_version": 2}, "青山村村规民约（修订稿）"),
    "convention.draft_saved": ({"characters": 2500, "problems": 2}, "青山村村规民约（修订稿）"),
    "convention.submitted": ({}, "青山村村规民约（修订稿）"),
    "convention.approved": ({"comment": "符合法律规定"}, "青山村村规民约（修订稿）"),
    "convention.returned": ({"comment": "第八条罚款无依据"}, "青山村村规民约（修订稿）"),
    "convention.adopted": (
        {
            "meeting": "villagers_meeting",
            "date": "2026-06-01",
            "present": 410,
            "in_favour": 380,
            "against": 10,
            "abstaining": 20,
            "adults": 700,
        },
        "青山村村规民约（修订稿）",
    ),  # fmt: skip
    "convention.filed": ({"filing_number": "永安备〔2026〕3号"}, "青山村村规民约（修订稿）"),
    "hall.matter_created": ({"code": "MZ-101", "mode": "village_to_township"}, "最低生活保障"),
    "hall.matter_updated": ({"code": "MZ-101", "changed": "事项名称、申请材料"}, "最低生活保障"),
    "hall.matter_deactivated": ({"code": "MZ-101"}, "最低生活保障"),
    "hall.matter_reactivated": ({"code": "MZ-101"}, "最低生活保障"),
    "hall.catalogue_imported": ({"created": 2, "updated": 1, "unchanged": 31}, "永安镇"),
    "hall.catalogue_exported": ({"rows": 34}, "永安镇"),
    "hall.starter_loaded": ({"created": 34}, "永安镇"),
    "convention.filing_acknowledged": ({"filing_number": "2026-511423101201"}, "青山村村规民约（修订稿）"),
    "convention.deadline_reminded": ({"days_before": 7, "recipients": 3}, "2026年村规民约修订"),
    "convention.board_exported": ({"rows": 12}, "2026年村规民约修订"),
    "demonstration.applied": ({"campaign": 1, "characters": 800}, "青山村示范村申报"),
    "demonstration.approved": ({"note": "材料齐全"}, "青山村示范村申报"),
    "demonstration.rejected": ({"note": "未完成备案"}, "青山村示范村申报"),
    "system.seeded": ({"size": "demo", "residents": 3000, "communities": 6, "wishes": 40}, ""),
    # Registered by gongzhi.meetings (AppConfig.ready).
    "meeting.recorded": (
        {
            "body": "village_representatives_meeting",
            "date": "2026-06-01",
            "quorate": True,
            "purpose": "convention_adoption",
            "present": 21,
            "members": 30,
            "quorum": "组成人员数30，到会21，至少需20：符合法定人数",
            "roll": 0,
            "items": 1,
            "votes": [],
            "documents": ["minutes"],
        },
        "村民代表会议 2026-06-01",
    ),  # fmt: skip
    "meeting.item_voted": (
        {
            "title": "修订村规民约",
            "method": "show_of_hands",
            "in_favour": 18,
            "against": 2,
            "abstaining": 1,
            "majority": "present",
            "passed": True,
            "verdict": "通过",
        },
        "修订村规民约",
    ),  # fmt: skip
    "meeting.item_confirmed": (
        {"title": "修订村规民约", "in_favour": 18, "against": 2, "abstaining": 1},
        "修订村规民约",
    ),
    # A body's convened meeting (gongzhi/meetings/actions/convening.py, printing.py).
    "meeting.convened": (
        {
            "body": "村民代表会议",
            "title": "2026年第四季度村民代表会议",
            "date": "2026-12-16",
            "place": "村委会",
            "notice_days": 10,
            "lead_days": 3,
            "urgency_reason": "",
            "agenda": ["2027年村级项目计划"],
            "roll": 25,
            "told": 18,
        },
        "村民代表会议 2026-12-16",
    ),  # fmt: skip
    "meeting.roll_marked": (
        {
            "title": "2026年第四季度村民代表会议",
            "marked": 25,
            "present": 19,
            "proxy": 1,
            "absent": 5,
            "online": 2,
        },
        "村民代表会议 2026-12-16",
    ),  # fmt: skip
    "meeting.roll_closed": (
        {
            "title": "2026年第四季度村民代表会议",
            "present": 20,
            "members": 25,
            "quorate": True,
            "quorum": "组成人员数25，到会20，至少需17：符合法定人数",
        },
        "村民代表会议 2026-12-16",
    ),  # fmt: skip
    "meeting.witness_named": (
        {"title": "2026年第四季度村民代表会议", "witness": "李秀兰"},
        "村民代表会议 2026-12-16",
    ),
    "meeting.witnessed": (
        {"title": "2026年第四季度村民代表会议", "note": "程序合规"},
        "村民代表会议 2026-12-16",
    ),
    "meeting.minutes_recorded": (
        {"title": "2026年第四季度村民代表会议", "length": 820, "documents": ["sign_in"]},
        "村民代表会议 2026-12-16",
    ),
    "meeting.closed": (
        {"title": "2026年第四季度村民代表会议", "quorate": True, "items": 3, "passed": 2},
        "村民代表会议 2026-12-16",
    ),
    "meeting.cancelled": (
        {"title": "2026年第四季度村民代表会议", "date": "2026-12-16", "reason": "主持人因公外出，改期召开"},
        "村民代表会议 2026-12-16",
    ),
    "meeting.ballot_opened": (
        {"title": "处置集体资产", "number": 3, "voters": 4, "closes_at": "2026-12-16 10:30"},
        "村民代表会议 2026-12-16",
    ),
    "meeting.record_printed": (
        {"title": "2026年第四季度村民代表会议", "sha256": "ab" * 32},
        "村民代表会议 2026-12-16",
    ),
    # Registered by gongzhi.bodies (AppConfig.ready).
    "org.registered": (
        {"name": "永安镇阳光社会工作服务中心", "kind": "social_work", "home": "永安镇"},
        "阳光社工",
    ),
    "org.changed": ({"name": "永安镇阳光社会工作服务中心", "fields": "name,credit_code"}, "阳光社工"),
    "org.profile_changed": ({"name": "青山村乡贤理事会", "phone_changed": True}, "乡贤理事会"),
    "org.approved": ({"name": "青山村乡贤理事会", "reason": "-"}, "乡贤理事会"),
    "org.rejected": ({"name": "青山村广场舞队", "reason": "材料不全，请补充章程"}, "广场舞队"),
    "org.suspended": ({"name": "青山村广场舞队", "reason": "年检未通过"}, "广场舞队"),
    "org.resumed": ({"name": "青山村广场舞队", "reason": "-"}, "广场舞队"),
    "org.ended": ({"name": "青山村广场舞队", "reason": "自行解散"}, "广场舞队"),
    "org.representative_added": ({"name": "青山村乡贤理事会", "user": "李德明(lidm)"}, "乡贤理事会"),
    "org.representative_removed": ({"name": "青山村乡贤理事会", "user": "李德明(lidm)"}, "乡贤理事会"),
    "points.switched_on": ({"township": "永安镇"}, "永安镇"),
    "points.switched_off": ({"township": "永安镇"}, "永安镇"),
    "points.appeal_days_set": ({"community": "青山村", "days": 10, "before": 7}, "青山村"),
    "points.catalogue_drafted": (
        {"title": "青山村积分制规则", "version": 1, "items": 6, "deductions": False},
        "青山村积分制规则 v1",
    ),
    "points.catalogue_convened": (
        {"title": "青山村积分制规则", "version": 1, "date": "2026-12-20"},
        "青山村积分制规则 v1",
    ),
    "points.catalogue_adopted": (
        {
            "title": "青山村积分制规则",
            "version": 1,
            "meeting": 12,
            "verdict": "赞成 5 人，超过到会 7 人的半数",
        },
        "青山村积分制规则 v1",
    ),
    "points.catalogue_rejected": (
        {"title": "青山村积分制规则", "version": 2, "meeting": 13, "verdict": "赞成 2 人，未过半数"},
        "青山村积分制规则 v2",
    ),
    "points.entry_entered": (
        {"item": "门前三包", "points": 3, "household": "QS-001", "photo": True},
        "award 3",
    ),
    "points.entry_approved": (
        {"item": "门前三包", "points": 3, "household": "QS-001", "note": "-"},
        "award 3",
    ),
    "points.entry_refused": (
        {"item": "门前三包", "points": 3, "household": "QS-001", "note": "检查记录上没有该户"},
        "award 3",
    ),
    "points.deeds_imported": (
        {
            "community": "青山村",
            "start": "2026-11-01",
            "end": "2026-11-30",
            "credited": 14,
            "already": 2,
            "unmatched": 1,
        },
        "青山村积分制规则 v1",
    ),  # fmt: skip
    "points.appeal_filed": ({"item": "参加道德讲堂", "points": 5}, "award 5"),
    "points.appeal_upheld": (
        {"item": "参加道德讲堂", "points": 5, "answer": "核对签到表，确系登记错误"},
        "award 5",
    ),
    "points.appeal_dismissed": (
        {"item": "参加道德讲堂", "points": 5, "answer": "签到表上有本户签名"},
        "award 5",
    ),
    "points.goods_added": ({"name": "洗衣粉", "price": 20, "quantity": 30}, "洗衣粉"),
    "points.goods_restocked": ({"name": "洗衣粉", "added": 10, "stock": 25}, "洗衣粉"),
    "points.funding_recorded": (
        {"kind": "donation", "source": "青山农业公司", "amount": "2000.00", "date": "2026-11-05"},
        "青山农业公司 2000.00",
    ),
    "points.redeemed": (
        {"goods": "洗衣粉", "quantity": 1, "points": 20, "household": "QS-001"},
        "redemption -20",
    ),
    "body.created": (
        {"kind": "committee", "name": "村民委员会", "rule": "body_meeting", "proxies": False, "active": True},
        "村民委员会",
    ),  # fmt: skip
    "body.changed": ({"name": "红白理事会", "proxies": {"from": False, "to": True}}, "红白理事会"),
    "body.member_added": (
        {"body": "村民委员会", "resident": "王秀英", "post": "member", "from": "2024-01-10"},
        "村民委员会 王秀英",
    ),  # fmt: skip
    "body.member_ended": (
        {
            "body": "村民委员会",
            "resident": "王秀英",
            "post": "member",
            "until": "2026-12-06",
            "reason": "迁出本村",
        },
        "村民委员会 王秀英",
    ),  # fmt: skip
    "body.represented": (
        {"body": "村民代表会议", "resident": "李四", "households": 9, "added": 9, "removed": 0},
        "村民代表会议 李四",
    ),  # fmt: skip
    # Registered by gongzhi.disclosures (AppConfig.ready).
    "disclosure.published": (
        {
            "category": "affairs",
            "title": "2026年第三季度村务公开",
            "major": False,
            "period": "2026-Q3",
            "purpose": "",
            "characters": 320,
            "attachment": "",
            "personal_data": [],
            "personal_data_reason": "",
            "fulfilled": [{"title": "决议公开：修缮村道", "due_on": "2026-10-12", "late": False}],
        },
        "2026年第三季度村务公开",
    ),  # fmt: skip
    "disclosure.revised": (
        {
            "number": 2,
            "title": "2026年第三季度村务公开（更正）",
            "former_title": "2026年第三季度村务公开",
            "reason": "村道里程写错",
            "characters": 330,
            "personal_data_reason": "",
        },
        "2026年第三季度村务公开（更正）",
    ),  # fmt: skip
    "disclosure.withdrawn": (
        {"title": "2026年10月财务收支公开", "category": "finance", "reason": "重复发布", "reopened": []},
        "2026年10月财务收支公开",
    ),
    "disclosure.due_registered": (
        {
            "title": "决议公开：修缮村道",
            "category": "affairs",
            "due_on": "2026-10-12",
            "purpose": "resolution",
        },
        "决议公开：修缮村道",
    ),
    "disclosure.setting_changed": ({"finance_monthly": True}, "青山村"),
    # Registered by gongzhi.residents (AppConfig.ready).
    "household.member_added": (
        {"resident": "王芳(**************1234)", "relation": "其他亲属", "from_household": ""},
        "户 QS-0012",
    ),  # fmt: skip
    "household.head_changed": (
        {
            "new_head": "李秀英(**************1234)",
            "former_head": "张大山(**************5678)",
            "former_head_relation": "配偶",
        },
        "户 QS-0012",
    ),  # fmt: skip
    "household.moved_out": ({"members": 3, "happened_on": "2026-03-01", "note": "迁往县城"}, "户 QS-0012"),
    "household.printed": (
        {"members": 3, "fields": ["姓名", "与户主关系"], "sha256": "ab" * 32},
        "户 QS-0012",
    ),
    "resident.export_requested": (
        {
            "reason": "低保年审核对身份信息",
            "full": True,
            "area": "青山村",
            "filters": {"status": "active"},
            "rows": 128,
            "fields": ["姓名", "身份证号"],
        },
        "导出申请 7",
    ),  # fmt: skip
    "resident.export_approved": (
        {"requested_by": "王建国(wangjg)", "full": True, "rows": 128, "note": "同意"},
        "导出申请 7",
    ),  # fmt: skip
    "resident.export_refused": (
        {"requested_by": "王建国(wangjg)", "full": False, "rows": 520, "note": "用途不需要完整号码"},
        "导出申请 7",
    ),  # fmt: skip
    "resident.export_downloaded": (
        {
            "reason": "低保年审核对身份信息",
            "approved_by": "李镇长(lizz)",
            "full": True,
            "rows": 128,
            "filters": {"status": "active"},
            "fields": ["姓名", "身份证号"],
            "sha256": "cd" * 32,
        },
        "导出申请 7",
    ),  # fmt: skip
    # The service hall's back office and issuing (gongzhi/hall/audit_verbs_office.py).
    "hall.decided": (
        {"matter": "最低生活保障", "move": "approve", "decision": "approved", "opinion": "符合条件"},
        "SL-2026-0007",
    ),
    "hall.step_fulfilled": (
        {"matter": "最低生活保障", "code": "C01", "step": 2, "kind": "meeting", "label": "民主评议"},
        "SL-2026-0007",
    ),
    "hall.step_objection_received": (
        {"matter": "最低生活保障", "code": "C01", "step": 3, "kind": "publish", "label": "评议结果公示"},
        "SL-2026-0007",
    ),
    "hall.step_objection_answered": (
        {"matter": "最低生活保障", "code": "C01", "step": 3, "kind": "publish", "label": "评议结果公示"},
        "SL-2026-0007",
    ),
    "hall.matter_power_bound": ({"matter": "最低生活保障", "from": "", "to": "C01"}, "最低生活保障"),
    "hall.passed_up": (
        {"matter": "最低生活保障", "move": "pass_up", "decision": "", "opinion": "同意上报"},
        "SL-2026-0007",
    ),
    "hall.returned": (
        {"matter": "最低生活保障", "move": "return", "decision": "", "opinion": "收入证明不清"},
        "SL-2026-0007",
    ),
    "hall.handed_off": (
        {"matter": "特困人员供养", "office": "县民政局", "sent_on": "2026-03-02", "opinion": ""},
        "SL-2026-0008",
    ),
    "hall.handed_back": (
        {
            "matter": "特困人员供养",
            "office": "县民政局",
            "answered_on": "2026-03-20",
            "decision": "rejected",
            "opinion": "不符合条件",
        },
        "SL-2026-0008",
    ),  # fmt: skip
    "hall.file_read": ({"name": "身份证复印件.pdf", "file": 12}, "最低生活保障"),
    "hall.document_read": (
        {"title": "准予决定书", "document": 3, "code": "ABCDEFGHJKMNPQRSTVWX"},
        "最低生活保障",
    ),
    "hall.document_revoked": (
        {
            "title": "准予决定书",
            "code": "ABCDEFGHJKMNPQRSTVWX",
            "document": 3,
            "reason": "审批依据有误，另行出具",
        },
        "最低生活保障",
    ),
    "hall.issued": (
        {
            "matter": "最低生活保障",
            "title": "准予决定书",
            "document": 3,
            "delivery": "post",
            "sha256": "ab" * 32,
        },
        "SL-2026-0007",
    ),
    # Registered by gongzhi.selfgov (decisions: audit_verbs_decisions.py).
    "decision.started": (
        {
            "title": "出租村集体仓库",
            "matter_type": "land_assets",
            "power_item": "A03",
            "origin": "cadre_proposal",
            "stages": 6,
        },
        "出租村集体仓库",
    ),  # fmt: skip
    "decision.stage_recorded": (
        {
            "stage": "review",
            "meeting": "party_members_meeting",
            "date": "2026-12-06",
            "present": 30,
            "in_favour": 25,
            "against": 3,
            "abstaining": 2,
            "passed": True,
            "merged": False,
        },
        "出租村集体仓库",
    ),  # fmt: skip
    "decision.not_adopted": (
        {
            "stage": "resolution",
            "meeting": "village_representatives_meeting",
            "date": "2026-12-06",
            "present": 30,
            "in_favour": 12,
            "against": 15,
            "abstaining": 3,
            "passed": False,
            "merged": False,
        },
        "出租村集体仓库",
    ),  # fmt: skip
    "decision.stage_skipped": ({"stage": "proposal"}, "最低生活保障推荐"),
    "decision.disclosed": (
        {"date": "2026-12-06", "where": "村务公开栏", "characters": 120},
        "出租村集体仓库",
    ),
    "decision.accepted": (
        {"title": "出租村集体仓库", "tasks": 2, "note": "合同和租金到账无误"},
        "出租村集体仓库",
    ),
    "decision.result_published": (
        {"date": "2026-12-20", "where": "村务公开栏", "characters": 80},
        "出租村集体仓库",
    ),  # fmt: skip
    "decision.objected": ({"title": "出租村集体仓库", "due": "2026-12-13"}, "出租村集体仓库"),
    "decision.objection_answered": ({"title": "出租村集体仓库", "overdue": False}, "出租村集体仓库"),
    "power_list.template_installed": ({"items": 31}, "永安镇"),
    "power_list.adopted": ({"items": 31}, "青山村"),
    "power_item.changed": (
        {"code": "B02", "name": "接受捐赠和赞助", "fields": ["procedure"]},
        "B02 接受捐赠和赞助",
    ),
    "proposal.created": ({"asks": "assembly", "group": False}, "proposal#7 修缮村口的便民桥"),
    "proposal.opened": ({"asks": "assembly"}, "proposal#7 修缮村口的便民桥"),
    "proposal.signed": ({"signatures": 12, "group": False}, "proposal#7 修缮村口的便民桥"),
    "proposal.signed_assisted": (
        {"resident": 31, "channel": "当面", "signatures": 13},
        "proposal#7 修缮村口的便民桥",
    ),
    "proposal.unsigned": ({"signatures": 11}, "proposal#7 修缮村口的便民桥"),
    "proposal.threshold_reached": (
        {"route": "adults", "signed": 52, "needed": 52, "base": 513},
        "proposal#7 修缮村口的便民桥",
    ),
    "proposal.submitted": ({"signatures": 9}, "proposal#7 修缮村口的便民桥"),
    "proposal.withdrawn": ({}, "proposal#7 修缮村口的便民桥"),
    "proposal.accepted": ({"length": 48}, "proposal#7 修缮村口的便民桥"),
    "proposal.answered": ({"length": 60}, "proposal#7 修缮村口的便民桥"),
    "proposal.closed": ({}, "proposal#7 修缮村口的便民桥"),
    "proposal.meeting_linked": ({"meeting": 3, "held_on": "2026-12-20"}, "proposal#7 修缮村口的便民桥"),
    "proposal.posted": ({"post": 5, "capacity": "organisation", "length": 40}, "proposal#7 修缮村口的便民桥"),
    "proposal.post_hidden": ({"post": 5, "reason": "含人身攻击"}, "proposal#7 修缮村口的便民桥"),
    "proposal.setting_changed": ({"meeting_due_days": 20, "before": 30}, "青山镇"),
    # The merit board (积德榜).
    "merit.nominated": (
        {"title": "照顾婆婆二十年", "category": "孝老爱亲", "kind": "person"},
        "积德榜提名 #3",
    ),
    "merit.consented": (
        {"title": "照顾婆婆二十年", "channel": "online", "display_name": "王某某"},
        "积德榜提名 #3",
    ),
    "merit.declined": (
        {"title": "照顾婆婆二十年", "category": "孝老爱亲", "by_nominee": True},
        "积德榜提名 #3",
    ),
    "merit.reviewed": ({"title": "照顾婆婆二十年", "members": 5, "agree": 3, "disagree": 0}, "积德榜提名 #3"),
    "merit.publicised": ({"title": "照顾婆婆二十年", "days": 7, "ends": "2026-12-14"}, "积德榜提名 #3"),
    "merit.objected": ({"title": "照顾婆婆二十年", "objection": 4, "characters": 30}, "积德榜提名 #3"),
    "merit.objection_answered": (
        {"title": "照顾婆婆二十年", "objection": 4, "upheld": False},
        "积德榜提名 #3",
    ),
    "merit.placed": (
        {"title": "照顾婆婆二十年", "category": "孝老爱亲", "display_name": "王某某"},
        "积德榜提名 #3",
    ),
    "merit.withdrawn": (
        {"title": "照顾婆婆二十年", "from": "publicised", "reason": "异议成立：事迹不实"},
        "积德榜提名 #3",
    ),
    "merit.consent_withdrawn": (
        {"title": "照顾婆婆二十年", "from": "on_board", "reason": "本人撤回同意"},
        "积德榜提名 #3",
    ),
    "merit.setting_changed": ({"publicity_days": 5, "before": 7}, "青山村"),
    "merit.category_added": ({"name": "尊师重教"}, "尊师重教"),
    "merit.category_retired": ({"name": "尊师重教"}, "尊师重教"),
    "merit.category_restored": ({"name": "尊师重教"}, "尊师重教"),
    # Registered by gongzhi.mediation (AppConfig.ready): the case code, never a party or the facts.
    "mediation.received": ({"code": "TJ2026000123", "source": "grid", "parties": 2}, "TJ2026000123"),
    "mediation.party_added": (
        {"code": "TJ2026000123", "side": "respondent", "register": False},
        "TJ2026000123",
    ),
    "mediation.accepted": ({"code": "TJ2026000123"}, "TJ2026000123"),
    "mediation.declined": ({"code": "TJ2026000123"}, "TJ2026000123"),
    "mediation.assigned": ({"code": "TJ2026000123", "mediator": 41}, "TJ2026000123"),
    "mediation.recused": ({"code": "TJ2026000123"}, "TJ2026000123"),
    "mediation.session_recorded": ({"code": "TJ2026000123", "session": 7, "positions": 2}, "TJ2026000123"),
    "mediation.agreed": ({"code": "TJ2026000123", "confirmation": True, "sha256": "ab" * 32}, "TJ2026000123"),
    "mediation.scan_uploaded": ({"code": "TJ2026000123", "sha256": "cd" * 32}, "TJ2026000123"),
    "mediation.failed": (
        {"code": "TJ2026000123", "referral_to": "court", "sha256": "ef" * 32},
        "TJ2026000123",
    ),
    "mediation.withdrawn": ({"code": "TJ2026000123"}, "TJ2026000123"),
    "mediation.followed_up": ({"code": "TJ2026000123", "outcome": "kept"}, "TJ2026000123"),
    "mediation.reopened": ({"code": "TJ2026000123"}, "TJ2026000123"),
    "mediation.training_recorded": (
        {"course": "人民调解法实务", "hours": "4.0", "held_on": "2026-03-01"},
        "钱调解",
    ),
    "mediation.screened": ({"month": "2026-11", "none_found": True}, "2026-11"),
    "mediation.confirmation_reminded": ({"code": "TJ2026000123", "due": "2026-12-31"}, "TJ2026000123"),
    "mediation.file_read": ({"code": "TJ2026000123", "file": "agreement"}, "TJ2026000123"),
    # Party members' pledges (gongzhi.pledges): the year, the post, whether staff wrote it and how the member agreed.
    "pledges.written": (
        {"year": 2026, "post": "政策宣传岗", "assisted": True, "consent_channel": "paper"},
        "党员承诺 #4（2026年）",
    ),
    "pledges.revised": (
        {"year": 2026, "post": "环境卫生岗", "version": 2, "assisted": False, "consent_channel": ""},
        "党员承诺 #4（2026年）",
    ),
    "pledges.approved": ({"year": 2026, "post": "政策宣传岗", "version": 2}, "党员承诺 #4（2026年）"),
    "pledges.returned": (
        {"year": 2026, "post": "政策宣传岗", "reason": "请写得具体些"},
        "党员承诺 #4（2026年）",
    ),
    "pledges.closed": ({"year": 2026, "post": "政策宣传岗", "assisted": False}, "党员承诺 #4（2026年）"),
    "pledges.privacy_set": (
        {"public": True, "name_display": "surname", "deeds_shown": True, "paper_consent": True},
        "居民 王**",
    ),
    "pledges.post_added": ({"name": "文明劝导岗"}, "文明劝导岗"),
    "pledges.post_retired": ({"name": "文明劝导岗"}, "文明劝导岗"),
    "pledges.post_restored": ({"name": "文明劝导岗"}, "文明劝导岗"),
    # Legal aides and the law-savvy (gongzhi.legal).
    "legal.aide_appointed": (
        {"kind": "adviser", "name": "李**", "unit": "青山律师事务所", "account": True},
        "法律顾问 李**",
    ),  # fmt: skip
    "legal.aide_ended": ({"kind": "police", "name": "赵**", "reason": "工作调动"}, "警务助理 赵**"),
    "legal.savvy_selected": ({"group": "mediator", "name": "陈**"}, "法律明白人 陈**"),
    "legal.savvy_training": ({"group": "mediator"}, "法律明白人 陈**"),
    "legal.savvy_trained": (
        {"course": "民法典进农村", "hours": "3.5", "date": "2026-11-20", "organiser": "镇司法所"},
        "法律明白人 陈**",
    ),  # fmt: skip
    "legal.savvy_passed": ({"date": "2026-11-28", "note": "-"}, "法律明白人 陈**"),
    "legal.savvy_failed": ({"date": "2026-11-28", "note": "笔试未达60分"}, "法律明白人 陈**"),
    "legal.savvy_activated": ({"group": "mediator"}, "法律明白人 陈**"),
    "legal.savvy_ended": ({"group": "youth"}, "法律明白人 周**"),
    "legal.target_set": ({"target": 4, "before": 3}, "1: 4"),
    "legal.slot_published": (
        {"at": "2026-12-10T09:00+08:00", "minutes": 30, "place": "村便民服务中心"},
        "2026-12-10 01:00",
    ),
    "legal.slot_withdrawn": ({"at": "2026-12-10 09:00", "bookings": 1}, "2026-12-10 01:00"),
    "legal.consultation_booked": ({"slot": 4, "at": "2026-12-10 09:00"}, "consultation 7"),
    "legal.consultation_booked_assisted": (
        {"slot": 4, "at": "2026-12-10 09:00", "consent": "phone"},
        "consultation 7",
    ),  # fmt: skip
    "legal.consultation_cancelled": ({"slot": 4, "at": "2026-12-10 09:00"}, "consultation 7"),
    "legal.consultation_held": ({"slot": 4, "at": "2026-12-10 09:00"}, "consultation 7"),
    "legal.consultation_missed": ({"slot": 4, "at": "2026-12-10 09:00"}, "consultation 7"),
    "legal.consultation_reminded": ({"at": "2026-12-10 09:00"}, "consultation 7"),
    "legal.application_submitted": (
        {"year": 2026, "met": 9, "criteria": 10, "attachments": 2},
        "青山村2026年民主法治示范村申报",
    ),  # fmt: skip
    "legal.application_resubmitted": ({"year": 2026, "attachments": 1}, "青山村2026年民主法治示范村申报"),
    "legal.application_approved": ({"year": 2026, "note": "材料齐全"}, "青山村2026年民主法治示范村申报"),
    "legal.application_rejected": (
        {"year": 2026, "note": "发生重大信访事件"},
        "青山村2026年民主法治示范村申报",
    ),
    "legal.application_returned": (
        {"year": 2026, "note": "请补充调解台账"},
        "青山村2026年民主法治示范村申报",
    ),
    # Party members paired with households (gongzhi.pairing): masked names, the household's number, no visit text.
    "pairing.aim_set": ({"tags": "低保、留守老人", "before": "-", "limit": 5}, "永安镇结对目标"),
    "pairing.paired": (
        {
            "household": "QS-0012",
            "member": "李**",
            "origin": "assigned",
            "consent": "-",
            "previous": "-",
            "reason": "-",
        },
        "户 QS-0012 · 党员 李**",
    ),  # fmt: skip
    "pairing.repaired": (
        {
            "household": "QS-0012",
            "member": "王**",
            "origin": "chosen_assisted",
            "consent": "phone",
            "previous": "李**",
            "reason": "李党员外出务工",
        },
        "户 QS-0012 · 党员 王**",
    ),  # fmt: skip
    "pairing.ended": (
        {"household": "QS-0012", "member": "李**", "reason": "迁出本村"},
        "户 QS-0012 · 党员 李**",
    ),
    "pairing.declined": (
        {"household": "QS-0012", "date": "2026-12-01", "consent": "in_person", "ended": False},
        "户 QS-0012",
    ),
    "pairing.decline_undone": ({"household": "QS-0012", "date": "2026-12-01"}, "户 QS-0012"),
    "pairing.visit_recorded": (
        {"date": "2026-12-05", "follow_up": True, "by_member": True},
        "户 QS-0012 · 党员 李**",
    ),
    "pairing.exported": ({"rows": 12}, ""),
    # The facilities (gongzhi.facilities): bookers masked or named by their organisation.
    "facilities.standard_set": (
        {
            "type": "警务室",
            "village": True,
            "urban": True,
            "before_village": False,
            "before_urban": True,
            "signage": "功能室门牌、统一色彩",
        },
        "永安镇·警务室标准",
    ),  # fmt: skip
    "facilities.facility_added": (
        {"type": "党员活动室", "bookable": True, "shared": False, "photos": 1},
        "青山村·党员活动室",
    ),
    "facilities.facility_changed": (
        {"type": "党员活动室", "bookable": True, "shared": True, "photos": 0},
        "青山村·党员活动室",
    ),
    "facilities.booked": (
        {
            "who": "王**",
            "when": "2026-12-10 09:00–11:00",
            "headcount": 10,
            "state": "pending",
            "consent": "phone",
        },
        "党员活动室 2026-12-10 09:00",
    ),  # fmt: skip
    "facilities.approved": ({"when": "2026-12-10 09:00–11:00"}, "党员活动室 2026-12-10 09:00"),
    "facilities.refused": (
        {"when": "2026-12-10 09:00–11:00", "reason": "当天村里开会"},
        "党员活动室 2026-12-10 09:00",
    ),
    "facilities.cancelled": ({"when": "2026-12-10 09:00–11:00"}, "党员活动室 2026-12-10 09:00"),
    "facilities.exported": ({"rows": 6}, ""),
    # The workforce (gongzhi.workforce): people in posts masked, never a phone.
    "workforce.post_type_added": (
        {"level": "村(社区)", "duty": "志愿", "counts": False, "active": True},
        "护河员",
    ),
    "workforce.post_type_changed": (
        {
            "level": "村(社区)",
            "duty": "志愿",
            "counts": False,
            "active": False,
            "kept_in": "法治·法律明白人名册",
        },
        "法律明白人",
    ),
    "workforce.default_target_set": (
        {"kind": "行政村", "workers": 8, "before": "-", "covered": "网格员、村(居)民小组长"},
        "行政村·默认配备目标",
    ),
    "workforce.appointed": (
        {
            "who": "王**",
            "post": "网格员",
            "place": "1组网格",
            "from": "2026-01-01",
            "until": "2028-12-31",
            "contract": "YA-2026-01",
        },
        "1组网格·网格员",
    ),
    "workforce.vacated": ({"who": "王**", "on": "2026-12-01", "reason": "外出务工"}, "1组网格·网格员"),
    "workforce.trained": (
        {"who": "王**", "on": "2026-11-20", "title": "网格化服务管理培训", "hours": "3.5"},
        "网格员·网格化服务管理培训",
    ),
    "workforce.target_set": (
        {"workers": 8, "before": 6, "covered": "网格员、村(居)民小组长"},
        "青山村·配备目标",
    ),
    "workforce.contract_added": (
        {
            "organisation": "阳光社工",
            "amount": "120000.00",
            "from": "2026-01-01",
            "until": "2026-12-31",
            "scan": True,
        },
        "青山村·YA-2026-01",
    ),
    "workforce.contract_changed": (
        {
            "organisation": "阳光社工",
            "amount": "130000.00",
            "from": "2026-01-01",
            "until": "2027-12-31",
            "scan": False,
        },
        "青山村·YA-2026-01",
    ),
    "workforce.exported": ({"rows": 6}, ""),
    # The oversight exports (gongzhi.oversight): figures only.
    "oversight.exported": ({"period": "2026年", "rows": 12}, "永安镇"),
    "oversight.report_printed": ({"period": "2026年", "sha256": "ab" * 32}, "青山村"),
    "oversight.form_uploaded": (
        {"title": "农村基本情况表", "placeholders": 6, "sha256": "cd" * 32},
        "农村基本情况表",
    ),
    "oversight.facts_typed": ({"period": "2026年", "typed": 3, "removed": 0}, "农村基本情况表"),
    "oversight.form_filled": (
        {"title": "农村基本情况表", "period": "2026年", "communities": 2},
        "农村基本情况表",
    ),
    "facilities.type_added": (
        {"kind": "room", "village": True, "urban": False, "signage": "功能室门牌"},
        "非遗传习室",
    ),
    "facilities.type_changed": (
        {"kind": "room", "village": False, "urban": False, "signage": "-"},
        "非遗传习室",
    ),
    "facilities.type_retired": ({"in_use": 2}, "非遗传习室"),
    "facilities.type_restored": ({"in_use": 2}, "非遗传习室"),
    # Suggestions and complaints about gongzhi (gongzhi.feedback): the kind, category and due date, never the text.
    "feedback.filed": (
        {"kind": "complaint", "category": "页面出错", "due": "2026-12-14", "signed_in": True},
        "投诉#3",
    ),
    "feedback.answered": ({"days": 2, "late": False}, "投诉#3"),
    "feedback.withdrawn": ({}, "建议#4"),
    "feedback.category_saved": ({"retired": False}, "页面出错"),
    "feedback.answer_corrected": ({"reason": "日期写错"}, "投诉#3"),
    "feedback.category_added": ({}, "公示栏显示"),
    "feedback.category_renamed": ({"was": "公示栏"}, "公示栏显示"),
    "feedback.category_retired": ({"filed": 2}, "公示栏显示"),
    "feedback.category_restored": ({"filed": 2}, "公示栏显示"),
    # The governing documents (gongzhi.rulebook).
    "rulebook.document_created": (
        {"kind": "村(居)务公开制度", "template": "村(居)务公开制度"},
        "青山村·村(居)务公开制度",
    ),
    "rulebook.draft_saved": ({"length": 420}, "青山村·村(居)务公开制度（第2版）"),
    "rulebook.scan_attached": ({"bytes": 20480, "adopted": True}, "青山村·村(居)务公开制度（第2版）"),
    "rulebook.version_made": ({"number": 2}, "青山村·村(居)务公开制度（第2版）"),
    "rulebook.adopted": (
        {"meeting": "2026-12-05 通过村务公开制度", "effective_on": "2026-12-06", "superseded": 1},
        "青山村·村(居)务公开制度（第2版）",
    ),
    "rulebook.draft_printed": ({"sha256": "ef" * 32}, "青山村·村(居)务公开制度（第2版）"),
    "rulebook.kind_added": ({"group": "rules", "before": "-"}, "村级财务管理细则"),
    "rulebook.kind_changed": ({"group": "rules", "before": "财务细则"}, "村级财务管理细则"),
    "rulebook.kind_retired": ({"in_use": 2}, "村级财务管理细则"),
    "rulebook.kind_restored": ({"in_use": 2}, "村级财务管理细则"),
    "rulebook.template_added": ({"kind": "村级财务管理细则", "length": 320}, "村级财务管理细则（永安镇）"),
    "rulebook.template_changed": ({"kind": "村级财务管理细则", "length": 360}, "村级财务管理细则（永安镇）"),
    "rulebook.template_retired": ({"kind": "村级财务管理细则"}, "村级财务管理细则（永安镇）"),
    "rulebook.template_restored": ({"kind": "村级财务管理细则"}, "村级财务管理细则（永安镇）"),
    # The funds (gongzhi.funds): amounts in yuan, no resident named.
    "funds.policy_set": (
        {"area": "永安镇", "decision_above": "50,000.00", "monthly_above": 30, "roles": ["community_staff"]},
        "永安镇·经费规则",
    ),
    "funds.fund_created": ({"year": 2026}, "青山村·2026年专项经费"),
    "funds.income_recorded": (
        {"amount": "100,000.00", "source": "财政", "date": "2026-01-15"},
        "青山村·2026年专项经费",
    ),
    "funds.plan_created": (
        {"amount": "30,000.00", "basis": "，依据：修缮文化活动室", "origin": ""},
        "青山村·修缮文化活动室",
    ),
    "funds.plan_closed": ({}, "青山村·修缮文化活动室"),
    "funds.expenditure_recorded": (
        {"amount": "1,200.50", "vouchers": 1},
        "青山村·修缮文化活动室·青山建材店1200.50元",
    ),
    "funds.expenditure_approved": ({"nth": 2}, "青山村·修缮文化活动室·青山建材店1200.50元"),
    "funds.expenditure_reviewed": ({"verdict": "有疑问"}, "青山村·修缮文化活动室·青山建材店1200.50元"),
    "funds.expenditure_answered": ({}, "青山村·修缮文化活动室·青山建材店1200.50元"),
    "funds.board_generated": (
        {"opening": "0.00", "income": "120,000.50", "spending": "1,000.25", "closing": "119,000.25"},
        "青山村·2026-Q1财务公开",
    ),
    "funds.board_reviewed": ({}, "青山村·2026-Q1财务公开"),
    "funds.board_published": ({}, "青山村·2026-Q1财务公开"),
    # Registered by gongzhi.elections (audit_verbs_roll): the community and counts, never a voter's name.
    "elections.round_opened": (
        {"term": 11, "name": "第十一届村(社区)三委换届选举"},
        "第十一届村(社区)三委换届选举",
    ),
    "elections.practice_set": (
        {"name": "第十一届", "filing_days": {"from": 15, "to": 10}},
        "第十一届",
    ),  # fmt: skip
    "elections.round_closed": ({"name": "第十一届"}, "第十一届"),
    "elections.election_added": (
        {"community": "青山村", "day": "2027-03-20", "seats": 5},
        "青山村 第11届换届选举",
    ),
    "elections.election_changed": (
        {"community": "青山村", "seats": {"from": 5, "to": 7}},
        "青山村 第11届换届选举",
    ),
    "elections.committee_joined": (
        {"community": "青山村", "post": "member", "on": "2026-12-01"},
        "3 41 member",
    ),
    "elections.committee_left": (
        {"community": "青山村", "reason": "nominated", "on": "2026-12-05"},
        "3 41 member",
    ),
    "elections.roll_generated": ({"community": "青山村", "count": 812}, "青山村 第11届换届选举"),
    "elections.voter_added": (
        {"community": "青山村", "basis": "away", "published": True, "reason": "本人申请", "objection": None},
        "3 41",
    ),  # fmt: skip
    "elections.voter_removed": ({"community": "青山村", "reason": "已迁出", "objection": 2}, "3 41"),
    "elections.roll_published": ({"community": "青山村", "count": 812}, "青山村 第11届换届选举"),
    "elections.objection_filed": ({"community": "青山村", "kind": "left_off"}, "3 2"),
    "elections.objection_answered": ({"community": "青山村", "upheld": True, "overdue": False}, "3 2"),
    "elections.proxy_authorised": ({"community": "青山村", "held": 2}, "41 → 42"),
    "elections.proxy_withdrawn": ({"community": "青山村"}, "41 → 42"),
    "elections.proxy_scan_attached": (
        {"community": "青山村", "scan": "9f86d081884c7d65", "replaced": False},
        "41 → 42",
    ),
    "elections.roll_printed": ({"community": "青山村", "paper": "选民名单"}, "青山村 第11届换届选举"),
    # Registered by gongzhi.elections (audit_verbs_count): names and counts, never a ballot.
    "elections.nominated": ({"candidate": "李秀英", "nominators": 12}, "提名"),
    "elections.nomination_accepted": ({"candidate": "李秀英", "reason": "-"}, "提名"),
    "elections.nomination_rejected": ({"candidate": "王五", "reason": "不在本村选民名单上"}, "提名"),
    "elections.candidates_published": ({"seats": 5, "candidates": 7}, "青山村"),
    "elections.poll_opened": (
        {"kind": "first", "held_on": "2027-03-20", "place": "村委会大院", "seats": 5},
        "选举",
    ),
    "elections.box_added": ({"kind": "mobile", "place": "三组流动票箱"}, "三组流动票箱"),
    "elections.box_paper_recorded": (
        {"place": "村委会大院", "issued": 420, "returned": 415, "spoiled": 3},
        "村委会大院",
    ),
    "elections.count_entered": ({"place": "村委会大院", "entry": 2}, "村委会大院"),
    "elections.count_corrected": (
        {"place": "村委会大院", "changes": [{"choice": 3, "from": 201, "to": 210}], "lines": 1},
        "村委会大院",
    ),
    "elections.count_signed": (
        {"kind": "first", "scrutineers": 3, "valid": True, "cast": 610, "roll": 900},
        "选举",
    ),
    "elections.result_announced": ({"kind": "first", "valid": True, "elected": 4}, "选举"),
    "elections.result_filed": ({"elected": 5, "seats": 5, "without_woman": False}, "青山村"),
    "elections.committee_installed": ({"term": "第十一届", "members": 5, "from": "2027-03-21"}, "青山村"),
    "elections.recall_proposed": ({"member": "张三", "supporters": 190, "roll": 900}, "罢免"),
}


def verbs_used_in_code() -> set[str]:
    found: set[str] = set()
    for path in ROOT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for recorder in RECORDERS:
            for start in (m.start() for m in re.finditer(re.escape(recorder), text)):
                call = text[start : start + 600]
                match = VERB_ARG.search(call)
                if match:
                    found |= {v for v in match.groups() if v}
    return found


def facts(verb: str, **extra) -> Facts:
    summary, target = SAMPLES[verb]
    return Facts(verb=verb, summary=summary, target=target, area="青山村", actor="王建国(wangjg)", **extra)


def test_every_verb_the_code_records_is_registered_with_a_sentence():
    used = verbs_used_in_code()
    assert len(used) > 40, "the scan found too few verbs; is the pattern still right?"
    assert used - set(VERBS) == set(), "recorded but not registered"
    missing = sorted(used - set(SENTENCES))
    assert not missing, f"add a sentence for {missing} to SENTENCES in gongzhi/audit/verbs.py (one line each)"


def test_every_verb_with_a_sentence_has_a_realistic_sample_here():
    assert set(SENTENCES) - set(SAMPLES) == set(), "add the verb's summary to SAMPLES in this test"


def test_every_registered_verb_reads_as_a_sentence_of_its_own():
    for verb in VERBS:
        text = sentence_for(facts(verb)) if verb in SAMPLES else sentence_for(Facts(verb=verb, summary={}))
        assert text, (verb, text)
        assert not re.search(r"[{}\[\]]|'|\bTrue\b|\bFalse\b|\bNone\b", text), (verb, text)
        if verb in SENTENCES:
            # The template's placeholders are the summary's real keys: it did not fall back.
            assert template_sentence(facts(verb)), (verb, text)


def test_sentences_say_what_happened_in_chinese():
    assert (
        sentence_for(facts("resident.exported"))
        == "导出居民名单 128 行（已脱敏），筛选：标签：低保户；状态：在册"
    )
    assert sentence_for(facts("case.moved")) == "微心愿「帮忙修水管」：发布上墙（待审核 → 待认领）"
    assert sentence_for(facts("role.assigned")) == "授予「王建国(wangjg)」在青山村的角色：村(社区)干部"
    assert sentence_for(facts("area.updated")) == (
        "修改区域「青山村」：名称：青山 → 青山村；代码：511423101201 → 511423101202"
    )
    assert sentence_for(facts("access.refused_more")) == (
        "另有 980 次被拒绝的访问未逐条记录（2026-03-01 10:00 – 2026-03-01 10:10）"
    )
    assert sentence_for(facts("audit.verified")) == "校验审计链：5120 条记录完整"


def test_a_proposal_reaching_its_threshold_reads_with_its_route():
    assert sentence_for(facts("proposal.threshold_reached")) == (
        "提案「proposal#7 修缮村口的便民桥」联名达到法定人数：十八周岁以上的村(居)民 52，须 52（共 513）"
    )
    assert (
        sentence_for(facts("proposal.posted"))
        == "以社会组织身份在提案「proposal#7 修缮村口的便民桥」的议事厅留言"
    )


def test_a_failure_says_so():
    text = sentence_for(Facts(verb="convention.submitted", summary={}, target="修订稿", success=False))
    assert text.endswith("（未成功）")


def test_an_unknown_verb_or_key_still_reads_plainly():
    text = sentence_for(
        Facts(verb="made.up", summary={"foo": 3, "nested": {"a": [1, 2, 3]}, "ok": True}, target="X")
    )
    assert text == "made.up「X」：foo：3；nested：a：1、2、3；ok：是"
    # A registered sentence whose summary lacks a placeholder's key falls back rather than raising.
    text = sentence_for(Facts(verb="resident.exported", summary={"count": 5}))
    assert text == "导出居民：次数：5"


def test_registering_a_verb_is_one_line_and_a_missing_sentence_falls_back(monkeypatch):
    monkeypatch.setattr(verbs, "VERBS", dict(VERBS))
    monkeypatch.setattr(verbs, "SENTENCES", dict(SENTENCES))
    import gongzhi.audit.sentences as sentences

    monkeypatch.setattr(sentences, "SENTENCES", verbs.SENTENCES)
    verb_register("wish.redacted", "隐去心愿中的个人信息", "隐去心愿「{target}」中的{kinds}")
    verb_register("export.approved", "批准完整导出")
    assert sentence_for(Facts(verb="wish.redacted", summary={"kinds": ["手机号"]}, target="修水管")) == (
        "隐去心愿「修水管」中的手机号"
    )
    assert (
        sentence_for(Facts(verb="export.approved", summary={"rows": 12}, target=""))
        == "批准完整导出：行数：12"
    )


def test_sentences_have_english_translations():
    with translation.override("en"):
        text = sentence_for(facts("resident.exported"))
    assert "128" in text, text
    assert not re.search(r"[\u4e00-\u9fff]", text.split(",")[0]), text
