"""The standard village power list (小微权力清单) shipped as data: the township's template starts from it.

Gathered from the published county standards (宁海县《村级权力清单三十六条》,
and the lists of the counties that followed it): the small powers of a
village or community, by kind — decisions on major matters (重大事项决策),
management (日常管理) and services to residents (便民服务) — each with its
basis, who decides, its flow (which stages of 四议两公开 it needs, and which
meeting resolves it) and what must be published. A township edits its
template; each community adopts and edits its copy. Items of the matter
types that must go through all six stages (集体土地和资产, 工程项目和合同,
公益事业经费和筹资筹劳, 自治章程和村规民约) always carry all six.

Pure data (no database): `gongzhi.selfgov.actions.decisions` installs it.
"""

from dataclasses import dataclass

ALL = ("proposal", "consultation", "review", "resolution", "disclosure", "result")
MEETING_ONLY = ("resolution", "disclosure", "result")  # 村(居)民代表会议 decides, then both disclosures
COMMITTEES = ("consultation", "disclosure", "result")  # 两委会 decides, then both disclosures
NONE: tuple[str, ...] = ()  # a service by its procedure, not a decision

LAW = "村民委员会组织法第二十四条"
LAW_SERVICE = "村民委员会组织法第二条、第八条"


@dataclass(frozen=True)
class StandardItem:
    code: str
    name: str
    matter_type: str
    basis: str
    decider: str
    stages: tuple[str, ...]
    procedure: str
    publish: str
    resolution_body: str = "either"


