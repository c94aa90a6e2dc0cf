"""The demo township's suggestions and complaints about gongzhi (gongzhi.feedback), made through its actions.

`jumin` has a complaint the township office answered and then corrected, saying why (it reads both) and a
suggestion still open; a visitor left one with a mobile number, answered, which the lookup page shows for the
receipt code DEMO_RECEIPT and the mobile's last four digits 5678; one is overdue (red in the township office's
inbox) and one was withdrawn. The township added a category of its own (公示栏显示) and retired another.
"""

import datetime as dt

from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.feedback import actions
from gongzhi.feedback.models import Category, Feedback
from gongzhi.feedback.selectors import receipt_hash

DEMO_RECEIPT = "DEMQ7K2X9P"  # the visitor's receipt code in the demo (a real one is random and shown once)


def demo_feedback_seed(*, township: Area) -> int:
    """Returns the number of suggestions and complaints made."""
    office = User.objects.get(username="zhen_admin")
    jumin = User.objects.get(username="jumin")
    own = actions.category_save(actor=office, township=township, name="公示栏显示")
    old = actions.category_save(actor=office, township=township, name="微信登录")
    actions.category_retire(actor=office, category=old)
    kinds = {c.name: c for c in Category.objects.filter(township__isnull=True)} | {own.name: own}

    def file(actor, kind, category, text, **extra) -> Feedback:
        return actions.feedback_file(
            actor=actor, township=township, kind=kind, category=kinds[category], text=text, **extra
        )

    answered = file(
        jumin, "complaint", "页面出错", "在微信里预约活动室，点“提交”以后页面一直转圈。", page="/facilities/"
    )
    actions.feedback_answer(
        actor=office, feedback=answered, answer="已查明是网络超时，已修复；请再试一次，有问题可以再提。"
    )
    actions.feedback_answer_correct(
        actor=office, feedback=answered,
        answer="已查明是预约页面在微信里的兼容问题，已于12月5日修复；请再试一次，有问题可以再提。",
        reason="原答复写的原因不对",
    )  # fmt: skip
    file(jumin, "suggestion", "适老化和无障碍", "希望首页的字再大一点，老人看不清。")
    visitor = file(
        None, "suggestion", "功能建议", "希望能在网上查到村里的办事时间。",
        contact_name="李秀兰", contact_phone="13912345678",
    )  # fmt: skip
    Feedback.objects.filter(pk=visitor.pk).update(receipt_hash=receipt_hash(DEMO_RECEIPT))
    actions.feedback_answer(
        actor=office, feedback=visitor, answer="已在各村的页面上加了“办事时间”，可以在村务公开里查看。"
    )
    late = file(jumin, "complaint", "公示栏显示", "公示栏里我家的户主名字写错了一个字。")
    Feedback.objects.filter(pk=late.pk).update(  # filed two weeks ago: overdue
        created_at=timezone.now() - dt.timedelta(days=14), due_at=timezone.now() - dt.timedelta(days=7)
    )
    withdrawn = file(jumin, "suggestion", "其他", "希望增加一个夜间模式。")
    actions.feedback_withdraw(actor=jumin, feedback=withdrawn)
    return 5
