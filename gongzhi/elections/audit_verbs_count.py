"""The audit verbs of candidates, the count, the result and recall: names and counts, never a ballot."""


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from gongzhi.audit.verbs import target_types_register, verb_register

    for verb, label, sentence in (
        ("elections.nominated", _("提名候选人"), _("登记候选人提名：{candidate}（提名人{nominators}人）")),
        ("elections.nomination_accepted", _("确认候选人"), _("确认{candidate}为候选人")),
        ("elections.nomination_rejected", _("不予确认候选人"), _("不予确认{candidate}为候选人：{reason}")),
        (
            "elections.candidates_published",
            _("公布候选人名单"),
            _("公布候选人名单：应选{seats}名，候选人{candidates}名"),
        ),
        (
            "elections.poll_opened",
            _("登记投票"),
            _("登记{kind_label}：{held_on}，会场{place}，应选{seats}名"),
        ),
        ("elections.box_added", _("登记票箱"), _("登记{kind_label}「{place}」")),
        (
            "elections.box_paper_recorded",
            _("登记选票张数"),
            _("票箱「{place}」发出选票{issued}张，收回{returned}张，无效{spoiled}张"),
        ),
        ("elections.count_entered", _("录入计票"), _("票箱「{place}」第{entry}份计票录入")),
        ("elections.count_corrected", _("更正计票录入"), _("更正票箱「{place}」的计票录入（{lines}项）")),
        (
            "elections.count_signed",
            _("监票人签字"),
            _("{kind_label}计票经{scrutineers}位监票人签字：投票{cast}人，选民{roll}人"),
        ),
        ("elections.result_announced", _("宣布结果"), _("宣布{kind_label}结果")),
        (
            "elections.result_filed",
            _("报备选举结果"),
            _("向乡镇报备选举结果：当选{elected}名，应选{seats}名"),
        ),
        (
            "elections.committee_installed",
            _("登记新一届村(居)委会"),
            _("{term}村(居)民委员会{members}名成员自{from}起任职"),
        ),
        (
            "elections.recall_proposed",
            _("提出罢免要求"),
            _("登记罢免{member}的要求：联名{supporters}人，选民{roll}人"),
        ),
    ):
        verb_register(verb, label, sentence, derive=_derive)
    target_types_register(
        "elections.nomination",
        "elections.poll",
        "elections.ballotbox",
        "elections.recall",
        "elections.election",
    )


def _derive(facts) -> dict[str, str]:
    from .models import BoxKind, PollKind

    kind = facts.summary.get("kind", "")
    labels = {**dict(PollKind.choices), **dict(BoxKind.choices)}
    return {"kind_label": str(labels.get(kind, kind))}
