"""What the permission matrix (tests/test_permission_matrix.py) and its per-app parts (tests/matrix_<app>.py) share
(not named matrix_*: those are the parts the matrix gathers)."""

from dataclasses import dataclass, field


@dataclass
class Call:
    """One request of a cell: the path, and the form data sent with a POST (an API operation's JSON body,
    or with `multipart` its multipart form, as for an operation taking uploads)."""

    path: str
    data: dict = field(default_factory=dict)
    multipart: bool = False
