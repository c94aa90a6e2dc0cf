"""Ingredients for believable Chinese names (generated, never real people)."""

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# Commoner surnames first: weights fall off along the string.
SURNAME_WEIGHTS = [max(1.0, 40.0 / (i + 1) ** 0.8) for i in range(len(SURNAMES))]
MALE_CHARS = (
    "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国文志军兵成海峰东春亮德庆祥福贵荣"
)
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀英玲桂兰红梅琴云莲珍凤洁雪慧颖婷倩琳晶燕萍玉翠芬群淑華秋月菊香蓉"
COMPOUND_SURNAMES = ["欧阳", "司马", "诸葛", "上官"]

VILLAGE_NAMES = [
    "青山村",
    "柳溪村",
    "石桥村",
    "桃源村",
    "龙泉村",
    "高坪村",
    "双河村",
    "新民村",
    "白果村",
    "红岩村",
]
URBAN_NAMES = ["东街社区", "南苑社区", "滨江社区", "文庙社区", "建设路社区", "花园社区"]
TOWNSHIP_NAMES = [
    "永安镇",
    "太平镇",
    "清水镇",
    "三江镇",
    "龙门镇",
    "柳江镇",
    "瓦屋镇",
    "中山镇",
    "洪川镇",
    "止戈镇",
]
