"""Open311 GeoReport v2 at /open311/v2/ (wiki.open311.org/GeoReport_v2), in JSON and XML.

    GET  services.{fmt}                      the matters of the township that accept outside requests
    GET  services/{service_code}.{fmt}       a service definition: its attributes
    POST requests.{fmt}                      a new request (form-encoded, with api_key): an application
    GET  requests.{fmt}                      requests (service_request_id, service_code, start_date, end_date, status)
    GET  requests/{service_request_id}.{fmt} one request

`jurisdiction_id` is the township's 12-digit area code (needed only where the site serves several
townships). Errors are the specification's: [{"code": 400, "description": "…"}] or <errors><error>…</error>
</errors>, with that HTTP status. Reading is public and shows only the specification's public fields of the
requests outside systems sent: never a name, phone, e-mail, exact address or coordinates (the place is the
village or community). A session grants nothing here; writing takes a key issued by the township's admin.

Service definition (the mapping from the catalogue): `community` — the village or community the applicant
belongs to (singlevaluelist of the township's communities, key = area code; without it the township's own
window receives the request) — then one informational attribute (variable false) per material of the
checklist, saying what to bring to the window (必要/非必要, original or copy, how many, the check point).
"""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.urls import path, register_converter
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from gongzhi.cases.actions import AlreadySubmitted
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.core.idempotency import HEADER, submission_key_for

from ..actions.open311 import RequestIn, open311_request_create
from ..models import Application, MaterialSource, Matter
from ..selectors import open311 as selectors
from ..workflow import APPLICATION

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
MAX_IDS = 100
RETRY_KEY = re.compile(r"[\x21-\x7e]+")


class FormatConverter:
    regex = "[A-Za-z0-9]{1,10}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


# --- Rendering --------------------------------------------------------------------------------


def _xml_value(element: ET.Element, value) -> None:
    if isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is None:
        element.text = ""
    else:
        element.text = str(value)


def _xml_fill(element: ET.Element, data: dict, item_names: dict[str, str]) -> None:
    for name, value in data.items():
        child = ET.SubElement(element, name)
        if isinstance(value, list):
            for item in value:
                _xml_fill(ET.SubElement(child, item_names[name]), item, item_names)
        else:
            _xml_value(child, value)


def _answer(fmt: str, data, *, root: str, item: str, status: int = 200, items=None) -> HttpResponse:
    """`data` (a list of dicts, or one dict) as JSON, or as XML under <root> with one <item> per dict."""
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False)
    else:
        names = {"attributes": "attribute", "values": "value", **(items or {})}
        top = ET.Element(root)
        for row in data if isinstance(data, list) else [data]:
            _xml_fill(top if not isinstance(data, list) else ET.SubElement(top, item), row, names)
        body = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(top, encoding="unicode")
    return HttpResponse(body.encode(), status=status, content_type=FORMATS[fmt])


def _error(fmt: str, status: int, description: str) -> HttpResponse:
    return _answer(
        fmt if fmt in FORMATS else "json",
        [{"code": status, "description": description}],
        root="errors",
        item="error",
        status=status,
    )


