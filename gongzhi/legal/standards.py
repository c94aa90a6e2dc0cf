"""What the 法律明白人 and the 民主法治示范村 are measured against, as data (the texts they come from are cited).

- `PRIORITY_GROUPS`: the people a 法律明白人 is chosen among. 中央宣传部、司法部、民政部《关于加强“法律明白人”
  培养工作的意见》(2021) asks that they be chosen first of all from the village (community) cadres and the
  groups below; a township keeps this list as it is.
- `DEMONSTRATION_CRITERIA`: the headings of 《全国民主法治示范村（社区）建设指导标准》 (司法部、民政部), one line each;
  a village assesses itself against each heading (met or not, with a note) when it applies.
- `COVERAGE_TARGET_DEFAULT`: at least three 法律明白人 in every village (community), the usual target of the
  培养工程 (a township may set its own).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

COVERAGE_TARGET_DEFAULT = 3
COVERAGE_TARGET_MAX = 50


@dataclass(frozen=True)
class Item:
    key: str
    label: str | Promise
    detail: str | Promise = ""


PRIORITY_GROUPS: tuple[Item, ...] = (
    Item("cadre", _("村(社区)“两委”干部")),
    Item("mediator", _("人民调解员")),
    Item("grid_worker", _("网格员")),
    Item("group_leader", _("村(居)民小组长")),
    Item("party_member", _("党员")),
    Item("entrepreneur", _("致富带头人")),
    Item("veteran", _("退役军人")),
    Item("worthy", _("乡贤")),
    Item("women", _("妇女骨干")),
    Item("youth", _("团员青年")),
)

DEMONSTRATION_CRITERIA: tuple[Item, ...] = (
    Item("party_leadership", _("党组织领导有力"), _("村(社区)党组织全面领导村(社区)各类组织和各项工作")),
    Item("self_governance", _("村(居)民自治规范"), _("依法选举，村(居)民会议、代表会议制度健全并正常运行")),
    Item("democratic_decisions", _("民主决策落实"), _("重大事项实行“四议两公开”，村(居)民参与决策")),
    Item("convention", _("村规民约(居民公约)合法有效"), _("依法制定、修订并备案，内容不与法律法规相抵触")),
    Item("open_affairs", _("村(居)务公开和监督"), _("村(居)务、财务按时公开，监督委员会依法履职")),
    Item("legal_education", _("法治宣传教育深入"), _("有法治文化阵地，培养“法律明白人”，常态化开展普法")),
    Item("legal_services", _("公共法律服务便捷"), _("配备村(居)法律顾问，群众能就近获得法律咨询和援助")),
    Item("disputes", _("矛盾纠纷化解有效"), _("人民调解组织健全，矛盾纠纷排查调处及时，小事不出村")),
    Item("safety", _("平安建设成效明显"), _("社会治安良好，无重大刑事案件和群体性事件")),
    Item("virtue", _("德治教化有力"), _("培育和践行社会主义核心价值观，家风民风良好")),
)

GROUP_LABELS = {item.key: item.label for item in PRIORITY_GROUPS}
CRITERION_KEYS = tuple(item.key for item in DEMONSTRATION_CRITERIA)


def group_label(key: str) -> str:
    return str(GROUP_LABELS.get(key, key))
