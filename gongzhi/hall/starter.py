"""The starter catalogue of matters (事项目录范本): village-level matters of a township's 便民服务, written from
public service guides (办事指南) of provincial government service networks and the laws they name.

Data only; `actions.catalogue.catalogue_starter_load(actor, township)` adds what a township lacks (by code),
creating the departments named here when missing, and `manage.py hall_starter` runs it. Each entry is a main
item, with its sub-items under "subs"; steps are (name, amount, unit) and chain from acceptance; materials
name their source: the applicant, the register (a REGISTER_FACTS key: the apply form fills it in, never asks),
or an office. A township adjusts everything to its province's rules after loading (fees, amounts, places).

The texts are in Chinese: they are the township's content, not the interface (not translated).
"""

WD, CD = "workdays", "calendar_days"
DIRECT, TO_TOWNSHIP, TO_WINDOW = "village_direct", "village_to_township", "village_to_window"


def applicant(name, *, form="copy", count=1, required=True, check="", note=""):
    return {"name": name, "form": form, "count": count, "required": required, "source": "applicant",
            "check_point": check, "note": note}  # fmt: skip


def register(name, fact, *, form="copy", check=""):
    """A material gongzhi produces from the register: the applicant never brings it."""
    return {"name": name, "form": form, "count": 1, "required": True, "source": "register",
            "register_fact": fact, "check_point": check}  # fmt: skip


def office(name, *, form="original", required=True, check="", note=""):
    return {"name": name, "form": form, "count": 1, "required": required, "source": "office",
            "check_point": check, "note": note}  # fmt: skip


ID = register("申请人居民身份证", "id_number", check="在有效期内，与本人一致")
HOUSEHOLD = register("户口簿(户成员信息)", "household", check="户成员与申请一致")
ADDRESS = register("户籍地址", "address")
AGE = register("出生日期(年龄)", "age", check="达到规定年龄")
BANK = applicant("本人社会保障卡或银行账户", check="账户为申请人本人，能正常使用")
PHOTO = applicant("近期免冠彩色照片", form="original", count=2, check="二寸，白底")

WHERE_VILLAGE = "户籍所在村(社区)便民服务站，或镇便民服务中心综合窗口"
WHERE_TOWNSHIP = "镇便民服务中心综合窗口"