def open311_view(view: Callable) -> Callable:
    """Format checked, errors in the specification's format (DomainError → 400, NotFound → 404,
    NotPermitted → 403), never a page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, fmt: str, **kwargs) -> HttpResponse:
        fmt = fmt.lower()
        if fmt not in FORMATS:
            return _error(
                "json", 400, _("不支持的格式“%(format)s”：请用 .json 或 .xml。") % {"format": fmt[:10]}
            )
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return _error(fmt, exc.status, exc.description)
        except NotFound:
            return _error(fmt, 404, _("未找到。"))
        except NotPermitted:
            return _error(fmt, 403, _("无权执行此操作。"))
        except DomainError as exc:
            field = f"{exc.field}: " if exc.field else ""
            return _error(fmt, 400, f"{field}{exc.message}")

    return wrapper


def _w3c(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _township(request: HttpRequest):
    jurisdiction = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or ""
    township = selectors.open311_township(jurisdiction.strip())
    if township is None:
        if jurisdiction:
            raise Open311Error(404, _("jurisdiction_id 不存在：%(code)s。") % {"code": jurisdiction[:20]})
        raise Open311Error(400, _("本站服务多个乡镇，请提供 jurisdiction_id（乡镇的统计用区划代码）。"))
    return township


# --- Services ---------------------------------------------------------------------------------


def _material_text(material) -> str:
    parts = [
        _("必要") if material.required else _("非必要"),
        f"{material.get_form_display()}{material.count}份",
        material.get_source_display(),
    ]
    text = f"{material.name}（{'，'.join(str(p) for p in parts)}）"
    return f"{text}：{material.check_point}" if material.check_point else text


def _attributes(matter: Matter, communities: list) -> list[dict]:
    found = []
    if communities:
        found.append({
            "variable": True, "code": "community", "datatype": "singlevaluelist", "required": False,
            "datatype_description": _("申请人所在的村(社区)；不选时由乡镇便民服务中心窗口受理。"),
            "order": 1, "description": _("所在村(社区)"),
            "values": [{"key": area.code or str(area.pk), "name": area.name} for area in communities],
        })  # fmt: skip
    for order, material in enumerate(matter.materials.all(), start=2):
        bring = material.source == MaterialSource.APPLICANT
        found.append({
            "variable": False, "code": f"material_{material.pk}", "datatype": "string", "required": False,
            "datatype_description": _("请到窗口时携带") if bring else _("无需申请人提供"),
            "order": order, "description": _material_text(material),
        })  # fmt: skip
    return found


def _service(matter: Matter, communities: list) -> dict:
    department, parent = matter.department, matter.parent
    group = department.name if department else (parent.name if parent else "")
    keywords = [parent.name if parent else "", str(matter.get_mode_display()), group]
    description = " ".join((matter.conditions or matter.guide or matter.name).split())
    return {
        "service_code": matter.code,
        "service_name": matter.name,
        "description": description[:300],
        "metadata": bool(_attributes(matter, communities)),
        "type": "batch",
        "keywords": ",".join(dict.fromkeys(k for k in keywords if k)),
        "group": group,
    }


@require_safe
@open311_view
def services(request: HttpRequest, *, fmt: str) -> HttpResponse:
    township = _township(request)
    communities = list(selectors.open311_communities(township))
    rows = [_service(matter, communities) for matter in selectors.open311_services(township)]
    return _answer(fmt, rows, root="services", item="service")


@require_safe
@open311_view
def service_definition(request: HttpRequest, service_code: str, *, fmt: str) -> HttpResponse:
    township = _township(request)
    matter = selectors.open311_service(township, service_code)
    if matter is None:
        raise Open311Error(404, _("service_code 不存在：%(code)s。") % {"code": service_code[:30]})
    definition = {
        "service_code": matter.code,
        "attributes": _attributes(matter, list(selectors.open311_communities(township))),
    }
    return _answer(fmt, definition, root="service_definition", item="")


# --- Requests ---------------------------------------------------------------------------------


def _notice(application: Application) -> str:
    matter, case = application.matter, application.case
    bring = [m.name for m in matter.materials.all() if m.source == MaterialSource.APPLICANT and m.required]
    due = timezone.localtime(case.due_at).strftime("%Y-%m-%d") if case.due_at else ""
    where = matter.where or _("%(place)s便民服务窗口") % {"place": case.community.name}
    text = _("已收到申请“%(matter)s”，编号 %(id)s。窗口将在%(due)s前审查材料并联系申请人。") % {
        "matter": matter.name,
        "id": application.pk,
        "due": due,
    }
    if bring:
        text += _("请携带：%(materials)s，到%(where)s办理。") % {
            "materials": "、".join(bring),
            "where": where,
        }
    return text


def _status_notes(application: Application) -> str:
    case = application.case
    note = str(APPLICATION.state_label(case.state))
    if application.decision and case.state in {"approved", "rejected", "issued"}:
        note += _("（审批结果：%(decision)s）") % {"decision": application.get_decision_display()}
    return note


def _request_row(application: Application) -> dict:
    """The specification's public fields only: no name, phone, e-mail, exact address or coordinates."""
    case, matter = application.case, application.matter
    return {
        "service_request_id": str(application.pk),
        "status": "closed" if case.closed_at else "open",
        "status_notes": _status_notes(application),
        "service_name": matter.name,
        "service_code": matter.code,
        "description": "",  # what the applicant wrote is theirs: read by the hall's staff only
        "agency_responsible": matter.department.name if matter.department else case.community.name,
        "service_notice": "",
        "requested_datetime": _w3c(case.created_at),
        "updated_datetime": _w3c(case.updated_at),
        "expected_datetime": _w3c(case.due_at),
        "address": case.community.name,
        "address_id": case.community.code,
        "zipcode": "",
        "lat": None,
        "long": None,
        "media_url": "",
    }


def _attributes_of(post) -> dict[str, str]:
    found = {}
    for name in post:
        if name.startswith("attribute[") and name.endswith("]"):
            found[name[10:-1][:40]] = post.get(name, "")
    return found


def _retry_key(request: HttpRequest) -> str:
    """The optional `Idempotency-Key` header (as the JSON API takes it) as the case's submission key.

    GeoReport v2 has no retry token of its own; a client that sends this header (a UUID per new request,
    the same on a retry after a lost answer) gets the first request's service_request_id back instead of
    a second request. Without it every POST is a new request, as the specification says."""
    raw = (request.headers.get(HEADER) or "").strip()
    if not raw:
        return ""
    if len(raw) > 255 or not RETRY_KEY.fullmatch(raw):
        raise Open311Error(400, _("Idempotency-Key 只能包含可见的 ASCII 字符，最长 255 个。"))
    return submission_key_for(raw)


