"""The life of a nomination to the merit board 积德榜.

    nomination_create ─▶ awaiting_consent ─┬─ nomination_consent (online) / nomination_consent_record (paper)
                                           │        ─▶ in_review
                                           └─ nomination_decline ─▶ declined (ends, privately)
    in_review ── review_opinion_record (each member of the 道德评议会 once, with a reason)
                   ├─ more than half of the body's current members agree ─▶ passed
                   └─ that can no longer happen                         ─▶ not_passed
    passed ── nomination_publicise (staff) ─▶ publicised: on the community's public board (gongzhi.disclosures)
                                              for N calendar days (7 unless the community set its own)
    publicised ── objection_record (anyone signed in, once each) ── objection_answer (staff, once each)
                   ├─ upheld    ─▶ withdrawn (the answer is the reason; the 公示 is withdrawn too)
                   └─ dismissed: the answer recorded
    publicised ── nomination_place (staff: the period over and every objection answered) ─▶ on_board
    any live state ── nomination_withdraw (staff, with the reason) ─▶ withdrawn

A resident nominates someone of their own community by the name in the register (they cannot browse it),
a registered social organisation through its representative likewise, staff by picking the person or the
household. The person consents — or, for a family, the household's head — by their own account when the
register links them to one, or on a signed paper form that staff scan and record. Consent also says how
the name is shown on the board. Nothing goes to review, 公示 or the board without consent: every action past
consent checks it, and a check constraint on the table holds it too.

The review is the community's 道德评议会 (gongzhi.bodies, kind moral_review): each current member with an
account records agree or disagree and a reason; the nomination passes when more than half of the body's
current members agree (gongzhi.core.quorum, 应到人数过半数), and fails as soon as that can no longer happen.
The nominee and, for a family, the household's members sit out (回避) and are not counted.

Every action authorises, locks what it changes, writes one audit row in its transaction and tells the people
concerned through notices.
"""

from .common import (
    CONSENT_DIR,
    CONSENT_FILE_MAX,
    DISPLAY_FULL,
    DISPLAY_SURNAME,
    LIVE_STATES,
    PHOTOS_MAX,
    PUBLICITY_DAYS_MAX,
    REASON_MAX,
    STORY_MAX,
    STORY_MIN,
    TEXT_MAX,
    TITLE_MAX,
    TITLE_MIN,
    WITNESS_MAX,
)
from .consent import (
    consent_file_check,
    display_choices,
    nomination_consent,
    nomination_consent_record,
    nomination_decline,
)
from .keeping import category_active_set, category_add, merit_setting_change
from .nominating import nomination_create
from .publicity import (
    nomination_consent_withdraw,
    nomination_place,
    nomination_publicise,
    nomination_withdraw,
    objection_answer,
    objection_record,
    publicity_end,
)
from .review import review_blocker, review_opinion_record, review_tally

__all__ = [
    "CONSENT_DIR",
    "CONSENT_FILE_MAX",
    "DISPLAY_FULL",
    "DISPLAY_SURNAME",
    "LIVE_STATES",
    "PHOTOS_MAX",
    "PUBLICITY_DAYS_MAX",
    "REASON_MAX",
    "STORY_MAX",
    "STORY_MIN",
    "TEXT_MAX",
    "TITLE_MAX",
    "TITLE_MIN",
    "WITNESS_MAX",
    "category_active_set",
    "category_add",
    "consent_file_check",
    "display_choices",
    "merit_setting_change",
    "nomination_consent",
    "nomination_consent_record",
    "nomination_consent_withdraw",
    "nomination_create",
    "nomination_decline",
    "nomination_place",
    "nomination_publicise",
    "nomination_withdraw",
    "objection_answer",
    "objection_record",
    "publicity_end",
    "review_blocker",
    "review_opinion_record",
    "review_tally",
]
