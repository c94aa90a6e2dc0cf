"""The polls' section of the signed-in home page (registered in PollsConfig.ready): the rounds waiting for the
viewer's vote, and the way in for those who open rounds or read the township's flags. The menu has no entry:
a resident reaches a poll from its notice or from here."""

from . import selectors

SHOWN = 5


def votes_section(viewer) -> dict | None:
    waiting = [(r, rb) for r, rb, voted in selectors.rounds_open_for(viewer=viewer) if not voted]
    manages = (
        viewer.has_perm("polls.ask") or viewer.has_perm("polls.review") or viewer.has_perm("polls.flags")
    )
    if not waiting and not manages:
        return None
    return {"rows": waiting[:SHOWN], "total": len(waiting)}
