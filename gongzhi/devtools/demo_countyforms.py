"""The demo township's county form (gongzhi.oversight): a small 基本情况表 made with openpyxl, uploaded by the township
office and filled for this year, with one hand-typed value per community (专职网格员人数)."""

import io

from django.utils import timezone
from openpyxl import Workbook

from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.oversight import actions
from gongzhi.oversight.selectors import Period, communities_of


def demo_template() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "基本情况"
    sheet.append(["村(社区)基本情况表"])
    sheet.append(["村(社区)", "区划代码", "在册人口", "在册户数", "60岁及以上", "代表会议", "专职网格员"])
    sheet.append(["{{community.name}}", "{{community.code}}", "{{residents.people}}", "{{residents.households}}",
                  "{{residents.elderly}}", "{{meetings.representatives}}", "{{manual:专职网格员人数}}"])  # fmt: skip
    sheet.append(["全镇合计", "", "{{residents.people}}", "{{residents.households}}", "{{residents.elderly}}",
                  "{{meetings.representatives}}", ""])  # fmt: skip
    sheet.append(["填报人：", "{{manual:填报人}}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def demo_countyforms_seed(*, township: Area) -> None:
    grant = (
        RoleAssignment.objects.filter(role=Role.TOWNSHIP_ADMIN, area=township).select_related("user").first()
    )
    if grant is None:
        return
    admin = grant.user
    form = actions.form_upload(actor=admin, township=township, title="村(社区)基本情况表",
                               filename="基本情况表.xlsx", content=demo_template())  # fmt: skip
    values = {(c.pk, "专职网格员人数"): str(2 + n % 3) for n, c in enumerate(communities_of(township))}
    values[(township.pk, "填报人")] = admin.display_name or admin.username
    actions.facts_save(actor=admin, form=form, period=Period(timezone.localdate().year), values=values)
