"""What a violation looks like: the regexes over normalised text for fines, other penalties, and what makes
them lawful (negation, the state, quoted law). The patterns come from docs/conventions/patterns.md."""

from __future__ import annotations

import re

_NUM = r"(?:\d[\d.,]*|[零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+)"
MONEY = re.compile(rf"{_NUM}(?:[-~—–至到]{_NUM})?[万千百]?(?:元|块|圆)")

# Money taken as punishment, by name.
FINE_WORDS = re.compile(
    r"罚款|罚金|罚没|违约金|滞纳金|经济处罚|经济惩罚|重罚|从重处罚|加倍处罚|罚钱|(惩戒|惩罚|处罚)(金|款|费)"
    r"|罚(?:人民币|现金)?(?=[\d零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟半每其])"
    r"|罚[^,;。]{0,5}(电影|戏|酒席|宴席)"
    r"|(调解|受理|调处)[^,;。不免]{0,4}费|纠纷[^,;。不免]{0,6}费"
    r"|(保证金|押金)[^。;]{0,12}(不予?退还?|不退|没收|扣除|充公|归公|归(村)?集体|作废)|(扣缴|扣除|扣留|没收|扣)其?[^,;。]{0,4}(保证金|押金)"
)
# A payment verb that governs an amount, for "处以/缴纳…元" without the word 罚款.
PAY_AMOUNT = re.compile(
    rf"(处以|并处|处|缴纳|交纳|缴|交|收取|计收|征收|收|扣除|扣|上缴|承担|赔付|出资)[^,;。:]{{0,12}}?{MONEY.pattern}"
)
AMOUNT_PAID = re.compile(
    rf"{MONEY.pattern}[^,;。:]{{0,4}}?(计收|收取|征收|交纳|缴纳|上交|上缴|交|缴)|{MONEY.pattern}[^,;。:]{{0,3}}(处罚|惩罚|惩处|惩戒)"
)
# Money taken under names other than a fine (patterns.md decision 11), each only in a sentence about
# misconduct: damages of a sum fixed in advance rather than the loss ("每次向村集体赔偿五百元", "交纳赔偿金"),
# a surcharge or a multiple ("加收当月水费三倍"), a share of the villager's own money deducted
# ("扣除其土地流转款的百分之十"), and the village's cost of doing the household's part charged at a rate
# it set ("按每天八十元雇人代扫，费用由该户承担").
FIXED_DAMAGES = re.compile(rf"赔偿金|赔偿[^,;。:]{{0,8}}?{MONEY.pattern}")
REAL_LOSS = re.compile(r"照价|按价|原价|市价|实际|损失|评估|核定|医药费|医疗费|修复|恢复|原状")
SURCHARGE = re.compile(
    r"加收|加倍(收取|收费|计收|缴纳|交纳)|[两二三四五六七八九十\d]+倍[^,;。:]{0,3}(收取|收费|计收|缴纳|交纳|收回|赔偿|赔付)"
    r"|(收取|收|计收|缴纳|交纳)[^,;。:]{0,10}[两二三四五六七八九十\d]+倍"
)
DEDUCT_SHARE = re.compile(
    r"(扣除|扣减|扣发|扣留|扣缴|扣)[^,;。:]{0,16}?"
    r"(百分之[零一二两三四五六七八九十百\d.]+|\d+(\.\d+)?%|[一二两三四五六七八九\d]成|[一二两三四五六七八九十\d]+倍)"
    r"|(扣除|扣减|扣发|扣留|扣缴)[^,;。:]{0,12}?(流转款|租金|补偿款|征地款|工资|报酬|劳务费|收入|货款|工钱)"
)
WRONGDOING = re.compile(r"违|擅自|私自|未经|非法|拒不|偷|盗|损坏|破坏|无故")
POINTS = re.compile(r"积分|分值|分数|评分")
COST_CHARGED = re.compile(
    r"(费用|所需费用|开支|工钱|工资)[^,;。:]{0,4}(由|从)[^,;。:]{0,8}(承担|负担|支付|出|扣)"
)
DONE_IN_PLACE = re.compile(r"代为|代扫|代清|代办|代修|雇人|请人|雇请|组织人员")
REWARD = re.compile(r"奖|表彰|补助|补贴|资助|慰问|发放|返还|退还")
# A sentence about misconduct: without one, an amount is a price, a standard or an agreed fee.
MISCONDUCT = re.compile(
    r"违|否则|拒不|不听|屡教|一经(发现|查实)|擅自|未经|私自|非法|偷|盗|损坏|毁坏|破坏|逾期|无故|阻挠|阻拦|妨碍|"
    r"侵占|霸占|强占|占道|殴打|斗殴|打架|辱骂|赌博|吸毒|拖欠|欠缴|滋事|闹事"
    r"|超过[^,;。]{0,10}[的者]|(不|未|乱|没有)[^,;。]{0,10}[的者][,:]|凡[^,;。]{1,20}[的者][,:]"
)

