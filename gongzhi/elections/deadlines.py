"""The election's calendar: each step's due date, from the election day and the periods (pure, no queries).

Statute (村民委员会组织法 第十四条): the roll is published at least 20 days before election day; objections
are filed within 5 days of publication; the committee decides within 3 days of receiving one. The other
periods are provincial practice and live on the round (`RoundPractice`), with defaults.
"""

import datetime as dt
from dataclasses import dataclass

ROLL_LEAD_DAYS = 20
OBJECTION_DAYS = 5
ANSWER_DAYS = 3
VOTING_AGE = 18


def adult_cutoff(election_day: dt.date) -> dt.date:
    """The latest birth date of a person who is 18 on election day (born 29 February: 18 on 1 March)."""
    year = election_day.year - VOTING_AGE
    if (election_day.month, election_day.day) == (2, 29):
        return dt.date(year, 2, 28)
    return election_day.replace(year=year)


def roll_last_day(election_day: dt.date) -> dt.date:
    return election_day - dt.timedelta(days=ROLL_LEAD_DAYS)


def objections_last_day(published_on: dt.date) -> dt.date:
    return published_on + dt.timedelta(days=OBJECTION_DAYS)


def answer_due(filed_on: dt.date) -> dt.date:
    return filed_on + dt.timedelta(days=ANSWER_DAYS)


@dataclass(frozen=True)
class Step:
    key: str
    done_on: dt.date | None
    due_on: dt.date | None

    def overdue(self, today: dt.date) -> bool:
        return self.done_on is None and self.due_on is not None and today > self.due_on


def steps(
    *,
    election_day: dt.date,
    committee_formed_on: dt.date | None,
    roll_published_on: dt.date | None,
    objections_closed_on: dt.date | None,
    candidates_published_on: dt.date | None,
    result_filed_on: dt.date | None,
    today: dt.date,
    committee_lead_days: int,
    candidates_lead_days: int,
    filing_days: int,
) -> list[Step]:
    """The six steps in order; "objections closed" falls due once every objection period has run out."""
    roll_due = roll_last_day(election_day)
    objections_due = (
        objections_last_day(roll_published_on) + dt.timedelta(days=ANSWER_DAYS)
        if roll_published_on
        else objections_last_day(roll_due) + dt.timedelta(days=ANSWER_DAYS)
    )
    held = election_day if today >= election_day else None
    return [
        Step("committee", committee_formed_on, election_day - dt.timedelta(days=committee_lead_days)),
        Step("roll", roll_published_on, roll_due),
        Step("objections", objections_closed_on, objections_due),
        Step("candidates", candidates_published_on, election_day - dt.timedelta(days=candidates_lead_days)),
        Step("election_day", held, election_day),
        Step("result", result_filed_on, election_day + dt.timedelta(days=filing_days)),
    ]
