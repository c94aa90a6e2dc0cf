"""The checker's translatable messages: a Django-free `gettext_noop`, and the lawful alternative offered
beside each kind of violation."""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Mark a message for translation without Django settings (makemessages finds this name).

    The checker stays importable without a configured Django; the command translates on output.
    """
    return message


SUGGESTION_FINE = gettext_noop(
    "删除罚款类条款：村规民约无权设定罚款。可改为批评教育、劝导、责令改正，情节较重的取消当年评先评优资格"
    "或纳入信用评价；涉嫌违法的，报请有关部门依法处理。"
)
SUGGESTION_FEE = gettext_noop(
    "不得以收费、违约金或扣押保证金代替处罚：服务费用只能按户事先约定、用于约定服务。可改为批评教育、劝导，"
    "或纳入信用评价。"
)
SUGGESTION_BENEFIT = gettext_noop(
    "低保、补贴、救助、集体收益分配等是依法享有的权益，不得作为惩戒手段取消或停止。可改为批评教育、劝导、"
    "取消评先评优资格或纳入信用（积分）评价。"
)
SUGGESTION_SERVICE = gettext_noop(
    "不得以断水断电、不予办理证明或手续、不予受理等方式迫使履约。可改为上门劝导、调解，或纳入信用评价；"
    "确需处理的，报请有关部门依法处理。"
)
SUGGESTION_SHAMING = gettext_noop(
    "不得公开曝光、列入黑榜或公布姓名羞辱当事人。可改为当面批评教育、由道德评议会劝导，并以“红榜”表扬先进。"
)
SUGGESTION_PUNISH = gettext_noop(
    "村规民约无权设定或实施处罚。可改为批评教育、劝导、责令改正，情节较重的取消评先评优资格或纳入信用评价；"
    "违反法律法规的，报请有关部门依法处理。"
)
SUGGESTION_LABOUR = gettext_noop(
    "不得以罚劳动、以工代罚等方式处罚村民。可改为批评教育、责令改正、恢复原状，或倡导自愿参加志愿服务。"
)
SUGGESTION_MARITAL = gettext_noop(
    "不得以出嫁、离婚、丧偶、入赘等婚姻状况为由收回承包地、宅基地，或取消其集体收益分配和村民待遇"
    "（《妇女权益保障法》）。应删除该条，对其与其他村民同等对待。"
)
SUGGESTION_COERCION = gettext_noop(
    "强制拆除、强制执行只能由法定机关依法实施，村(居)委会无权强制。可改为劝导、责令限期改正；逾期不改的，"
    "报请有关部门依法处理。"
)
SUGGESTION_CONFISCATION = gettext_noop(
    "没收、扣押财物只能由法定机关依法实施。可改为劝导、责令恢复原状或赔偿损失；涉嫌违法的，报请有关部门依法处理。"
)
