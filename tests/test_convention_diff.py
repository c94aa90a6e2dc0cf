"""The side-by-side diff of a draft against the convention in force (pure Python, no database)."""

from django.template.loader import render_to_string

from gongzhi.conventions.diff import convention_diff, diff_counts

OLD = "\n".join(
    [
        "第一条 爱护公物，不损坏村道路灯。",
        "第二条 不参与赌博。",
        "第三条 节约用水。",
        "第四条 孝敬老人，关爱留守儿童。",
        "第五条 违者罚款二百元。",
    ]
)


def kinds(rows):
    return [(row.kind, row.old_line, row.new_line) for row in rows]


def marked(segments):
    return "".join(f"[{s.text}]" if s.changed else s.text for s in segments)


def test_identical_texts_have_no_changes():
    rows = convention_diff(OLD, OLD)

    assert [(row.kind, row.skipped) for row in rows] == [("skip", 5)]
    assert diff_counts(rows) == {"changed": 0, "added": 0, "removed": 0, "moved": 0}


def test_a_changed_line_marks_the_characters_that_differ():
    rows = convention_diff("第三条 节约用水。", "第三条 节约用水，垃圾分类投放。")

    assert kinds(rows) == [("changed", 1, 1)]
    assert marked(rows[0].old) == "第三条 节约用水。"
    assert marked(rows[0].new) == "第三条 节约用水[，垃圾分类投放]。"


def test_inserting_a_clause_renumbers_without_changing_the_clauses_after_it():
    new = "\n".join(
        [
            "第一条 爱护公物，不损坏村道路灯。",
            "第二条 弘扬社会主义核心价值观。",
            "第三条 不参与赌博。",
            "第四条 节约用水。",
            "第五条 孝敬老人，关爱留守儿童。",
            "第六条 违者罚款二百元。",
        ]
    )
    rows = convention_diff(OLD, new, context=10)

    assert diff_counts(rows) == {"changed": 0, "added": 1, "removed": 0, "moved": 0}
    assert ("added", None, 2) in kinds(rows)
    renumbered = next(row for row in rows if row.old_line == 2)
    assert renumbered.kind == "same"
    assert renumbered.new_line == 3
    assert marked(renumbered.old) == "第[二]条 不参与赌博。"
    assert marked(renumbered.new) == "第[三]条 不参与赌博。"


def test_a_moved_clause_is_one_moved_row_naming_both_places():
    new = "\n".join(
        [
            "第一条 孝敬老人，关爱留守儿童。",
            "第二条 爱护公物，不损坏村道路灯。",
            "第三条 不参与赌博。",
            "第四条 节约用水。",
        ]
    )
    rows = convention_diff(OLD, new, context=10)

    assert diff_counts(rows) == {"changed": 0, "added": 0, "removed": 1, "moved": 1}
    moved = next(row for row in rows if row.kind == "moved")
    assert (moved.old_line, moved.new_line) == (4, 1)
    assert "".join(s.text for s in moved.new) == "第一条 孝敬老人，关爱留守儿童。"
    assert ("removed", 5, None) in kinds(rows)  # the fine went, and is not mistaken for a move


def test_unchanged_runs_fold_into_one_skip_row():
    old = "\n".join(f"第{n}条 条文{n}。" for n in range(1, 21))
    new = old.replace("条文10。", "条文十，已修改。")
    rows = convention_diff(old, new, context=2)

    assert [row.kind for row in rows] == ["skip", "same", "same", "changed", "same", "same", "skip"]
    assert [row.skipped for row in rows if row.kind == "skip"] == [7, 8]


def test_the_fragment_shows_a_move_in_words():
    new = "第一条 孝敬老人，关爱留守儿童。\n" + "\n".join(OLD.splitlines()[:3])
    rows = convention_diff(OLD, new)
    html = render_to_string(
        "conventions/_diff.html",
        {"in_force": {"title": "旧约"}, "diff": rows, "diff_counts": diff_counts(rows)},
    )

    assert 'data-testid="diff-moved"' in html
    assert "原第 4 行移至第 1 行" in html
    assert "移动 1 行" in html
