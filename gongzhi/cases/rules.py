"""Who may do what with a case's escalations (吹哨). Whether it is possible now is the actions' answer.

Raising an escalation and closing it are the feature's to decide (the
handlers of a situation note); the engine decides who answers one: the staff
of a department it calls — a role held in that department (RoleAssignment.department).
Being called also lets a department see the case: a feature adds
`called_department` to its view permission.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.roles import DEPARTMENT_ROLES
from gongzhi.accounts.scopes import department_ids_for


@rules.predicate
def in_called_department(user, target=None) -> bool:
    """The user works in the department this EscalationTarget calls."""
    return target is not None and target.department_id in department_ids_for(user)


@rules.predicate
def works_in_a_department(user) -> bool:
    return bool(department_ids_for(user))


@rules.predicate
def called_department(user, subject=None) -> bool:
    """The user works in a department that an escalation of this case (or its feature row) called."""
    if subject is None:
        return False
    ids = department_ids_for(user)
    if not ids:
        return False
    from .models import EscalationTarget

    case = getattr(subject, "case", subject)
    return EscalationTarget.objects.filter(escalation__case_id=case.pk, department_id__in=ids).exists()


# A role that may be held in a department: its holder looks for the calls to their department (the queue is
# empty, and says why, while they hold it in none). The menu entry depends on the role alone.
may_hold_a_department = holds_role_over(DEPARTMENT_ROLES)

rules.add_perm("cases.reply_escalation", in_called_department)
rules.add_perm("cases.view_escalations", may_hold_a_department | works_in_a_department)
