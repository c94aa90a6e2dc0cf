"""The tally against the statute, re-stated here independently, over many random elections (hypothesis).

The re-statement decides each candidate alone, by counting rivals, where the module sorts and fills
seats: a candidate past the threshold is elected when no more than `seats` qualified candidates
(themselves included) have as many votes or more; one past the threshold and not elected, with fewer
than `seats` qualified candidates strictly ahead, is tied at the last seat (a runoff, never a pick).
"""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongzhi.elections import tally
from gongzhi.elections.tally import Box, TallyInputError


def statute(roll, seats, boxes, votes, needed):
    cast = sum(returned for _issued, returned, _spoiled in boxes)
    if not cast * 2 > roll:
        return False, set(), set(), seats
    qualified = {key: count for key, count in votes.items() if needed(count, cast)}
    elected, tied = set(), set()
    for key, count in qualified.items():
        at_least = sum(1 for other in qualified.values() if other >= count)
        ahead = sum(1 for other in qualified.values() if other > count)
        if at_least <= seats:
            elected.add(key)
        elif ahead < seats:
            tied.add(key)
    return True, elected, tied, seats - len(elected)


def majority(count, cast):
    return count * 2 > cast


def a_third(count, cast):
    return count > 0 and count * 3 >= cast


@st.composite
def elections(draw, seats_max=7):
    seats = draw(st.integers(1, seats_max))
    box_count = draw(st.integers(1, 4))
    boxes = []
    for _ in range(box_count):
        issued = draw(st.integers(0, 60))
        returned = draw(st.integers(0, issued))
        spoiled = draw(st.integers(0, returned))
        boxes.append((issued, returned, spoiled))
    cast = sum(box[1] for box in boxes)
    roll = draw(st.integers(cast, cast * 2 + 3))
    valid = sum(box[1] - box[2] for box in boxes)
    candidates = draw(st.integers(seats + 1, seats + 5))
    # Votes drawn from a few values so that ties at the seat boundary are common.
    pool = draw(st.lists(st.integers(0, valid), min_size=1, max_size=4))
    votes = {f"c{i}": draw(st.sampled_from(pool)) for i in range(candidates)}
    assume(sum(votes.values()) <= valid * seats)
    women = draw(st.sets(st.sampled_from(sorted(votes))))
    return roll, seats, boxes, votes, women


@settings(max_examples=600, deadline=None)
@given(elections(), st.data())
def test_the_tally_is_the_statute(election, data):
    roll, seats, boxes, votes, women = election
    paper = [Box(*box) for box in boxes]
    first = tally.first_round(roll=roll, seats=seats, boxes=paper, votes=votes)
    valid, elected, tied, unfilled = statute(roll, seats, boxes, votes, majority)
    assert (first.valid, set(first.elected), set(first.tied), first.unfilled) == (
        valid,
        elected,
        tied,
        unfilled,
    )
    assert len(first.elected) == len(set(first.elected)) <= seats
    assert not set(first.tied) & set(first.elected)
    second = None
    if first.valid and first.unfilled:
        # The second round among those not elected, with its own paper and votes.
        remaining = [key for key in votes if key not in first.elected]
        valid_ballots = sum(box[1] - box[2] for box in boxes)
        pool = data.draw(st.lists(st.integers(0, valid_ballots), min_size=1, max_size=3))
        again = {key: data.draw(st.sampled_from(pool)) for key in remaining}
        assume(sum(again.values()) <= valid_ballots * first.unfilled)
        second = tally.second_round(roll=roll, seats=first.unfilled, boxes=paper, votes=again)
        expected = statute(roll, first.unfilled, boxes, again, a_third)
        assert (second.valid, set(second.elected), set(second.tied), second.unfilled) == expected
    result = tally.outcome(first, second, women)
    everyone = set(first.elected) | set(second.elected if second else ())
    assert set(result.elected) == everyone
    assert result.without_woman == (not everyone & women)
    assert (tally.LAW_WOMAN in result.reasons) == result.without_woman
    assert result.unfilled == seats - len(everyone) or not first.valid


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 200).flatmap(
        lambda cast: st.tuples(st.just(cast), st.integers(cast, cast * 2 + 2), st.integers(0, cast))
    ),
    st.data(),
)
def test_the_recall_is_the_statute(figures, data):
    cast, roll, spoiled = figures
    yes = data.draw(st.integers(0, cast - spoiled))
    result = tally.recall(roll=roll, boxes=[Box(cast, cast, spoiled)], yes=yes)
    assert result.valid == (cast > roll / 2)
    assert result.recalled == (cast > roll / 2 and yes > cast / 2)


@given(st.integers(1, 500), st.integers(0, 500), st.integers(0, 30), st.integers(1, 30))
def test_a_recall_is_proposed_by_a_fifth_of_the_voters_or_a_third_of_the_representatives(
    roll, voters, reps, total
):
    enough = tally.recall_proposal_enough(
        roll=roll, voters=voters, representatives=reps, representatives_total=total
    )
    assert enough == (voters / roll >= 0.2 - 1e-12 or reps / total >= 1 / 3 - 1e-12)


def test_a_tie_at_the_last_seat_elects_nobody_and_leaves_the_seat_for_a_runoff():
    boxes = [Box(100, 90, 0)]
    first = tally.first_round(roll=100, seats=2, boxes=boxes, votes={"a": 70, "b": 50, "c": 50, "d": 10})
    assert first.elected == ("a",)
    assert set(first.tied) == {"b", "c"}
    assert first.unfilled == 1
    assert tally.LAW_TIE in first.reasons


def test_half_of_the_roll_is_not_more_than_half():
    first = tally.first_round(roll=100, seats=1, boxes=[Box(100, 50, 0)], votes={"a": 50, "b": 0})
    assert not first.valid
    assert first.elected == ()
    assert first.unfilled == 1
    # Half of the cast is not a majority either; a third of the cast is enough in the second round.
    first = tally.first_round(roll=100, seats=1, boxes=[Box(100, 60, 0)], votes={"a": 30, "b": 30})
    assert first.valid
    assert first.elected == ()
    assert first.unfilled == 1
    second = tally.second_round(roll=100, seats=1, boxes=[Box(100, 60, 0)], votes={"a": 20, "b": 19})
    assert second.elected == ("a",)
    second = tally.second_round(roll=100, seats=1, boxes=[Box(100, 60, 0)], votes={"a": 19, "b": 18})
    assert second.elected == ()
    assert second.unfilled == 1


@pytest.mark.parametrize(
    ("boxes", "votes"),
    [
        ([Box(10, 11, 0)], {"a": 1}),  # more returned than issued
        ([Box(10, 5, 6)], {"a": 1}),  # more spoiled than returned
        ([Box(10, 10, 2)], {"a": 9}),  # more votes than valid ballots
    ],
)
def test_figures_that_cannot_be_a_count_are_refused(boxes, votes):
    with pytest.raises(TallyInputError):
        tally.first_round(roll=20, seats=1, boxes=boxes, votes=votes)
