"""The FY2010 programme as data: every record `make seed` loads, built without any I/O.

Everything comes from one seeded ``random.Random``, so two runs build exactly the same
records (and therefore the same request bodies, which is what lets the Idempotency-Key
of a re-run replay instead of doubling). The white paper's figures are fixed here as
constants and the generators are constructed to hit them exactly; the seed script only
moves these records through the public APIs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

# ---------------------------------------------------------------- the white paper's figures
METHODOLOGIES_ER = 25
METHODOLOGIES_FOREST = 3
PROJECTS_BEFORE_FY2010 = 26
PROJECTS_IN_FY2010 = 60
TONNES_CERTIFIED = 41_732
TONNES_ISSUED = 40_240
CERTIFIED_INITIATIVES = 56
FIRST_CERTIFICATION_DAY = date(2009, 10, 22)
FIRST_CERTIFICATIONS = 6
CERTIFIED_IN_FY2009 = 20  # the rest (36) in FY2010, up to the white paper's "as of" month
ANSHIN_PROVIDERS = 11
REPORTED_CASES = 1_000
AS_OF = date(2011, 2, 28)  # "as of February 2011"
CLOSED_PARTIES_GUIDELINE = date(2010, 6, 25)  # no closed-between-parties offsets before it

SEED = 2010


# ---------------------------------------------------------------- places
@dataclass(frozen=True)
class Place:
    prefecture: str  # romanised, as the events catalog lists them
    prefecture_ja: str
    city: str
    city_ja: str
    utility: str  # the electricity supplier (calculator region)


PLACES = (
    Place("Hokkaido", "北海道", "Shimokawa", "下川町", "hokkaido"),
    Place("Hokkaido", "北海道", "Ashoro", "足寄町", "hokkaido"),
    Place("Aomori", "青森県", "Hirosaki", "弘前市", "tohoku"),
    Place("Iwate", "岩手県", "Kuzumaki", "葛巻町", "tohoku"),
    Place("Iwate", "岩手県", "Sumita", "住田町", "tohoku"),
    Place("Akita", "秋田県", "Noshiro", "能代市", "tohoku"),
    Place("Yamagata", "山形県", "Kaneyama", "金山町", "tohoku"),
    Place("Fukushima", "福島県", "Samegawa", "鮫川村", "tohoku"),
    Place("Tochigi", "栃木県", "Nasushiobara", "那須塩原市", "tepco"),
    Place("Gunma", "群馬県", "Minakami", "みなかみ町", "tepco"),
    Place("Tokyo", "東京都", "Chiyoda", "千代田区", "tepco"),
    Place("Kanagawa", "神奈川県", "Yokohama", "横浜市", "tepco"),
    Place("Niigata", "新潟県", "Sado", "佐渡市", "tohoku"),
    Place("Nagano", "長野県", "Ina", "伊那市", "chubu"),
    Place("Gifu", "岐阜県", "Gujo", "郡上市", "chubu"),
    Place("Shizuoka", "静岡県", "Hamamatsu", "浜松市", "chubu"),
    Place("Aichi", "愛知県", "Toyota", "豊田市", "chubu"),
    Place("Mie", "三重県", "Owase", "尾鷲市", "chubu"),
    Place("Toyama", "富山県", "Nanto", "南砺市", "hokuriku"),
    Place("Kyoto", "京都府", "Fukuchiyama", "福知山市", "kansai"),
    Place("Osaka", "大阪府", "Osaka", "大阪市", "kansai"),
    Place("Hyogo", "兵庫県", "Kami", "香美町", "kansai"),
    Place("Nara", "奈良県", "Yoshino", "吉野町", "kansai"),
    Place("Wakayama", "和歌山県", "Tanabe", "田辺市", "kansai"),
    Place("Tottori", "鳥取県", "Chizu", "智頭町", "chugoku"),
    Place("Shimane", "島根県", "Unnan", "雲南市", "chugoku"),
    Place("Okayama", "岡山県", "Maniwa", "真庭市", "chugoku"),
    Place("Okayama", "岡山県", "Nishiawakura", "西粟倉村", "chugoku"),
    Place("Hiroshima", "広島県", "Shobara", "庄原市", "chugoku"),
    Place("Tokushima", "徳島県", "Kamikatsu", "上勝町", "shikoku"),
    Place("Kagawa", "香川県", "Takamatsu", "高松市", "shikoku"),
    Place("Ehime", "愛媛県", "Kumakogen", "久万高原町", "shikoku"),
    Place("Kochi", "高知県", "Yusuhara", "梼原町", "shikoku"),
    Place("Kochi", "高知県", "Umaji", "馬路村", "shikoku"),
    Place("Kochi", "高知県", "Kochi", "高知市", "shikoku"),
    Place("Fukuoka", "福岡県", "Fukuoka", "福岡市", "kyushu"),
    Place("Kumamoto", "熊本県", "Oguni", "小国町", "kyushu"),
    Place("Oita", "大分県", "Hita", "日田市", "kyushu"),
    Place("Miyazaki", "宮崎県", "Morotsuka", "諸塚村", "kyushu"),
    Place("Kagoshima", "鹿児島県", "Satsumasendai", "薩摩川内市", "kyushu"),
    Place("Okinawa", "沖縄県", "Naha", "那覇市", "okinawa"),
)
#: Prefectures that ran their own J-VER programme issuing into the national registry.
PREFECTURAL_PROGRAMMES = {"Kochi": "kochi", "Hokkaido": "hokkaido", "Iwate": "iwate", "Tottori": "tottori"}


# ---------------------------------------------------------------- methodologies
@dataclass(frozen=True)
class Methodology:
    code: str
    name_ja: str
    name_en: str
    category: str

    @property
    def name(self) -> str:
        return f"{self.name_ja} / {self.name_en}"


_ER = (
    ("化石燃料から未利用森林バイオマスへのボイラー燃料代替", "Boiler fuel switch to unused forest biomass"),
    ("木質ペレットストーブ・ボイラーの導入", "Wood pellet stoves and boilers"),
    ("ヒートポンプの導入", "Heat pumps replacing fuel-fired heating"),
    ("廃食用油由来バイオディーゼル燃料の利用", "Biodiesel from waste cooking oil"),
    ("木質バイオマス発電", "Woody biomass power generation"),
    ("雪氷熱エネルギーの利用", "Snow and ice cold storage"),
    ("小水力発電の導入", "Small hydropower"),
    ("太陽光発電設備の導入", "Solar photovoltaic power"),
    ("高効率空調機器の導入", "High-efficiency air conditioning"),
    ("照明設備の更新", "Lighting replacement"),
    ("家畜排せつ物由来バイオガスの利用", "Biogas from livestock manure"),
    ("地中熱ヒートポンプの導入", "Ground-source heat pumps"),
    ("エコドライブ支援機器の導入", "Eco-driving support devices"),
    ("輸送手段の変更（モーダルシフト）", "Modal shift of freight transport"),
    ("太陽熱利用設備の導入", "Solar thermal heating"),
    ("コージェネレーションの導入", "Cogeneration"),
    ("重油から都市ガスへの燃料転換", "Fuel switch from heavy oil to city gas"),
    ("ポンプ・ファンのインバーター制御", "Inverter control of pumps and fans"),
    ("高効率ボイラーの導入", "High-efficiency boilers"),
    ("バイオエタノール燃料の利用", "Bioethanol fuel"),
    ("もみ殻燃料の利用", "Rice-husk fuel"),
    ("排熱回収設備の導入", "Waste-heat recovery"),
    ("風力発電の導入", "Wind power"),
    ("食品廃棄物メタン発酵の利用", "Methane fermentation of food waste"),
    ("施設園芸加温設備へのバイオマス燃料利用", "Biomass heating of greenhouses"),
)
_FOREST = (
    ("森林経営活動によるCO2吸収量の増大（間伐促進型）", "Forest management: thinning"),
    ("植林活動によるCO2吸収量の増大", "Afforestation"),
    ("持続可能な森林経営促進型プロジェクト", "Sustainable forest management"),
)


def methodologies() -> list[Methodology]:
    out = [Methodology(f"E{i:03d}", ja, en, "emission_reduction") for i, (ja, en) in enumerate(_ER, 1)]
    out += [Methodology(f"R{i:03d}", ja, en, "forest_absorption") for i, (ja, en) in enumerate(_FOREST, 1)]
    assert len(out) == METHODOLOGIES_ER + METHODOLOGIES_FOREST
    return out


# ---------------------------------------------------------------- projects and certifications
#: project kinds: (methodology code, Japanese, English, tonnes per year low-high)
PROJECT_KINDS = (
    ("E001", "木質バイオマスボイラー導入", "Woody biomass boiler", 150, 900),
    ("E002", "木質ペレットボイラー導入", "Wood pellet boiler", 60, 400),
    ("E003", "温泉施設への高効率ヒートポンプ導入", "Heat pump at a hot-spring facility", 80, 300),
    ("E004", "廃食用油BDFによる公用車燃料代替", "Waste-oil biodiesel for municipal vehicles", 30, 150),
    ("E007", "農業用水路を活用した小水力発電", "Small hydro on an irrigation canal", 100, 500),
    ("E011", "家畜ふん尿バイオガス発電", "Manure biogas power", 200, 800),
    ("E017", "工場ボイラーの重油から都市ガスへの転換", "Factory boiler switch to city gas", 300, 1200),
    ("E025", "ハウス加温への木質バイオマス利用", "Biomass heating of greenhouses", 80, 400),
    ("R001", "間伐促進による森林吸収", "Forest thinning", 400, 2500),
    ("R003", "持続可能な森林経営による吸収", "Sustainable forest management", 500, 3000),
)


@dataclass
class Certification:
    key: str
    period_start: date
    period_end: date
    certified_on: date
    quantity: int = 0
    issued_on: date | None = None  # None: certified but not (yet) issued

    @property
    def monitoring_report(self) -> str:
        return f"MR-{self.key}"


@dataclass
class Project:
    key: str  # stable: part of every Idempotency-Key about this project
    org: str
    name_ja: str
    name_en: str
    methodology: str
    place: Place
    programme: str
    crediting_start: date
    crediting_end: date
    validated_on: date
    registered_on: date
    weight: float
    certifications: list[Certification] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.name_ja}（{self.place.prefecture_ja}{self.place.city_ja}） / {self.name_en}, {self.place.city}"

    @property
    def forest(self) -> bool:
        return self.methodology.startswith("R")


def _day_between(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return d.replace(year=d.year + y, month=m + 1, day=1)


def _registration_days(rng: random.Random) -> list[date]:
    """26 registrations before FY2010 (J-VER's first in March 2009), 60 during FY2010 up to the as-of day."""
    before = [_day_between(rng, date(2009, 3, 2), date(2009, 3, 27)) for _ in range(3)]
    before += [
        _day_between(rng, date(2009, 4, 10), date(2010, 3, 26)) for _ in range(PROJECTS_BEFORE_FY2010 - 3)
    ]
    during = [_day_between(rng, date(2010, 4, 9), date(2011, 2, 25)) for _ in range(PROJECTS_IN_FY2010)]
    return sorted(before) + sorted(during)


def projects() -> list[Project]:
    """86 projects, in registration order, with their certifications.

    Certified quantities are scaled so the issued certifications add up to exactly
    TONNES_ISSUED and the two latest (certified in February 2011, not yet issued) to
    TONNES_CERTIFIED - TONNES_ISSUED.
    """
    rng = random.Random(SEED)
    out: list[Project] = []
    for i, registered in enumerate(_registration_days(rng), 1):
        # forest projects were a large share of J-VER registrations (weighted 2.5 : 1 per kind)
        code, ja, en, lo, hi = rng.choices(
            PROJECT_KINDS, [2.5 if k[0].startswith("R") else 1 for k in PROJECT_KINDS]
        )[0]
        place = PLACES[rng.randrange(len(PLACES))]
        forest = code.startswith("R")
        programme = PREFECTURAL_PROGRAMMES.get(place.prefecture, "national") if forest else "national"
        start = (
            date(2008, 4, 1) if forest else _month_start(registered - timedelta(days=rng.randint(30, 200)))
        )
        out.append(
            Project(
                key=f"p{i:02d}",
                org=f"proponent-{i:02d}-{place.city.lower()}",
                name_ja=ja,
                name_en=en,
                methodology=code,
                place=place,
                programme=programme,
                crediting_start=start,
                crediting_end=date(2013, 3, 31),
                validated_on=registered - timedelta(days=rng.randint(20, 60)),
                registered_on=registered,
                weight=rng.uniform(lo, hi),
            )
        )
    for p in out:
        begin = max(p.crediting_start, _month_start(p.registered_on) if not p.forest else date(2008, 4, 1))
        for n in (1, 2):
            end = _add_months(begin, rng.choice((6, 9, 12))) - timedelta(days=1)
            end = min(end, date(2010, 12, 31))
            if end <= begin:
                break
            # verification takes weeks, and nothing is certified before the project is registered
            certified = max(
                end + timedelta(days=rng.randint(45, 100)),
                p.registered_on + timedelta(days=rng.randint(30, 60)),
            )
            if certified > AS_OF:
                break
            p.certifications.append(Certification(f"{p.key}-c{n}", begin, end, certified))
            begin = end + timedelta(days=1)
    _quantities(rng, out)
    return out


def _quantities(rng: random.Random, projects_: list[Project]) -> None:
    certs = sorted(
        ((c, p) for p in projects_ for c in p.certifications), key=lambda cp: (cp[0].certified_on, cp[0].key)
    )
    pending = certs[-2:]  # the latest two await issuance as of February 2011
    issued = certs[:-2]
    unissued_total = TONNES_CERTIFIED - TONNES_ISSUED
    pending[0][0].quantity = unissued_total * 55 // 100
    pending[1][0].quantity = unissued_total - pending[0][0].quantity
    weights = [p.weight * (c.period_end - c.period_start).days / 365 for c, p in issued]
    total_w = sum(weights)
    for (c, _p), w in zip(issued, weights, strict=True):
        c.quantity = max(20, round(w * TONNES_ISSUED / total_w))
    # the rounding remainder goes to the largest certification, so the sum is exact
    largest = max(issued, key=lambda cp: cp[0].quantity)[0]
    largest.quantity += TONNES_ISSUED - sum(c.quantity for c, _ in issued)
    for c, _p in issued:
        c.issued_on = min(c.certified_on + timedelta(days=rng.randint(10, 35)), AS_OF)
    assert sum(c.quantity for c, _ in certs) == TONNES_CERTIFIED


def holder_share(p: Project, quantity: int, buffer_share_pct: int = 10) -> int:
    """What the holder receives of an issuance: forest issuances give ceil(10 %) to the buffer."""
    if not p.forest:
        return quantity
    return quantity - -(-quantity * buffer_share_pct // 100)


# ---------------------------------------------------------------- Anshin providers
@dataclass(frozen=True)
class Provider:
    org: str
    name_ja: str
    name_en: str
    website: str

    @property
    def name(self) -> str:
        return f"{self.name_ja} / {self.name_en}"


PROVIDERS = tuple(
    Provider(f"provider-{slug}", ja, en, f"https://{slug}.example.jp")
    for slug, ja, en in (
        ("midori-offset", "みどりオフセット株式会社", "Midori Offset Co."),
        ("aozora-carbon", "あおぞらカーボン株式会社", "Aozora Carbon Inc."),
        ("yamabiko-credit", "やまびこクレジットサービス株式会社", "Yamabiko Credit Services"),
        ("sakura-kankyo", "さくら環境パートナーズ株式会社", "Sakura Environmental Partners"),
        ("hikari-econet", "ひかりエコネット株式会社", "Hikari EcoNet Co."),
        ("mori-no-megumi", "一般社団法人森のめぐみ", "Mori no Megumi Association"),
        ("shizuku-carbon", "しずくカーボンバンク株式会社", "Shizuku Carbon Bank"),
        ("tsubasa-ecology", "つばさエコロジー株式会社", "Tsubasa Ecology Co."),
        ("nagomi-green", "なごみグリーン株式会社", "Nagomi Green Co."),
        ("ibuki-credit", "いぶきクレジット株式会社", "Ibuki Credit Co."),
        ("kaze-offset", "かぜのオフセット協同組合", "Kaze Offset Cooperative"),
    )
)
assert len(PROVIDERS) == ANSHIN_PROVIDERS


# ---------------------------------------------------------------- events catalog (FY2010)
@dataclass(frozen=True)
class Session:
    key: str
    programme: str
    title_ja: str
    title_en: str
    venue: str
    place: Place
    day: date
    start_hour: int
    hours: int
    capacity: int
    registrants: int
    venue_kwh: int
    meals: int
    accommodation_nights: int = 0


def _p(pref: str, city: str) -> Place:
    return next(p for p in PLACES if p.prefecture == pref and p.city == city)


def _extra(pref: str, pref_ja: str, city: str, city_ja: str, utility: str) -> Place:
    return Place(pref, pref_ja, city, city_ja, utility)


SAPPORO = _extra("Hokkaido", "北海道", "Sapporo", "札幌市", "hokkaido")
SENDAI = _extra("Miyagi", "宮城県", "Sendai", "仙台市", "tohoku")
NAGOYA = _extra("Aichi", "愛知県", "Nagoya", "名古屋市", "chubu")
HIROSHIMA = _extra("Hiroshima", "広島県", "Hiroshima", "広島市", "chugoku")
NIIGATA = _extra("Niigata", "新潟県", "Niigata", "新潟市", "tohoku")
TOKYO = _p("Tokyo", "Chiyoda")
OSAKA = _p("Osaka", "Osaka")
FUKUOKA = _p("Fukuoka", "Fukuoka")
TAKAMATSU = _p("Kagawa", "Takamatsu")
KOCHI = _p("Kochi", "Kochi")
NAHA = _p("Okinawa", "Naha")


def sessions() -> list[Session]:
    lt = "カーボン・オフセット・リーダー研修", "Carbon Offset Leader training"
    jb = "J-VER制度全国説明会", "J-VER nationwide briefing"
    ex = "カーボン・オフセットEXPO", "Carbon Offset EXPO"
    rows: list[Session] = []
    for i, (place, venue, day) in enumerate(
        (
            (TOKYO, "環境省 第1会議室", date(2010, 7, 14)),
            (OSAKA, "大阪国際会議場", date(2010, 8, 6)),
            (NAGOYA, "名古屋市中小企業振興会館", date(2010, 9, 10)),
            (FUKUOKA, "福岡県中小企業振興センター", date(2010, 10, 19)),
            (SENDAI, "仙台市情報・産業プラザ", date(2010, 11, 12)),
        ),
        1,
    ):
        rows.append(
            Session(
                f"lt{i}",
                "leader_training",
                f"{lt[0]}（{place.city_ja}）",
                f"{lt[1]}, {place.city}",
                venue,
                place,
                day,
                10,
                7,
                40,
                16 + 2 * i,
                220,
                0,
            )
        )
    for i, (place, venue, day) in enumerate(
        (
            (SAPPORO, "札幌エルプラザ", date(2010, 6, 3)),
            (SENDAI, "仙台国際センター", date(2010, 6, 10)),
            (TOKYO, "日本教育会館", date(2010, 6, 17)),
            (NIIGATA, "新潟市産業振興センター", date(2010, 6, 24)),
            (NAGOYA, "ウインクあいち", date(2010, 7, 1)),
            (OSAKA, "大阪府立男女共同参画・青少年センター", date(2010, 7, 8)),
            (HIROSHIMA, "広島県民文化センター", date(2010, 7, 15)),
            (TAKAMATSU, "サンポートホール高松", date(2010, 7, 22)),
            (KOCHI, "高知市文化プラザかるぽーと", date(2010, 7, 29)),
            (FUKUOKA, "福岡商工会議所", date(2010, 8, 5)),
        ),
        1,
    ):
        rows.append(
            Session(
                f"jb{i:02d}",
                "jver_briefing",
                f"{jb[0]}（{place.city_ja}）",
                f"{jb[1]}, {place.city}",
                venue,
                place,
                day,
                13,
                3,
                120,
                18 + (i * 7) % 15,
                90,
                0,
            )
        )
    for i, (place, venue, day, cap) in enumerate(
        (
            (TOKYO, "東京国際フォーラム", date(2010, 10, 8), 300),
            (TOKYO, "東京国際フォーラム", date(2010, 10, 9), 300),
            (OSAKA, "グランキューブ大阪", date(2010, 12, 3), 200),
            (FUKUOKA, "福岡国際会議場", date(2011, 1, 21), 200),
        ),
        1,
    ):
        rows.append(
            Session(
                f"ex{i}",
                "expo",
                f"{ex[0]}（{place.city_ja}・第{i}回）",
                f"{ex[1]}, {place.city} #{i}",
                venue,
                place,
                day,
                10,
                7,
                cap,
                30 + 2 * i,
                1800,
                60,
                6,
            )
        )
    return rows


_FAMILY = (
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "清水",
    "山崎",
    "森",
    "池田",
    "橋本",
    "阿部",
)
_GIVEN = (
    "一郎",
    "健太",
    "大輔",
    "直樹",
    "誠",
    "花子",
    "美咲",
    "裕子",
    "恵",
    "翔太",
    "由美",
    "浩二",
    "聡",
    "明美",
    "拓也",
    "陽子",
    "隆",
    "真理子",
    "剛",
    "智子",
)


@dataclass(frozen=True)
class Registrant:
    email: str
    name: str
    origin: Place
    mode: str
    distance_km: int
    attended: bool


def registrants(s: Session) -> list[Registrant]:
    """Who registered (and who came): most travel by rail, some by car, far-away visitors by air."""
    rng = random.Random(f"{SEED}-{s.key}")
    out = []
    for n in range(s.registrants):
        origin = s.place if rng.random() < 0.55 else PLACES[rng.randrange(len(PLACES))]
        if origin == s.place:
            mode, km = rng.choice(("rail", "rail", "bus", "car")), rng.randint(2, 30)
        else:
            km = rng.randint(60, 900)
            mode = "air" if km > 600 else rng.choice(("rail", "rail", "car"))
        out.append(
            Registrant(
                email=f"{s.key}-{n:03d}@participants.example.jp",
                name=f"{rng.choice(_FAMILY)} {rng.choice(_GIVEN)}",
                origin=origin,
                mode=mode,
                distance_km=km,
                attended=rng.random() < 0.9,
            )
        )
    return out


def attendee_groups(s: Session) -> list[dict[str, object]]:
    """The attended registrants grouped exactly as the catalog groups them for its calculator request,
    so the calculator footprint and the catalog's recorded footprint agree to the gram."""
    groups: dict[tuple[str, str, int], int] = {}
    for r in registrants(s):
        if r.attended:
            k = (f"{r.origin.prefecture} {r.origin.city}", r.mode, r.distance_km)
            groups[k] = groups.get(k, 0) + 1
    return [
        {"origin": o, "mode": m, "distance_km": f"{d}.0", "count": n}
        for (o, m, d), n in sorted(groups.items())
    ]


# ---------------------------------------------------------------- certified offset initiatives
OFFSET_SUBJECTS = {
    "product_service": (
        ("product", "カーボン・オフセット付き年賀はがき", "Carbon-offset New Year postcards"),
        ("product", "オフセット付きミネラルウォーター", "Carbon-offset mineral water"),
        ("service", "カーボン・オフセット宅配便", "Carbon-offset parcel delivery"),
        ("product", "オフセット付き地ビール", "Carbon-offset craft beer"),
        ("product", "カーボン・オフセット住宅", "Carbon-offset detached house"),
        ("product", "オフセット付き特別栽培米", "Carbon-offset rice"),
        ("service", "カーボン・オフセット印刷", "Carbon-offset printing"),
        ("service", "カーボン・オフセット旅行プラン", "Carbon-offset travel package"),
        ("product", "オフセット付き木製文具", "Carbon-offset wooden stationery"),
        ("product", "カーボン・ニュートラル緑茶", "Carbon-neutral green tea"),
        ("service", "オフセット付きクリーニング", "Carbon-offset dry cleaning"),
    ),
    "meeting_event": (
        ("event", "地球温暖化防止フォーラム", "Climate forum"),
        ("event", "市民マラソン大会", "City marathon"),
        ("event", "環境国際シンポジウム", "International environment symposium"),
        ("event", "野外音楽フェスティバル", "Outdoor music festival"),
        ("event", "定時株主総会", "Annual shareholders' meeting"),
        ("event", "花火大会", "Fireworks festival"),
    ),
    "own_activity": (
        ("activity", "本社オフィスの事業活動", "Head-office operations"),
        ("activity", "社用車の使用", "Company vehicle fleet"),
        ("activity", "店舗の電力使用", "Store electricity use"),
        ("activity", "工場ボイラーの燃料使用", "Factory boiler fuel"),
    ),
    "own_activity_support": (
        ("activity", "社員家庭のCO2削減・オフセット支援", "Offset support for employees' households"),
        ("activity", "顧客のカーボン・オフセット支援プログラム", "Customers' offset support programme"),
    ),
    "closed_specific_parties": (
        ("activity", "取引先との共同カーボン・オフセット", "Joint offset with suppliers"),
        ("activity", "グループ会社間のカーボン・オフセット", "Offset within a corporate group"),
    ),
}
_INDUSTRIES = (
    ("印刷株式会社", "Printing Co."),
    ("酒造株式会社", "Brewery"),
    ("運輸株式会社", "Transport Co."),
    ("製菓株式会社", "Confectionery Co."),
    ("観光協会", "Tourism Association"),
    ("食品株式会社", "Foods Co."),
    ("建設株式会社", "Construction Co."),
    ("信用金庫", "Shinkin Bank"),
    ("商工会議所", "Chamber of Commerce"),
    ("製紙株式会社", "Paper Co."),
    ("ホテル株式会社", "Hotel Co."),
    ("生活協同組合", "Consumers' Co-op"),
)


@dataclass
class Initiative:
    key: str
    org: str
    name_ja: str
    name_en: str
    offset_type: str
    subject_kind: str
    subject_ja: str
    subject_en: str
    place: Place
    certify_on: date
    provider: Provider
    carbon_neutral: bool
    footprint: dict[str, object]
    session: Session | None = None

    @property
    def applicant_name(self) -> str:
        return f"{self.name_ja} / {self.name_en}"

    @property
    def subject_name(self) -> str:
        return f"{self.subject_ja} / {self.subject_en}"

    @property
    def fiscal_year(self) -> int:
        return self.certify_on.year if self.certify_on.month >= 4 else self.certify_on.year - 1


def _certification_days(rng: random.Random, fixed: list[date]) -> list[date]:
    """First 6 on 2009-10-22, the rest of FY2009 from November, FY2010 up to the as-of day;
    the EXPO sessions' certifications (fixed) are part of the FY2010 ones."""
    days = [FIRST_CERTIFICATION_DAY] * FIRST_CERTIFICATIONS
    days += [
        _day_between(rng, date(2009, 11, 5), date(2010, 3, 26))
        for _ in range(CERTIFIED_IN_FY2009 - FIRST_CERTIFICATIONS)
    ]
    n_fy2010 = CERTIFIED_INITIATIVES - CERTIFIED_IN_FY2009 - len(fixed)
    days += [_day_between(rng, date(2010, 4, 15), AS_OF) for _ in range(n_fy2010)]
    return sorted(days)


def _organisation_footprint(rng: random.Random, fy: int, place: Place, share: str) -> dict[str, object]:
    elec: dict[str, object] = {
        "activity": "electricity",
        "amount": str(rng.randint(20, 400) * 1000),
        "unit": "kWh",
    }
    if fy >= 2010:  # FY2009 utility factors exist for FY2010 emissions (N-1); FY2009 uses the default
        elec["region"] = place.utility
    acts = [elec, {"activity": "gasoline", "amount": f"{rng.randint(20, 400) / 10:.1f}", "unit": "kL"}]
    if rng.random() < 0.5:
        fuel = rng.choice(("kerosene", "a_heavy_oil", "lpg"))
        acts.append(
            {"activity": fuel, "amount": str(rng.randint(2, 40)), "unit": "t" if fuel == "lpg" else "kL"}
        )
    return {
        "kind": "organisation",
        "activities": acts,
        "plan": {"planned_reduction_t_co2": str(rng.randint(0, 5)), "offset_share": share},
    }


def _product_footprint(rng: random.Random, fy: int, place: Place) -> dict[str, object]:
    elec: dict[str, object] = {
        "activity": "electricity",
        "amount": f"{rng.randint(5, 80) / 100:.2f}",
        "unit": "kWh",
    }
    if fy >= 2010:
        elec["region"] = place.utility
    per_unit = [elec, {"activity": "diesel", "amount": f"{rng.randint(2, 30) / 100000:.5f}", "unit": "kL"}]
    return {
        "kind": "product",
        "units": rng.randint(20, 400) * 1000,
        "per_unit": per_unit,
        "plan": {"planned_reduction_t_co2": "0", "offset_share": "1"},
    }


def _event_footprint(rng: random.Random, fy: int, place: Place) -> dict[str, object]:
    attendees = [
        {
            "origin": place.city,
            "mode": "rail",
            "distance_km": str(rng.randint(3, 20)),
            "count": rng.randint(100, 2000),
        },
        {
            "origin": "regional",
            "mode": "car",
            "distance_km": str(rng.randint(20, 80)),
            "count": rng.randint(50, 800),
        },
        {
            "origin": "Tokyo",
            "mode": "air",
            "distance_km": str(rng.randint(400, 1000)),
            "count": rng.randint(5, 60),
        },
    ]
    body: dict[str, object] = {
        "kind": "event",
        "attendees": attendees,
        "venue_kwh": str(rng.randint(500, 8000)),
        "meals": rng.randint(100, 2000),
        "accommodation_nights": rng.randint(0, 200),
        "plan": {"planned_reduction_t_co2": "0", "offset_share": "1"},
    }
    if fy >= 2010:
        body["utility"] = place.utility
    return body


def _session_footprint(s: Session) -> dict[str, object]:
    # exactly the catalog's own calculator request (estimate_request), so both agree
    return {
        "kind": "event",
        "attendees": attendee_groups(s),
        "venue_kwh": f"{s.venue_kwh}.000",
        "utility": s.place.utility,
        "meals": s.meals,
        "accommodation_nights": s.accommodation_nights,
        "plan": {"planned_reduction_t_co2": "0", "offset_share": "1"},
    }


def initiatives() -> list[Initiative]:
    """The 56 certified offset initiatives, in certification order.

    The four EXPO sessions are offset and certified as meetings-and-events offsets (the
    journey of the architecture: footprint → retirement → application → certificate).
    """
    rng = random.Random(f"{SEED}-initiatives")
    expo = [s for s in sessions() if s.programme == "expo"]
    expo_days = [s.day + timedelta(days=rng.randint(25, 35)) for s in expo]
    days = _certification_days(rng, expo_days)
    types = (
        ["product_service"] * 22
        + ["meeting_event"] * 12
        + ["own_activity"] * 10
        + ["own_activity_support"] * 4
        + ["closed_specific_parties"] * 4
    )
    rng.shuffle(types)
    # closed-between-parties offsets exist only after their guideline (2010-06-25): swap them late
    slots = sorted(range(len(days)), key=lambda i: days[i])
    late = [i for i in slots if days[i] > CLOSED_PARTIES_GUIDELINE + timedelta(days=30)]
    closed = [i for i, t in enumerate(types) if t == "closed_specific_parties"]
    for j, i in enumerate(closed):
        target = late[-(j * 3 + 2)]
        types[i], types[target] = types[target], types[i]
    plan = sorted(
        [(d, t, None) for d, t in zip(days, types, strict=True)]
        + [(d, "meeting_event", s) for d, s in zip(expo_days, expo, strict=True)],
        key=lambda x: (x[0], x[2].key if x[2] else ""),
    )
    used_names: set[str] = set()
    out = []
    for n, (day, offset_type, session) in enumerate(plan, 1):
        fy = day.year if day.month >= 4 else day.year - 1
        if session is not None:
            place, kind, sja, sen = session.place, "event", session.title_ja, session.title_en
            org, ja, en = (
                "moe-outreach",  # the sessions' organiser: only it may certify them
                "環境省カーボン・オフセット推進室",
                "MOE Carbon Offset Office",
            )
        else:
            place = PLACES[rng.randrange(len(PLACES))]
            kind, sja, sen = rng.choice(OFFSET_SUBJECTS[offset_type])
            ind_ja, ind_en = rng.choice(_INDUSTRIES)
            ja, en = f"{place.city_ja}{ind_ja}", f"{place.city} {ind_en}"
            while ja in used_names:  # one organisation per initiative: add a branch name
                ja, en = ja + "（本店）", en + " (Head Office)"
            used_names.add(ja)
            org = f"applicant-{n:02d}-{place.city.lower()}"
        # the EXPO sessions are offset in full (the catalog shows them as offset, then certified)
        carbon_neutral = session is not None or (
            offset_type in ("product_service", "meeting_event") and rng.random() < 0.6
        )
        share = "1" if carbon_neutral else rng.choice(("0.1", "0.2", "0.25", "0.5"))
        if session is not None:
            footprint = _session_footprint(session)
        elif kind == "event":
            footprint = _event_footprint(rng, fy, place)
        elif kind in ("product", "service"):
            footprint = _product_footprint(rng, fy, place)
        else:
            footprint = _organisation_footprint(rng, fy, place, share)
        if footprint["kind"] != "organisation":
            footprint["plan"] = {"planned_reduction_t_co2": "0", "offset_share": share}
        out.append(
            Initiative(
                key=f"i{n:02d}",
                org=org,
                name_ja=ja,
                name_en=en,
                offset_type=offset_type,
                subject_kind=kind,
                subject_ja=sja,
                subject_en=sen,
                place=place,
                certify_on=day,
                provider=PROVIDERS[rng.randrange(len(PROVIDERS))],
                carbon_neutral=carbon_neutral,
                footprint=footprint,
                session=session,
            )
        )
    assert len(out) == CERTIFIED_INITIATIVES
    assert sum(1 for i in out if i.certify_on < date(2010, 4, 1)) == CERTIFIED_IN_FY2009
    return out


# ---------------------------------------------------------------- reported (uncertified) cases
#: cases reported per fiscal year (FY2010 up to December 2010): the practice spread fast
REPORTED_BY_FY = {2008: 262, 2009: 398, 2010: 340}
_CASE_TYPE_WEIGHTS = {
    2008: {"product_service": 40, "meeting_event": 30, "own_activity": 22, "own_activity_support": 8},
    2009: {"product_service": 42, "meeting_event": 27, "own_activity": 21, "own_activity_support": 10},
    2010: {
        "product_service": 40,
        "meeting_event": 25,
        "own_activity": 20,
        "own_activity_support": 9,
        "closed_specific_parties": 6,
    },
}


def reported_cases() -> list[dict[str, object]]:
    """About 1,000 domestic offset cases reported by the end of December 2010 (not certified)."""
    assert sum(REPORTED_BY_FY.values()) == REPORTED_CASES
    rng = random.Random(f"{SEED}-cases")
    out: list[dict[str, object]] = []
    for fy, n in REPORTED_BY_FY.items():
        lo, hi = date(fy, 4, 1), date(fy + 1, 3, 31) if fy < 2010 else date(2010, 12, 31)
        weights = _CASE_TYPE_WEIGHTS[fy]
        for _ in range(n):
            offset_type = rng.choices(list(weights), list(weights.values()))[0]
            on = _day_between(rng, lo, hi)
            if offset_type == "closed_specific_parties" and on < CLOSED_PARTIES_GUIDELINE:
                on = _day_between(rng, CLOSED_PARTIES_GUIDELINE, hi)
            place = PLACES[rng.randrange(len(PLACES))]
            _kind, sja, sen = rng.choice(OFFSET_SUBJECTS[offset_type])
            ind_ja, ind_en = rng.choice(_INDUSTRIES)
            start = on - timedelta(days=rng.randint(0, 90))
            out.append(
                {
                    "offset_type": offset_type,
                    "title": f"{sja}（{place.prefecture_ja}） / {sen}, {place.prefecture}",
                    "org_name": f"{place.city_ja}{ind_ja} / {place.city} {ind_en}",
                    "reported_on": on.isoformat(),
                    "period_start": start.isoformat(),
                    "period_end": (start + timedelta(days=rng.choice((1, 2, 30, 180, 364)))).isoformat(),
                    # market-distribution own-activity offsets (e.g. a shop's own emissions shown to customers)
                    "market_distribution": offset_type == "own_activity" and rng.random() < 0.35,
                }
            )
    out.sort(key=lambda c: (str(c["reported_on"]), str(c["title"])))
    return out