def _post(request: HttpRequest, fmt: str) -> HttpResponse:
    post = request.POST
    key = selectors.open311_key_for(post.get("api_key") or request.GET.get("api_key"))
    if key is None:
        raise Open311Error(403, _("api_key 无效或已吊销。"))
    jurisdiction = (post.get("jurisdiction_id") or "").strip()
    if jurisdiction and jurisdiction != key.township.code:
        raise Open311Error(
            404, _("jurisdiction_id 不是该密钥所属的乡镇：%(code)s。") % {"code": jurisdiction[:20]}
        )
    code = (post.get("service_code") or "").strip()
    if not code:
        raise Open311Error(400, _("service_code: 必填。"))
    matter = selectors.open311_service(key.township, code)
    if matter is None:
        raise Open311Error(404, _("service_code 不存在：%(code)s。") % {"code": code[:30]})
    fields = ("first_name", "last_name", "phone", "email", "description", "address_string", "address_id", "lat",
              "long", "media_url", "device_id", "account_id")  # fmt: skip
    data = RequestIn(**{name: post.get(name, "") for name in fields}, attributes=_attributes_of(post))
    try:
        application = open311_request_create(
            actor=key.account, key=key, matter=matter, data=data, submission_key=_retry_key(request)
        )
    except AlreadySubmitted as exc:  # a retry: the request the first send made, as it answered then
        first = selectors.open311_request(key.township, exc.case.pk)
        if first is None:  # the first request's case is always the township's own Open311 request
            raise
        application = first
    row = {
        "service_request_id": str(application.pk),
        "service_notice": _notice(application),
        "account_id": data.account_id[:100],
    }
    return _answer(fmt, [row], root="service_requests", item="request")


def _date(request: HttpRequest, name: str) -> dt.datetime | None:
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = parse_datetime(raw.replace(" ", "+"))  # a "+08:00" sent unencoded arrives as a space
    except ValueError:
        value = None
    if value is None:
        raise Open311Error(
            400, _("%(name)s 须为 W3C 日期时间，如 2026-05-01T00:00:00+08:00。") % {"name": name}
        )
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _ids(raw: str) -> list[int]:
    ids = []
    for part in raw.split(",")[: MAX_IDS + 1]:
        part = part.strip()
        if not part.isdigit() or len(part) > 18:
            raise Open311Error(
                400, _("service_request_id 须为逗号分隔的编号：%(value)s。") % {"value": part[:20]}
            )
        ids.append(int(part))
    if len(ids) > MAX_IDS:
        raise Open311Error(400, _("一次最多查询 %(max)s 个 service_request_id。") % {"max": MAX_IDS})
    return ids


def _list(request: HttpRequest, fmt: str) -> HttpResponse:
    township = _township(request)
    raw_ids = (request.GET.get("service_request_id") or "").strip()
    statuses = {s.strip() for s in (request.GET.get("status") or "").lower().split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, _("status 只能是 open、closed 或两者（逗号分隔）。"))
    start, end = _date(request, "start_date"), _date(request, "end_date")
    if start and end and start > end:
        raise Open311Error(400, _("start_date 不能晚于 end_date。"))
    codes = [c.strip()[:30] for c in (request.GET.get("service_code") or "").split(",") if c.strip()][:50]
    rows = selectors.open311_requests(
        township,
        ids=_ids(raw_ids) if raw_ids else None,
        service_codes=codes or None,
        start=start,
        end=end,
        statuses=statuses or None,
        now=timezone.now(),
    )
    return _answer(fmt, [_request_row(a) for a in rows], root="service_requests", item="request")


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@open311_view
def service_requests(request: HttpRequest, *, fmt: str) -> HttpResponse:
    """GET: the requests (public fields); POST: a new request (api_key)."""
    return _post(request, fmt) if request.method == "POST" else _list(request, fmt)


@require_safe
@open311_view
def service_request(request: HttpRequest, request_id: str, *, fmt: str) -> HttpResponse:
    township = _township(request)
    application = None
    if request_id.isdigit() and len(request_id) <= 18:
        application = selectors.open311_request(township, int(request_id))
    if application is None:
        raise Open311Error(404, _("service_request_id 不存在：%(id)s。") % {"id": request_id[:20]})
    return _answer(fmt, [_request_row(application)], root="service_requests", item="request")


app_name = "open311"

urlpatterns = [
    path("services.<fmt:fmt>", services, name="services"),
    path("services/<str:service_code>.<fmt:fmt>", service_definition, name="service"),
    path("requests.<fmt:fmt>", service_requests, name="requests"),
    path("requests/<str:request_id>.<fmt:fmt>", service_request, name="request"),
]
