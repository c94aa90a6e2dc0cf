"""The register's figures (gongzhi.core.indicators): people and households in the register, by sex and age band,
per community — what the county's forms ask most, filled from the register rather than typed (decision 0060)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Indicator, indicator_register

from . import selectors


def register() -> None:
    group = _("户籍登记")
    note_now = _("居民登记中目前在册的人数（按当前状态统计）")
    for code, label, unit, compute, order, note in (
        ("residents.people", _("在册人口"), _("人"), selectors.people_by_community, 50, note_now),
        ("residents.households", _("在册户数"), _("户"), selectors.households_by_community, 51,
         _("有在册人口的户数（按当前状态统计）")),
        ("residents.men", _("在册男性"), _("人"), selectors.men_by_community, 52, note_now),
        ("residents.women", _("在册女性"), _("人"), selectors.women_by_community, 53, note_now),
        ("residents.minors", _("未满18岁"), _("人"), selectors.minors_by_community, 54,
         _("在册人口中，期末未满18周岁的人数")),
        ("residents.elderly", _("60岁及以上"), _("人"), selectors.elderly_by_community, 55,
         _("在册人口中，期末年满60周岁的人数")),
    ):  # fmt: skip
        indicator_register(
            Indicator(code=code, label=label, group=group, unit=unit, compute=compute, order=order, note=note)
        )
