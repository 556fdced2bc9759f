"""The JMA vocabulary in three languages: kind names, classes, stages, action lines, labels.

Tables only, no logic: the English names JMA itself uses (Heavy Rain Warning …), the
やさしい日本語 glosses, the river-gauge stages, the class of a warning, the action line per
警戒レベル (the Cabinet Office evacuation guidelines' wording) and the short labelled texts
:mod:`dispatch.wording.alerts` puts around the values.
"""

from __future__ import annotations

import re
from typing import Final

FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

# JMA kind names: optional レベルN, a hazard stem, a class, an optional suffix (NFKC form).
KIND_NAME = re.compile(
    r"^(?:レベル(?P<level>[1-5]))?(?P<stem>.+?)"
    r"(?P<cls>特別警報|危険警報|警報|注意報|警戒情報)(?P<suffix>.*)$"
)

# JMA's English names (Heavy Rain Warning, Storm Warning …); 危険警報 is new in 2026.
HAZARD_EN: Final = {
    "大雨": "Heavy Rain",
    "洪水": "Flood",
    "氾濫": "Flood",
    "土砂災害": "Landslide",
    "高潮": "Storm Surge",
    "暴風": "Storm",
    "強風": "Gale",
    "暴風雪": "Snowstorm",
    "風雪": "Gale and Snow",
    "大雪": "Heavy Snow",
    "波浪": "High Wave",
    "雷": "Thunderstorm",
    "濃霧": "Dense Fog",
    "乾燥": "Dry Air",
    "なだれ": "Avalanche",
    "着氷": "Ice Accretion",
    "着雪": "Snow Accretion",
    "融雪": "Snowmelt",
    "霜": "Frost",
    "低温": "Low Temperature",
}
CLASS_EN: Final = {
    "特別警報": "Emergency Warning",
    "危険警報": "Danger Warning",
    "警報": "Warning",
    "注意報": "Advisory",
    "警戒情報": "Alert Information",
}
SUFFIX_EN: Final = {
    "": "",
    "解除": " lifted",
    "(警報解除)": " (warning lifted)",
    "(氾濫水の予報)": " (forecast of flood water)",
}
# やさしい日本語: what the hazard word means (a definition, never a claim about the weather).
HAZARD_EASY: Final = {
    "大雨": "雨が たくさん ふる こと",
    "洪水": "川の 水が ふえて あふれる こと",
    "氾濫": "川の 水が あふれる こと",
    "土砂災害": "山や がけが くずれる こと",
    "高潮": "海の 水が 高く なる こと",
    "暴風": "とても 強い 風",
    "強風": "強い 風",
    "暴風雪": "とても 強い 風と 雪",
    "風雪": "強い 風と 雪",
    "大雪": "雪が たくさん ふる こと",
    "波浪": "海の 高い 波",
    "雷": "かみなり",
}
RAIN_PHENOMENA: Final = {
    "記録的短時間大雨": {
        "ja": "記録的短時間大雨情報",
        "en": "Record Short-Term Heavy Rain Information",
        "ja-easy": "記録的短時間大雨情報",
    },
    "線状降水帯": {
        "ja": "線状降水帯の発生",
        "en": "Linear Rainband (persistent very heavy rain)",
        "ja-easy": "線状降水帯（強い 雨が 同じ ところで 続きます）",
    },
}
#: What JMA's rain information is, in a sentence or two (the ``about_line`` of rain mail), from
#: JMA's own explanations (気象庁「線状降水帯に関する各種情報」「記録的短時間大雨情報」).
RAIN_ABOUT: Final = {
    "記録的短時間大雨": {
        "ja": "記録的短時間大雨情報は、数年に一度しかないような猛烈な雨を観測・解析したときに"
        "気象庁が発表する情報です。災害の危険度が「危険」（警戒レベル４相当）に達しています。",
        "en": "JMA issues this when rain so intense that it happens only once in several years"
        " is measured or analysed. The danger of disasters has reached the 'danger' level"
        " (equivalent to Alert Level 4).",
        "ja-easy": "何年かに 一回しか ないような、とても 強い 雨が ふりました。"
        "とても あぶない ようすです（レベル４と 同じくらい）。",
    },
    "線状降水帯": {
        "ja": "線状降水帯とは、発達した雨雲（積乱雲）が列をなして次々に通り、数時間にわたって"
        "ほぼ同じ場所に非常に激しい雨を降らせるものです。この情報は警戒レベル４相当以上の"
        "状況で発表されます。",
        "en": "A linear rainband is a line of developed rain clouds (cumulonimbus) passing one"
        " after another over almost the same place for hours, bringing very heavy rain. JMA"
        " issues this information when the situation is at Alert Level 4 or above.",
        "ja-easy": "線状降水帯は、強い 雨を ふらせる 雲が 列に なって、何時間も 同じ ところに"
        " 強い 雨を ふらせる ものです。とても あぶない ようすです（レベル４と 同じくらい）。",
    },
}
#: JMA's terms for rain intensity (気象庁「雨の強さと降り方」), lowest amount (mm/h) first: the
#: ``intensity_line`` of rain mail. The bands are the thresholds subscribers can choose.
RAIN_INTENSITY: Final = (
    (10, {"ja": "やや強い雨（ザーザーと降る）", "en": "fairly heavy rain",
          "ja-easy": "少し 強い 雨（ザーザー ふる）"}),
    (20, {"ja": "強い雨（どしゃ降り）", "en": "heavy rain (a downpour)",
          "ja-easy": "強い 雨（どしゃぶり）"}),
    (30, {"ja": "激しい雨（バケツをひっくり返したように降る）",
          "en": "very heavy rain (like buckets of water)",
          "ja-easy": "とても 強い 雨（バケツの 水を こぼした ように ふる）"}),
    (50, {"ja": "非常に激しい雨（滝のように降る）",
          "en": "extremely heavy rain (like a waterfall)",
          "ja-easy": "すごく 強い 雨（たきの ように ふる）"}),
    (80, {"ja": "猛烈な雨（息苦しくなるような圧迫感がある）", "en": "torrential rain",
          "ja-easy": "いちばん 強い 雨（いきが くるしく なる くらい）"}),
)  # fmt: skip
RIVERS_EN: Final = {
    "神田川": "Kanda River",
    "妙正寺川": "Myoshoji River",
    "善福寺川": "Zenpukuji River",
    "石神井川": "Shakujii River",
    "渋谷川・古川": "Shibuya/Furukawa River",
    "目黒川": "Meguro River",
}
ISSUERS_EN: Final = {
    "気象庁": "Japan Meteorological Agency",
    "東京都建設局": "Tokyo Metropolitan Government Bureau of Construction",
}
# River gauge stages (feeds.observations): 1 氾濫注意, 2 避難判断, 3 氾濫危険 水位.
STAGES: Final = {
    "ja": {1: "氾濫注意水位", 2: "避難判断水位", 3: "氾濫危険水位"},
    "en": {1: "flood caution level", 2: "evacuation decision level", 3: "flood danger level"},
    "ja-easy": {
        1: "氾濫注意水位（気を つける 水の 高さ）",
        2: "避難判断水位（にげる じゅんびを する 水の 高さ）",
        3: "氾濫危険水位（とても あぶない 水の 高さ）",
    },
}
# The class of a warning (Alert.level for warnings): 2 注意報, 3 警報, 4 危険警報, 5 特別警報.
CLASSES: Final = {
    "ja": {2: "注意報", 3: "警報", 4: "危険警報", 5: "特別警報"},
    "en": {2: "Advisory", 3: "Warning", 4: "Danger Warning", 5: "Emergency Warning"},
    "ja-easy": {
        2: "注意報（気を つけて ください）",
        3: "警報（あぶないです）",
        4: "危険警報（とても あぶないです）",
        5: "特別警報（いのちが あぶないです）",
    },
}

