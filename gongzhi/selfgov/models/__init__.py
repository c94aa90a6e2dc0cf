"""Self-governance (自治, 双议): 四议两公开 decisions and the village power list (decisions.py), residents'
proposals and their discussion (proposals.py). One app: a proposal accepted by the party organisation
becomes a decision."""

from .decisions import *  # noqa: F403
from .proposals import *  # noqa: F403