STARTER: list[dict] = [
    {
        "code": "MZ-100", "name": "社会救助", "mode": TO_TOWNSHIP, "department": "民政办",
        "levels": ["village", "township", "county"],
        "guide": "最低生活保障、特困人员救助供养、临时救助和医疗救助，在户籍所在村(社区)或镇便民服务中心申请。",
        "legal_basis": "《社会救助暂行办法》(国务院令第649号)",
        "steps": [("审核", 30, WD)], "where": WHERE_VILLAGE,
        "subs": [
            {
                "code": "MZ-101", "name": "最低生活保障", "mode": TO_TOWNSHIP, "department": "民政办",
                "levels": ["village", "township", "county"], "village_review": True, "county_office": "县民政局",
                "legal_basis": "《社会救助暂行办法》第九条、第十一条；《最低生活保障审核确认办法》(民发〔2021〕57号)",
                "conditions": "持有本地户籍，共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合当地规定。",
                "guide": "以家庭为单位申请。镇民政办入户调查、核对家庭经济状况，在村(社区)公示7天无异议后审核确认；"
                         "经济状况核对需要本人签署授权书。",
                "where": WHERE_VILLAGE,
                "steps": [("入户调查", 10, WD), ("公示", 7, CD), ("审核确认", 10, WD)],
                "materials": [
                    applicant("最低生活保障申请书", form="original", check="家庭成员签字"),
                    ID, HOUSEHOLD,
                    applicant("家庭经济状况核对授权书", form="original", check="共同生活的家庭成员均已签字"),
                    applicant("家庭收入情况说明", form="original"),
                    applicant("残疾人证或病历等证明材料", required=False, note="家庭成员有残疾或重病时提供"),
                    BANK,
                ],
            },
            {
                "code": "MZ-102", "name": "特困人员救助供养", "mode": TO_TOWNSHIP, "department": "民政办",
                "levels": ["village", "township", "county"], "county_office": "县民政局",
                "legal_basis": "《社会救助暂行办法》第十四条至第十六条；《特困人员认定办法》(民发〔2021〕43号)",
                "conditions": "无劳动能力、无生活来源，且无法定赡养、抚养、扶养义务人或者其义务人无履行能力的老年人、"
                              "残疾人以及未满18周岁的未成年人。",
                "guide": "本人申请，本人申请有困难的可以委托村(居)民委员会或者他人代为提出申请。可选择分散供养或到敬老院集中供养。",
                "where": WHERE_VILLAGE,
                "steps": [("调查核实", 15, WD), ("公示", 7, CD), ("审批", 15, WD)],
                "materials": [
                    applicant("特困人员救助供养申请书", form="original"),
                    ID, HOUSEHOLD,
                    applicant("残疾人证", required=False, check="在有效期内", note="残疾人申请时提供"),
                    applicant("生活自理能力评估表", required=False, form="original"),
                    applicant("委托书", required=False, form="original", note="委托他人代为申请时提供"),
                ],
            },
            {
                "code": "MZ-103", "name": "临时救助", "mode": TO_TOWNSHIP, "department": "民政办",
                "levels": ["village", "township"],
                "legal_basis": "《社会救助暂行办法》第四十七条至第五十条；《国务院关于全面建立临时救助制度的通知》(国发〔2014〕47号)",
                "conditions": "因火灾、交通事故等意外事件，家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭或个人。",
                "guide": "情况紧急的，镇民政办可先行救助，事后补办手续。",
                "where": WHERE_VILLAGE,
                "steps": [("审核审批", 10, WD)],
                "materials": [
                    applicant("临时救助申请书", form="original", check="写明困难原因"),
                    ID, HOUSEHOLD,
                    applicant("遭遇困难的证明材料", check="医疗票据、事故认定书、火灾证明等"),
                    BANK,
                ],
            },
            {
                "code": "MZ-104", "name": "困难群众医疗救助", "mode": TO_WINDOW, "department": "社会事务办",
                "levels": ["village", "township", "county"], "county_office": "县医疗保障局",
                "legal_basis": "《社会救助暂行办法》第二十七条至第三十二条；《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》"
                               "(国办发〔2021〕42号)",
                "conditions": "最低生活保障家庭成员、特困供养人员、低保边缘家庭成员，以及因病致贫的重病患者，"
                              "经基本医疗保险、大病保险报销后个人负担仍然较重。",
                "guide": "已纳入低保、特困的对象在定点医疗机构“一站式”结算；其他对象出院后凭票据申请。",
                "where": WHERE_VILLAGE,
                "steps": [("审核", 10, WD), ("县级审批", 10, WD)],
                "materials": [
                    applicant("医疗救助申请表", form="original"),
                    ID,
                    applicant("住院发票及费用清单", form="original", check="医保报销后的结算单"),
                    applicant("出院小结或诊断证明", check="加盖医院印章"),
                    BANK,
                ],
            },
        ],
    },
    {
        "code": "CL-100", "name": "残疾人服务", "mode": TO_TOWNSHIP, "department": "社会事务办",
        "levels": ["village", "township", "county"], "legal_basis": "《中华人民共和国残疾人保障法》",
        "steps": [("审核", 20, WD)], "where": WHERE_VILLAGE,
        "subs": [
            {
                "code": "CL-101", "name": "困难残疾人生活补贴和重度残疾人护理补贴", "mode": TO_TOWNSHIP,
                "department": "社会事务办", "levels": ["village", "township", "county"], "county_office": "县民政局",
                "legal_basis": "《中华人民共和国残疾人保障法》第四十八条；《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴"
                               "制度的意见》(国发〔2015〕52号)",
                "conditions": "生活补贴：低保家庭中持第二代残疾人证的残疾人；护理补贴：残疾等级为一级、二级且需要长期照护的重度残疾人。",
                "guide": "残疾人两项补贴按月发放到本人账户。本人或法定监护人、委托的村(社区)工作人员均可代为申请。",
                "where": WHERE_VILLAGE,
                "steps": [("镇级审核", 10, WD), ("县级审定", 10, WD)],
                "materials": [
                    applicant("残疾人两项补贴申请审批表", form="original"),
                    ID, HOUSEHOLD,
                    applicant("第二代中华人民共和国残疾人证", check="在有效期内，等级与申请一致"),
                    BANK,
                ],
            },
            {
                "code": "CL-102", "name": "残疾人证办理", "mode": TO_WINDOW, "department": "社会事务办",
                "levels": ["village", "township", "county"], "county_office": "县残疾人联合会",
                "legal_basis": "《中华人民共和国残疾人保障法》；《中华人民共和国残疾人证管理办法》",
                "conditions": "符合残疾标准的本地户籍居民，经县残联指定的医疗机构评定残疾类别和等级。",
                "guide": "先在窗口领取评定表，到指定医院评残后交回窗口，由县残联审核发证。",
                "where": WHERE_TOWNSHIP,
                "steps": [("审核发证", 15, WD)],
                "materials": [
                    applicant("残疾人证申请表", form="original"), ID, HOUSEHOLD, PHOTO,
                    office("残疾评定表", check="指定医疗机构评定，医生签字并盖章"),
                ],
            },
        ],
    },
    {
        "code": "LN-100", "name": "高龄津贴", "mode": TO_TOWNSHIP, "department": "民政办",
        "levels": ["village", "township"],
        "legal_basis": "《中华人民共和国老年人权益保障法》第三十三条",
        "conditions": "本地户籍，年满80周岁的老年人。", "steps": [("审核", 10, WD)], "where": WHERE_VILLAGE,
        "subs": [
            {
                "code": "LN-101", "name": "80—89周岁高龄津贴", "mode": TO_TOWNSHIP, "department": "民政办",
                "levels": ["village", "township"],
                "legal_basis": "《中华人民共和国老年人权益保障法》第三十三条", "conditions": "本地户籍，年满80周岁不满90周岁。",
                "guide": "满80周岁的当月即可申请，次月起按月发放。每年需要进行一次生存认证。",
                "where": WHERE_VILLAGE, "steps": [("审核", 10, WD)],
                "materials": [ID, HOUSEHOLD, AGE, BANK],
            },
            {
                "code": "LN-102", "name": "90周岁以上高龄补贴", "mode": TO_TOWNSHIP, "department": "民政办",
                "levels": ["village", "township"],
                "legal_basis": "《中华人民共和国老年人权益保障法》第三十三条", "conditions": "本地户籍，年满90周岁。",
                "guide": "90周岁、100周岁以上老人按更高标准发放；行动不便的，村(社区)工作人员可上门代办。",
                "where": WHERE_VILLAGE, "steps": [("审核", 10, WD)],
                "materials": [ID, HOUSEHOLD, AGE, BANK],
            },
        ],
    },
    {
        "code": "LN-201", "name": "老年人优待证办理", "mode": TO_WINDOW, "department": "民政办",
        "levels": ["village", "township", "county"], "county_office": "县老龄工作委员会办公室",
        "legal_basis": "《中华人民共和国老年人权益保障法》第五章(社会优待)",
        "conditions": "年满60周岁的本地户籍老年人，以及在本地长期居住的外地老年人。",
        "guide": "凭优待证享受公共交通、景区门票等优待。", "where": WHERE_VILLAGE, "steps": [("制证", 10, WD)],
        "materials": [ID, AGE, PHOTO],
    },
    {
        "code": "SB-100", "name": "城乡居民社会保险", "mode": TO_TOWNSHIP, "department": "社保所",
        "levels": ["village", "township"], "legal_basis": "《中华人民共和国社会保险法》",
        "steps": [("办理", 5, WD)], "where": WHERE_VILLAGE,
        "subs": [
            {
                "code": "SB-101", "name": "城乡居民基本医疗保险参保登记", "mode": DIRECT, "levels": ["village"],
                "legal_basis": "《中华人民共和国社会保险法》第二十五条；《国务院关于整合城乡居民基本医疗保险制度的意见》(国发〔2016〕3号)",
                "conditions": "不属于职工基本医疗保险覆盖范围的本地户籍居民和持居住证的常住人口。",
                "guide": "每年集中缴费期内在村(社区)协办员处登记缴费，次年1月1日起享受待遇；新生儿出生后即可参保。",
                "where": "户籍所在村(社区)便民服务站", "steps": [("办理", 1, WD)],
                "materials": [ID, HOUSEHOLD, applicant("居住证", required=False, note="非本地户籍常住人口提供")],
            },
            {
                "code": "SB-102", "name": "城乡居民基本养老保险参保登记", "mode": TO_TOWNSHIP, "department": "社保所",
                "levels": ["village", "township"],
                "legal_basis": "《中华人民共和国社会保险法》第二十条、第二十二条；《国务院关于建立统一的城乡居民基本养老保险制度的意见》"
                               "(国发〔2014〕8号)",
                "conditions": "年满16周岁(不含在校学生)，非国家机关和事业单位工作人员，不属于职工基本养老保险覆盖范围的本地户籍居民。",
                "guide": "自主选择缴费档次，按年缴费，多缴多得。", "where": WHERE_VILLAGE, "steps": [("办理", 5, WD)],
                "materials": [applicant("城乡居民基本养老保险参保登记表", form="original"), ID, HOUSEHOLD, BANK],
            },
            {
                "code": "SB-103", "name": "城乡居民基本养老保险待遇领取", "mode": TO_TOWNSHIP, "department": "社保所",
                "levels": ["village", "township", "county"], "county_office": "县社会保险事业中心",
                "legal_basis": "《中华人民共和国社会保险法》第二十一条；《国务院关于建立统一的城乡居民基本养老保险制度的意见》(国发〔2014〕8号)",
                "conditions": "年满60周岁、累计缴费满15年，且未领取国家规定的基本养老保障待遇。",
                "guide": "达到领取年龄前一个月申请，核定后次月起按月发放。", "where": WHERE_VILLAGE,
                "steps": [("审核", 5, WD), ("县级核定", 10, WD)],
                "materials": [applicant("城乡居民基本养老保险待遇领取申请表", form="original"), ID, AGE, HOUSEHOLD, BANK],
            },
            {
                "code": "SB-104", "name": "灵活就业人员社会保险参保登记", "mode": TO_WINDOW, "department": "社保所",
                "levels": ["village", "township", "county"], "county_office": "县社会保险事业中心",
                "legal_basis": "《中华人民共和国社会保险法》第十条第二款、第二十三条第二款",
                "conditions": "无雇工的个体工商户、未在用人单位参加社会保险的非全日制从业人员以及其他灵活就业人员。",
                "guide": "可参加职工基本养老保险和职工基本医疗保险，由个人缴纳。", "where": WHERE_TOWNSHIP,
                "steps": [("办理", 5, WD)],
                "materials": [applicant("灵活就业人员参保登记表", form="original"), ID, BANK],
            },
        ],
    },
    {
        "code": "JY-100", "name": "就业和失业登记", "mode": TO_TOWNSHIP, "department": "社保所",
        "levels": ["village", "township"],
        "legal_basis": "《中华人民共和国就业促进法》；《就业服务与就业管理规定》(就业和失业登记)",
        "steps": [("办理", 3, WD)], "where": WHERE_VILLAGE,
        "subs": [
            {
                "code": "JY-101", "name": "就业登记", "mode": TO_TOWNSHIP, "department": "社保所",
                "levels": ["village", "township"], "legal_basis": "《就业服务与就业管理规定》(就业和失业登记)",
                "conditions": "在法定劳动年龄内、已实现就业(含灵活就业、自主创业)的劳动者。",
                "guide": "登记后可享受相应的就业创业扶持政策。", "where": WHERE_VILLAGE, "steps": [("办理", 3, WD)],
                "materials": [ID, applicant("劳动合同或营业执照等就业证明", required=False)],
            },
            {
                "code": "JY-102", "name": "失业登记", "mode": TO_TOWNSHIP, "department": "社保所",
                "levels": ["village", "township"], "legal_basis": "《就业服务与就业管理规定》(就业和失业登记)",
                "conditions": "在法定劳动年龄内、有劳动能力和就业要求、处于无业状态的城乡劳动者。",
                "guide": "登记后可享受免费职业介绍、职业培训等公共就业服务。", "where": WHERE_VILLAGE,
                "steps": [("办理", 3, WD)],
                "materials": [ID, applicant("解除或终止劳动关系证明", required=False, note="原有单位的提供")],
            },
        ],
    },
    {
        "code": "WJ-101", "name": "生育登记", "mode": TO_TOWNSHIP, "department": "社会事务办",
        "levels": ["village", "township"], "legal_basis": "《中华人民共和国人口与计划生育法》",
        "conditions": "生育子女的夫妻，在一方户籍所在地或现居住地办理。",
        "guide": "可在孕前或孕期登记，凭登记信息享受孕产期保健服务。", "where": WHERE_VILLAGE, "steps": [("登记", 1, WD)],
        "materials": [register("夫妻双方居民身份证", "id_number"), HOUSEHOLD,
                      applicant("结婚证", required=False)],
    },
    {
        "code": "WJ-102", "name": "独生子女父母奖励", "mode": TO_TOWNSHIP, "department": "社会事务办",
        "levels": ["village", "township"],
        "legal_basis": "《中华人民共和国人口与计划生育法》；省(区、市)人口与计划生育条例",
        "conditions": "持有《独生子女父母光荣证》的夫妻，按省级规定享受奖励。", "where": WHERE_VILLAGE,
        "steps": [("审核", 10, WD)],
        "materials": [ID, HOUSEHOLD, applicant("独生子女父母光荣证", form="both"), BANK],
    },
    {
        "code": "WJ-103", "name": "计划生育家庭特别扶助", "mode": TO_TOWNSHIP, "department": "社会事务办",
        "levels": ["village", "township", "county"], "village_review": True, "county_office": "县卫生健康局",
        "legal_basis": "《中华人民共和国人口与计划生育法》；《全国独生子女伤残死亡家庭扶助制度试点方案》(国人口发〔2007〕78号)",
        "conditions": "独生子女死亡或伤、病残(三级以上)后未再生育或收养子女，女方年满49周岁的夫妻。",
        "guide": "村(社区)初审并张榜公示，镇审核后报县级审批，按月发放扶助金。", "where": WHERE_VILLAGE,
        "steps": [("村级初审", 5, WD), ("公示", 7, CD), ("审核审批", 15, WD)],
        "materials": [applicant("计划生育家庭特别扶助申请表", form="original"), ID, HOUSEHOLD,
                      applicant("子女死亡证明或残疾人证", form="both"), BANK],
    },
    {
        "code": "NY-101", "name": "农村村民宅基地申请", "mode": TO_TOWNSHIP, "department": "农业农村办",
        "levels": ["village", "township"], "village_review": True,
        "legal_basis": "《中华人民共和国土地管理法》第六十二条；《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》"
                       "(农经发〔2019〕6号)",
        "conditions": "本集体经济组织成员，以户为单位，一户只能拥有一处宅基地；出卖、出租、赠与住宅后再申请的不予批准。",
        "guide": "向村民小组提出申请，经村民小组会议讨论并公示，村级组织审查后报镇审批；批准后实地放样，竣工后验收。",
        "where": WHERE_VILLAGE,
        "steps": [("村级审查", 10, WD), ("公示", 5, CD), ("镇级审批", 20, WD)],
        "materials": [applicant("农村宅基地和建房(规划许可)申请表", form="original"), ID, HOUSEHOLD,
                      applicant("农村宅基地使用承诺书", form="original"),
                      office("村民小组会议记录", check="参会人员签字"),
                      applicant("住宅设计图或通用图", required=False)],
    },
    {
        "code": "NY-102", "name": "耕地地力保护补贴", "mode": TO_TOWNSHIP, "department": "农业农村办",
        "levels": ["village", "township"],
        "legal_basis": "《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》(财农〔2016〕26号)",
        "conditions": "拥有耕地承包权的种地农民；已改变用途的耕地、长年抛荒地不予补贴。",
        "guide": "每年由村(社区)统一申报面积、张榜公示，补贴资金通过“一卡通”发放。", "where": WHERE_VILLAGE,
        "steps": [("公示", 7, CD), ("审核", 15, WD)],
        "materials": [ID, applicant("土地承包经营权证", check="面积与申报一致"), BANK],
    },
    {
        "code": "ZJ-101", "name": "农村危房改造", "mode": TO_TOWNSHIP, "department": "村镇建设办",
        "levels": ["village", "township", "county"], "village_review": True, "county_office": "县住房和城乡建设局",
        "legal_basis": "《住房和城乡建设部 财政部 民政部 国家乡村振兴局关于做好农村低收入群体等重点对象住房安全保障工作的实施意见》"
                       "(建村〔2021〕35号)",
        "conditions": "农村低保户、分散供养特困人员、低保边缘家庭等低收入群体，住房经鉴定为C级或D级危房。",
        "guide": "村民评议、公示后报镇审核，县住建局组织房屋安全鉴定并审批；竣工验收后拨付补助资金。",
        "where": WHERE_VILLAGE,
        "steps": [("村级评议", 10, WD), ("公示", 7, CD), ("审核审批", 20, WD)],
        "materials": [applicant("农村危房改造申请书", form="original"), ID, HOUSEHOLD,
                      applicant("住房现状照片", form="electronic"),
                      office("房屋安全性鉴定意见", required=False, note="由县住建局组织鉴定后补入")],
    },
    {
        "code": "SF-101", "name": "法律援助咨询与申请", "mode": TO_WINDOW, "department": "司法所",
        "levels": ["village", "township", "county"], "county_office": "县法律援助中心",
        "legal_basis": "《中华人民共和国法律援助法》第三十一条、第三十八条、第四十一条",
        "conditions": "因经济困难没有委托代理人的当事人，在请求支付劳动报酬、给予社会保险待遇、给付赡养费抚养费等事项中可以申请。",
        "guide": "法律咨询当场答复、不收费；申请法律援助的，由司法所转交县法律援助中心审查决定。", "where": "镇司法所、村(社区)法律顾问接待点",
        "steps": [("审查决定", 7, WD)],
        "materials": [applicant("法律援助申请表", form="original"), ID,
                      applicant("经济困难状况说明表", form="original", check="本人签字承诺"),
                      applicant("与所申请法律援助事项有关的材料", check="合同、欠条、判决书等")],
    },
    {
        "code": "SF-102", "name": "人民调解申请", "mode": DIRECT, "levels": ["village", "township"],
        "legal_basis": "《中华人民共和国人民调解法》第十七条",
        "conditions": "邻里、婚姻家庭、土地承包等民间纠纷的当事人，自愿申请调解。",
        "guide": "村(居)人民调解委员会调解，不收费；调解达成协议的可申请司法确认。", "where": "村(社区)人民调解委员会",
        "steps": [("调解", 30, CD)],
        "materials": [register("当事人身份信息", "name"), applicant("纠纷情况说明", required=False)],
    },
    {
        "code": "TY-101", "name": "退役军人、其他优抚对象优待证申领", "mode": TO_WINDOW, "department": "退役军人服务站",
        "levels": ["village", "township", "county"], "county_office": "县退役军人事务局",
        "legal_basis": "《中华人民共和国退役军人保障法》；《退役军人、其他优抚对象优待证管理办法(试行)》",
        "conditions": "退役军人和烈士遗属、因公牺牲军人遗属、病故军人遗属等其他优抚对象。",
        "guide": "在户籍所在地村(社区)退役军人服务站或镇退役军人服务站申请，县退役军人事务局审核制证。",
        "where": "村(社区)退役军人服务站", "steps": [("审核", 10, WD), ("制证", 20, WD)],
        "materials": [applicant("优待证申领表", form="original"), ID, PHOTO,
                      applicant("退出现役证明(退伍证等)", form="both")],
    },
    {
        "code": "MZ-201", "name": "惠民殡葬补贴", "mode": TO_TOWNSHIP, "department": "民政办",
        "levels": ["village", "township"],
        "legal_basis": "《殡葬管理条例》；《民政部等9部门关于推行惠民殡葬政策的指导意见》(民发〔2012〕211号)",
        "conditions": "本地户籍居民去世后实行火化的，由其家属申请减免基本殡葬服务费用。",
        "guide": "在逝者去世后6个月内申请。", "where": WHERE_VILLAGE, "steps": [("审核发放", 10, WD)],
        "materials": [applicant("惠民殡葬补贴申请表", form="original"),
                      applicant("居民死亡医学证明(推断)书", check="加盖出具单位印章"),
                      applicant("火化证明", form="both"), ADDRESS,
                      applicant("经办人身份证", check="在有效期内"), BANK],
    },
    {
        "code": "GA-100", "name": "户籍和门楼牌", "mode": TO_WINDOW, "department": "派出所",
        "levels": ["village", "township", "county"], "legal_basis": "《中华人民共和国户口登记条例》",
        "steps": [("办理", 10, WD)], "where": WHERE_TOWNSHIP,
        "subs": [
            {
                "code": "GA-101", "name": "居住证申领", "mode": TO_WINDOW, "department": "派出所",
                "levels": ["village", "township", "county"], "county_office": "县公安局",
                "legal_basis": "《居住证暂行条例》(国务院令第663号)第二条、第九条",
                "conditions": "离开常住户口所在地，在本地居住半年以上，有合法稳定就业、合法稳定住所或连续就读条件之一。",
                "guide": "先办理居住登记，满半年后申领居住证；居住证每年签注一次。", "where": WHERE_TOWNSHIP,
                "steps": [("审核制证", 15, WD)],
                "materials": [ID, PHOTO, applicant("居住半年以上的证明", check="租房合同、房产证、劳动合同或就读证明之一")],
            },
            {
                "code": "GA-102", "name": "户口迁入(准迁证)", "mode": TO_WINDOW, "department": "派出所",
                "levels": ["village", "township", "county"], "county_office": "县公安局",
                "legal_basis": "《中华人民共和国户口登记条例》第十条、第十三条",
                "conditions": "符合本地户口迁入政策(投靠、婚迁、购房、就业等)的人员。",
                "guide": "迁入地审核同意后开具准迁证，持证到迁出地办理迁出；已实行“跨省通办”的可在迁入地一站办结。",
                "where": WHERE_TOWNSHIP, "steps": [("审核", 20, WD)],
                "materials": [ID, applicant("迁出地户口簿", form="original"), HOUSEHOLD,
                              applicant("迁入理由证明", check="结婚证、房产证或劳动合同等")],
            },
            {
                "code": "GA-103", "name": "门楼牌编制和补换", "mode": TO_WINDOW, "department": "派出所",
                "levels": ["village", "township"], "legal_basis": "《地名管理条例》",
                "conditions": "新建住宅需要编制门牌，或门牌损坏、遗失需要补换的房屋所有人。",
                "guide": "村(社区)核实房屋位置后上报，统一编号、制作和安装。", "where": WHERE_VILLAGE,
                "steps": [("编制安装", 15, WD)],
                "materials": [ID, ADDRESS, applicant("房屋权属证明或建房批准文件", check="地址与申请一致")],
            },
        ],
    },
]


def starter_count() -> int:
    """How many matters (main items and sub-items) the starter catalogue holds."""
    return sum(1 + len(entry.get("subs", [])) for entry in STARTER)