# What to do, per 警戒レベル相当 — the wording of the Cabinet Office evacuation guidelines that
# municipalities publish (レベル３ 高齢者等避難, レベル４ 全員避難, レベル５ 緊急安全確保).
LEVEL_ACTIONS: Final = {
    "ja": {
        5: "命の危険 ただちに安全確保！ すでに災害が発生しているか、切迫しています。"
        "いる場所で少しでも安全な行動をとってください。",
        4: "危険な場所から全員避難してください。区が発令する避難指示も確認してください。",
        3: "危険な場所から高齢者等は避難してください。"
        "ほかの人も避難の準備をし、必要に応じて自主的に避難してください。",
        2: "ハザードマップなどで避難場所や避難経路を確認し、自らの避難行動を確認してください。",
        1: "最新の防災気象情報に注意し、災害への心構えを高めてください。",
    },
    "en": {
        5: "Your life is in danger: secure your safety immediately. A disaster is happening"
        " or imminent; do whatever makes you even a little safer where you are.",
        4: "Everyone in a dangerous place must evacuate now. Also check the evacuation"
        " instructions issued by the ward.",
        3: "Older people and others who need time to evacuate must leave dangerous places now."
        " Everyone else, get ready to evacuate.",
        2: "Check evacuation sites and routes on the hazard map and decide how you would evacuate.",
        1: "Watch the latest weather information and be prepared.",
    },
    "ja-easy": {
        5: "いのちが あぶないです。すぐに いのちを 守って ください。"
        "外に 出るのが あぶない ときは、家の 2階より 上など、安全な ところに いて ください。",
        4: "あぶない ところに いる 人は、みんな にげて ください。",
        3: "おとしよりや、にげるのに 時間が かかる 人は、あぶない ところから にげて ください。"
        "ほかの 人も、にげる じゅんびを して ください。",
        2: "にげる 場所と 道を、ハザードマップで たしかめて ください。",
        1: "天気の 情報に 気を つけて ください。",
    },
}
# Kinds without a 警戒レベル (暴風, 大雪, 波浪, 雷 …): by class.
CLASS_ACTIONS: Final = {
    "ja": {
        5: "数十年に一度の危険な状況です。ただちに命を守る行動をとってください。",
        4: "非常に危険な状況です。安全な場所で過ごし、最新の情報を確認してください。",
        3: "重大な災害が起こるおそれがあります。不要不急の外出は控え、安全を確保してください。",
        2: "災害が起こるおそれがあります。今後の気象情報に注意してください。",
    },
    "en": {
        5: "A once-in-decades dangerous situation. Act immediately to protect your life.",
        4: "A very dangerous situation. Stay somewhere safe and check the latest information.",
        3: "Serious damage may occur. Do not go out unless you must, and stay safe.",
        2: "Damage may occur. Watch for further weather information.",
    },
    "ja-easy": {
        5: "とても あぶないです。すぐに いのちを 守って ください。",
        4: "とても あぶないです。安全な ところに いて ください。",
        3: "あぶないです。できるだけ 外に 出ないで ください。",
        2: "気を つけて ください。天気の 情報を よく 見て ください。",
    },
}
OTHER_ACTIONS: Final = {
    "ja": {
        "記録的短時間大雨": "土砂災害や浸水、中小河川の洪水の危険度が急激に高まっています。"
        "崖の近くや川沿い、浸水しやすい低い土地など危険な場所にいる人は、区の避難情報に従い、"
        "ただちに安全な場所へ避難してください。外に出るのがかえって危険なときは、"
        "建物の上の階の、崖から離れた部屋へ移ってください。地下や川には近づかないでください。",
        "線状降水帯": "同じ場所で非常に激しい雨が降り続いています。"
        "命に危険が及ぶ土砂災害や洪水の危険度が急激に高まっています。"
        "崖の近くや川沿い、浸水しやすい低い土地など危険な場所にいる人は、区の避難情報に従い、"
        "ただちに安全な場所へ避難してください。外に出るのがかえって危険なときは、"
        "建物の上の階の、崖から離れた部屋へ移ってください。地下や川には近づかないでください。",
        "rain_observed": "強い雨が観測されています。"
        "川や水路、低い土地、がけには近づかないでください。",
        "rain": "強い雨に注意し、最新の気象情報を確認してください。",
        "flood_lifted": "水位が下がるまでは、川に近づかないでください。",
        "lifted": "今後も最新の気象情報に注意してください。",
        "withdrawn": "最新の気象情報を確認してください。",
        "other": "最新の気象情報を確認してください。",
    },
    "en": {
        "記録的短時間大雨": "The risk of landslides, inundation and small rivers flooding is"
        " rising fast. If you are in a dangerous place (near a slope, by a river, on low-lying"
        " land that floods easily), follow the city's evacuation information and move somewhere"
        " safe immediately. If going outside has become dangerous, go to an upper floor, in a"
        " room away from slopes. Keep out of basements and away from rivers.",
        "線状降水帯": "Very heavy rain keeps falling over the same area. The risk of"
        " life-threatening landslides and floods is rising fast. If you are in a dangerous"
        " place (near a slope, by a river, on low-lying land that floods easily), follow the"
        " city's evacuation information and move somewhere safe immediately. If going outside"
        " has become dangerous, go to an upper floor, in a room away from slopes. Keep out of"
        " basements and away from rivers.",
        "rain_observed": "Heavy rain is being observed. Stay away from rivers, channels,"
        " low-lying land and slopes.",
        "rain": "Beware of heavy rain and check the latest weather information.",
        "flood_lifted": "Stay away from the river until the water has gone down.",
        "lifted": "Keep watching the latest weather information.",
        "withdrawn": "Check the latest weather information.",
        "other": "Check the latest weather information.",
    },
    "ja-easy": {
        "記録的短時間大雨": "とても 強い 雨が ふって います。"
        "がけの 近くや 川の 近く、水が たまりやすい 低い ところに いる 人は、"
        "すぐに 安全な ところへ 逃げて ください。外が あぶない ときは、"
        "建物の 上の 階へ 行って ください。地下や 川に 近づかないで ください。",
        "線状降水帯": "強い 雨が 同じ ところで ずっと ふって います。"
        "がけの 近くや 川の 近く、水が たまりやすい 低い ところに いる 人は、"
        "すぐに 安全な ところへ 逃げて ください。外が あぶない ときは、"
        "建物の 上の 階へ 行って ください。地下や 川に 近づかないで ください。",
        "rain_observed": "強い 雨が ふって います。川や がけに 近づかないで ください。",
        "rain": "強い 雨に 気を つけて ください。",
        "flood_lifted": "川の 水が 少なく なるまで、川に 近づかないで ください。",
        "lifted": "これからも 天気の 情報を 見て ください。",
        "withdrawn": "新しい 情報を 見て ください。",
        "other": "新しい 情報を 見て ください。",
    },
}

