"""The declared access policy of the service-hours certificate (gongzhi.hours), gathered into tests/policy.py.

One's own certificate: everyone signed in (a PDF of their own credits; each print is an audit row, hence *).
A resident's certificate: the staff of their community and the township office (resident outside their scope:
404); a resident without an account gets a page saying no hours were recorded (nothing printed, nothing
written). The verification page a certificate's QR code leads to: public.
"""

from tests.policy_activities import _table

PART_PAGES: dict[str, str] = {
    "hours:certificate": _table(("200*", "405"), {"anonymous": ("login", "405")}),
    "hours:certificate_for": _table(
        ("404", "404", "404", "404", "405", "405", "405", "405"),
        {
            "anonymous": ("-", "login", "login", "login", "-", "405", "405", "405"),
            "community_staff": ("200*", "200", "200", "404", "405", "405", "405", "405"),
            "township_admin": ("200*", "200", "200", "200", "405", "405", "405", "405"),
        },
        ("own", "same", "grid", "other"),
    ),
    "hours:verify": _table(("200", "405"), {}),
}
