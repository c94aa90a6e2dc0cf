"""Recording the oversight exports in the audit log (the figures themselves are read, never written), and the
county forms: a template kept, its hand-typed facts stored, the form filled for a period (all audited)."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError


@transaction.atomic
def export_record(*, actor: User, township: Area, period_label: str, rows: int) -> None:
    authorize(actor, "oversight.export", township)
    audit_event_record(
        actor=actor, verb="oversight.exported", target=township, area=township,
        summary={"period": period_label, "rows": rows},
    )  # fmt: skip


@transaction.atomic
def report_record(*, actor: User, community: Area, period_label: str, sha256: str) -> None:
    authorize(actor, "oversight.export", community)
    audit_event_record(
        actor=actor, verb="oversight.report_printed", target=community, area=community,
        summary={"period": period_label, "sha256": sha256},
    )  # fmt: skip


# --- The county forms -----------------------------------------------------------------------------------


@transaction.atomic
def form_upload(*, actor: User, township: Area, title: str, filename: str, content: bytes):
    """Keep a county template once its placeholders are all known; any problem refuses it, saving nothing."""
    from .countyforms import template_scan
    from .models import CountyForm

    authorize(actor, "oversight.forms", township)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("请填写报表名称。"), field="title")
    if len(title) > 100:
        raise DomainError(_("报表名称不能超过 100 个字。"), field="title")
    scan = template_scan(content, filename)
    if scan.problems:
        raise TemplateRefused(scan.problems)
    form = CountyForm.objects.create(
        township=township, title=title, filename=filename[-200:], content=content, sha256=scan.sha256,
        placeholders=scan.placeholders, uploaded_by=actor,
    )  # fmt: skip
    audit_event_record(
        actor=actor, verb="oversight.form_uploaded", target=form, area=township,
        summary={"title": title, "placeholders": len(scan.placeholders), "sha256": scan.sha256},
    )  # fmt: skip
    return form


class TemplateRefused(DomainError):
    """The template's unknown placeholders, each with its cell: nothing is saved."""

    def __init__(self, problems):
        self.problems = list(problems)
        lines = "；".join(f"{p.where}：{p.text}" for p in self.problems[:50])
        super().__init__(_("模板有 %(n)s 处问题，未保存：%(lines)s") % {"n": len(self.problems), "lines": lines},
                         field="file")  # fmt: skip


@transaction.atomic
def facts_save(*, actor: User, form, period, values: dict[tuple[int, str], str]):
    """Store the hand-typed values of a form's fill for a period ({(area id, key): text}); an empty value removes
    the fact; a value the same as the one already typed in another form is taken from there, not typed again."""
    from .models import FormFill, HandFact
    from .selectors import communities_of, facts_known

    authorize(actor, "oversight.forms", form.township)
    township = form.township
    allowed_areas = {township.pk} | {c.pk for c in communities_of(township)}
    keys = dict(form.manual_keys)
    for (area_id, key), raw in values.items():
        if key not in keys or area_id not in allowed_areas or (keys[key] == (area_id == township.pk)):
            raise DomainError(_("填报项“%(key)s”不在这张报表中。") % {"key": key}, field="values")
        if len(str(raw).strip()) > 200:
            raise DomainError(_("“%(key)s”的填报值不能超过 200 个字。") % {"key": key}, field="values")
    fill, _created = FormFill.objects.get_or_create(
        form=form, year=period.year, quarter=period.quarter, defaults={"created_by": actor}
    )
    known = facts_known(township, period, excluding_fill=fill)
    typed = removed = 0
    for (area_id, key), raw in values.items():
        text = str(raw).strip()
        mine = HandFact.objects.filter(fill=fill, area_id=area_id, key=key).first()
        earlier = known.get((area_id, key))
        if not text or (earlier is not None and earlier.value == text and mine is None):
            if mine is not None and not text:
                mine.delete()
                removed += 1
            continue
        if mine is not None:
            if mine.value == text:
                continue
            mine.value, mine.typed_by = text, actor
            mine.save(update_fields=["value", "typed_by", "typed_at"])
        else:
            HandFact.objects.create(fill=fill, township=township, area_id=area_id, key=key, year=period.year,
                                    quarter=period.quarter, value=text, typed_by=actor)  # fmt: skip
        typed += 1
    audit_event_record(
        actor=actor, verb="oversight.facts_typed", target=form, area=township,
        summary={"period": period.label, "typed": typed, "removed": removed},
    )  # fmt: skip
    return fill


@transaction.atomic
def form_fill(*, actor: User, form, period) -> bytes:
    """The template filled for the period: indicators from the records, hand-typed facts (this fill's, or the
    same fact typed for another form). Audited."""
    from .countyforms import FillData, workbook_fill
    from .selectors import communities_of, facts_known, fill_of, table_of, value_of

    authorize(actor, "oversight.forms", form.township)
    township = form.township
    communities = communities_of(township)
    table = table_of(township, period, communities)
    facts = {key: fact.value for key, fact in facts_known(township, period).items()}
    fill = fill_of(form, period)
    if fill is not None:
        facts.update({(f.area_id, f.key): f.value for f in fill.facts.all()})
    codes = {p["key"] for p in form.placeholders if p["kind"] == "indicator"}
    manual = {p["key"] for p in form.placeholders if p["kind"] == "manual"}
    top = {code: value_of(table, code, None) for code in codes}
    top.update({f"manual:{k}": facts.get((township.pk, k)) for k in manual})
    per = {}
    for c in communities:
        values: dict = {"community.name": c.name, "community.code": c.code}
        values.update({code: value_of(table, code, c.pk) for code in codes})
        values.update({f"manual:{k}": facts.get((c.pk, k)) for k in manual})
        per[c.pk] = values
    content = workbook_fill(bytes(form.content), FillData(communities, top, per))
    audit_event_record(
        actor=actor, verb="oversight.form_filled", target=form, area=township,
        summary={"title": form.title, "period": period.label, "communities": len(communities)},
    )  # fmt: skip
    return content
