"""The permission matrix's actors with a base (tests/policy.py, ACTOR_BASES): a table that omits such an actor's
row gives it its base's row; a table that omits the row of an actor without a base still fails to parse."""

import pytest

from tests import policy


def _text(rows: dict[str, str]) -> str:
    lines = ["GET    POST", "same   other  same   other"]
    lines += [f"{actor}  {rows.get(actor, '404 404 405 405')}" for actor in rows]
    return "\n".join(lines)


def _rows(**changes: str) -> dict[str, str]:
    rows = {actor: "404 404 405 405" for actor in policy.ACTORS}
    rows["anonymous"] = "login login login login"
    rows["mediator"] = "200 404 405 405"
    return rows | changes


def test_the_mediation_chair_is_a_mediator_with_a_base():
    assert policy.ACTOR_BASES == {"mediation_chair": "mediator"}
    assert policy.MATRIX_ACTORS == policy.ACTORS + ("mediation_chair",)
    assert "mediation_chair" not in policy.ACTORS
    assert set(policy.READ_REACH) == set(policy.WRITE_REACH) == set(policy.MATRIX_ACTORS)


def test_a_table_without_the_row_of_an_actor_with_a_base_gives_it_the_base_row():
    table = policy.grid(_text(_rows()))
    assert table.inherited == {"mediation_chair"}
    for method in policy.METHODS:
        for relation in ("same", "other"):
            assert table.expect(method, "mediation_chair", relation) == table.expect(
                method, "mediator", relation
            )
    assert table.expect("GET", "mediation_chair", "same") == "200"


def test_a_table_may_list_the_row_where_the_actor_differs():
    table = policy.grid(_text(_rows(mediation_chair="200 200 405 405")))
    assert table.inherited == frozenset()
    assert table.expect("GET", "mediation_chair", "other") == "200"
    assert table.expect("GET", "mediator", "other") == "404"


def test_a_table_without_the_row_of_an_actor_without_a_base_fails():
    rows = _rows()
    del rows["resident"]
    with pytest.raises(AssertionError, match="every actor once"):
        policy.grid(_text(rows))


def test_a_row_of_an_actor_with_a_base_comes_after_the_others():
    rows = {"mediation_chair": "200 200 405 405", **_rows()}
    with pytest.raises(AssertionError, match="every actor once"):
        policy.grid(_text(rows))


def test_an_inherited_own_cell_is_not_planned_but_a_declared_one_is():
    mediation_chair_own = {
        (key, actor, relation)
        for key, actor, relation, _method in policy.planned_cells()
        if actor == "mediation_chair" and relation == "own"
    }
    declared = {
        (key, "mediation_chair", "own")
        for key, table in {**policy.PAGES, **policy.API}.items()
        if "mediation_chair" not in table.inherited and "own" in table.relations
    }
    assert mediation_chair_own <= declared


def test_every_mediation_table_names_the_chair_where_it_differs_from_the_mediator():
    differs = {
        key
        for key, table in {**policy.PAGES, **policy.API}.items()
        if any(
            table.expect(m, "mediation_chair", r) != table.expect(m, "mediator", r)
            for m in policy.METHODS
            for r in table.relations
        )
    }
    assert differs, "the chair's own rows are declared somewhere"
    # Outside mediation, only the legal tables: there the mediator is the village's legal adviser, the chair is not.
    assert all("mediation" in key or "legal" in key for key in differs), differs
    assert "mediation:detail" in differs
    assert "mediation:training" in differs
