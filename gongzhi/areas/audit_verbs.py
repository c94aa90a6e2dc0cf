"""The audit verbs of a township's departments, registered from AreasConfig.ready."""

from django.utils.translation import gettext_lazy

from gongzhi.audit.sentences import Facts, value_text
from gongzhi.audit.verbs import target_types_register, verb_register


def _renamed(facts: Facts) -> dict[str, str]:
    names = facts.summary.get("name")
    if not (isinstance(names, list) and len(names) == 2):
        return {}
    return {"names": f"{value_text(names[0])} → {value_text(names[1])}"}


def audit_verbs_register() -> None:
    verb_register("department.created", gettext_lazy("新建部门"), gettext_lazy("在{area}新建部门「{name}」"))
    verb_register(
        "department.renamed",
        gettext_lazy("部门改名"),
        gettext_lazy("{area}的部门改名：{names}"),
        derive=_renamed,
    )
    verb_register(
        "department.deactivated", gettext_lazy("停用部门"), gettext_lazy("停用{area}的部门「{name}」")
    )
    verb_register(
        "department.reactivated", gettext_lazy("启用部门"), gettext_lazy("重新启用{area}的部门「{name}」")
    )
    target_types_register("areas.department")
