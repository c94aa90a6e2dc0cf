"""Texts of 村规民约/居民公约 for the demo: an old version with the clauses the township now forbids, and revised ones.

Written for gongzhi in the patterns of docs/conventions/patterns.md; the
clauses are composed per community from small pools, so neighbouring
villages do not read the same.
"""

import random

OPENING = [
    "为推进自治、法治、德治相结合，建设文明和谐的{name}，经{meeting}讨论通过，制定本{kind}。",
    "为弘扬文明新风，维护{name}良好秩序，根据有关法律法规，结合本{place}实际，经{meeting}讨论通过，制定本{kind}。",
]

# Every required topic, three ways each (the revised versions pick one of each).
TOPIC_CLAUSES: dict[str, list[str]] = {
    "core_values": [
        "践行社会主义核心价值观，爱党爱国，遵纪守法，诚实守信。",
        "把社会主义核心价值观融入家风家训，孝老爱亲，邻里和睦。",
        "大力弘扬社会主义核心价值观，争做文明{resident}。",
    ],
    "banquets": [
        "治理滥办酒席，除婚事、丧事外，升学、乔迁、满月等一律不办宴席。",
        "红白喜事从简办理，不大操大办，不攀比，不铺张。",
        "倡导婚丧事宜简办，不办无事酒，人情往来量力而行。",
    ],
    "anti_gang": [
        "积极参与扫黑除恶，发现黑恶势力线索及时向公安机关举报。",
        "坚决抵制黑恶势力，不参与涉黑涉恶活动，敢于检举揭发。",
        "支持扫黑除恶常态化，不做村霸路霸的帮手。",
    ],
    "early_marriage": [
        "男女双方须达到法定婚龄方可登记结婚，坚决杜绝早婚早育。",
        "未达法定婚龄不得举办婚礼，杜绝早婚早育。",
        "尊重婚姻自由，反对包办婚姻，杜绝早婚早育。",
    ],
    "wedding_customs": [
        "遏制低俗婚闹，不得戏弄新郎、新娘和伴娘伴郎。",
        "婚礼文明热闹，坚决抵制低俗婚闹。",
        "反对闹婚、恶搞等低俗婚闹行为。",
    ],
    "bride_price": [
        "抵制天价彩礼，提倡零彩礼、低彩礼，反对借婚姻索取财物。",
        "婚事新办，彩礼不攀比，礼金不超过本地倡导标准。",
        "坚决抵制高价彩礼，不以彩礼多少论人品。",
    ],
    "funeral_reform": [
        "提倡三日吉葬，丧事简办，文明治丧。",
        "倡导厚养薄葬，老人在世时尽孝，去世后丧事从简。",
        "推行殡葬改革，提倡节地生态安葬，丧事不超过三天。",
    ],
    "green_living": [
        "倡导绿色低碳生活，垃圾分类投放，不乱扔乱倒。",
        "爱护环境，节约用水用电，少用塑料袋，践行光盘行动。",
        "保护生态环境，不焚烧秸秆，不乱排污水。",
    ],
    "fire_safety": [
        "注意消防安全，不私拉乱接电线，楼道不堆放杂物。",
        "严禁野外用火，森林防火期不烧荒、不燎地边。",
        "家家户户学习消防常识，发现火情及时报警。",
    ],
}

COMMON = [
    "尊老爱幼，自觉履行赡养老人、抚养子女的义务。",
    "邻里之间互谅互让，有矛盾纠纷先找调解委员会调解。",
    "爱护公共设施，不损坏路灯、健身器材和文化墙。",
    "遵守交通规则，骑电动车戴头盔，不酒后驾车。",
    "拒绝黄赌毒，不参与封建迷信活动，不参与传销。",
    "积极参加志愿服务和公益活动，互帮互助。",
]

LAWFUL_SANCTIONS = [
    "违反本{kind}的，由{committee}进行批评教育、劝导改正；情节严重的，取消当年评先评优资格，并纳入{place}信用评价。",
    "对违反本{kind}的，由{committee}上门劝导，责令改正，并在年度文明家庭评选中不予推荐。",
]
REWARDS = [
    "每年评选文明家庭、好婆婆好媳妇，对评选出的家庭给予表彰奖励。",
    "对见义勇为、移风易俗表现突出的，{committee}给予表扬和奖励。",
]

# What the old versions said and the township now forbids.
OLD_PENALTIES = [
    "乱倒垃圾、乱堆乱放的，罚款50至200元。",
    "大操大办酒席的，处以500元罚款，并取消当年各项补贴。",
    "不按时缴纳卫生费的，停止为其出具各类证明。",
    "不参加义务劳动的，每次交纳违约金100元。",
    "违反计划生育政策的，不得享受集体分配。",
    "对违反本约屡教不改的，在公示栏通报批评并张榜公布其姓名。",
]
OLD_CLAUSES = [
    "村民应当遵纪守法，维护社会治安。",
    "爱护公共财物，保护村庄环境卫生。",
    "婚丧嫁娶提倡节俭。",
    "尊老爱幼，邻里和睦。",
]
CLOSING = "本{kind}自{meeting}通过之日起施行，由{committee}负责解释。"


def _vars(name: str, village: bool) -> dict[str, str]:
    return {
        "name": name,
        "kind": "村规民约" if village else "居民公约",
        "meeting": "村民代表会议" if village else "居民代表会议",
        "committee": "村民委员会" if village else "居民委员会",
        "place": "村" if village else "社区",
        "resident": "村民" if village else "居民",
    }


def _numbered(lines: list[str]) -> list[str]:
    digits = "一二三四五六七八九十"

    def number(n: int) -> str:
        if n <= 10:
            return digits[n - 1]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens - 1]) + "十" + (digits[ones - 1] if ones else "")

    return [f"第{number(i)}条 {line}" for i, line in enumerate(lines, start=1)]


def old_convention(name: str, *, village: bool, rng: random.Random) -> tuple[str, str]:
    """(title, text) of the version in force before the revision: short, with fines and withheld services."""
    v = _vars(name, village)
    body = [*OLD_CLAUSES, *rng.sample(OLD_PENALTIES, 3)]
    title = f"{name}{v['kind']}"
    text = "\n".join([title, "", OPENING[0].format(**v), *_numbered(body), CLOSING.format(**v)])
    return title, text


def revised_convention(
    name: str, *, village: bool, rng: random.Random, topics: list[str], extra: tuple[str, ...] = ()
) -> tuple[str, str]:
    """(title, text) of a revised version covering `topics`, with lawful sanctions and rewards only."""
    v = _vars(name, village)
    body = [rng.choice(TOPIC_CLAUSES[key]).format(**v) for key in topics]
    body += [clause.format(**v) for clause in extra]
    body += rng.sample(COMMON, 4)
    rng.shuffle(body)
    body += [rng.choice(REWARDS).format(**v), rng.choice(LAWFUL_SANCTIONS).format(**v)]
    title = f"{name}{v['kind']}"
    text = "\n".join([title, "", rng.choice(OPENING).format(**v), *_numbered(body), CLOSING.format(**v)])
    return title, text
