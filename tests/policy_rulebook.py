"""The declared access policy of the governing documents (gongzhi.rulebook), gathered into tests/policy.py.

Objects (tests/matrix_rulebook.py), for "same" (青山村) and "other" (东街社区): a document with its first version in
force and a second as a draft, and a document with only a version in force (for a new version). Who
(gongzhi/rulebook/rules.py): `rulebook.keep` — the community's staff; `rulebook.view` (drafts) — the community's
staff and the township office; `rulebook.keep_catalogue` (the township's own kinds and templates, 永安镇's in both
relations) — the township office; the community library and adopted versions (their page, scan and PDF) — everyone. Anything out of reach is
404, as what does not exist. Writing requests are marked *.
"""

from tests.policy import ACTORS


def _table(rows: dict[str, tuple[str, ...]], default: tuple[str, ...], relations: bool = True) -> str:
    head = "GET           POST\nsame   other  same   other\n" if relations else "GET    POST\n"
    lines = [head]
    for actor in ACTORS:
        cells = rows.get(actor, default)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


NO, ANON = ("403", "403", "403", "403"), ("login", "login", "login", "login")
STAFF, OFFICE = "community_staff", "township_admin"


def _keep_move() -> str:
    return _table({"anonymous": ANON, STAFF: ("405", "405", "302*", "404")}, NO)


PART_PAGES: dict[str, str] = {
    "rulebook:index": _table(
        {"anonymous": ("login", "login"), STAFF: ("200", "405"), OFFICE: ("200", "405")},
        ("403", "403"),
        relations=False,
    ),  # fmt: skip
    "rulebook:public": _table({}, ("200", "200", "405", "405")),
    "rulebook:public_version": _table({}, ("200", "200", "405", "405")),
    "rulebook:new": _table({"anonymous": ANON, STAFF: ("200", "404", "302*", "404")}, NO),
    "rulebook:document": _table(
        {"anonymous": ANON, STAFF: ("200", "404", "405", "405"), OFFICE: ("200", "200", "405", "405")}, NO
    ),
    "rulebook:version_new": _keep_move(),
    "rulebook:draft_save": _keep_move(),
    "rulebook:adopt": _keep_move(),
    "rulebook:scan_upload": _keep_move(),
    # The scanned PDF of an adopted version is public, as the version is.
    "rulebook:scan": _table({}, ("200", "200", "405", "405")),
    # The server-made PDF of an adopted version is public too (a draft's: its readers, tests/rulebook).
    "rulebook:version_print": _table({}, ("200", "200", "405", "405")),
    # The township's own kinds and templates (the township office over 永安镇, both relations).
    "rulebook:catalogue": _table({"anonymous": ANON, OFFICE: ("200", "200", "302*", "302*")}, NO),
    "rulebook:kind_edit": _table({"anonymous": ANON, OFFICE: ("405", "405", "302*", "302*")}, NO),
    "rulebook:kind_retire": _table({"anonymous": ANON, OFFICE: ("405", "405", "302*", "302*")}, NO),
    "rulebook:template_new": _table({"anonymous": ANON, OFFICE: ("405", "405", "302*", "302*")}, NO),
    "rulebook:template_edit": _table({"anonymous": ANON, OFFICE: ("405", "405", "302*", "302*")}, NO),
    "rulebook:template_retire": _table({"anonymous": ANON, OFFICE: ("405", "405", "302*", "302*")}, NO),
}


def _api_keep(made: str = "200*") -> str:
    return _table(
        {"anonymous": ("405", "405", "401", "401"), STAFF: ("405", "405", made, "404")},
        ("405", "405", "403", "403"),
    )


def _api_read() -> str:
    return _table(
        {"anonymous": ("401", "401", "405", "405"), STAFF: ("200", "404", "405", "405"),
         OFFICE: ("200", "200", "405", "405")},
        ("403", "403", "405", "405"),
    )  # fmt: skip


def _api_office(made: str = "200*") -> str:
    """The township office's own kinds and templates (永安镇 in both relations)."""
    return _table(
        {"anonymous": ("405", "405", "401", "401"), OFFICE: ("405", "405", made, made)},
        ("405", "405", "403", "403"),
    )


PART_API: dict[str, str] = {
    "GET /api/v1/rulebook/c/{community_id}": _table(
        {"anonymous": ("401", "401", "405", "405")}, ("200", "200", "405", "405")
    ),
    "POST /api/v1/rulebook/c/{community_id}/documents": _api_keep("201*"),
    "GET /api/v1/rulebook/documents/{document_id}": _api_read(),
    "GET /api/v1/rulebook/documents/{document_id}/diff": _api_read(),
    "POST /api/v1/rulebook/documents/{document_id}/versions": _api_keep("201*"),
    "POST /api/v1/rulebook/versions/{version_id}/edit": _api_keep(),
    "POST /api/v1/rulebook/versions/{version_id}/adopt": _api_keep(),
    "GET /api/v1/rulebook/catalogue/{township_id}": _table(
        {"anonymous": ("401", "401", "405", "405"), OFFICE: ("200", "200", "405", "405")},
        ("403", "403", "405", "405"),
    ),
    "POST /api/v1/rulebook/catalogue/{township_id}/kinds": _api_office("201*"),
    "POST /api/v1/rulebook/catalogue/{township_id}/kinds/{kind_id}/edit": _api_office(),
    "POST /api/v1/rulebook/catalogue/{township_id}/kinds/{kind_id}/retire": _api_office(),
    "POST /api/v1/rulebook/catalogue/{township_id}/templates": _api_office("201*"),
    "POST /api/v1/rulebook/catalogue/{township_id}/templates/{template_id}/edit": _api_office(),
    "POST /api/v1/rulebook/catalogue/{township_id}/templates/{template_id}/retire": _api_office(),
}