# A rule's condition ("…的，", "凡…", "如有…"): a payment it triggers is a penalty unless agreed.
CONDITIONAL = re.compile(r"[的者][,:]|如有|若有|如果|凡|一经|发现")
AGREED = re.compile(
    r"约定|(经|按|按照|依照)[^,;。]{0,12}(会议|大会|同意|表决|讨论|决定)|自愿|按月|按年|按季|按表|计量|阶梯|每吨|每立方|每户每|每人每|分摊|受益"
)

# Withholding lawful benefits, services, property or membership.
WITHHOLD = re.compile(
    r"(取消|停止|停发|暂停|暂缓|中止|终止|不予|不再|不给予?|不(为|替|帮)其|"
    r"(不得|不能|不准|不许|不可|无权|不再|不)(享受|参与|参加|申报|申请|领取|获得|推荐|分配|分得|"
    r"作为|列为|列入|纳入|上报|报名|安排|聘用|录用)|"
    r"扣除|扣发|扣减|扣留|冻结|剥夺|收回|限制|不列入|失去|丧失|一律不|延缓|推迟)"
    r"[^,;。:]{0,14}?"
    r"(低保|最低生活保障|特困|五保|救助|救济|补贴|补助|直补|奖补|补偿|惠民|惠农|优惠政策|扶持政策|扶贫|帮扶|"
    r"参军|入伍|入党|政审|招工|就业|公益性?岗位|"
    r"集体[^,;。]{0,6}分配|分配|分红|股金|股份|福利|慰问|年货|物资|待遇|权益|村民资格|成员资格|土地补偿|征地补偿|安置|"
    r"宅基地|建房|承包地|土地承包|承包的?[^,;。]{0,4}(地|田|山|林|草场|水面)|机动地|责任田|口粮田|自留地|证明|盖章|手续|户口|落户|上户|入学|入托|转学|医保|医疗保险|养老保险|社保|"
    r"贷款|奖学金|助学|水电|供水|供电|用水|用电|自来水|通水|通电|有线电视|网络|服务|受理|办理|优惠)"
)
WITHHOLD_STANDALONE = re.compile(
    r"断水|断电|停水|停电|拉闸|不予受理|不再受理|不受理|拒绝受理|不予办理|不予盖章|不予出具|不开证明|不出具证明"
    r"|不办理任何|没收|扣押|开除村籍|注销户口|株连|血亲|强制拆除|强行拆除|强制清除|强制执行|强行收回"
)
# The villager's things taken into the collective ("粮食由村委会收归集体", "工具一律归村集体所有"): only in the
# consequence of a rule, and not when the condition names collective property (what was the collective's
# returns to it: "侵占集体土地的，收归集体").
TO_COLLECTIVE = re.compile(r"(收归|归|没入|充)(村|本村)?(集体|公)(所有)?|充公|归公")
COLLECTIVE_PROPERTY = re.compile(r"集体|公共|公有|公家")
# 收缴 also means collecting fees; it is confiscation only for objects in a sentence about misconduct.
SEIZE = re.compile(r"收缴(?![^,;。]{0,6}(费|款|金))")
# The benefit first, the withholding after: "低保金暂停发放", "有线电视和网络停止接入".
WITHHELD_AFTER = re.compile(
    r"(低保|补贴|补助|救助|分红|福利|股金|证明|供水|供电|自来水|水电|有线电视|网络|医保|养老保险|"
    r"成员身份|村民身份|成员资格|村民资格|待遇|手续)[^,;。]{0,8}?"
    r"(停止|暂停|停发|中断|切断|不予|冻结|扣除|扣发|暂缓|一律取消|予以取消|代管|暂扣)"
)
SHAMING = re.compile(
    r"曝光|黑榜|黑名单|张榜公布|张榜批评|公开谴责|公开点名|点名道姓|(张贴|公布|宣读)[^,;。]{0,4}(悔过书|检讨书)|游街|示众|戴高帽|(张贴|公布|公开|公示|广播)其[^,;。]{0,4}(姓名|名字|照片|头像)"
)
# Labour as punishment: "罚其打扫村道一周", "以工代罚". Volunteering (志愿服务) is not this.
FORCED_LABOUR = re.compile(
    r"罚[^,;。]{0,2}(打扫|清扫|扫|义务劳动|劳动|出工|做工|干活|修路|义务工)|以工代罚|强制[^,;。]{0,3}(劳动|义务工)"
)
# A punishment the text does not name ("给予相应处罚", "视情节予以惩罚"): the village has no power to
# punish at all. Not a law's title (治安管理处罚法), a state penalty named (刑事处罚), or a past one
# someone received ("受过处罚的").
PUNISH = re.compile(
    r"(?<!刑事)(?<!行政)(?<!治安)(?<!党纪)(?<!政务)(?<!纪律)(处罚|惩罚|惩处|严惩)(?![法条决])"
)
PUNISHED_BEFORE = re.compile(r"(受过|受到|曾受|被|接受|免予|免于|不予|不作|不得|不再|不进行)[^,;。]{0,6}$")
SHAMING_NAMES = re.compile(r"(张贴|公布|公示|通报|广播)[^,;。]{0,6}(姓名|名字|名单|照片|头像|户主)")
# Marriage, divorce, widowhood or marrying in as the ground for taking land, shares or membership: the
# 外嫁女 clauses the women's rights law forbids. The withholding follows the status in the sentence.
MARITAL_STATUS = re.compile(r"出嫁|外嫁|嫁出|嫁到|嫁往|入赘|招婿|上门女婿|倒插门|离婚|离异|丧偶|再婚|改嫁")
# "不得以妇女出嫁为由收回…" forbids the practice: the ground is given only to be refused.
NEGATED_GROUND = re.compile(r"(不得|不准|不许|禁止|严禁|不能|不应)[^,;。]{0,8}(以|因)?[^,;。]{0,4}$")
MARITAL_WITHHOLD = re.compile(
    r"(不得|不能|不准|不再|不予|无权|不)(享受|参与|参加|分配|分得|获得|领取|给予|落户|享有)"
    r"|收回|取消|停止|停发|扣除|注销|冻结"
)
REWARD_LOST = re.compile(r"(奖励(?!补)|奖金|奖品)[^和及与、,]{0,4}$")  # the reward names the benefit matched
QUALIFICATION = re.compile(
    r"不(符合|具备|满足)[^,;。]{0,8}(条件|规划|政策)|收入[^,;。]{0,6}(超过|高于)[^,;。]{0,6}标准"
)

