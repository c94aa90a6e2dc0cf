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
    """The surname and two stars, whatever the name's length: 张三 → 张**, 欧阳娜娜 → 欧**; empty stays empty.

    Used wherever a person is named to someone who may not know who they
    are (a booker to the offerer, a private person in the audit trail, a
    wisher on the wall). The fixed two stars hide the name's length too.
    """
    name = name.strip()
    return f"{name[0]}**" if name else ""
