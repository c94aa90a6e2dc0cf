"""What the decisions' actions share: who hears of a decision, its lock, the publication dues on the public board
(gongzhi.disclosures). Outside the rooms' public names: the actions modules beside it use these."""

from collections.abc import Iterable

from django.urls import reverse

from gongzhi.accounts.models import User
from gongzhi.accounts.selectors import users_holding_over
from gongzhi.bodies.models import BodyKind
from gongzhi.bodies.selectors import body_of_kind, memberships_current
from gongzhi.disclosures.actions import disclosure_due_register
from gongzhi.disclosures.models import DisclosureCategory
from gongzhi.notices.actions import notice_send

from ..models import (
    Decision,
    MatterType,
    Stage,
)
from ..roles.decisions import KEEPERS, SUPERVISORS
from ..workflow.decisions import (  # noqa: F401
    DECISION,
    DECISION_TASK,
    MEETING_VERBS,
    RESOLUTION_BODIES,
    SKIP_VERBS,
    STAGE_BODY,
)

TITLE_MAX, BODY_MAX, NOTE_MAX, TEXT_MAX, WHERE_MAX = 60, 3000, 1000, 3000, 100
NOTICE_KIND = "decision"
OBJECTION_DAYS = 7
OBJECTION_BASIS = "7日（自然日，提出当日不计入，民法典第二百零一条）"
PURPOSES = {Stage.DISCLOSURE: "decision_resolution", Stage.RESULT: "decision_result"}


def decision_url(decision: Decision) -> str:
    return reverse("selfgov:decision", args=[decision.pk])


def _tell(recipients: Iterable, *, actor: User | None, title: str, body: str = "", url: str = "") -> None:
    told: set[int] = set()
    for user in recipients:
        if (
            user is None
            or user.pk in told
            or (actor is not None and user.pk == actor.pk)
            or not user.is_active
        ):
            continue
        told.add(user.pk)
        notice_send(recipient=user, kind=NOTICE_KIND, title=title, body=body, url=url)


def _keepers(decision: Decision):
    return users_holding_over(KEEPERS, decision.area_path)


def _concerned(decision: Decision):
    """Who hears of every stage: the community's staff and whoever started or is told of it (the proposal's
    author)."""
    return [*_keepers(decision), *decision.watchers.all()]


def _supervisors(decision: Decision) -> list[User | None]:
    body = body_of_kind(decision.community, BodyKind.SUPERVISORY)
    if body is None:
        return []
    holders = set(users_holding_over(SUPERVISORS, decision.area_path).values_list("pk", flat=True))
    return [
        m.resident.user
        for m in memberships_current(body)
        if m.resident.user_id is not None and m.resident.user_id in holders
    ]


def _lock(decision: Decision) -> Decision:
    return Decision.objects.select_for_update(of=("self",)).select_related("community").get(pk=decision.pk)


def _category(decision: Decision) -> str:
    return (
        DisclosureCategory.FINANCE
        if decision.matter_type == MatterType.FINANCE
        else DisclosureCategory.AFFAIRS
    )


def _publication_due(decision: Decision, *, actor: User, stage: str) -> None:
    """Register on the public board that the resolution (or the result) of the decision is due, at once."""
    disclosure_due_register(
        actor=actor,
        community=decision.community,
        category=_category(decision),
        title=f"{Stage(stage).label}：{decision.title}"[:100],
        owner=decision,
        purpose=PURPOSES[Stage(stage)],
        major=True,
        perm="selfgov.keep_decision" if stage == Stage.DISCLOSURE else "selfgov.supervise_decision",
        perm_obj=decision,
    )
