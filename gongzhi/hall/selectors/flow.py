"""The power list's flow as the application's page and the API show it: each step with what fulfilled it."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.bodies.models import BodyKind
from gongzhi.core.authz import can
from gongzhi.core.power_flows import MEETING, PUBLISH, STEP_KINDS, power_flow_for

from ..models import Application, ApplicationObjection, ApplicationStep


def _state(step: ApplicationStep, now: dt.datetime, open_objections: int) -> tuple[str, str]:
    if step.done_at is None:
        return "pending", _("待办理")
    if step.kind == MEETING and not step.passed:
        return "not_passed", _("未通过")
    if step.kind == PUBLISH and step.ends_at is not None and now < step.ends_at:
        return "publishing", _("公示中")
    if step.kind == PUBLISH and open_objections:
        return "objections", _("有异议待答复")
    return "done", _("已完成")


def application_flow_for(application: Application, viewer) -> dict | None:
    """The flow the application follows (its copy, or the live item's before the first step), or None.

    Staff see who recorded each step and the objections' words; the applicant sees the steps and states."""
    matter = application.matter
    if not matter.power_code:
        return None
    staff = can(viewer, "hall.view_queue", application)
    steps = list(
        ApplicationStep.objects.filter(application=application)
        .select_related("done_by", "meeting", "disclosure")
        .prefetch_related("objections")
        .order_by("order")
    )
    live = power_flow_for(application.case.community, matter.power_code)
    if not steps and live is None:
        return None
    now = timezone.now()
    rows = []
    if not steps:
        steps = [
            ApplicationStep(order=n, kind=s.kind, label=s.label, body=s.body, days=s.days)
            for n, s in enumerate(live.steps if live else (), start=1)
        ]
    for step in steps:
        objections: list[ApplicationObjection] = list(step.objections.all()) if step.pk else []
        open_objections = sum(1 for o in objections if o.answered_at is None)
        state, state_label = _state(step, now, open_objections)
        rows.append(
            {
                "order": step.order,
                "kind": step.kind,
                "kind_label": str(STEP_KINDS.get(step.kind, step.kind)),
                "label": step.label,
                "body": step.body,
                "body_label": str(BodyKind(step.body).label) if step.body in BodyKind.values else "",
                "days": step.days,
                "state": state,
                "state_label": str(state_label),
                "done_at": step.done_at,
                "done_by": (step.done_by.display_name or step.done_by.username)
                if staff and step.done_by is not None
                else "",
                "note": step.note,
                "meeting_id": step.meeting_id,
                "passed": step.passed,
                "disclosure_id": step.disclosure_id,
                "disclosure_url": reverse("disclosures:item", args=[step.disclosure_id])
                if step.disclosure_id
                else "",
                "ends_at": step.ends_at,
                "objections": [
                    {
                        "id": o.pk,
                        "text": o.text,
                        "received_at": o.received_at,
                        "answer": o.answer,
                        "answered_at": o.answered_at,
                    }
                    for o in objections
                ]
                if staff
                else [],
                "open_objections": open_objections,
            }
        )
    pending = next((row for row in rows if row["state"] == "pending"), None)
    return {
        "code": matter.power_code,
        "name": live.name if live else "",
        "basis": live.basis if live else "",
        "steps": rows,
        "next": pending["order"] if pending else None,
        "next_kind": pending["kind"] if pending else "",
        "publishing": any(row["state"] == "publishing" for row in rows),
    }
