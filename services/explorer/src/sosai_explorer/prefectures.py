"""The 47 prefectures: names in both languages, a normalised key, and a tile-grid position.

The map is a tile grid (one square per prefecture, placed roughly where it lies), not a
geographic outline: it needs no boundary data, reads well at small sizes, and gives Tokyo
the same weight as Hokkaido, which suits counts of projects and tonnes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Prefecture:
    key: str
    ja: str
    en: str
    col: int
    row: int
    region: str


_P = Prefecture
PREFECTURES: tuple[Prefecture, ...] = (
    _P("hokkaido", "北海道", "Hokkaido", 12, 0, "hokkaido"),
    _P("aomori", "青森県", "Aomori", 12, 1, "tohoku"),
    _P("akita", "秋田県", "Akita", 11, 2, "tohoku"),
    _P("iwate", "岩手県", "Iwate", 12, 2, "tohoku"),
    _P("yamagata", "山形県", "Yamagata", 11, 3, "tohoku"),
    _P("miyagi", "宮城県", "Miyagi", 12, 3, "tohoku"),
    _P("ishikawa", "石川県", "Ishikawa", 8, 3, "chubu"),
    _P("fukui", "福井県", "Fukui", 7, 4, "chubu"),
    _P("toyama", "富山県", "Toyama", 8, 4, "chubu"),
    _P("niigata", "新潟県", "Niigata", 9, 4, "chubu"),
    _P("gunma", "群馬県", "Gunma", 10, 4, "kanto"),
    _P("tochigi", "栃木県", "Tochigi", 11, 4, "kanto"),
    _P("fukushima", "福島県", "Fukushima", 12, 4, "tohoku"),
    _P("shimane", "島根県", "Shimane", 3, 5, "chugoku"),
    _P("tottori", "鳥取県", "Tottori", 4, 5, "chugoku"),
    _P("hyogo", "兵庫県", "Hyogo", 5, 5, "kinki"),
    _P("kyoto", "京都府", "Kyoto", 6, 5, "kinki"),
    _P("shiga", "滋賀県", "Shiga", 7, 5, "kinki"),
    _P("gifu", "岐阜県", "Gifu", 8, 5, "chubu"),
    _P("nagano", "長野県", "Nagano", 9, 5, "chubu"),
    _P("saitama", "埼玉県", "Saitama", 10, 5, "kanto"),
    _P("ibaraki", "茨城県", "Ibaraki", 11, 5, "kanto"),
    _P("yamaguchi", "山口県", "Yamaguchi", 2, 6, "chugoku"),
    _P("hiroshima", "広島県", "Hiroshima", 3, 6, "chugoku"),
    _P("okayama", "岡山県", "Okayama", 4, 6, "chugoku"),
    _P("osaka", "大阪府", "Osaka", 5, 6, "kinki"),
    _P("nara", "奈良県", "Nara", 6, 6, "kinki"),
    _P("mie", "三重県", "Mie", 7, 6, "kinki"),
    _P("aichi", "愛知県", "Aichi", 8, 6, "chubu"),
    _P("yamanashi", "山梨県", "Yamanashi", 9, 6, "chubu"),
    _P("tokyo", "東京都", "Tokyo", 10, 6, "kanto"),
    _P("chiba", "千葉県", "Chiba", 11, 6, "kanto"),
    _P("saga", "佐賀県", "Saga", 0, 7, "kyushu"),
    _P("fukuoka", "福岡県", "Fukuoka", 1, 7, "kyushu"),
    _P("ehime", "愛媛県", "Ehime", 3, 7, "shikoku"),
    _P("kagawa", "香川県", "Kagawa", 4, 7, "shikoku"),
    _P("wakayama", "和歌山県", "Wakayama", 5, 7, "kinki"),
    _P("shizuoka", "静岡県", "Shizuoka", 8, 7, "chubu"),
    _P("kanagawa", "神奈川県", "Kanagawa", 9, 7, "kanto"),
    _P("nagasaki", "長崎県", "Nagasaki", 0, 8, "kyushu"),
    _P("kumamoto", "熊本県", "Kumamoto", 1, 8, "kyushu"),
    _P("oita", "大分県", "Oita", 2, 8, "kyushu"),
    _P("kochi", "高知県", "Kochi", 3, 8, "shikoku"),
    _P("tokushima", "徳島県", "Tokushima", 4, 8, "shikoku"),
    _P("kagoshima", "鹿児島県", "Kagoshima", 1, 9, "kyushu"),
    _P("miyazaki", "宮崎県", "Miyazaki", 2, 9, "kyushu"),
    _P("okinawa", "沖縄県", "Okinawa", 0, 10, "okinawa"),
)
BY_KEY = {p.key: p for p in PREFECTURES}
_BY_JA = {p.ja: p for p in PREFECTURES} | {p.ja[:-1]: p for p in PREFECTURES if p.key != "hokkaido"}
_SUFFIX = re.compile(r"[\s_-]*(prefecture|ken|fu|to)$")


def normalise(name: str) -> str:
    """The key of a prefecture however an event spells it (``Kochi``, ``kochi-ken``, ``高知県``);
    an unknown name is kept, lower-cased, so nothing is dropped from the read model."""
    text = name.strip()
    if text in _BY_JA:
        return _BY_JA[text].key
    key = text.lower().replace("ō", "o").replace("ū", "u")
    if key in BY_KEY:
        return key
    stripped = _SUFFIX.sub("", key)
    return stripped if stripped in BY_KEY else key


def label(key: str | None, lang: str) -> str:
    if not key:
        return ""
    p = BY_KEY.get(key)
    if p is None:
        return key
    return p.ja if lang == "ja" else p.en