STANDARD: tuple[StandardItem, ...] = (
    # 重大事项决策
    StandardItem("A01", "村集体经济项目的立项、承包方案", "projects", LAW + "第一款第（六）项",
                 "村民会议或村民代表会议", ALL, "四议两公开：党组织提议、两委会商议、党员大会审议、村民(代表)会议决议，决议和实施结果公开",
                 "项目名称、投资、承包方案、表决结果、实施情况"),
    StandardItem("A02", "村集体工程项目建设（招投标）", "projects", LAW + "第一款第（五）项；招标投标法",
                 "村民会议或村民代表会议", ALL, "四议两公开；限额以上工程进入镇公共资源交易平台招标",
                 "工程名称、预算、招标方式、中标单位、合同金额、验收结果"),
    StandardItem("A03", "村集体资产处置（出租、出让、拍卖）", "land_assets", LAW + "第一款第（八）项",
                 "村民会议或村民代表会议", ALL, "四议两公开；评估后公开竞价", "资产名称、评估价、处置方式、成交价、收益去向"),
    StandardItem("A04", "集体土地承包经营方案", "land_assets", LAW + "第一款第（七）项；农村土地承包法第十九条",
                 "村民会议（三分之二以上成员或代表同意）", ALL, "四议两公开；承包方案报镇政府备案", "承包方案、承包户名单、面积、期限"),
    StandardItem("A05", "集体土地征收征用补偿费的使用和分配", "land_assets", LAW + "第一款第（三）项",
                 "村民会议或村民代表会议", ALL, "四议两公开", "补偿标准、分配方案、分配名单、发放情况", "assembly"),
    StandardItem("A06", "集体建设用地使用权流转", "land_assets", LAW + "第一款第（八）项；土地管理法第六十三条",
                 "村民会议三分之二以上成员或三分之二以上村民代表同意", ALL, "四议两公开；报镇审核", "地块、面积、用途、流转方式、价款"),
    StandardItem("A07", "村集体经济所得收益的使用", "finance", LAW + "第一款第（二）项",
                 "村民会议或村民代表会议", ALL, "四议两公开", "收益总额、使用方案、实际支出"),
    StandardItem("A08", "公益事业兴办和筹资筹劳（一事一议）", "welfare_funds", LAW + "第一款第（四）项；村民一事一议筹资筹劳管理办法",
                 "村民会议或村民代表会议", ALL, "四议两公开；筹资方案报镇农经部门审核", "事项、筹资筹劳标准、收缴和使用情况"),
    StandardItem("A09", "公益事业经费的使用（财政奖补项目）", "welfare_funds", LAW + "第一款第（四）项",
                 "村民会议或村民代表会议", ALL, "四议两公开", "项目、资金来源、使用明细、验收结果"),
    StandardItem("A10", "村民自治章程、村规民约的制定和修改", "charter", "村民委员会组织法第二十七条",
                 "村民会议", ALL, "四议两公开；报镇政府备案", "章程或村规民约全文、表决结果、备案情况", "assembly"),
    StandardItem("A11", "村集体举债、对外担保", "finance", LAW + "第一款第（八）项",
                 "村民会议或村民代表会议", ALL, "四议两公开；报镇审核", "举债或担保事由、金额、期限、还款计划"),
    StandardItem("A12", "村级年度财务预决算", "finance", LAW + "第一款第（八）项；村集体经济组织财务制度",
                 "村民代表会议", ALL, "四议两公开", "预算、决算报表"),
    StandardItem("A13", "村庄规划和村级发展规划", "projects", "城乡规划法第二十二条",
                 "村民会议或村民代表会议", ALL, "四议两公开；报镇审批", "规划文本和图件"),
    StandardItem("A14", "宅基地的使用方案", "land_use", LAW + "第一款第（七）项；土地管理法第六十二条",
                 "村民会议或村民代表会议", ALL, "四议两公开；报镇审批", "年度宅基地使用方案、安排名单"),
    # 日常管理
    StandardItem("B01", "村级财务开支审批", "finance", "村集体经济组织财务制度",
                 "村委会主任审批，监委会审核，限额以上经两委会商议", COMMITTEES, "经办人签字、监委会审核、主任审批；限额以上两委会商议",
                 "收支明细（每季度）"),
    StandardItem("B02", "接受捐赠和赞助", "finance", "公益事业捐赠法第十一条",
                 "两委会", COMMITTEES, "两委会商议、登记入账", "捐赠人（本人同意时）、金额或物品、用途"),
    StandardItem("B03", "村务工作人员的聘用和报酬", "personnel", LAW + "第一款第（一）项",
                 "两委会商议、村民代表会议决定", ("consultation", "resolution", "disclosure", "result"), "两委会商议、村民代表会议决定",
                 "岗位、人选、报酬标准"),
    StandardItem("B04", "村级组织招聘工作人员", "personnel", "村民委员会组织法第八条",
                 "两委会", COMMITTEES, "公开招聘：发布公告、报名、考察、两委会商议确定", "招聘公告、拟聘人员名单"),
    StandardItem("B05", "村级物资采购", "finance", "村集体经济组织财务制度",
                 "两委会", COMMITTEES, "询价比价、两委会商议、监委会监督", "采购物品、数量、价格、供应商"),
    StandardItem("B06", "误工补贴发放", "finance", "村集体经济组织财务制度",
                 "两委会", COMMITTEES, "考勤登记、两委会商议、监委会审核", "人员、天数、标准、金额"),
    StandardItem("B07", "集体资产出租续签", "land_assets", LAW + "第一款第（八）项",
                 "村民会议或村民代表会议", ALL, "四议两公开", "资产、承租人、租金、期限"),
    # 便民服务
    StandardItem("C01", "最低生活保障对象民主评议和推荐", "subsidies", "社会救助暂行办法第十一条",
                 "村民代表会议民主评议", MEETING_ONLY, "申请、入户调查、民主评议、公示、报镇审核", "评议结果、拟推荐名单（公示7日）"),
    StandardItem("C02", "特困供养、临时救助推荐", "subsidies", "社会救助暂行办法第十五条、第四十八条",
                 "村民代表会议民主评议", MEETING_ONLY, "申请、调查、民主评议、公示、报镇审核", "拟推荐名单"),
    StandardItem("C03", "困难家庭危房改造对象推荐", "subsidies", "农村危房改造有关规定",
                 "村民代表会议民主评议", MEETING_ONLY, "申请、评议、公示、报镇审核", "拟推荐名单、补助标准"),
    StandardItem("C04", "各类补贴对象的确认（粮食、养老等）", "subsidies", "有关补贴政策",
                 "两委会", COMMITTEES, "申报、核实、两委会商议、公示", "补贴对象、标准、金额"),
    StandardItem("C05", "宅基地申请", "land_use", "土地管理法第六十二条",
                 "村民小组会议讨论、村民代表会议审议", MEETING_ONLY, "申请、村民小组讨论、村民代表会议审议、公示、报镇审批",
                 "申请人、位置、面积（公示）"),
    StandardItem("C06", "村级证明出具", "services", LAW_SERVICE,
                 "村委会", NONE, "申请、核实、主任签字盖章、登记备查（不经四议两公开）", "证明出具登记（按季度）"),
    StandardItem("C07", "计划生育等服务事项办理", "services", LAW_SERVICE,
                 "村委会", NONE, "申请、审核、代办上报", "办理情况（按季度）"),
    StandardItem("C08", "农村土地承包经营权流转备案", "land_use", "农村土地承包法第三十六条",
                 "村委会", NONE, "流转双方申请、村委会备案、报镇", "流转备案登记"),
    StandardItem("C09", "村民户籍迁入（集体经济组织成员身份确认）", "land_assets", "农村集体经济组织法第十二条",
                 "村民会议或村民代表会议", ALL, "四议两公开", "确认名单"),
    StandardItem("C10", "志愿服务和社会组织参与项目", "other", "志愿服务条例",
                 "两委会", COMMITTEES, "两委会商议、登记", "项目、参与组织、服务情况"),
)  # fmt: skip
