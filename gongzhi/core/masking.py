"""How personal data is shown when it is not revealed.

An ID number shows only its last four digits: in one township the first six
digits are the same for everyone, so the usual 6+4 mask hides almost nothing.
"""

MASKED_ID_PREFIX = "*" * 14


def mask_id_last4(last4: str) -> str:
    return MASKED_ID_PREFIX + last4 if last4 else ""


def mask_phone(phone: str) -> str:
    if len(phone) != 11:
        return "*" * len(phone)
    return phone[:3] + "****" + phone[7:]


def mask_name(name: str) -> str:
    """For anonymised public pages: 张三 → 张*, 欧阳娜娜 → 欧***."""
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)
