"""The merit board's section of the signed-in home page (registered in MeritConfig.ready): what waits for the
viewer — their consent to a nomination, their opinion as a member of the 道德评议会, and for staff the
nominations to post, the objections to answer and the entries whose 公示 is over."""

from . import selectors


def work_section(viewer) -> dict | None:
    waiting = selectors.nominations_waiting_for(viewer)
    if not any(waiting.values()):
        return None
    return waiting
