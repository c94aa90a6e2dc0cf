from django.urls import path

from .views import candidates, count_entry, results, roll, rounds

app_name = "elections"
urlpatterns: list = [
    # The round, the committee and the roll.
    path("rounds/", rounds.index, name="rounds"),
    path("rounds/<id:pk>/", rounds.board, name="round"),
    path("rounds/<id:pk>/practice/", rounds.practice, name="round_practice"),
    path("rounds/<id:pk>/close/", rounds.close, name="round_close"),
    path("rounds/<id:pk>/export.xlsx", rounds.export, name="round_export"),
    path("<id:pk>/", roll.election, name="election"),
    path("<id:pk>/edit/", rounds.election_edit, name="election_edit"),
    path("<id:pk>/committee/", roll.committee_add, name="committee_add"),
    path("committee/<id:pk>/leave/", roll.committee_leave, name="committee_leave"),
    path("<id:pk>/roll/generate/", roll.roll_generate, name="roll_generate"),
    path("<id:pk>/roll/publish/", roll.roll_publish, name="roll_publish"),
    path("<id:pk>/roll/add/", roll.voter_add, name="voter_add"),
    path("voters/<id:pk>/remove/", roll.voter_remove, name="voter_remove"),
    path("objections/<id:pk>/answer/", roll.objection_answer, name="objection_answer"),
    path("<id:pk>/proxies/", roll.proxy_add, name="proxy_add"),
    path("proxies/<id:pk>/scan/", roll.proxy_scan, name="proxy_scan"),
    path("proxies/<id:pk>/withdraw/", roll.proxy_withdraw, name="proxy_withdraw"),
    path("<id:pk>/papers/<slug:kind>.pdf", roll.paper, name="paper"),
    path("<id:pk>/roll/", roll.voters, name="voters"),
    path("<id:pk>/public/", roll.public, name="public"),
    # Candidates, the count and the result.
    path("polls/<id:pk>/count/", results.count, name="count"),
    path("polls/<id:pk>/record.pdf", results.record, name="count_record"),
    path("<id:pk>/notice/", results.notice, name="notice"),
    # The committee's pages for candidates and election day.
    path("<id:pk>/nominations/", candidates.nominations, name="nominations"),
    path("nominations/<id:pk>/decide/", candidates.nomination_decide, name="nomination_decide"),
    path("<id:pk>/candidates/publish/", candidates.candidates_publish, name="candidates_publish"),
    path("<id:pk>/polls/open/", candidates.poll_open, name="poll_open"),
    path("polls/<id:pk>/boxes/add/", candidates.box_add, name="box_add"),
    path("boxes/<id:pk>/paper/", candidates.box_paper_record, name="box_paper"),
    path("<id:pk>/recalls/propose/", candidates.recall_propose, name="recall_propose"),
    # The count's write pages: entry and correction by each clerk, sign-off, announce, file, install.
    path("boxes/<id:pk>/count/", count_entry.sheet_enter, name="sheet_enter"),
    path("boxes/<id:pk>/count/correct/", count_entry.sheet_correct, name="sheet_correct"),
    path("polls/<id:pk>/sign/", count_entry.poll_sign_off, name="poll_sign_off"),
    path("polls/<id:pk>/announce/", count_entry.poll_announce, name="poll_announce"),
    path("<id:pk>/file/", count_entry.result_file, name="result_file"),
    path("<id:pk>/install/", count_entry.committee_install, name="committee_install"),
]