# Short labelled texts of this module, per language. ``{}`` fields are filled by format().
TEXT: Final = {
    "ja": {
        "exercise_mark": "【訓練】",
        "correction_mark": "【訂正】",
        "exercise_notice": "【訓練】これは訓練のメールです。実際の気象情報ではありません。",
        "correction_notice": "【訂正】先にお送りした情報を訂正します。",
        "level_line": "■ 警戒レベル: {}",
        "class_line": "■ 種別: {}",
        "level": "警戒レベル{}相当",
        "previous_line": "（これまでの情報: {}）",
        "previous_unknown": "これまでの情報",
        "conditions_line": "■ 警戒・注意事項: {}",
        "amount_line": "■ 1時間の雨量: {}ミリ",
        "intensity_line": "■ 雨の強さ: {}",
        "amount_short": "（1時間{}ミリ）",
        "stations_line": "観測水位: {}",
        "observed": "観測値（気象庁の発表ではありません）",
        "jma": "気象庁発表",
        "jma_joint": "気象庁発表（{} 共同発表）",
        "jma_office": "気象庁発表（{}）",
        "lifted": "{} 解除",
        "rain_gauge": "強い雨の観測",
        "river_topic": "{} {} {}",
    },
    "en": {
        "exercise_mark": "[EXERCISE] ",
        "correction_mark": "[CORRECTION] ",
        "exercise_notice": "[EXERCISE] This is an exercise mail. It is NOT real weather"
        " information.",
        "correction_notice": "[CORRECTION] This mail corrects an earlier one.",
        "level_line": "- Level: {}",
        "class_line": "- Type: {}",
        "level": "Alert Level {} equivalent",
        "previous_line": "(Before: {})",
        "previous_unknown": "the earlier information",
        "conditions_line": "- Watch out for: {}",
        "amount_line": "- Rain in one hour: {} mm",
        "intensity_line": "- Intensity: {}",
        "amount_short": " ({} mm/h)",
        "stations_line": "Water levels: {}",
        "observed": "Observed value (not a JMA announcement)",
        "jma": "気象庁発表 - issued by the Japan Meteorological Agency",
        "jma_joint": "気象庁発表 - issued jointly by {}",
        "jma_office": "気象庁発表 - issued by {}",
        "lifted": "{} lifted",
        "rain_gauge": "Heavy rain observed",
        "river_topic": "{} {}: {}",
    },
    "ja-easy": {
        "exercise_mark": "【訓練】",
        "correction_mark": "【訂正】",
        "exercise_notice": "【訓練】これは 練習の メールです。本当の 天気の 情報では ありません。",
        "correction_notice": "【訂正】前に 送った 情報を なおします。",
        "level_line": "■ レベル: {}",
        "class_line": "■ しゅるい: {}",
        "level": "レベル{}",
        "previous_line": "（前の 情報: {}）",
        "previous_unknown": "前の 情報",
        "conditions_line": "■ 気を つける こと: {}",
        "amount_line": "■ 1時間に ふった 雨: {}ミリ",
        "intensity_line": "■ 雨の 強さ: {}",
        "amount_short": "（1時間{}ミリ）",
        "stations_line": "水の 高さ: {}",
        "observed": "観測した 数字です（気象庁の 発表では ありません）",
        "jma": "気象庁発表（気象庁が 出した 情報です）",
        "jma_joint": "気象庁発表（{}が いっしょに 出した 情報です）",
        "jma_office": "気象庁発表（{}が 出した 情報です）",
        "lifted": "{} 解除",
        "rain_gauge": "強い 雨",
        "river_topic": "{} {} {}",
    },
}
EASY_LEVEL_WORDS: Final = {
    1: "気を つけて ください",
    2: "気を つけて ください",
    3: "あぶないです",
    4: "とても あぶないです",
    5: "いのちが あぶないです",
}
MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
