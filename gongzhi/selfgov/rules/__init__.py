"""Who may do what in self-governance: one module per half, registered on import."""

from . import decisions as decisions  # noqa: F401
from . import proposals as proposals  # noqa: F401
