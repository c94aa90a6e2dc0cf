"""Self-governance's lifecycles and case types as data: one module per half, registered on import."""

from . import decisions as decisions  # noqa: F401
from . import proposals as proposals  # noqa: F401