# Negations that make a trigger a prohibition of the penalty rather than the penalty itself.
NEGATED = re.compile(
    r"(不得|不准|不许|不能|不应|不设|不再设|禁止|严禁|杜绝|反对|取消|废除|废止|不搞|不采取|不以|不收取|"
    r"不含|避免|防止|代替|代管|以罚|不因|不会因)[^,;。的者违否如]{0,10}$"
    r"|(乱|滥|违规|变相)$"  # "乱罚款", "变相罚款": the misconduct of others, named
)

# Who imposes it. State bodies and quoted law make it "quoted law"; the village makes it a penalty.
STATE = re.compile(
    r"公安|派出所|司法|检察|法院|有关部门|相关部门|主管部门|职能部门|行政机关|执法|政府|民政部门|自然资源|国土|"
    r"林业|环保部门|生态环境部门|市场监管|城管|卫健|乡镇|街道办|供电(部门|公司|企业)|供水(部门|公司|企业)|电力部门|国家机关"
)
LAW = re.compile(
    r"依法|依照法律|按照法律|依据法律|法律法规|法律、法规|国家(有关)?规定|有关规定|相关规定|合同约定"
    r"|《[^》]{1,30}》"
    r"|(依照|按照|依据|根据)[^,;。]{0,12}(法|条例)(?![则子])"
)
VILLAGE = re.compile(
    r"村委会?|村民委员会|两委|居委会?|居民委员会|村民小组|村小组|小组|理事会|评议会|保洁队|清洁队|本村|村里|"
    r"村集体|集体经济组织|合作社|物业|业委会|本社区|社区居委"
)
CONDITION_END = re.compile(r"违者|违反者|违约者|否则|如有违反|如违反|一经发现|一经查实|经查实|[的者][,:]")
CLAUSE_BREAK = re.compile(r"[,;:]")
EXCEPTION_CLAUSE = re.compile(r"除[^,;。]{0,24}?外")
NOT_LAW_TITLE = re.compile(r"村规民约|公约|章程|规约|本约|守则|细则")
