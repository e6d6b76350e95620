#!/usr/bin/python3
"""Makes realistic synthetic Vietnamese administrative papers for tests and benchmarks.

Every document is typeset on A4 with Liberation Serif (metric-compatible with Times New
Roman), carries a red round seal and a handwritten-looking signature, and is then degraded
like a real scan (clean / mild / harsh / photocopy). Each document is written as a folder:

    <out>/<doc-id>/page-001.jpg ...   the page images (dpi in the file metadata)
    <out>/<doc-id>/truth.txt          exactly the printed text, NFC, one printed line per line
    <out>/<doc-id>/fields.json        {"doc_type", "fields", "level", "dpi", "seed", "pages"}

Types: the civil-status papers, decisions and letters of a People's Committee, the photocopy of
a căn cước card (front and back on A4, with its ICAO TD1 machine-readable zone), and other
papers ("khac": notices, invitations, minutes, citizens' forms). With --dossiers each folder
holds 2-3 papers of one application in sequence, and fields.json is
{"documents": [{"doc_type", "fields", "pages": [1, 2]}, ...], "level", "dpi", "seed", "pages"}.

Everything is deterministic from --seed. Only Debian's python3-pil is needed.

    /usr/bin/python3 samples/make_samples.py --type quyet_dinh --level mild --seed 7 --out /tmp/s
    /usr/bin/python3 samples/make_samples.py --corpus 200 --out /tmp/corpus
    /usr/bin/python3 samples/make_samples.py --dossiers 12 --out /tmp/dossiers
    /usr/bin/python3 samples/make_samples.py --committed      # rewrites samples/dossiers, samples/bad
"""

import argparse
import datetime as dt
import io
import json
import math
import os
import random
import shutil
import sys
import unicodedata

import qrcode
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

# fonts-liberation2 (v2) covers Vietnamese; the v1 files in .../liberation/ draw boxes for ỦỘỐ…
FONT_DIR = "/usr/share/fonts/truetype/liberation2"
FONT_FILES = {
    "r": "LiberationSerif-Regular.ttf",
    "b": "LiberationSerif-Bold.ttf",
    "i": "LiberationSerif-Italic.ttf",
    "bi": "LiberationSerif-BoldItalic.ttf",
    # The căn cước card: a sans face for its print, a monospace face for its machine-readable
    # zone (Liberation Mono Bold: OCR-B's strokes are as heavy, and its zero is plain, where
    # DejaVu Sans Mono's dotted zero reads as 6 or 8).
    "sr": "LiberationSans-Regular.ttf",
    "sb": "LiberationSans-Bold.ttf",
    "mono": "LiberationMono-Bold.ttf",
}
PAPER_STYLES = ("r", "b", "i", "bi")
CARD_STYLES = ("sr", "sb")
# The six types of the first corpora: a photocopy's bleed-through is chosen among them, so their
# documents stay byte-identical for a given seed now that more types follow.
FIRST_DOC_TYPES = [
    "giay_khai_sinh",
    "quyet_dinh",
    "cong_van",
    "xac_nhan_tinh_trang_hon_nhan",
    "trich_luc_khai_tu",
    "trich_luc_ket_hon",
]
DOC_TYPES = FIRST_DOC_TYPES + ["can_cuoc", "khac"]
LEVELS = ["clean", "mild", "harsh", "photocopy"]
LEVEL_DPI = {"clean": 300, "mild": 300, "harsh": 200, "photocopy": 200}
LEVEL_FORMAT = {"clean": "png", "mild": "jpg", "harsh": "jpg", "photocopy": "jpg"}
LEVEL_QUALITY = {"clean": 92, "mild": 80, "harsh": 55, "photocopy": 40}

INK_TEXT = (12, 12, 14)
INK_SEAL = (205, 30, 45)
INK_BLUE = (28, 48, 165)
INK_BLACK = (35, 35, 45)
INK_STAMP = (130, 40, 130)


def nfc(text):
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------------------------
# Gazetteer: provinces (code from the personal-ID list) with real districts and communes.
# ---------------------------------------------------------------------------------------------

PROVINCES = [
    # code, name as in "tỉnh X" (or city), kind, districts: (kind+name, [communes])
    ("001", "Hà Nội", "thành phố", [
        ("quận Ba Đình", ["phường Kim Mã", "phường Điện Biên", "phường Ngọc Hà"]),
        ("huyện Sóc Sơn", ["xã Phù Linh", "xã Mai Đình", "xã Tiên Dược"]),
        ("huyện Thanh Trì", ["xã Tả Thanh Oai", "xã Vĩnh Quỳnh"]),
    ]),
    ("002", "Hà Giang", "tỉnh", [
        ("huyện Đồng Văn", ["xã Lũng Cú", "xã Sà Phìn"]),
        ("huyện Mèo Vạc", ["xã Pải Lủng", "xã Khâu Vai"]),
    ]),
    ("010", "Lào Cai", "tỉnh", [
        ("thị xã Sa Pa", ["xã Tả Van", "xã Bản Hồ"]),
        ("huyện Bát Xát", ["xã Y Tý", "xã Quang Kim"]),
    ]),
    ("014", "Sơn La", "tỉnh", [
        ("huyện Mộc Châu", ["xã Chiềng Sơn", "xã Đông Sang"]),
        ("huyện Mai Sơn", ["xã Chiềng Mung", "xã Hát Lót"]),
    ]),
    ("022", "Quảng Ninh", "tỉnh", [
        ("thành phố Hạ Long", ["phường Hồng Gai", "phường Bãi Cháy"]),
        ("huyện Vân Đồn", ["xã Quan Lạn", "xã Đông Xá"]),
    ]),
    ("034", "Thái Bình", "tỉnh", [
        ("huyện Vũ Thư", ["xã Tam Quang", "xã Song Lãng"]),
        ("huyện Kiến Xương", ["xã Vũ Lễ", "xã Bình Nguyên"]),
    ]),
    ("036", "Nam Định", "tỉnh", [
        ("huyện Hải Hậu", ["xã Hải Minh", "xã Hải Đông"]),
        ("huyện Giao Thủy", ["xã Giao Thiện", "xã Giao An"]),
    ]),
    ("038", "Thanh Hóa", "tỉnh", [
        ("huyện Hoằng Hóa", ["xã Hoằng Quỳ", "xã Hoằng Đồng"]),
        ("huyện Nông Cống", ["xã Tượng Văn", "xã Trung Chính"]),
    ]),
    ("040", "Nghệ An", "tỉnh", [
        ("huyện Hưng Nguyên", ["xã Hưng Tây", "xã Hưng Đạo", "xã Hưng Thịnh"]),
        ("huyện Nghi Lộc", ["xã Nghi Phong", "xã Nghi Thái"]),
        ("huyện Diễn Châu", ["xã Diễn Hồng", "xã Diễn Kỷ"]),
        ("thành phố Vinh", ["phường Hưng Dũng", "phường Lê Lợi"]),
    ]),
    ("042", "Hà Tĩnh", "tỉnh", [
        ("huyện Đức Thọ", ["xã Tùng Ảnh", "xã Liên Minh"]),
        ("huyện Can Lộc", ["xã Thiên Lộc", "xã Vượng Lộc"]),
    ]),
    ("046", "Thừa Thiên Huế", "tỉnh", [
        ("thành phố Huế", ["phường Phú Hội", "phường Vĩnh Ninh"]),
        ("huyện Phú Vang", ["xã Phú Thuận", "xã Phú Mỹ"]),
    ]),
    ("048", "Đà Nẵng", "thành phố", [
        ("quận Hải Châu", ["phường Thạch Thang", "phường Hòa Cường Bắc"]),
        ("huyện Hòa Vang", ["xã Hòa Phong", "xã Hòa Tiến"]),
    ]),
    ("049", "Quảng Nam", "tỉnh", [
        ("huyện Duy Xuyên", ["xã Duy Sơn", "xã Duy Trung"]),
        ("thành phố Hội An", ["phường Minh An", "phường Cẩm Phô"]),
    ]),
    ("052", "Bình Định", "tỉnh", [
        ("huyện Tuy Phước", ["xã Phước Lộc", "xã Phước Hưng"]),
        ("thành phố Quy Nhơn", ["phường Lý Thường Kiệt", "phường Trần Phú"]),
    ]),
    ("066", "Đắk Lắk", "tỉnh", [
        ("huyện Krông Pắc", ["xã Ea Phê", "xã Ea Kly"]),
        ("thành phố Buôn Ma Thuột", ["phường Tân Lợi", "phường Thành Nhất"]),
    ]),
    ("079", "Hồ Chí Minh", "thành phố", [
        ("huyện Củ Chi", ["xã Tân Thông Hội", "xã Phước Vĩnh An"]),
        ("thành phố Thủ Đức", ["phường Linh Trung", "phường Hiệp Phú"]),
    ]),
    ("089", "An Giang", "tỉnh", [
        ("huyện Chợ Mới", ["xã Long Điền A", "xã Mỹ Hội Đông"]),
        ("thành phố Long Xuyên", ["phường Mỹ Bình", "phường Mỹ Long"]),
    ]),
    ("092", "Cần Thơ", "thành phố", [
        ("quận Ninh Kiều", ["phường An Hòa", "phường Tân An"]),
        ("huyện Phong Điền", ["xã Nhơn Ái", "xã Giai Xuân"]),
    ]),
]
MOUNTAIN_CODES = {"002", "010", "014", "066"}
MINORITY_ETHNICITIES = ["Tày", "Thái", "Mường", "Nùng", "Dao"]

SURNAMES = ["Nguyễn"] * 8 + ["Trần"] * 3 + ["Lê"] * 3 + ["Phạm"] * 2 + [
    "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Xuân", "Thanh",
               "Đình", "Ngọc", "Trọng", "Anh", "Duy", "Tiến"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Mai", "Hồng", "Phương", "Kim",
                 "Thùy", "Diệu", "Bảo", "Khánh"]
GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hùng", "Hải", "Hiếu", "Huy", "Khoa",
              "Long", "Minh", "Nam", "Phúc", "Quân", "Sơn", "Thắng", "Toàn", "Trung", "Tuấn",
              "Việt", "Vinh", "Khánh", "Nghĩa", "Đức", "Hoàng", "Lâm", "Phong", "Quyết", "Tùng"]
GIVEN_FEMALE = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan",
                "Linh", "Loan", "Mai", "My", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh",
                "Thảo", "Trang", "Tuyết", "Uyên", "Vân", "Yến", "Huyền", "Thủy", "Hiền", "Lụa"]


def make_name(rng, sex, surname=None):
    surname = surname or rng.choice(SURNAMES)
    middles = MIDDLE_MALE if sex == "Nam" else MIDDLE_FEMALE
    givens = GIVEN_MALE if sex == "Nam" else GIVEN_FEMALE
    while True:
        middle, given = rng.choice(middles), rng.choice(givens)
        if middle != given:
            break
    if sex == "Nữ" and middle != "Thị" and rng.random() < 0.2:
        middle = "Thị " + middle  # "Nguyễn Thị Thu Hà"
    return f"{surname} {middle} {given}"


def random_date(rng, start, end):
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def to_workday(d):
    """Offices issue and register on working days: Saturday/Sunday move to Monday."""
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def make_id(rng, province_code, birth, sex):
    """12-digit personal ID: PPP G YY RRRRRR (DOMAIN.md 'Identifiers')."""
    century = birth.year // 100 - 19          # 1900s -> 0, 2000s -> 1, 2100s -> 2
    gender_digit = century * 2 + (1 if sex == "Nữ" else 0)
    return f"{province_code}{gender_digit}{birth.year % 100:02d}{rng.randrange(10**6):06d}"


def id_is_consistent(number, birth, sex):
    g = int(number[3])
    year = (g // 2 + 19) * 100 + int(number[4:6])
    return len(number) == 12 and number.isdigit() and year == birth.year and \
        (g % 2 == 1) == (sex == "Nữ")


class Place:
    def __init__(self, rng, province=None, provinces_only=False):
        pool = [p for p in PROVINCES if p[2] == "tỉnh"] if provinces_only else PROVINCES
        self.province = province or rng.choice(pool)
        self.code, self.pname, self.pkind, districts = self.province
        self.district, communes = rng.choice(districts)
        self.commune = rng.choice(communes)

    @property
    def province_label(self):  # "tỉnh Nghệ An" / "thành phố Hà Nội"
        return f"{self.pkind} {self.pname}"

    @property
    def full(self):  # "xã Hưng Tây, huyện Hưng Nguyên, tỉnh Nghệ An"
        return f"{self.commune}, {self.district}, {self.province_label}"

    @property
    def commune_short(self):  # "Hưng Tây"
        return self.commune.split(" ", 1)[1]

    @property
    def date_place(self):  # place in the "…, ngày … tháng … năm …" line of a province doc
        return "Thành phố Hồ Chí Minh" if self.code == "079" else self.pname


def village(rng):
    return rng.choice(["Thôn", "Xóm", "Tổ dân phố", "Thôn", "Ấp"]) + " " + rng.choice(
        ["1", "2", "3", "4", "5", "6", "Đông", "Tây", "Trung", "Bắc Sơn", "Tân Lập", "Phú Thọ"])


def residence(rng, place):
    return f"{village(rng)}, {place.full}"


def make_person(rng, sex=None, born_from=None, born_to=None, province=None):
    sex = sex or rng.choice(["Nam", "Nữ"])
    place = Place(rng, province)
    birth = random_date(rng, born_from or dt.date(1950, 1, 1), born_to or dt.date(2000, 12, 31))
    ethnicity = "Kinh"
    if place.code in MOUNTAIN_CODES and rng.random() < 0.5:
        ethnicity = rng.choice(MINORITY_ETHNICITIES)
    number = make_id(rng, place.code, birth, sex)
    assert id_is_consistent(number, birth, sex)
    return {"name": make_name(rng, sex), "sex": sex, "birth": birth, "place": place,
            "ethnicity": ethnicity, "id": number, "residence": residence(rng, place)}


# ---------------------------------------------------------------------------------------------
# Vietnamese dates and numbers in words.
# ---------------------------------------------------------------------------------------------

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def words_below_100(n, after_hundreds=False):
    tens, units = divmod(n, 10)
    if tens == 0:
        return ("linh " + DIGITS[units]) if after_hundreds else DIGITS[units]
    head = "mười" if tens == 1 else DIGITS[tens] + " mươi"
    if units == 0:
        return head
    if units == 5:
        return head + " lăm"
    if units == 1 and tens >= 2:
        return head + " mốt"
    if units == 4 and tens >= 2:
        return head + " tư"
    return head + " " + DIGITS[units]


def number_words(n):
    assert 0 <= n < 10000
    thousands, rest = divmod(n, 1000)
    hundreds, below = divmod(rest, 100)
    parts = []
    if thousands:
        parts.append(DIGITS[thousands] + " nghìn")
    if rest == 0:
        return " ".join(parts) if parts else "không"
    if thousands or hundreds:
        parts.append(DIGITS[hundreds] + " trăm")
        if below:
            parts.append(words_below_100(below, after_hundreds=True))
    else:
        parts.append(words_below_100(below))
    return " ".join(parts)


MONTH_WORDS = ["", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
               "mười một", "mười hai"]


def date_in_words(d):
    text = f"ngày {number_words(d.day)}, tháng {MONTH_WORDS[d.month]}, năm {number_words(d.year)}"
    return text[0].upper() + text[1:]


def vn_date(d):
    """'ngày 09 tháng 6 năm 2020' (Nghị định 30/2020: 0 before days < 10 and months 1-2)."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def date_line(place, d):
    """'Nghệ An, ngày 09 tháng 6 năm 2020'."""
    return f"{place}, {vn_date(d)}"


def dmy(d):
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def upper_vi(text):
    return nfc(text.upper())


# ---------------------------------------------------------------------------------------------
# Typesetting: a small page-flow engine on PIL.
# ---------------------------------------------------------------------------------------------

_font_cache = {}


def font(style, px):
    key = (style, px)
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(os.path.join(FONT_DIR, FONT_FILES[style]), px,
                                              layout_engine=ImageFont.Layout.BASIC)
    return _font_cache[key]


_glyph_cache = {}


def glyph_bitmap(ch, style):
    img = Image.new("L", (60, 60), 0)
    ImageDraw.Draw(img).text((10, 45), ch, font=font(style, 36), fill=255, anchor="ls")
    return img.tobytes()


def check_glyphs(lines, styles=PAPER_STYLES):
    """Fails loudly when the font would draw a .notdef box for any printed character."""
    for ch in sorted(set("".join(lines)) - {" "}):
        for style in styles:
            key = (ch, style)
            if ("notdef", style) not in _glyph_cache:
                _glyph_cache[("notdef", style)] = glyph_bitmap("\ue000", style)
            if key not in _glyph_cache:
                _glyph_cache[key] = glyph_bitmap(ch, style) != _glyph_cache[("notdef", style)]
            if not _glyph_cache[key]:
                raise RuntimeError(f"font {FONT_FILES[style]} has no glyph for {ch!r} "
                                   f"(U+{ord(ch):04X})")


# Units at a resolution: millimetres and points to whole pixels, pixels back to millimetres.
def mm_to_px(v, dpi):
    return int(round(v * dpi / 25.4))


def pt_to_px(size, dpi):
    return int(round(size * dpi / 72.0))


def px_to_mm(px, dpi):
    return px * 25.4 / dpi


class Typesetter:
    """Flows paragraphs and column blocks onto A4 pages; records the printed lines."""

    def __init__(self, dpi, rng, body_pt=13.5):
        self.dpi = dpi
        self.rng = rng
        self.width = self.mm(210)
        self.height = self.mm(297)
        self.top = self.mm(rng.uniform(18, 23))
        self.bottom = self.mm(rng.uniform(18, 22))
        self.left = self.mm(rng.uniform(28, 32))
        self.right = self.width - self.mm(rng.uniform(15, 18))
        self.body_pt = body_pt
        self.line_factor = rng.uniform(1.18, 1.32)
        self.pages = []        # PIL images
        self.truth = []        # per page: list of printed lines
        self.signatures = []   # (page index, dict with boxes for seal and signature)
        self.new_page()

    # units
    def mm(self, v):
        return mm_to_px(v, self.dpi)

    def px(self, pt):
        return pt_to_px(pt, self.dpi)

    def new_page(self):
        self.image = Image.new("RGB", (self.width, self.height), "white")
        self.draw = ImageDraw.Draw(self.image)
        self.pages.append(self.image)
        self.truth.append([])
        self.y = self.top
        if len(self.pages) > 1:  # page numbers from page 2, top centre (Nghị định 30/2020)
            f = font("r", self.px(13))
            number = str(len(self.pages))
            self.draw.text(((self.left + self.right) / 2, self.mm(12)), number, font=f,
                           fill=INK_TEXT, anchor="ms")
            self.truth[-1].append(number)

    def line_height(self, size_pt):
        return self.px(size_pt * self.line_factor)

    def space(self, pt):
        self.y += self.px(pt)

    def ensure(self, height):
        if self.y + height > self.height - self.bottom:
            self.new_page()

    # text layout
    @staticmethod
    def tokens(runs):
        out = []
        for text, style in runs:
            out.extend((word, style) for word in text.split())
        return out

    def wrap(self, runs, size_pt, width, first_indent=0):
        px = self.px(size_pt)
        lines, line, line_w = [], [], 0
        limit = width - first_indent
        for word, style in self.tokens(runs):
            f = font(style, px)
            w = f.getlength(word)
            space = f.getlength(" ") if line else 0
            if line and line_w + space + w > limit:
                lines.append(line)
                line, line_w, limit = [], 0, width
                space = 0
            line.append((word, style, w))
            line_w += space + w
        if line:
            lines.append(line)
        return lines

    def draw_line(self, line, size_pt, x0, x1, y_top, align, indent=0, last=False, ink=INK_TEXT):
        px = self.px(size_pt)
        ascent = font("r", px).getmetrics()[0]
        baseline = y_top + ascent
        spaces = [font(style, px).getlength(" ") for _, style, _ in line[1:]]
        natural = sum(w for _, _, w in line) + sum(spaces)
        avail = x1 - x0 - indent
        extra = 0.0
        if align == "justify" and not last and len(line) > 1:
            extra = (avail - natural) / (len(line) - 1)
            if extra > px * 0.6:  # very loose line: do not stretch (like a word processor)
                extra = 0.0
        if align == "center":
            x = x0 + (avail - natural) / 2
        elif align == "right":
            x = x1 - natural
        else:
            x = x0 + indent
        for i, (word, style, w) in enumerate(line):
            self.draw.text((x, baseline), word, font=font(style, px), fill=ink, anchor="ls")
            x += w + (spaces[i] + extra if i < len(spaces) else 0)
        return " ".join(word for word, _, _ in line)

    def para(self, runs, size_pt=None, align="justify", indent_mm=10.0, x0=None, x1=None,
             before_pt=0.0, after_pt=4.0, keep=False):
        """A paragraph of (text, style) runs; style is r, b, i or bi."""
        size_pt = size_pt or self.body_pt
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        indent = self.mm(indent_mm) if align in ("justify", "left") else 0
        lines = self.wrap(runs, size_pt, x1 - x0, indent)
        lh = self.line_height(size_pt)
        self.y += self.px(before_pt)
        if keep:
            self.ensure(lh * len(lines))
        for i, line in enumerate(lines):
            self.ensure(lh)
            text = self.draw_line(line, size_pt, x0, x1, self.y, align,
                                  indent if i == 0 else 0, last=(i == len(lines) - 1))
            self.truth[-1].append(text)
            self.y += lh
        self.y += self.px(after_pt)

    def tabbed(self, segments, size_pt=None, after_pt=2.0):
        """One printed line made of segments placed at x offsets (mm from the left margin)."""
        size_pt = size_pt or self.body_pt
        lh = self.line_height(size_pt)
        self.ensure(lh)
        texts = []
        for offset_mm, runs in segments:
            x0 = self.left + self.mm(offset_mm)
            line = [(w, s, font(s, self.px(size_pt)).getlength(w)) for w, s in self.tokens(runs)]
            texts.append(self.draw_line(line, size_pt, x0, self.right, self.y, "left"))
        self.truth[-1].append(" ".join(texts))
        self.y += lh + self.px(after_pt)

    def column_block(self, columns, keep=True, after_pt=6.0):
        """Side-by-side columns. columns: list of (x0, x1, items); each item is a dict with
        text, style, size, align (center), rule (fraction of text width for a line under it),
        gap_mm (vertical space before), mark (name for a recorded y position).
        Printed lines are recorded column by column, left first. Returns the marks."""
        heights = []
        layouts = []
        for x0, x1, items in columns:
            y = 0
            placed = []
            for item in items:
                y += self.mm(item.get("gap_mm", 0))
                if "mark" in item:
                    placed.append(("mark", item["mark"], y, x0, x1))
                if not item.get("text"):
                    continue
                size = item.get("size", self.body_pt)
                lines = self.wrap([(item["text"], item.get("style", "r"))], size, x1 - x0)
                lh = self.line_height(size)
                for line in lines:
                    placed.append(("line", line, y, item, (x0, x1)))
                    y += lh
                if item.get("rule"):
                    placed.append(("rule", item["rule"], y, lines, (x0, x1, size)))
                    y += self.px(4)
            heights.append(y)
            layouts.append(placed)
        total = max(heights)
        if keep:
            self.ensure(total)
        top = self.y
        marks = {}
        for placed in layouts:
            for entry in placed:
                kind = entry[0]
                if kind == "mark":
                    _, name, y, x0, x1 = entry
                    marks[name] = (x0, top + y, x1)
                elif kind == "line":
                    _, line, y, item, (x0, x1) = entry
                    text = self.draw_line(line, item.get("size", self.body_pt), x0, x1, top + y,
                                          item.get("align", "center"))
                    self.truth[-1].append(text)
                else:
                    _, fraction, y, lines, (x0, x1, size) = entry
                    px = self.px(size)
                    widest = max(sum(w for _, _, w in l) + font("r", px).getlength(" ") *
                                 (len(l) - 1) for l in lines)
                    half = widest * fraction / 2
                    cx = (x0 + x1) / 2
                    ry = top + y + self.px(1.5)
                    self.draw.line([(cx - half, ry), (cx + half, ry)], fill=INK_TEXT,
                                   width=max(1, self.px(0.7)))
        self.y = top + total + self.px(after_pt)
        return marks

    def centered_rule(self, width_mm, after_pt=6):
        cx = (self.left + self.right) / 2
        half = self.mm(width_mm) / 2
        self.draw.line([(cx - half, self.y), (cx + half, self.y)], fill=INK_TEXT,
                       width=max(1, self.px(0.7)))
        self.y += self.px(after_pt)


# ---------------------------------------------------------------------------------------------
# Common parts of the papers.
# ---------------------------------------------------------------------------------------------

MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


def letterhead(ts, agency_lines, number_line, date_text, subject=None):
    """Two-column header. agency_lines: [(text, style)], last one underlined."""
    left_x0 = ts.left - ts.mm(10)
    left_x1 = ts.left + ts.mm(62)
    right_x0 = ts.left + ts.mm(57)
    right_x1 = ts.width - ts.mm(8)
    size = ts.body_pt - 0.5
    left = []
    for i, (text, style) in enumerate(agency_lines):
        item = {"text": text, "style": style, "size": size}
        if i == len(agency_lines) - 1:
            item["rule"] = 0.4
        left.append(item)
    if number_line:
        left.append({"text": number_line, "style": "r", "size": size, "gap_mm": 1.5})
    if subject:
        left.append({"text": subject, "style": "r", "size": size - 1.5, "gap_mm": 0.5})
    right = [
        {"text": MOTTO_1, "style": "b", "size": size},
        {"text": MOTTO_2, "style": "b", "size": size + 0.5, "rule": 1.0},
    ]
    if date_text:
        right.append({"text": date_text, "style": "i", "size": ts.body_pt, "gap_mm": 1.5})
    ts.column_block([(left_x0, left_x1, left), (right_x0, right_x1, right)], after_pt=14)


def signature_block(ts, title_lines, name, left_items=None, note=None, after_title=None):
    """Right column: authority lines (bold), room for the signature, the signer's name.
    Records where the signature and the seal go."""
    col_x0 = ts.left + ts.mm(rng_uniform(ts, 78, 84))
    col_x1 = ts.right + ts.mm(4)
    right = [{"text": t, "style": "b", "size": ts.body_pt} for t in title_lines]
    if note:
        right.append({"text": note, "style": "i", "size": ts.body_pt - 1.5})
    right.append({"mark": "sign_top"})
    right.append({"text": name, "style": "b", "size": ts.body_pt, "gap_mm": 27,
                  "mark": "name_top"})
    if after_title:
        right.append({"text": after_title, "style": "r", "size": ts.body_pt})
    columns = []
    if left_items:
        columns.append((ts.left, ts.left + ts.mm(75), left_items))
    columns.append((col_x0, col_x1, right))
    ts.y += ts.px(6)
    marks = ts.column_block(columns)
    x0, sign_top, x1 = marks["sign_top"]
    _, name_top, _ = marks["name_top"]
    ts.signatures.append((len(ts.pages) - 1, {
        "col": (x0, x1), "sign_top": sign_top, "name_top": name_top, "title_top":
        sign_top - ts.line_height(ts.body_pt) * len(title_lines)}))


def rng_uniform(ts, a, b):
    return ts.rng.uniform(a, b)


def recipients(ts, lines):
    items = [{"text": "Nơi nhận:", "style": "bi", "size": 12, "align": "left"}]
    items += [{"text": l, "style": "r", "size": 11, "align": "left"} for l in lines]
    return items


def agency_commune(place):
    return [("ỦY BAN NHÂN DÂN", "b"), (upper_vi(place.commune), "b")]


def agency_district(place):
    return [("ỦY BAN NHÂN DÂN", "b"), (upper_vi(place.district), "b")]


def agency_province(place):
    return [("ỦY BAN NHÂN DÂN", "b"), (upper_vi(place.province_label), "b")]


def agency_name(level, place):
    if level == "xa":
        return f"Ủy ban nhân dân {place.commune}"
    if level == "huyen":
        return f"Ủy ban nhân dân {place.district}"
    return f"Ủy ban nhân dân {place.province_label}"


def seal_text(level, place):
    if level == "xa":
        return upper_vi(f"ủy ban nhân dân {place.commune} ★ {place.district}"
                        .replace("huyện ", "h. ").replace("thành phố ", "tp. "))
    if level == "huyen":
        return upper_vi(f"ủy ban nhân dân {place.district} ★ {place.province_label}"
                        .replace("tỉnh ", "t. "))
    return upper_vi(f"ủy ban nhân dân {place.province_label} ★")


def signer_titles(rng):
    """The signing authority lines: on behalf of the committee, by the chair or a deputy."""
    if rng.random() < 0.35:
        return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    return ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


# ---------------------------------------------------------------------------------------------
# The papers. Each composer typesets onto `ts` and returns (fields, seal info).
# ---------------------------------------------------------------------------------------------

def compose_giay_khai_sinh(ts, rng, extra=0, ctx=None):
    reg_place = Place(rng)
    # In a dossier the parent's chip card is copied too: a registration after such cards exist.
    born_from = dt.date(2021, 9, 1) if ctx is not None else dt.date(2016, 1, 1)
    birth = random_date(rng, born_from, dt.date(2024, 6, 30))
    registered = to_workday(birth + dt.timedelta(days=rng.randrange(3, 58)))
    sex = rng.choice(["Nam", "Nữ"])
    father_surname = rng.choice(SURNAMES)
    child_name = make_name(rng, sex, father_surname)
    number = make_id(rng, reg_place.code, birth, sex)
    mother = make_person(rng, "Nữ", dt.date(birth.year - 38, 1, 1),
                         dt.date(birth.year - 19, 12, 31), reg_place.province)
    father = make_person(rng, "Nam", dt.date(birth.year - 42, 1, 1),
                         dt.date(birth.year - 21, 12, 31), reg_place.province)
    father["name"] = make_name(rng, "Nam", father_surname)
    ethnicity = father["ethnicity"]
    mother["ethnicity"] = rng.choice([ethnicity, ethnicity, mother["ethnicity"]])
    home = mother["residence"] if rng.random() < 0.5 else residence(rng, reg_place)
    mother["residence"] = father["residence"] = home
    birth_place = rng.choice([
        f"Trạm Y tế {reg_place.commune}, {reg_place.district}, {reg_place.province_label}",
        f"Bệnh viện Đa khoa {reg_place.district.split(' ', 1)[1]}, {reg_place.province_label}",
        f"Bệnh viện Sản Nhi {reg_place.pname}",
    ])
    que_quan = Place(rng, reg_place.province if rng.random() < 0.7 else None).full
    so = str(rng.randrange(1, 380))
    quyen = f"{rng.randrange(1, 3):02d}/{registered.year}"
    signer_sex = rng.choice(["Nam", "Nữ"])
    signer = make_name(rng, signer_sex)
    signer_title = rng.choice(["Chủ tịch", "Phó Chủ tịch"])
    clerk = make_name(rng, rng.choice(["Nam", "Nữ"]))

    letterhead(ts, agency_commune(reg_place), None, None)
    ts.para([("GIẤY KHAI SINH", "b")], size_pt=17, align="center", after_pt=3)
    ts.tabbed([(0, [("Số:", "r"), (so, "r")]), (95, [("Quyển số:", "r"), (quyen, "r")])],
              after_pt=8)
    field = lambda label, value, vstyle="r": ts.para(
        [(label, "r"), (value, vstyle)], align="left", indent_mm=0, after_pt=2.5)
    field("Họ, chữ đệm, tên:", upper_vi(child_name), "b")
    ts.tabbed([(0, [("Ngày, tháng, năm sinh:", "r"), (dmy(birth), "b")])], after_pt=2.5)
    field("Ghi bằng chữ:", date_in_words(birth))
    ts.tabbed([(0, [("Giới tính:", "r"), (sex, "r")]), (45, [("Dân tộc:", "r"),
               (ethnicity, "r")]), (95, [("Quốc tịch:", "r"), ("Việt Nam", "r")])],
              after_pt=2.5)
    field("Nơi sinh:", birth_place)
    field("Quê quán:", que_quan)
    field("Số định danh cá nhân:", number, "b")
    ts.space(5)
    for role, person in (("mẹ", mother), ("cha", father)):
        field(f"Họ, chữ đệm, tên người {role}:", person["name"], "b")
        ts.tabbed([(0, [("Năm sinh:", "r"), (str(person["birth"].year), "r")]),
                   (45, [("Dân tộc:", "r"), (person["ethnicity"], "r")]),
                   (95, [("Quốc tịch:", "r"), ("Việt Nam", "r")])], after_pt=2.5)
        field("Nơi cư trú:", person["residence"])
        ts.space(4)
    declarant = mother if rng.random() < 0.5 else father
    if ctx is not None:
        ctx["person"] = declarant
        ctx["when"] = registered
    field("Họ, chữ đệm, tên người đi khai sinh:", declarant["name"])
    field("Giấy tờ tùy thân:", f"Căn cước công dân số {declarant['id']}")
    noi_dk = f"Ủy ban nhân dân {reg_place.full}"
    field("Nơi đăng ký khai sinh:", noi_dk)
    ts.tabbed([(0, [("Ngày, tháng, năm đăng ký:", "r"), (dmy(registered), "r")])])
    signature_block(
        ts, ["NGƯỜI KÝ GIẤY KHAI SINH"], signer,
        left_items=[{"text": "Công chức tư pháp - hộ tịch", "style": "b", "size": ts.body_pt},
                    {"text": clerk, "style": "r", "size": ts.body_pt, "gap_mm": 22}],
        note="(Ký, ghi rõ họ, chữ đệm, tên, đóng dấu)",
        after_title=signer_title)
    fields = {
        "so": so, "quyen_so": quyen, "ho_ten": child_name, "gioi_tinh": sex,
        "ngay_sinh": birth.isoformat(), "so_dinh_danh": number, "dan_toc": ethnicity,
        "quoc_tich": "Việt Nam", "noi_sinh": birth_place, "que_quan": que_quan,
        "ho_ten_me": mother["name"], "ho_ten_cha": father["name"],
        "ngay_dang_ky": registered.isoformat(), "noi_dang_ky": noi_dk,
        "co_quan_ban_hanh": agency_name("xa", reg_place), "nguoi_ky": signer,
    }
    assert id_is_consistent(number, birth, sex)
    return fields, {"text": seal_text("xa", reg_place), "date": registered}


BASES = [
    (dt.date(2015, 6, 19), "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "all"),
    (dt.date(2019, 11, 22), "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và "
     "Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;", "all"),
    (dt.date(2014, 11, 20), "Luật Hộ tịch ngày 20 tháng 11 năm 2014;", "hotich"),
    (dt.date(2015, 11, 15), "Nghị định số 123/2015/NĐ-CP ngày 15 tháng 11 năm 2015 của Chính "
     "phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch;", "hotich"),
    (dt.date(2018, 4, 23), "Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ "
     "về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính;",
     "tthc"),
    (dt.date(2020, 4, 8), "Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ "
     "về thực hiện thủ tục hành chính trên môi trường điện tử;", "tthc"),
    (dt.date(2021, 12, 6), "Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ "
     "sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP;", "tthc"),
    (dt.date(2023, 4, 5), "Thông tư số 01/2023/TT-VPCP ngày 05 tháng 4 năm 2023 của Văn phòng "
     "Chính phủ quy định một số nội dung và biện pháp thi hành trong số hóa hồ sơ, kết quả "
     "giải quyết thủ tục hành chính và thực hiện thủ tục hành chính trên môi trường điện tử;",
     "tthc"),
    (dt.date(2022, 6, 15), "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", "khenthuong"),
    (dt.date(2023, 7, 31), "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 7 năm 2023 của Chính phủ "
     "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;", "khenthuong"),
    (dt.date(2013, 11, 29), "Luật Đất đai ngày 29 tháng 11 năm 2013;", "datdai"),
    (dt.date(2014, 5, 15), "Nghị định số 43/2014/NĐ-CP ngày 15 tháng 5 năm 2014 của Chính phủ "
     "quy định chi tiết thi hành một số điều của Luật Đất đai;", "datdai"),
    (dt.date(2021, 1, 27), "Nghị định số 07/2021/NĐ-CP ngày 27 tháng 01 năm 2021 của Chính phủ "
     "quy định chuẩn nghèo đa chiều giai đoạn 2021 - 2025;", "ngheo"),
]


def bases_for(topic_kinds, issued):
    return [text for date, text, kind in BASES
            if (kind == "all" or kind in topic_kinds) and date < issued]


def officer_list(rng, level, place, count):
    roles = ["Tổ trưởng", "Tổ phó", "Thành viên", "Thành viên", "Thành viên", "Thành viên"]
    jobs = ["Phó Chủ tịch UBND", "Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch",
            "Công chức Địa chính - Xây dựng", "Công chức Văn hóa - Xã hội",
            "Công chức Tài chính - Kế toán"]
    items = []
    for i in range(count):
        sex = rng.choice(["Nam", "Nữ"])
        title = "Ông" if sex == "Nam" else "Bà"
        items.append(f"{i + 1}. {title} {make_name(rng, sex)} - {jobs[i]}, {roles[i]};")
    items[-1] = items[-1][:-1] + "."
    return items


def compose_quyet_dinh(ts, rng, extra=0, ctx=None):
    level = rng.choice(["tinh", "huyen", "xa", "xa"])
    place = Place(rng, provinces_only=(level == "tinh"))
    issued = to_workday(random_date(rng, dt.date(2019, 1, 2), dt.date(2024, 12, 28)))
    number = rng.randrange(12, 3200 if level == "tinh" else 900)
    so_ky_hieu = f"{number}/QĐ-UBND"
    agency = {"tinh": agency_province, "huyen": agency_district, "xa": agency_commune}[level](place)
    agency_full = agency_name(level, place)
    unit = {"tinh": place.province_label, "huyen": place.district, "xa": place.commune}[level]
    date_place = {"tinh": place.date_place, "huyen": place.district.split(" ", 1)[1],
                  "xa": place.commune_short}[level]
    chair = upper_vi(f"chủ tịch ủy ban nhân dân {unit}")
    year = issued.year
    topics = []
    topics.append(("khenthuong", f"Về việc khen thưởng các tập thể, cá nhân có thành tích "
                   f"xuất sắc trong thực hiện nhiệm vụ năm {year - 1}"))
    topics.append(("tthc", f"Về việc thành lập Tổ công tác số hóa hồ sơ, kết quả giải quyết "
                   f"thủ tục hành chính tại Bộ phận Một cửa {unit}"))
    if level != "tinh":
        topics.append(("ngheo", f"Về việc phê duyệt danh sách hộ nghèo, hộ cận nghèo năm "
                       f"{year} trên địa bàn {unit}"))
    else:
        topics.append(("hotich", "Về việc công bố Danh mục thủ tục hành chính được sửa đổi, "
                       "bổ sung trong lĩnh vực hộ tịch thuộc phạm vi chức năng quản lý của "
                       f"Sở Tư pháp {place.province_label}"))
    if level == "huyen":
        topics.append(("datdai", "Về việc cho phép chuyển mục đích sử dụng đất"))
    kind, trich_yeu = rng.choice(topics)
    bases = bases_for({kind}, issued)
    proposer = {
        "khenthuong": ("Trưởng phòng Nội vụ" if level != "xa" else "Công chức Văn phòng - "
                       "Thống kê", "TTr-NV" if level != "xa" else "TTr-VP"),
        "tthc": ("Chánh Văn phòng", "TTr-VP"),
        "ngheo": ("Trưởng phòng Lao động - Thương binh và Xã hội" if level == "huyen"
                  else "Công chức Văn hóa - Xã hội", "TTr-LĐTBXH" if level == "huyen"
                  else "TTr-VHXH"),
        "hotich": ("Giám đốc Sở Tư pháp", "TTr-STP"),
        "datdai": ("Trưởng phòng Tài nguyên và Môi trường", "TTr-TNMT"),
    }[kind]
    proposal_date = issued - dt.timedelta(days=rng.randrange(2, 25))

    titles = signer_titles(rng)
    signer = make_name(rng, rng.choice(["Nam", "Nam", "Nữ"]))
    letterhead(ts, agency, f"Số: {so_ky_hieu}", date_line(date_place, issued))
    ts.para([("QUYẾT ĐỊNH", "b")], size_pt=14.5, align="center", after_pt=0)
    ts.para([(trich_yeu, "b")], size_pt=14, align="center", after_pt=2,
            x0=ts.left + ts.mm(12), x1=ts.right - ts.mm(12))
    ts.centered_rule(rng.uniform(35, 50), after_pt=8)
    ts.para([(chair, "b")], size_pt=13.5, align="center", after_pt=8,
            x0=ts.left + ts.mm(5), x1=ts.right - ts.mm(5))
    for text in bases:
        ts.para([("Căn cứ " + text, "i")], after_pt=3)
    ts.para([(f"Theo đề nghị của {proposer[0]} tại Tờ trình số {rng.randrange(5, 400)}/"
              f"{proposer[1]} {vn_date(proposal_date)}.", "i")], after_pt=8)
    ts.para([("QUYẾT ĐỊNH:", "b")], size_pt=14, align="center", after_pt=8, keep=True)

    articles = []
    if kind == "khenthuong":
        n_org, n_person = rng.randrange(2, 9), rng.randrange(5, 30)
        articles.append(f"Tặng Giấy khen của Chủ tịch Ủy ban nhân dân {unit} cho {n_org} tập "
                        f"thể và {n_person} cá nhân đã có thành tích xuất sắc trong thực hiện "
                        f"nhiệm vụ năm {year - 1} (có danh sách kèm theo).")
        articles.append("Kèm theo Giấy khen được tặng mức tiền thưởng theo quy định tại "
                        "Nghị định số 98/2023/NĐ-CP của Chính phủ, trích từ quỹ thi đua, khen "
                        f"thưởng của {unit}." if issued > dt.date(2023, 7, 31) else
                        "Kèm theo Giấy khen được tặng mức tiền thưởng theo quy định hiện hành, "
                        f"trích từ quỹ thi đua, khen thưởng của {unit}.")
    elif kind == "tthc":
        articles.append("Thành lập Tổ công tác số hóa hồ sơ, kết quả giải quyết thủ tục hành "
                        f"chính tại Bộ phận Một cửa {unit}, gồm các ông (bà) có tên sau:")
        articles.append("Tổ công tác có nhiệm vụ tiếp nhận, số hóa, ký số và lưu trữ hồ sơ, "
                        "kết quả giải quyết thủ tục hành chính; cập nhật dữ liệu đã số hóa vào "
                        "kho quản lý dữ liệu điện tử của tổ chức, cá nhân trên Hệ thống thông "
                        "tin giải quyết thủ tục hành chính của tỉnh; báo cáo kết quả thực hiện "
                        "định kỳ hằng tháng. Tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ.")
    elif kind == "ngheo":
        articles.append(f"Phê duyệt danh sách {rng.randrange(12, 160)} hộ nghèo, "
                        f"{rng.randrange(10, 120)} hộ cận nghèo năm {year} trên địa bàn {unit} "
                        "(có danh sách kèm theo).")
        articles.append("Các hộ có tên trong danh sách được hưởng các chính sách hỗ trợ theo "
                        "quy định hiện hành. Giao các bộ phận chuyên môn theo dõi, cập nhật "
                        "biến động và báo cáo kết quả rà soát theo quy định.")
    elif kind == "hotich":
        articles.append(f"Công bố kèm theo Quyết định này Danh mục {rng.randrange(3, 21)} thủ "
                        "tục hành chính được sửa đổi, bổ sung trong lĩnh vực hộ tịch thuộc "
                        f"phạm vi chức năng quản lý của Sở Tư pháp {place.province_label} "
                        "(có Danh mục kèm theo).")
        articles.append("Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.")
    else:
        person = make_person(rng, "Nam", dt.date(1960, 1, 1), dt.date(1995, 12, 31),
                             place.province)
        area = rng.randrange(80, 400)
        articles.append(f"Cho phép hộ ông {person['name']}, số định danh cá nhân "
                        f"{person['id']}, thường trú tại {person['residence']}, được chuyển "
                        f"mục đích sử dụng {area} m2 đất trồng cây lâu năm sang đất ở tại "
                        f"thửa đất số {rng.randrange(10, 900)}, tờ bản đồ số "
                        f"{rng.randrange(1, 40)}, {place.commune}.")
        articles.append("Hộ ông " + person["name"] + " có trách nhiệm nộp tiền sử dụng đất, "
                        "lệ phí trước bạ và sử dụng đất đúng mục đích theo quy định của pháp "
                        "luật đất đai.")
    for _ in range(extra):
        articles.append("Giao Văn phòng chủ trì, phối hợp với các cơ quan, đơn vị liên quan "
                        "theo dõi, đôn đốc, kiểm tra việc tổ chức thực hiện Quyết định này; "
                        "kịp thời báo cáo những khó khăn, vướng mắc phát sinh.")
    office = {"tinh": "Chánh Văn phòng Ủy ban nhân dân tỉnh",
              "huyen": "Chánh Văn phòng HĐND và UBND huyện",
              "xa": "Công chức Văn phòng - Thống kê"}[level]
    articles.append(f"{office}; Thủ trưởng các cơ quan, đơn vị có liên quan và các tổ chức, cá "
                    "nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    for i, text in enumerate(articles, 1):
        ts.para([(f"Điều {i}.", "b"), (text, "r")], after_pt=4)
        if kind == "tthc" and i == 1:
            for line in officer_list(rng, level, place, rng.randrange(3, 6)):
                ts.para([(line, "r")], align="left", indent_mm=10, after_pt=1)
            ts.space(3)
    left = recipients(ts, [f"- Như Điều {len(articles)};",
                           "- Chủ tịch, các PCT UBND;" if level != "tinh" else "- TT Tỉnh ủy;",
                           "- Lưu: VT."])
    signature_block(ts, titles, signer, left_items=left)
    fields = {"so_ky_hieu": so_ky_hieu, "ngay_ban_hanh": issued.isoformat(),
              "co_quan_ban_hanh": agency_full, "trich_yeu": trich_yeu, "nguoi_ky": signer}
    return fields, {"text": seal_text(level, place), "date": issued}


CV_ITEMS = [
    "Tổ chức rà soát, thống kê toàn bộ hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu "
    "lực đang lưu trữ tại cơ quan, đơn vị; xây dựng kế hoạch số hóa theo thứ tự ưu tiên các "
    "lĩnh vực hộ tịch, đất đai, chứng thực, hoàn thành trước ngày {deadline}.",
    "Bố trí công chức, viên chức có đủ năng lực thực hiện việc tiếp nhận, số hóa, ký số hồ sơ "
    "tại Bộ phận Một cửa; bảo đảm mỗi thành phần hồ sơ chỉ yêu cầu tổ chức, cá nhân cung cấp "
    "một lần.",
    "Kết quả số hóa phải bảo đảm đầy đủ, chính xác, rõ ràng, đúng định dạng theo quy định; "
    "thành phần hồ sơ sau khi số hóa được ký số của cơ quan có thẩm quyền và lưu trữ trong "
    "kho quản lý dữ liệu điện tử của tổ chức, cá nhân.",
    "Văn phòng Ủy ban nhân dân tỉnh theo dõi, tổng hợp kết quả thực hiện; định kỳ trước ngày "
    "20 hằng tháng báo cáo Ủy ban nhân dân tỉnh tình hình số hóa và tỷ lệ khai thác, sử dụng "
    "lại dữ liệu đã số hóa.",
    "Sở Thông tin và Truyền thông hướng dẫn việc kết nối, chia sẻ dữ liệu giữa Hệ thống thông "
    "tin giải quyết thủ tục hành chính của tỉnh với Cơ sở dữ liệu quốc gia về dân cư và các "
    "cơ sở dữ liệu chuyên ngành.",
    "Sở Tư pháp hướng dẫn Ủy ban nhân dân cấp xã cập nhật đầy đủ dữ liệu hộ tịch lịch sử vào "
    "Cơ sở dữ liệu hộ tịch điện tử; kịp thời chỉnh lý các trường hợp sai lệch thông tin về "
    "số định danh cá nhân.",
    "Ủy ban nhân dân các huyện, thành phố, thị xã chỉ đạo Ủy ban nhân dân cấp xã bố trí kinh "
    "phí, trang thiết bị (máy quét, chữ ký số) phục vụ công tác số hóa; kiểm tra, đôn đốc việc "
    "thực hiện tại cơ sở.",
    "Công an tỉnh phối hợp xác thực thông tin công dân qua Cơ sở dữ liệu quốc gia về dân cư; "
    "hướng dẫn việc sử dụng căn cước điện tử và tài khoản định danh điện tử khi thực hiện thủ "
    "tục hành chính trực tuyến.",
    "Sở Nội vụ hướng dẫn việc lưu trữ hồ sơ điện tử theo quy định của Luật Lưu trữ; kiểm tra "
    "việc bảo quản bản gốc giấy tờ sau khi số hóa, bảo đảm an toàn, không để hư hỏng, thất "
    "lạc.",
    "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tuyên "
    "truyền, vận động người dân sử dụng dịch vụ công trực tuyến và kết quả đã được số hóa "
    "khi thực hiện thủ tục hành chính.",
]
CV_CLOSING = ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp "
              "thời phản ánh về Văn phòng Ủy ban nhân dân tỉnh để tổng hợp, báo cáo Ủy ban nhân "
              "dân tỉnh xem xét, chỉ đạo.")

CV_SUBJECTS = [
    "V/v triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "V/v đôn đốc cập nhật dữ liệu hộ tịch vào Cơ sở dữ liệu hộ tịch điện tử",
    "V/v tăng cường khai thác, sử dụng lại dữ liệu đã được số hóa",
]


def compose_cong_van(ts, rng, extra=0, ctx=None):
    place = Place(rng, provinces_only=True)
    issued = to_workday(random_date(rng, dt.date(2022, 1, 4), dt.date(2024, 12, 28)))
    number = rng.randrange(20, 9000)
    so_ky_hieu = f"{number}/UBND-{rng.choice(['VP', 'VP', 'KSTT', 'NC'])}"
    subject = rng.choice(CV_SUBJECTS)
    titles = signer_titles(rng)
    signer = make_name(rng, rng.choice(["Nam", "Nam", "Nữ"]))
    letterhead(ts, agency_province(place), f"Số: {so_ky_hieu}",
               date_line(place.date_place, issued), subject=subject)
    ts.tabbed([(42, [("Kính gửi:", "r")]), (66, [("- Các sở, ban, ngành cấp tỉnh;", "r")])],
              after_pt=1)
    ts.tabbed([(66, [("- Ủy ban nhân dân các huyện, thành phố, thị xã.", "r")])], after_pt=10)
    deadline = issued + dt.timedelta(days=rng.randrange(40, 160))
    grounds = [(date, text) for date, text in [
        (dt.date(2023, 4, 5), "Thông tư số 01/2023/TT-VPCP ngày 05 tháng 4 năm 2023 của Văn "
         "phòng Chính phủ"),
        (dt.date(2021, 12, 6), "Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của "
         "Chính phủ"),
        (dt.date(2022, 1, 6), "Quyết định số 06/QĐ-TTg ngày 06 tháng 01 năm 2022 của Thủ tướng "
         "Chính phủ")] if date < issued]
    ts.para([("Thực hiện " + rng.choice(grounds)[1] +
        "; để nâng cao tỷ lệ số hóa và tái sử dụng kết quả số hóa hồ sơ, kết quả giải quyết thủ "
        f"tục hành chính trên địa bàn tỉnh, Ủy ban nhân dân {place.province_label} yêu cầu các "
        "cơ quan, đơn vị, địa phương thực hiện một số nội dung sau:", "r")], after_pt=4)
    count = min(len(CV_ITEMS), 3 + extra)
    items = rng.sample(CV_ITEMS, count) + [CV_CLOSING]
    for i, text in enumerate(items, 1):
        ts.para([(f"{i}. " + text.format(deadline=dmy(deadline)), "r")], after_pt=4)
    ts.para([("Yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch Ủy ban nhân dân các huyện, "
              "thành phố, thị xã nghiêm túc triển khai thực hiện./.", "r")], after_pt=4)
    left = recipients(ts, ["- Như trên;", "- Chủ tịch, các PCT UBND tỉnh;",
                           "- Lưu: VT, " + so_ky_hieu.split("-")[-1] + "."])
    signature_block(ts, titles, signer, left_items=left)
    fields = {"so_ky_hieu": so_ky_hieu, "ngay_ban_hanh": issued.isoformat(),
              "co_quan_ban_hanh": agency_name("tinh", place),
              "trich_yeu": subject[len("V/v "):], "nguoi_ky": signer}
    return fields, {"text": seal_text("tinh", place), "date": issued}


MARITAL = [
    ("Chưa đăng ký kết hôn với ai", None),
    ("Đã đăng ký kết hôn, nhưng đã ly hôn theo Bản án số {n}/{y}/HNGĐ-ST ngày {d} của Tòa án "
     "nhân dân {district}; hiện tại chưa đăng ký kết hôn với ai", "divorced"),
    ("Có đăng ký kết hôn với {spouse_title} {spouse}, hiện tại vẫn đang trong thời kỳ hôn nhân",
     "married"),
]
PURPOSES = ["Đăng ký kết hôn", "Bổ sung hồ sơ vay vốn ngân hàng",
            "Làm thủ tục chuyển nhượng quyền sử dụng đất", "Bổ sung hồ sơ đi làm việc ở nước ngoài"]


def compose_xac_nhan(ts, rng, extra=0, ctx=None):
    place = Place(rng)
    issued = to_workday(random_date(rng, dt.date(2019, 1, 2), dt.date(2024, 12, 28)))
    person = make_person(rng, None, dt.date(1965, 1, 1), dt.date(2002, 12, 31), place.province)
    person["residence"] = residence(rng, place)
    number = f"{rng.randrange(1, 400)}/XNTTHN"
    status, kind = rng.choice(MARITAL)
    if ctx is not None and "person" in ctx:  # a dossier's applicant, to marry
        person = dict(ctx["person"])
        place = person["place"]
        issued = to_workday(ctx["when"] - dt.timedelta(days=rng.randrange(10, 150)))
        status, kind = MARITAL[0]
    spouse_sex = "Nữ" if person["sex"] == "Nam" else "Nam"
    judgment = issued - dt.timedelta(days=rng.randrange(400, 1800))
    status = status.format(
        n=rng.randrange(5, 300), y=judgment.year, d=dmy(judgment), district=place.district,
        spouse_title="bà" if spouse_sex == "Nữ" else "ông", spouse=make_name(rng, spouse_sex))
    purpose = "Đăng ký kết hôn" if kind is None and rng.random() < 0.5 else rng.choice(
        PURPOSES[1:])
    if ctx is not None and "person" in ctx:
        purpose = "Đăng ký kết hôn"
    since = dt.date(max(person["birth"].year + 18, 2005), 1, 1)
    titles = signer_titles(rng)
    signer = make_name(rng, rng.choice(["Nam", "Nữ"]))
    cccd_date = random_date(rng, dt.date(2021, 1, 1), issued) if issued > dt.date(2021, 3, 1) \
        else random_date(rng, dt.date(2016, 6, 1), issued)
    if ctx is not None and "card_issued" in ctx:
        cccd_date = ctx["card_issued"]

    letterhead(ts, agency_commune(place), f"Số: {number}", date_line(place.commune_short, issued))
    ts.para([("GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", "b")], size_pt=15, align="center", after_pt=8)
    ts.para([("ỦY BAN NHÂN DÂN " + upper_vi(place.commune), "b")], align="center", after_pt=6)
    requester = person["name"]
    ts.para([(f"Xét đề nghị của {'ông' if person['sex'] == 'Nam' else 'bà'} {requester} về việc "
              "cấp Giấy xác nhận tình trạng hôn nhân,", "r")], after_pt=6)
    ts.para([("XÁC NHẬN:", "b")], align="center", after_pt=6)
    field = lambda label, value, vstyle="r": ts.para(
        [(label, "r"), (value, vstyle)], align="left", indent_mm=0, after_pt=2.5)
    field("Họ, chữ đệm, tên:", person["name"], "b")
    ts.tabbed([(0, [("Ngày, tháng, năm sinh:", "r"), (dmy(person["birth"]), "r")])],
              after_pt=2.5)
    ts.tabbed([(0, [("Giới tính:", "r"), (person["sex"], "r")]),
               (45, [("Dân tộc:", "r"), (person["ethnicity"], "r")]),
               (95, [("Quốc tịch:", "r"), ("Việt Nam", "r")])], after_pt=2.5)
    field("Giấy tờ tùy thân:", f"Căn cước công dân số {person['id']}, cấp ngày "
          f"{dmy(cccd_date)}, nơi cấp: Cục Cảnh sát quản lý hành chính về trật tự xã hội")
    field("Nơi cư trú:", person["residence"])
    field("Trong thời gian cư trú tại", f"{place.commune}, {place.district}, "
          f"{place.province_label} từ ngày {dmy(since)} đến ngày {dmy(issued)}")
    field("Tình trạng hôn nhân:", status + ".", "r")
    field("Giấy này được cấp để:", purpose + ".")
    ts.para([("Giấy này có giá trị sử dụng trong thời hạn 6 tháng, kể từ ngày cấp.", "i")],
            align="left", indent_mm=0, after_pt=4)
    signature_block(ts, titles, signer)
    fields = {"so": number, "ho_ten": person["name"], "ngay_sinh": person["birth"].isoformat(),
              "gioi_tinh": person["sex"], "dan_toc": person["ethnicity"],
              "quoc_tich": "Việt Nam", "so_dinh_danh": person["id"],
              "tinh_trang_hon_nhan": status, "muc_dich": purpose,
              "ngay_cap": issued.isoformat(), "co_quan_ban_hanh": agency_name("xa", place),
              "nguoi_ky": signer}
    return fields, {"text": seal_text("xa", place), "date": issued}


CAUSES = ["Bệnh già", "Tai biến mạch máu não", "Bệnh tim mạch", "Ung thư phổi",
          "Tai nạn giao thông", "Suy hô hấp"]


def compose_trich_luc_khai_tu(ts, rng, extra=0, ctx=None):
    place = Place(rng)
    died = random_date(rng, dt.date(2017, 1, 1), dt.date(2024, 10, 30))
    registered = to_workday(died + dt.timedelta(days=rng.randrange(1, 14)))
    issued = registered if rng.random() < 0.6 else to_workday(registered + dt.timedelta(
        days=rng.randrange(10, 600)))
    person = make_person(rng, None, dt.date(1925, 1, 1), dt.date(1975, 12, 31), place.province)
    person["residence"] = residence(rng, place)
    if ctx is not None:  # a copy issued on a relative's request, while chip cards exist
        issued = to_workday(random_date(rng, max(registered, dt.date(2022, 1, 3)) +
                                        dt.timedelta(days=10), dt.date(2025, 6, 30)))
        ctx["deceased"], ctx["deceased_place"], ctx["when"] = person, place, issued
    so = str(rng.randrange(1, 150))
    quyen = f"01/{registered.year}"
    titles = signer_titles(rng)
    signer = make_name(rng, rng.choice(["Nam", "Nữ"]))
    notice_date = died + dt.timedelta(days=rng.randrange(0, 3))
    hour, minute = rng.randrange(0, 24), rng.randrange(0, 60)
    death_place = rng.choice([f"Tại nhà, {person['residence']}",
                              f"Bệnh viện Đa khoa {place.province_label}"])
    letterhead(ts, agency_commune(place), f"Số: {so}", date_line(place.commune_short, issued),
               subject=f"Quyển số: {quyen}")
    ts.para([("TRÍCH LỤC KHAI TỬ", "b")], size_pt=16, align="center", after_pt=2)
    ts.para([("(Bản chính)" if issued == registered else "(Bản sao)", "i")], align="center",
            after_pt=10)
    field = lambda label, value, vstyle="r": ts.para(
        [(label, "r"), (value, vstyle)], align="left", indent_mm=0, after_pt=2.5)
    field("Họ, chữ đệm, tên:", upper_vi(person["name"]), "b")
    ts.tabbed([(0, [("Ngày, tháng, năm sinh:", "r"), (dmy(person["birth"]), "r")])],
              after_pt=2.5)
    ts.tabbed([(0, [("Giới tính:", "r"), (person["sex"], "r")]),
               (45, [("Dân tộc:", "r"), (person["ethnicity"], "r")]),
               (95, [("Quốc tịch:", "r"), ("Việt Nam", "r")])], after_pt=2.5)
    field("Số định danh cá nhân:", person["id"], "b")
    field("Nơi cư trú cuối cùng:", person["residence"])
    field("Đã chết vào lúc:", f"{hour:02d} giờ {minute:02d} phút, ngày {dmy(died)}")
    field("Nơi chết:", death_place)
    field("Nguyên nhân chết:", rng.choice(CAUSES))
    field("Giấy báo tử/Giấy tờ thay thế Giấy báo tử số:",
          f"{rng.randrange(1, 99)}/GBT ngày {dmy(notice_date)} do Ủy ban nhân dân "
          f"{place.commune} cấp")
    noi_dk = f"Ủy ban nhân dân {place.full}"
    field("Nơi đăng ký khai tử:", noi_dk)
    ts.tabbed([(0, [("Ngày, tháng, năm đăng ký:", "r"), (dmy(registered), "r")])])
    signature_block(ts, titles, signer)
    fields = {"so": so, "quyen_so": quyen, "ho_ten": person["name"], "gioi_tinh": person["sex"],
              "ngay_sinh": person["birth"].isoformat(), "so_dinh_danh": person["id"],
              "dan_toc": person["ethnicity"], "quoc_tich": "Việt Nam",
              "ngay_dang_ky": registered.isoformat(), "noi_dang_ky": noi_dk,
              "ngay_cap": issued.isoformat(), "co_quan_ban_hanh": agency_name("xa", place),
              "nguoi_ky": signer}
    return fields, {"text": seal_text("xa", place), "date": issued}


def compose_trich_luc_ket_hon(ts, rng, extra=0, ctx=None):
    place = Place(rng)
    registered = to_workday(random_date(rng, dt.date(2016, 3, 1), dt.date(2024, 10, 30)))
    issued = registered if rng.random() < 0.6 else to_workday(registered + dt.timedelta(
        days=rng.randrange(10, 900)))
    wife = make_person(rng, "Nữ", dt.date(registered.year - 40, 1, 1),
                       dt.date(registered.year - 19, 12, 31), place.province)
    husband = make_person(rng, "Nam", dt.date(registered.year - 42, 1, 1),
                          dt.date(registered.year - 21, 12, 31))
    wife["residence"] = residence(rng, place)
    so = str(rng.randrange(1, 120))
    quyen = f"01/{registered.year}"
    titles = signer_titles(rng)
    signer = make_name(rng, rng.choice(["Nam", "Nữ"]))
    letterhead(ts, agency_commune(place), f"Số: {so}", date_line(place.commune_short, issued),
               subject=f"Quyển số: {quyen}")
    ts.para([("TRÍCH LỤC KẾT HÔN", "b")], size_pt=16, align="center", after_pt=2)
    ts.para([("(Bản chính)" if issued == registered else "(Bản sao)", "i")], align="center",
            after_pt=10)
    field = lambda label, value, vstyle="r": ts.para(
        [(label, "r"), (value, vstyle)], align="left", indent_mm=0, after_pt=2.5)
    for role, p in (("chồng", husband), ("vợ", wife)):
        ts.para([(f"Thông tin về bên {role}", "b")], align="left", indent_mm=0, after_pt=3)
        field("Họ, chữ đệm, tên:", upper_vi(p["name"]), "b")
        ts.tabbed([(0, [("Ngày, tháng, năm sinh:", "r"), (dmy(p["birth"]), "r")]),
                   (95, [("Dân tộc:", "r"), (p["ethnicity"], "r")])], after_pt=2.5)
        ts.tabbed([(0, [("Quốc tịch:", "r"), ("Việt Nam", "r")])], after_pt=2.5)
        field("Nơi cư trú:", p["residence"])
        field("Giấy tờ tùy thân:", f"Căn cước công dân số {p['id']}")
        ts.space(6)
    noi_dk = f"Ủy ban nhân dân {place.full}"
    field("Nơi đăng ký kết hôn:", noi_dk)
    ts.tabbed([(0, [("Ngày, tháng, năm đăng ký:", "r"), (dmy(registered), "r")])])
    signature_block(ts, titles, signer)
    fields = {"so": so, "quyen_so": quyen,
              "ho_ten_chong": husband["name"], "ngay_sinh_chong": husband["birth"].isoformat(),
              "so_dinh_danh_chong": husband["id"],
              "ho_ten_vo": wife["name"], "ngay_sinh_vo": wife["birth"].isoformat(),
              "so_dinh_danh_vo": wife["id"],
              "ngay_dang_ky": registered.isoformat(), "noi_dang_ky": noi_dk,
              "ngay_cap": issued.isoformat(), "co_quan_ban_hanh": agency_name("xa", place),
              "nguoi_ky": signer}
    return fields, {"text": seal_text("xa", place), "date": issued}


# ---------------------------------------------------------------------------------------------
# The căn cước card, as the one-stop shop receives it: a photocopy of its two sides on A4.
# ---------------------------------------------------------------------------------------------

CARD_W_MM, CARD_H_MM = 85.6, 54.0  # ID-1 (ISO/IEC 7810)
CHIP_CARDS_FROM = dt.date(2021, 1, 4)   # căn cước công dân with a chip and an MRZ
CAN_CUOC_FROM = dt.date(2024, 7, 1)     # Luật Căn cước 2023: the "CĂN CƯỚC" card
CARDS_UNTIL = dt.date(2025, 6, 30)


def mrz_check_digit(field):
    """ICAO 9303 check digit: digits their value, A-Z 10-35, '<' 0, weights 7, 3, 1."""
    total = 0
    for i, ch in enumerate(field):
        value = int(ch) if ch.isdigit() else 0 if ch == "<" else ord(ch) - ord("A") + 10
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


def mrz_name(name):
    """'Nguyễn Thị Thu Hà' -> 'NGUYEN<<THI<THU<HA<<…' (30 characters, marks dropped, Đ -> D)."""
    ascii_name = "".join(c for c in unicodedata.normalize("NFD", name.replace("Đ", "D").replace(
        "đ", "d")) if not unicodedata.combining(c)).upper()
    surname, _, given = ascii_name.partition(" ")
    return (surname + "<<" + given.replace(" ", "<") + "<" * 30)[:30]


def mrz_date(d):
    return f"{d.year % 100:02d}{d.month:02d}{d.day:02d}"


def td1_zone(number, birth, sex, expiry, name):
    """The three 30-character lines of the card's TD1 machine-readable zone: document number =
    the last 9 digits of the personal ID, optional data = the whole ID; no expiry = fillers."""
    document = number[3:]
    line1 = "IDVNM" + document + mrz_check_digit(document) + number + "<<<"
    born = mrz_date(birth)
    ends = mrz_date(expiry) if expiry else "<<<<<<"
    ends_check = mrz_check_digit(ends) if expiry else "<"
    line2 = born + mrz_check_digit(born) + ("M" if sex == "Nam" else "F") + ends + ends_check + \
        "VNM" + "<" * 11
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    line2 += mrz_check_digit(composite)
    lines = [line1, line2, mrz_name(name)]
    assert all(len(line) == 30 for line in lines), lines
    return lines


def anniversary(birth, years):
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # born on 29 February
        return dt.date(birth.year + years, 2, 28)


def card_expiry(birth, issued):
    """Luật Căn cước 2023 (Art. 21, as the CCCD law before it): a card is renewed at 25, 40 and
    60; one issued within two years before such a birthday lasts to the next one; one issued
    from 58 on does not expire."""
    for age in (25, 40, 60):
        if issued < anniversary(birth, age - 2):
            return anniversary(birth, age)
    return None


class CardSide:
    """One side of the card, drawn at the document's dpi in mm coordinates; records its
    printed lines."""

    def __init__(self, dpi, rng):
        self.dpi = dpi
        self.rng = rng
        self.image = Image.new("RGB", (self.mm(CARD_W_MM), self.mm(CARD_H_MM)), "white")
        self.draw = ImageDraw.Draw(self.image)
        self.lines = []
        self.background()

    def mm(self, v):
        return mm_to_px(v, self.dpi)

    def pt(self, size):
        return pt_to_px(size, self.dpi)

    def background(self):
        """A light tint with a guilloche of fine waves, as the copier sees the printed card."""
        rng = self.rng
        tint = rng.randrange(228, 240)
        w, h = self.image.size
        self.draw.rectangle((0, 0, w, h), fill=(tint, tint + 4, tint + 2))
        wave = (tint - 22, tint - 16, tint - 12)
        period = self.mm(rng.uniform(7, 11))
        amplitude = self.mm(rng.uniform(1.2, 2.2))
        step = self.mm(1.6)
        phase = rng.uniform(0, math.pi)
        for k in range(-2, h // step + 3):
            pts = [(x, k * step + amplitude * math.sin(2 * math.pi * x / period + phase + k * 0.4))
                   for x in range(0, w + 4, 4)]
            self.draw.line(pts, fill=wave, width=1)
        rose = (w * rng.uniform(0.55, 0.75), h * rng.uniform(0.4, 0.6))
        for r in range(self.mm(4), self.mm(24), self.mm(1.8)):
            self.draw.ellipse((rose[0] - r, rose[1] - r * 0.8, rose[0] + r, rose[1] + r * 0.8),
                              outline=wave, width=1)

    def finish(self):
        """Rounded corners (3.18 mm) and the card's edge; returns the card and its mask."""
        w, h = self.image.size
        mask = Image.new("L", (w, h), 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=self.mm(3.18),
                                               fill=255)
        ImageDraw.Draw(self.image).rounded_rectangle(
            (0, 0, w - 1, h - 1), radius=self.mm(3.18), outline=(70, 70, 75),
            width=max(1, self.mm(0.25)))
        return self.image, mask

    def text(self, x_mm, y_mm, runs, anchor="ls", record=True, ink=INK_TEXT):
        """Draws runs [(text, style, size_pt)] one after the other from (x, baseline y);
        anchor 'ms' centres the whole line on x. Returns the right end in mm."""
        widths = [font(style, self.pt(size)).getlength(text) for text, style, size in runs]
        spaces = [font(style, self.pt(size)).getlength(" ") for _, style, size in runs]
        total = sum(widths) + sum(spaces[1:])
        x = self.mm(x_mm) - (total / 2 if anchor == "ms" else 0)
        for i, (text, style, size) in enumerate(runs):
            if i:
                x += spaces[i]
            self.draw.text((x, self.mm(y_mm)), text, font=font(style, self.pt(size)), fill=ink,
                           anchor="ls")
            x += widths[i]
        if record:
            self.lines.append(" ".join(" ".join(text for text, _, _ in runs).split()))
        return px_to_mm(x, self.dpi)

    def wrap(self, text, style, size, width_mm, first_width_mm=None):
        """Greedy word wrap: the first line may be narrower (a label before it)."""
        f = font(style, self.pt(size))
        lines, line = [], ""
        limit = self.mm(first_width_mm if first_width_mm is not None else width_mm)
        for word in text.split():
            trial = (line + " " + word).strip()
            if line and f.getlength(trial) > limit:
                lines.append(line)
                line, limit = word, self.mm(width_mm)
            else:
                line = trial
        return lines + [line]

    def fitted(self, text, style, size, width_mm):
        """The largest size up to `size` at which text fits the width."""
        while size > 4 and font(style, self.pt(size)).getlength(text) > self.mm(width_mm):
            size -= 0.25
        return size

    def emblem(self, cx_mm, cy_mm, r_mm):
        """The national emblem, as a copier renders it: rings, a star, a cogwheel's hint."""
        cx, cy, r = self.mm(cx_mm), self.mm(cy_mm), self.mm(r_mm)
        grey = (95, 90, 80)
        self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=grey, width=max(1, r // 9))
        r2 = r * 0.72
        self.draw.ellipse((cx - r2, cy - r2, cx + r2, cy + r2), fill=(150, 120, 110))
        self.draw.polygon(star_points(cx, cy - r * 0.08, r * 0.45, r * 0.18), fill=(215, 200, 120))
        self.draw.arc((cx - r * 0.9, cy - r * 0.4, cx + r * 0.9, cy + r * 1.1), 20, 160,
                      fill=grey, width=max(1, r // 10))

    def photo(self, x0, y0, x1, y1):
        """A photo box: grey with a head-and-shoulders silhouette."""
        box = tuple(self.mm(v) for v in (x0, y0, x1, y1))
        w, h = box[2] - box[0], box[3] - box[1]
        shade = self.rng.randrange(175, 205)
        photo = Image.new("RGB", (w, h), (shade, shade, shade + 3))
        d = ImageDraw.Draw(photo)
        dark = (shade - 95, shade - 95, shade - 90)
        d.ellipse((w * 0.07, h * 0.68, w * 0.93, h * 1.3), fill=dark)
        d.ellipse((w * 0.28, h * 0.18, w * 0.72, h * 0.62), fill=dark)
        self.image.paste(photo, box[:2])
        self.draw.rectangle(box, outline=(90, 90, 90), width=max(1, self.mm(0.2)))

    def qr(self, x0, y0, size_mm, payload):
        """The card's QR code holding `payload` (python3-qrcode, error correction M), its
        modules filling size_mm; the rng draws the older random-module drawing made are still
        taken so the rest of a card stays as before for a given seed."""
        for _ in range(29 * 29 - 3 * 49):
            self.rng.random()
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(payload.encode("utf-8"))
        code.make(fit=True)
        matrix = code.get_matrix()
        n = len(matrix)
        cell = self.mm(size_mm) / n
        x0, y0 = self.mm(x0), self.mm(y0)
        quiet = 2 * cell
        self.draw.rectangle((x0 - quiet, y0 - quiet, x0 + n * cell + quiet,
                             y0 + n * cell + quiet), fill="white")
        for r, row in enumerate(matrix):
            for c, on in enumerate(row):
                if on:
                    self.draw.rectangle((round(x0 + c * cell), round(y0 + r * cell),
                                         round(x0 + (c + 1) * cell) - 1,
                                         round(y0 + (r + 1) * cell) - 1), fill=(25, 25, 25))

    def fingerprint(self, x0, y0, x1, y1):
        box = tuple(self.mm(v) for v in (x0, y0, x1, y1))
        self.draw.rectangle(box, fill="white", outline=(80, 80, 80), width=max(1, self.mm(0.2)))
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        rx, ry = (box[2] - box[0]) * 0.32, (box[3] - box[1]) * 0.4
        for k in range(1, 11):
            f = k / 10
            self.draw.ellipse((cx - rx * f, cy - ry * f, cx + rx * f, cy + ry * f),
                              outline=(120, 120, 120), width=max(1, self.mm(0.18)))

    def mrz(self, lines, top_mm):
        """The zone: 30 characters at the ICAO pitch of 2.54 mm (Liberation Mono at 12 pt)."""
        size = 12
        for i, line in enumerate(lines):
            self.text(4.6, top_mm + 3.3 + i * 4.6, [(line, "mono", size)])


def draw_card_front(side, person, modern, number, expiry, que_quan, qr_payload):
    name_caps = upper_vi(person["name"])
    header_x0 = 17.0
    header_x1 = CARD_W_MM - (18.0 if not modern else 3.0)  # the older card's QR code
    cx = (header_x0 + header_x1) / 2
    width = header_x1 - header_x0
    side.emblem(9.0, 10.5, 6.8)
    if not modern:
        side.qr(CARD_W_MM - 16.0, 3.0, 13.0, qr_payload)
    side.text(cx, 5.6, [(MOTTO_1, "sb", side.fitted(MOTTO_1, "sb", 6.5, width))], "ms")
    side.text(cx, 8.9, [(MOTTO_2, "sb", 6.5)], "ms")
    title = "CĂN CƯỚC" if modern else "CĂN CƯỚC CÔNG DÂN"
    side.text(cx, 13.6, [(title, "sb", side.fitted(title, "sb", 10.5, width))], "ms",
              ink=(70, 20, 25))
    side.text(cx, 16.9, [("IDENTITY CARD" if modern else "Citizen Identity Card", "sr", 6)], "ms")
    side.photo(3.0, 20.0, 21.5, 44.0)
    x = 23.5
    label, value = 6.0, 7.5
    if modern:
        side.text(x, 21.3, [("Số định danh cá nhân / Personal identification number:", "sr",
                             side.fitted("Số định danh cá nhân / Personal identification "
                                         "number:", "sr", label, CARD_W_MM - x - 1.5))])
        side.text(x, 25.2, [(number, "sb", 10)])
        side.text(x, 29.0, [("Họ, chữ đệm và tên khai sinh / Full name:", "sr", label)])
        side.text(x, 32.9, [(name_caps, "sb", side.fitted(name_caps, "sb", 9,
                                                           CARD_W_MM - x - 2))])
        side.text(x, 36.8, [("Ngày, tháng, năm sinh / Date of birth:", "sr", label),
                            (dmy(person["birth"]), "sb", value)])
        side.text(x, 40.6, [("Giới tính / Sex:", "sr", label), (person["sex"], "sb", value),
                            ("    Quốc tịch / Nationality:", "sr", label),
                            ("Việt Nam", "sb", value)])
        return
    side.text(x, 21.0, [("Số / No.:", "sr", label), (number, "sb", 10)])
    side.text(x, 24.6, [("Họ và tên / Full name:", "sr", label)])
    side.text(x, 28.3, [(name_caps, "sb", side.fitted(name_caps, "sb", 8.5, CARD_W_MM - x - 2))])
    side.text(x, 31.7, [("Ngày sinh / Date of birth:", "sr", label),
                        (dmy(person["birth"]), "sb", value)])
    side.text(x, 35.0, [("Giới tính / Sex:", "sr", label), (person["sex"], "sb", value),
                        ("    Quốc tịch / Nationality:", "sr", label), ("Việt Nam", "sb", value)])
    side.text(x, 38.2, [("Quê quán / Place of origin:", "sr", label)])
    origin_size = side.fitted(que_quan, "sb", value, CARD_W_MM - x - 2)
    side.text(x, 41.4, [(que_quan, "sb", origin_size)])
    residence_label = "Nơi thường trú / Place of residence:"
    label_w = px_to_mm(font("sr", side.pt(label)).getlength(residence_label + " "), side.dpi)
    parts = side.wrap(person["residence"], "sb", 7, CARD_W_MM - x - 2,
                      CARD_W_MM - x - 2 - label_w)
    if len(parts) > 2:  # too long for two lines: a smaller print
        parts = side.wrap(person["residence"], "sb", 6.25, CARD_W_MM - x - 2,
                          CARD_W_MM - x - 2 - label_w)
    size = 7 if len(parts) <= 2 else 6.25
    side.text(x, 44.6, [(residence_label, "sr", label), (parts[0], "sb", size)])
    for i, part in enumerate(parts[1:]):
        side.text(x, 47.8 + i * 3.1, [(part, "sb", size)])
    side.text(3.0, 51.6, [("Có giá trị đến / Date of expiry:", "sr", 5.5),
                          (dmy(expiry) if expiry else "Không thời hạn", "sb", 6.5)])


def draw_card_back(side, person, modern, issued, expiry, mrz_lines, director, qr_payload):
    label, value = 6.0, 7.5
    x = 3.5
    if modern:
        side.qr(CARD_W_MM - 17.5, 3.0, 14.0, qr_payload)
        width = CARD_W_MM - 21.0 - x
        side.text(x, 6.0, [("Nơi cư trú / Place of residence:", "sr", label)])
        parts = side.wrap(person["residence"], "sb", value, width)
        for i, part in enumerate(parts):
            side.text(x, 9.6 + i * 3.5, [(part, "sb", value)])
        y = 9.6 + len(parts) * 3.5 + 0.8
        side.text(x, y, [("Ngày, tháng, năm cấp / Date of issue:", "sr", label),
                         (dmy(issued), "sb", value)])
        side.text(x, y + 3.8, [("Ngày, tháng, năm hết hạn / Date of expiry:", "sr", label),
                               (dmy(expiry) if expiry else "Không thời hạn", "sb", value)])
        side.text(58.0, y + 9.2, [("BỘ CÔNG AN", "sb", 7.5)], "ms")
        side.text(58.0, y + 12.2, [("MINISTRY OF PUBLIC SECURITY", "sr", 5.5)], "ms")
    else:
        side.fingerprint(53.0, 3.0, 67.5, 19.5)
        side.fingerprint(69.5, 3.0, 84.0, 19.5)
        side.text(x, 6.0, [("Đặc điểm nhân dạng / Personal identification:", "sr", 5.5)])
        mark = side.rng.choice(["Nốt ruồi C:1cm trên trước mày trái",
                                "Sẹo chấm C:2cm dưới sau đuôi mắt phải",
                                "Nốt ruồi C:1,5cm dưới sau cánh mũi trái",
                                "Sẹo chấm C:3cm trên sau đầu mày phải"])
        parts = side.wrap(mark, "sb", 7, 48.0)
        for i, part in enumerate(parts):
            side.text(x, 9.6 + i * 3.4, [(part, "sb", 7)])
        side.text(60.25, 22.3, [("Ngón trỏ trái", "sr", 5)], "ms", record=False)
        side.text(76.75, 22.3, [("Ngón trỏ phải", "sr", 5)], "ms", record=False)
        # The line ends before the fingerprint boxes (53 mm): a longer label is set smaller.
        issue_label = "Ngày, tháng, năm cấp / Date of issue:"
        date_mm = px_to_mm(font("sb", side.pt(value)).getlength(" " + dmy(issued)), side.dpi)
        side.text(x, 20.5 if len(parts) == 1 else 21.5,
                  [(issue_label, "sr", side.fitted(issue_label, "sr", label,
                                                   53.0 - 1.0 - x - date_mm)),
                   (dmy(issued), "sb", value)], record=True)
        # The fingerprint labels sit right of the text column: read after it.
        side.lines.append("Ngón trỏ trái Ngón trỏ phải")
        side.text(42.8, 26.4, [("CỤC TRƯỞNG CỤC CẢNH SÁT", "sb", 6.5)], "ms")
        side.text(42.8, 29.3, [("QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", "sb", 6.5)], "ms")
        side.text(42.8, 35.2, [(director, "sb", 7)], "ms")
        signature = make_signature(side.rng, (side.mm(22), side.mm(4.8)), side.dpi)
        apply_ink(side.image, signature, (side.mm(34), side.mm(29.4)), (60, 60, 70), 0.8)
    side.mrz(mrz_lines, 37.4)


def card_qr_payload(person, issued):
    """The card's QR text: ID|old ID|name|DDMMYYYY|sex|residence|DDMMYYYY. The old 9-digit
    ID comes from a generator of its own (seeded by the ID) so the card's rng is untouched;
    a third of holders never had one."""
    own = random.Random(person["id"])
    old_id = "" if own.random() < 0.33 else "%09d" % own.randrange(10 ** 8, 10 ** 9)
    birth, when = person["birth"], issued
    return "|".join([person["id"], old_id, person["name"], birth.strftime("%d%m%Y"),
                     person["sex"], person["residence"], when.strftime("%d%m%Y")])


def compose_can_cuoc(ts, rng, extra=0, ctx=None):
    """A photocopy of a căn cước card, front above back, on A4 (the copy citizens hand in)."""
    person = ctx.get("person") if ctx else None
    when = ctx.get("when") if ctx else None
    while True:
        p = person or make_person(rng, None, dt.date(1950, 1, 1), dt.date(2010, 6, 30))
        modern = rng.random() < 0.5
        start, end = (CAN_CUOC_FROM, CARDS_UNTIL) if modern else (CHIP_CARDS_FROM,
                                                                  CAN_CUOC_FROM - dt.timedelta(1))
        if when and when >= CHIP_CARDS_FROM + dt.timedelta(days=60):
            end = min(end, when - dt.timedelta(days=15))  # copied for a dossier of that date
        start = max(start, anniversary(p["birth"], 14) + dt.timedelta(days=1))
        if start <= end:
            break
    issued = random_date(rng, start, end)
    expiry = card_expiry(p["birth"], issued)
    if ctx is not None:
        ctx["person"], ctx["card_issued"] = p, issued
    que_quan = Place(rng, p["place"].province if rng.random() < 0.7 else None).full
    number = p["id"]
    mrz_lines = td1_zone(number, p["birth"], p["sex"], expiry, p["name"])
    director = make_name(rng, "Nam")
    payload = card_qr_payload(p, issued)

    front = CardSide(ts.dpi, rng)
    draw_card_front(front, p, modern, number, expiry, que_quan, payload)
    back = CardSide(ts.dpi, rng)
    draw_card_back(back, p, modern, issued, expiry, mrz_lines, director, payload)
    # Below the space a clerk's received stamp takes at the top of a photocopy (28-84 mm).
    top = ts.mm(rng.uniform(88, 100))
    gap = ts.mm(rng.uniform(12, 30))
    x = (ts.width - front.image.width) // 2 + ts.mm(rng.uniform(-15, 15))
    for side, y in ((front, top), (back, top + front.image.height + gap)):
        card, mask = side.finish()
        angle = rng.uniform(-0.8, 0.8)  # laid on the copier by hand
        card = card.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor="white")
        mask = mask.rotate(angle, resample=Image.BICUBIC, expand=True)
        ts.image.paste(card, (x, y), mask)
        ts.truth[-1].extend(side.lines)
    check_glyphs(front.lines + back.lines, CARD_STYLES)
    fields = {"so_dinh_danh": number, "ho_ten": p["name"], "ngay_sinh": p["birth"].isoformat(),
              "gioi_tinh": p["sex"], "quoc_tich": "Việt Nam"}
    if not modern:
        fields["que_quan"] = que_quan
    fields["noi_cu_tru"] = p["residence"]
    fields["ngay_cap"] = issued.isoformat()
    if expiry:
        fields["co_gia_tri_den"] = expiry.isoformat()
    # No seal on the copy; the received stamp of the office that takes it comes later.
    received = when or to_workday(issued + dt.timedelta(days=rng.randrange(10, 400)))
    return fields, {"text": None, "date": received}


# ---------------------------------------------------------------------------------------------
# Other papers ("khac"): what a dossier holds besides the known types. A classifier must not
# take them for one of those: no title of a known type, no "Kính gửi" / "V/v" line.
# ---------------------------------------------------------------------------------------------

KHAC_KINDS = ["thong_bao", "giay_moi", "bien_ban", "to_khai_ket_hon", "to_khai_ban_sao"]

TB_SUBJECTS = [
    "Về việc tiếp nhận hồ sơ thủ tục hành chính trực tuyến toàn trình",
    "Về việc lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân",
    "Về việc tạm dừng cấp bản sao từ sổ gốc để chuyển đổi dữ liệu hộ tịch",
    "Về việc thu hồi hồ sơ đăng ký biến động đất đai chưa đủ thành phần",
]
TB_BODY = [
    "Thực hiện chỉ đạo của Ủy ban nhân dân cấp trên về đẩy mạnh cung cấp dịch vụ công trực "
    "tuyến, {unit} thông báo đến các tổ chức, cá nhân trên địa bàn như sau:",
    "Kể từ ngày {start}, Bộ phận Một cửa tiếp nhận hồ sơ vào các ngày làm việc trong tuần: "
    "buổi sáng từ 07 giờ 30 phút đến 11 giờ 30 phút, buổi chiều từ 13 giờ 30 phút đến 17 giờ "
    "00 phút.",
    "Tổ chức, cá nhân có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia bằng tài "
    "khoản định danh điện tử; thành phần hồ sơ đã được số hóa không phải nộp lại bản giấy.",
    "Mọi thắc mắc, đề nghị liên hệ công chức Văn phòng - Thống kê trong giờ hành chính để được "
    "hướng dẫn.",
    "{unit} thông báo để các tổ chức, cá nhân biết và thực hiện./.",
]
GM_TOPICS = [
    "Hội nghị triển khai công tác số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Hội nghị đối thoại với Nhân dân về công tác cải cách hành chính",
    "Họp rà soát danh sách hộ nghèo, hộ cận nghèo",
    "Hội nghị tổng kết công tác tư pháp - hộ tịch năm {year}",
]
BB_TOPICS = [
    "Họp xét duyệt hồ sơ đề nghị hỗ trợ nhà ở cho hộ nghèo",
    "Kiểm tra hiện trạng sử dụng đất",
    "Bàn giao hồ sơ, tài liệu lưu trữ của Bộ phận Một cửa",
    "Họp bình xét thi đua, khen thưởng năm {year}",
]


def official_header(rng, level, place, issued):
    agency = {"huyen": agency_district, "xa": agency_commune}[level](place)
    # The place without its kind ("thành phố Quy Nhơn" -> "Quy Nhơn"; quyet_dinh keeps its old
    # "phố Quy Nhơn" so that its corpora stay as they were).
    district = place.district
    for kind in ("thành phố ", "thị xã ", "huyện ", "quận "):
        if district.startswith(kind):
            district = district[len(kind):]
    date_place = {"huyen": district, "xa": place.commune_short}[level]
    unit = {"huyen": place.district, "xa": place.commune}[level]
    return agency, date_line(date_place, issued), unit


def compose_khac(ts, rng, extra=0, ctx=None):
    kind = rng.choice(KHAC_KINDS)
    if ctx is not None and "khac_kind" in ctx:
        kind = ctx["khac_kind"]
    if kind.startswith("to_khai"):
        return compose_to_khai(ts, rng, kind, extra, ctx)
    level = rng.choice(["xa", "xa", "huyen"])
    place = Place(rng)
    issued = to_workday(random_date(rng, dt.date(2020, 1, 2), dt.date(2025, 6, 30)))
    agency, date_text, unit = official_header(rng, level, place, issued)
    agency_full = agency_name(level, place)
    committee = "Ủy ban nhân dân " + unit
    signer_sex = rng.choice(["Nam", "Nam", "Nữ"])
    signer = make_name(rng, signer_sex)
    fields = {}
    if kind == "thong_bao":
        number = f"{rng.randrange(3, 600)}/TB-UBND"
        letterhead(ts, agency, f"Số: {number}", date_text)
        ts.para([("THÔNG BÁO", "b")], size_pt=14.5, align="center", after_pt=0)
        ts.para([(rng.choice(TB_SUBJECTS), "b")], size_pt=14, align="center", after_pt=2,
                x0=ts.left + ts.mm(12), x1=ts.right - ts.mm(12))
        ts.centered_rule(rng.uniform(35, 50), after_pt=8)
        start = dmy(to_workday(issued + dt.timedelta(days=rng.randrange(3, 20))))
        for text in TB_BODY:
            ts.para([(text.format(unit=committee, start=start), "r")], after_pt=4)
        left = recipients(ts, ["- Như trên;", "- Chủ tịch, các PCT UBND;", "- Lưu: VT."])
        signature_block(ts, signer_titles(rng), signer, left_items=left)
        fields = {"so_ky_hieu": number}
    elif kind == "giay_moi":
        number = f"{rng.randrange(3, 400)}/GM-UBND"
        letterhead(ts, agency, f"Số: {number}", date_text)
        ts.para([("GIẤY MỜI", "b")], size_pt=15, align="center", after_pt=8)
        meeting = to_workday(issued + dt.timedelta(days=rng.randrange(2, 12)))
        topic = rng.choice(GM_TOPICS).format(year=issued.year - 1)
        ts.para([(f"{committee[0].upper() + committee[1:]} trân trọng kính mời:", "r")],
                after_pt=4)
        field = lambda label, value: ts.para([(label, "b"), (value, "r")], align="left",
                                             indent_mm=0, after_pt=3)
        field("Thành phần:", "Đại diện lãnh đạo các ban, ngành, đoàn thể; Trưởng các thôn, tổ "
              "dân phố; công chức chuyên môn có liên quan.")
        field("Nội dung:", topic + ".")
        field("Thời gian:", f"01 buổi, bắt đầu từ 07 giờ 30 phút, {vn_date(meeting)}.")
        field("Địa điểm:", f"Hội trường {committee}.")
        ts.para([("Đề nghị các đại biểu bố trí thời gian tham dự đầy đủ, đúng giờ./.", "r")],
                after_pt=4)
        left = recipients(ts, ["- Như thành phần;", "- Lưu: VT."])
        titles = ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"] if level == "huyen" else \
            signer_titles(rng)
        signature_block(ts, titles, signer, left_items=left)
        fields = {"so_ky_hieu": number}
    else:  # bien_ban: minutes, no number and no date line; chaired and minuted
        letterhead(ts, agency, None, None)
        ts.para([("BIÊN BẢN", "b")], size_pt=15, align="center", after_pt=0)
        ts.para([(rng.choice(BB_TOPICS).format(year=issued.year - 1), "b")], size_pt=14,
                align="center", after_pt=8)
        secretary = make_name(rng, rng.choice(["Nam", "Nữ"]))
        field = lambda label, value: ts.para([(label, "b"), (value, "r")], align="left",
                                             indent_mm=0, after_pt=3)
        field("Thời gian:", f"Vào hồi 08 giờ 00 phút, {vn_date(issued)}.")
        field("Địa điểm:", f"Trụ sở {committee}.")
        field("Chủ trì:", f"{'Ông' if signer_sex == 'Nam' else 'Bà'} {signer} - Chủ tịch "
              f"Ủy ban nhân dân.")
        field("Thư ký:", f"{secretary} - Công chức Văn phòng - Thống kê.")
        ts.para([("NỘI DUNG", "b")], align="center", after_pt=4)
        for text in ["Chủ trì nêu mục đích, yêu cầu của cuộc họp; thư ký báo cáo danh sách, hồ "
                     "sơ đã tiếp nhận và kết quả rà soát ban đầu.",
                     "Các thành viên thảo luận, thống nhất từng trường hợp; những hồ sơ còn "
                     "thiếu thành phần được trả lại để bổ sung theo quy định.",
                     "Biên bản được lập thành 02 bản, đã đọc lại cho các thành viên cùng nghe "
                     "và thống nhất ký tên. Cuộc họp kết thúc vào hồi 10 giờ 30 phút cùng ngày."]:
            ts.para([(text, "r")], after_pt=4)
        signature_block(ts, ["CHỦ TRÌ"], signer, left_items=[
            {"text": "THƯ KÝ", "style": "b", "size": ts.body_pt},
            {"text": secretary, "style": "b", "size": ts.body_pt, "gap_mm": 27}])
        fields = {"co_quan_ban_hanh": agency_full, "nguoi_ky": signer}
        return fields, {"text": seal_text(level, place), "date": issued}
    fields.update({"ngay_ban_hanh": issued.isoformat(), "co_quan_ban_hanh": agency_full,
                   "nguoi_ky": signer})
    return fields, {"text": seal_text(level, place), "date": issued}


def national_header(ts):
    ts.para([(MOTTO_1, "b")], size_pt=ts.body_pt - 0.5, align="center", after_pt=0)
    ts.para([(MOTTO_2, "b")], size_pt=ts.body_pt, align="center", after_pt=1)
    ts.centered_rule(55, after_pt=14)


def card_name(issued):
    return "Căn cước" if issued >= CAN_CUOC_FROM else "Căn cước công dân"


def applicant_lines(ts, person, card_issued):
    field = lambda label, value: ts.para([(label, "r"), (value, "r")], align="left",
                                         indent_mm=0, after_pt=2.5)
    field("Họ, chữ đệm, tên:", person["name"])
    field("Ngày, tháng, năm sinh:", dmy(person["birth"]))
    field("Dân tộc:", person["ethnicity"] + "; Quốc tịch: Việt Nam")
    field("Nơi cư trú:", person["residence"])
    field("Giấy tờ tùy thân:", f"{card_name(card_issued)} số {person['id']}, cấp ngày "
          f"{dmy(card_issued)}")


def compose_to_khai(ts, rng, kind, extra, ctx):
    """A citizen's form: national header, title, labelled lines (the real forms start with
    "Kính gửi:", which reads as an official letter: here "Cơ quan tiếp nhận:" instead), the
    place and date, the applicant's signature and name; no seal."""
    person = (ctx or {}).get("person") or make_person(rng, None, dt.date(1960, 1, 1),
                                                      dt.date(2003, 12, 31))
    place = person["place"]
    when = (ctx or {}).get("when") or to_workday(random_date(rng, dt.date(2021, 6, 1),
                                                             dt.date(2025, 6, 30)))
    signed = when if kind == "to_khai_ket_hon" else to_workday(
        when - dt.timedelta(days=rng.randrange(3, 10)))
    card_issued = random_date(rng, max(CHIP_CARDS_FROM, anniversary(person["birth"], 14)),
                              max(CHIP_CARDS_FROM, signed - dt.timedelta(days=30)))
    card_issued = (ctx or {}).get("card_issued", card_issued)
    if ctx is not None:
        ctx["person"] = person
    national_header(ts)
    field = lambda label, value: ts.para([(label, "r"), (value, "r")], align="left",
                                         indent_mm=0, after_pt=2.5)
    if kind == "to_khai_ket_hon":
        ts.para([("TỜ KHAI ĐĂNG KÝ KẾT HÔN", "b")], size_pt=15, align="center", after_pt=10)
        field("Cơ quan tiếp nhận:", f"Ủy ban nhân dân {place.full}")
        partner_sex = "Nữ" if person["sex"] == "Nam" else "Nam"
        partner = make_person(rng, partner_sex, dt.date(person["birth"].year - 6, 1, 1),
                              dt.date(min(person["birth"].year + 6, 2004), 12, 31),
                              place.province)
        women_first = [person, partner] if person["sex"] == "Nữ" else [partner, person]
        for role, p in zip(("Bên nữ", "Bên nam"), women_first):
            ts.para([(f"Thông tin {role.lower()}", "b")], align="left", indent_mm=0,
                    after_pt=3)
            applicant_lines(ts, p, card_issued if p is person else random_date(
                rng, max(CHIP_CARDS_FROM, anniversary(p["birth"], 14)),
                max(CHIP_CARDS_FROM, signed - dt.timedelta(days=30))))
            field("Kết hôn lần thứ mấy:", "Lần thứ nhất")
            ts.space(4)
        ts.para([("Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn "
                  "của chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia "
                  "đình Việt Nam. Chúng tôi chịu trách nhiệm trước pháp luật về lời cam đoan "
                  "của mình.", "r")], after_pt=4)
        ts.para([(f"Làm tại: {date_line(place.commune_short, signed)}", "i")], align="right",
                after_pt=2)
        women, men = women_first
        signature_block(ts, ["Bên nam"], men["name"], note="(Ký, ghi rõ họ, chữ đệm, tên)",
                        left_items=[{"text": "Bên nữ", "style": "b", "size": ts.body_pt},
                                    {"text": "(Ký, ghi rõ họ, chữ đệm, tên)", "style": "i",
                                     "size": ts.body_pt - 1.5},
                                    {"text": women["name"], "style": "b", "size": ts.body_pt,
                                     "gap_mm": 27}])
        signer = men["name"]
    else:
        deceased = (ctx or {}).get("deceased") or make_person(rng, None, dt.date(1925, 1, 1),
                                                              dt.date(1975, 12, 31))
        reg_place = (ctx or {}).get("deceased_place") or place
        ts.para([("TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH", "b")], size_pt=15, align="center",
                after_pt=10)
        field("Cơ quan tiếp nhận:", f"Ủy ban nhân dân {reg_place.full}")
        field("Họ, chữ đệm, tên người yêu cầu:", person["name"])
        field("Nơi cư trú:", person["residence"])
        field("Giấy tờ tùy thân:", f"{card_name(card_issued)} số {person['id']}, cấp ngày "
              f"{dmy(card_issued)}")
        field("Quan hệ với người được cấp bản sao trích lục hộ tịch:",
              rng.choice(["Con", "Con", "Cháu", "Vợ", "Chồng"]))
        field("Đề nghị cấp bản sao trích lục về:", "Khai tử")
        field("Họ, chữ đệm, tên người được cấp bản sao:", deceased["name"])
        field("Ngày, tháng, năm sinh:", dmy(deceased["birth"]))
        field("Nơi đăng ký:", f"Ủy ban nhân dân {reg_place.full}")
        field("Số lượng bản sao yêu cầu:", f"{rng.randrange(1, 4):02d} bản")
        ts.para([("Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách "
                  "nhiệm trước pháp luật về lời cam đoan của mình.", "r")], after_pt=4)
        ts.para([(f"Làm tại: {date_line(place.commune_short, signed)}", "i")], align="right",
                after_pt=2)
        signature_block(ts, ["Người yêu cầu"], person["name"],
                        note="(Ký, ghi rõ họ, chữ đệm, tên)")
        signer = person["name"]
    fields = {"ngay_ban_hanh": signed.isoformat(), "nguoi_ky": signer}
    return fields, {"text": None, "date": signed}


COMPOSERS = {
    "giay_khai_sinh": compose_giay_khai_sinh,
    "quyet_dinh": compose_quyet_dinh,
    "cong_van": compose_cong_van,
    "xac_nhan_tinh_trang_hon_nhan": compose_xac_nhan,
    "trich_luc_khai_tu": compose_trich_luc_khai_tu,
    "trich_luc_ket_hon": compose_trich_luc_ket_hon,
    "can_cuoc": compose_can_cuoc,
    "khac": compose_khac,
}


# ---------------------------------------------------------------------------------------------
# Ink: seal, signature, received stamp, pen marks. Drawn as supersampled masks, then
# multiplied onto the page in the ink colour (ink darkens what is under it, like real ink).
# ---------------------------------------------------------------------------------------------

def apply_ink(page, mask, origin, color, opacity=1.0):
    x, y = int(origin[0]), int(origin[1])
    box = (x, y, x + mask.width, y + mask.height)
    clipped = (max(0, box[0]), max(0, box[1]), min(page.width, box[2]), min(page.height, box[3]))
    if clipped[0] >= clipped[2] or clipped[1] >= clipped[3]:
        return
    mask = mask.crop((clipped[0] - x, clipped[1] - y, clipped[2] - x, clipped[3] - y))
    if opacity < 1.0:
        mask = mask.point(lambda v: int(v * opacity))
    size = mask.size
    tint = Image.composite(Image.new("RGB", size, color), Image.new("RGB", size, "white"), mask)
    region = page.crop(clipped)
    page.paste(ImageChops.multiply(region, tint), clipped[:2])


def ink_texture(rng, size, low=150):
    """Uneven ink: blotchy multiplier in [low, 255]."""
    small = (max(2, size[0] // 6), max(2, size[1] // 6))
    noise = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
    noise = noise.resize(size, Image.BILINEAR).filter(ImageFilter.GaussianBlur(2))
    return noise.point(lambda v: low + (255 - low) * min(255, v * 1.4) // 255)


def star_points(cx, cy, r_outer, r_inner, rotation=0.0):
    pts = []
    for k in range(10):
        r = r_outer if k % 2 == 0 else r_inner
        a = math.radians(rotation + k * 36 - 90)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def make_seal(rng, text, dpi):
    """Round red seal mask: two rings, agency name around, star in the middle."""
    scale = 2
    diameter_mm = rng.uniform(34, 40)
    size = int(diameter_mm * dpi / 25.4 * scale)
    mm = dpi / 25.4 * scale
    mask = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(mask)
    c = size / 2
    r_out = c - mm * 0.6
    d.ellipse([c - r_out, c - r_out, c + r_out, c + r_out], outline=255, width=int(mm * 0.9))
    r_in = r_out - mm * 6.2
    d.ellipse([c - r_in, c - r_in, c + r_in, c + r_in], outline=255, width=int(mm * 0.35))
    d.polygon(star_points(c, c, mm * 5.5, mm * 2.2), fill=255)
    # Text around, letters upright facing outward, clockwise from the lower left.
    f = font("b", int(mm * 3.7))
    r_text = r_out - mm * 3.3
    text = " ".join(text.split())
    check_glyphs([text.replace("★", "")])
    widths = [f.getlength(ch) for ch in text]
    gap = mm * 0.35
    total = sum(widths) + gap * len(text)
    span = min(330.0, math.degrees(total / r_text))
    start = -span / 2
    pos = 0.0
    for ch, w in zip(text, widths):
        angle = start + math.degrees((pos + w / 2) / r_text) * (span / max(
            1e-6, math.degrees(total / r_text)))
        pos += w + gap
        if ch == " ":
            continue
        glyph = Image.new("L", (int(mm * 6), int(mm * 6)), 0)
        if ch == "★":  # the font has no star glyph: draw one
            ImageDraw.Draw(glyph).polygon(star_points(glyph.width / 2, glyph.height / 2,
                                                      mm * 1.6, mm * 0.65), fill=255)
        else:
            ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, font=f,
                                       fill=255, anchor="mm")
        glyph = glyph.rotate(-angle, resample=Image.BICUBIC)
        a = math.radians(angle)
        gx = c + r_text * math.sin(a) - glyph.width / 2
        gy = c - r_text * math.cos(a) - glyph.height / 2
        mask.paste(255, (int(gx), int(gy)), glyph)
    mask = mask.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)
    mask = mask.resize((size // scale, size // scale), Image.LANCZOS)
    return ImageChops.multiply(mask, ink_texture(rng, mask.size, 110))


def catmull_rom(points, steps=14):
    out = []
    pts = [points[0]] + list(points) + [points[-1]]
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for s in range(steps):
            t = s / steps
            t2, t3 = t * t, t * t * t
            out.append(tuple(0.5 * ((2 * p1[k]) + (-p0[k] + p2[k]) * t +
                                    (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2 +
                                    (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3)
                             for k in range(2)))
    out.append(points[-1])
    return out


def draw_strokes(rng, strokes, size_px, pen_px, scale=3):
    """Strokes in unit coordinates -> antialiased L mask of size_px."""
    w, h = size_px[0] * scale, size_px[1] * scale
    mask = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(mask)
    for stroke in strokes:
        pts = catmull_rom([(x * w, y * h) for x, y in stroke])
        n = len(pts)
        for i in range(n - 1):
            pressure = 0.55 + 0.45 * math.sin(math.pi * (i + 1) / n)
            width = max(1, int(pen_px * scale * pressure))
            d.line([pts[i], pts[i + 1]], fill=255, width=width)
            r = width / 2
            d.ellipse([pts[i + 1][0] - r, pts[i + 1][1] - r, pts[i + 1][0] + r,
                       pts[i + 1][1] + r], fill=255)
    return mask.resize(size_px, Image.LANCZOS)


def make_signature(rng, size_px, dpi):
    """A handwritten-looking scribble: a capital loop, a wavy run of letters, a flourish."""
    strokes = []
    x0 = rng.uniform(0.04, 0.1)
    capital = [(x0, 0.75), (x0 + 0.06, 0.12), (x0 + 0.13, 0.05), (x0 + 0.12, 0.45),
               (x0 + 0.03, 0.62), (x0 + 0.16, 0.5)]
    run = []
    x = x0 + 0.18
    up = True
    while x < rng.uniform(0.7, 0.85):
        x += rng.uniform(0.035, 0.075)
        y = rng.uniform(0.3, 0.45) if up else rng.uniform(0.55, 0.68)
        if rng.random() < 0.15:
            y = rng.uniform(0.08, 0.2)  # an ascender loop
        run.append((x, y))
        up = not up
    strokes.append(capital + run)
    end = run[-1] if run else (0.8, 0.5)
    strokes.append([(end[0] + 0.02, end[1]), (min(0.97, end[0] + 0.12), 0.62),
                    (0.55, rng.uniform(0.75, 0.9)), (rng.uniform(0.12, 0.25), 0.82)])
    if rng.random() < 0.5:
        strokes.append([(x0 + 0.25, 0.28), (x0 + 0.3, 0.22)])  # a dot / short tick
    pen = dpi / 25.4 * rng.uniform(0.35, 0.5)
    return draw_strokes(rng, strokes, size_px, pen)


def add_seal_and_signature(ts, rng, seal_info):
    ink = INK_BLUE if rng.random() < 0.75 else INK_BLACK
    for page_index, marks in ts.signatures:
        page = ts.pages[page_index]
        x0, x1 = marks["col"]
        col_w = x1 - x0
        sig_w = int(col_w * rng.uniform(0.45, 0.6))
        sig_h = int(marks["name_top"] - marks["sign_top"] + ts.mm(2))
        sx = int(x0 + (col_w - sig_w) / 2 + ts.mm(rng.uniform(-4, 6)))
        sy = int(marks["sign_top"] + ts.mm(rng.uniform(-2, 1)))
        signature = make_signature(rng, (sig_w, sig_h), ts.dpi)
        apply_ink(page, signature, (sx, sy), ink, opacity=rng.uniform(0.85, 1.0))
        if not seal_info["text"]:  # a citizen's signature: no seal
            continue
        seal = make_seal(rng, seal_info["text"], ts.dpi)
        # Overlap about a third of the signature, on its left (Nghị định 30/2020).
        cx = sx + sig_w * rng.uniform(0.05, 0.22)
        cy = (marks["title_top"] + marks["name_top"]) / 2 + ts.mm(rng.uniform(-3, 3))
        apply_ink(page, seal, (cx - seal.width / 2, cy - seal.height / 2), INK_SEAL,
                  opacity=rng.uniform(0.75, 0.92))


def make_received_stamp(rng, dpi, agency, number, when):
    """Rectangular 'ĐẾN' stamp; the number and date are filled in by hand (returned apart)."""
    mm = dpi / 25.4
    w, h = int(mm * 52), int(mm * 24)
    box = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(box)
    lw = max(2, int(mm * 0.6))
    d.rectangle([lw, lw, w - lw, h - lw], outline=255, width=lw)
    f_small = font("b", int(mm * 3.0))
    f_big = font("b", int(mm * 6.5))
    f_label = font("r", int(mm * 3.4))
    d.text((w / 2, mm * 4.5), agency, font=f_small, fill=255, anchor="mm")
    d.line([(lw, mm * 8), (w - lw, mm * 8)], fill=255, width=max(1, lw // 2))
    d.text((mm * 3, mm * 16), "ĐẾN", font=f_big, fill=255, anchor="lm")
    d.text((mm * 21, mm * 12), "Số:", font=f_label, fill=255, anchor="lm")
    d.text((mm * 21, mm * 19), "Ngày:", font=f_label, fill=255, anchor="lm")
    hand = Image.new("L", (w, h), 0)
    dh = ImageDraw.Draw(hand)
    f_hand = font("i", int(mm * 4.2))
    dh.text((mm * 28, mm * 12), str(number), font=f_hand, fill=255, anchor="lm")
    dh.text((mm * 32, mm * 19), f"{when.day}/{when.month}/{when.year % 100:02d}", font=f_hand,
            fill=255, anchor="lm")
    angle = rng.uniform(-6, 6)
    box = box.rotate(angle, resample=Image.BICUBIC, expand=True)
    hand = hand.rotate(angle + rng.uniform(-2, 2), resample=Image.BICUBIC, expand=True)
    return ImageChops.multiply(box, ink_texture(rng, box.size, 150)), hand


def pen_marks(rng, page, dpi):
    """Blue ballpoint marks over the text: an underline, a circled spot, a tick."""
    mm = dpi / 25.4
    W, H = page.size
    for _ in range(rng.randrange(2, 4)):
        kind = rng.choice(["underline", "circle", "tick"])
        if kind == "underline":
            w, h = int(mm * rng.uniform(40, 90)), int(mm * 6)
            strokes = [[(0.0, 0.5), (0.35, 0.6), (0.7, 0.45), (1.0, 0.55)]]
        elif kind == "circle":
            w, h = int(mm * rng.uniform(25, 45)), int(mm * rng.uniform(9, 14))
            pts = [(0.5 + 0.46 * math.cos(a / 10 * 2 * math.pi + 0.3),
                    0.5 + 0.42 * math.sin(a / 10 * 2 * math.pi + 0.3)) for a in range(12)]
            strokes = [pts]
        else:
            w, h = int(mm * 9), int(mm * 9)
            strokes = [[(0.05, 0.55), (0.35, 0.9), (0.95, 0.05)]]
        mask = draw_strokes(rng, strokes, (w, h), mm * 0.45)
        x = rng.randrange(int(mm * 25), max(int(mm * 26), W - w - int(mm * 15)))
        y = rng.randrange(int(mm * 60), int(H - mm * 50))
        apply_ink(page, mask, (x, y), INK_BLUE, opacity=0.9)


# ---------------------------------------------------------------------------------------------
# Degradation.
# ---------------------------------------------------------------------------------------------

def noise_image(rng, size, amplitude):
    """Deterministic noise centred on 128 with the given amplitude (0..127)."""
    raw = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    lut = [128 + int((v - 127.5) / 127.5 * amplitude) for v in range(256)]
    return raw.point(lut)


def add_noise(img, rng, amplitude, grain=1):
    size = (max(1, img.width // grain), max(1, img.height // grain))
    noise = noise_image(rng, size, amplitude)
    if grain > 1:
        noise = noise.resize(img.size, Image.BILINEAR)
    noise = Image.merge("RGB", [noise] * 3) if img.mode == "RGB" else noise
    return ImageChops.add(img, noise, scale=1.0, offset=-128)


def lighting(img, rng, low, high):
    """Uneven lighting: a smooth random field in [low, high] multiplied in."""
    field = Image.frombytes("L", (4, 5), rng.randbytes(20))
    field = field.point(lambda v: int(low + (high - low) * v / 255))
    field = field.resize(img.size, Image.BILINEAR)
    field = Image.merge("RGB", [field] * 3) if img.mode == "RGB" else field
    return ImageChops.multiply(img, field)


def paper_field(rng, size, light_low, light_high, noise_amplitude, grain):
    """One multiplicative field for paper tone x uneven lighting x sensor noise (one pass over
    the page instead of three keeps a 300 dpi page well under a second)."""
    tone = (rng.randrange(244, 252), rng.randrange(240, 249), rng.randrange(226, 240))
    field = Image.frombytes("L", (4, 5), rng.randbytes(20))
    field = field.point(lambda v: int(light_low + (light_high - light_low) * v / 255))
    field = field.resize(size, Image.BILINEAR)
    small = (max(1, size[0] // grain), max(1, size[1] // grain))
    noise = noise_image(rng, small, noise_amplitude)
    if grain > 1:
        noise = noise.resize(size, Image.BILINEAR)
    field = ImageChops.add(field, noise, scale=1.0, offset=-128)
    rgb = Image.merge("RGB", [field.point(lambda v, c=c: v * c // 255) for c in tone])
    return rgb, tone


def degrade_mild(img, rng, page_meta):
    field, tone = paper_field(rng, img.size, 236, 255, 6, 2)
    img = ImageChops.multiply(img, field)
    angle = rng.uniform(-2.0, 2.0)
    img = img.rotate(angle, resample=Image.BILINEAR, fillcolor=tone)
    page_meta["skew_deg"] = round(angle, 2)
    return img


def degrade_harsh(img, rng, page_meta, rotation=None):
    field, tone = paper_field(rng, img.size, 170, 255, 16, 1)
    img = ImageChops.multiply(img, field)
    W, H = img.size
    pad = int(W * 0.06)
    dark = rng.randrange(25, 70)
    canvas = Image.new("RGB", (W + 2 * pad, H + 2 * pad), (dark, dark, dark + 4))
    canvas.paste(img, (pad, pad))
    angle = rng.uniform(1.0, 4.0) * rng.choice([-1, 1])
    canvas = canvas.rotate(angle, resample=Image.BILINEAR, fillcolor=(dark, dark, dark + 4))
    # The scanner sees the paper shifted: dark borders on one or two sides.
    dx = pad + rng.choice([-1, 1]) * rng.randrange(int(pad * 0.25), int(pad * 0.7))
    dy = pad + rng.choice([-1, 1]) * rng.randrange(int(pad * 0.2), int(pad * 0.6))
    img = canvas.crop((dx, dy, dx + W, dy + H))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.0)))
    img = add_noise(img, rng, 8, grain=1)
    if rotation is None:
        rotation = rng.choice([0, 0, 90, 180, 270])
    img = rotate_cw(img, rotation)
    page_meta["skew_deg"] = round(angle, 2)
    page_meta["rotation_cw"] = rotation
    return img


def punch_holes(img, rng, dpi):
    """Two filing holes (6 mm, 80 mm apart, centred on the left edge): the scanner's dark lid
    or the copier shows through them."""
    img = img.copy()
    mm = dpi / 25.4
    r = 3.0 * mm
    x = rng.uniform(10, 14) * mm
    cy = img.height / 2 + rng.uniform(-8, 8) * mm
    shade = rng.randrange(15, 60)
    draw = ImageDraw.Draw(img)
    for dy in (-40 * mm, 40 * mm):
        draw.ellipse((x - r, cy + dy - r, x + r, cy + dy + r), fill=(shade, shade, shade))
    return img


def rotate_cw(img, degrees):
    return {0: img, 90: img.transpose(Image.ROTATE_270), 180: img.transpose(Image.ROTATE_180),
            270: img.transpose(Image.ROTATE_90)}[degrees]


def degrade_photocopy(img, rng, page_meta, back_page, stamp):
    gray = img.convert("L")
    fade = rng.uniform(0.6, 0.8)
    gray = gray.point(lambda v: int(255 - (255 - v) * fade))
    mode = rng.choice(["broken", "bloated", "both"])
    if mode in ("bloated", "both"):
        gray = gray.filter(ImageFilter.MinFilter(3))
    if mode in ("broken", "both"):
        small = (gray.width // 3, gray.height // 3)
        holes = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
        holes = holes.resize(gray.size, Image.BILINEAR)
        threshold = rng.randrange(190, 215)  # about 15-25 % of the toner area breaks up
        holes = holes.point(lambda v: 200 if v > threshold else 0)
        gray = ImageChops.lighter(gray, holes)
    if back_page is not None:
        back = ImageOps.mirror(back_page.convert("L").resize(gray.size))
        strength = rng.uniform(0.12, 0.2)
        back = back.point(lambda v: int(255 - (255 - v) * strength))
        back = back.filter(ImageFilter.GaussianBlur(1.5))
        gray = ImageChops.multiply(gray, back)
    gray = lighting(gray, rng, 200, 250)
    # Toner dust: sparse black specks.
    # Toner dust: a few hundred small specks (denser dust makes OCR fail outright).
    small = (gray.width // 3, gray.height // 3)
    cells = small[0] * small[1]
    a = Image.frombytes("L", small, rng.randbytes(cells)).point(lambda v: 255 if v == 255 else 0)
    b = Image.frombytes("L", small, rng.randbytes(cells)).point(lambda v: 255 if v >= 192 else 0)
    specks = ImageChops.multiply(a, b).point(lambda v: 90 if v else 255)
    specks = specks.resize(gray.size, Image.NEAREST).filter(ImageFilter.GaussianBlur(0.8))
    gray = ImageChops.darker(gray, specks)
    gray = add_noise(gray, rng, 10)
    out = gray.convert("RGB")
    if stamp is not None:
        box, hand = stamp
        mm = out.width / 210
        x = int(mm * rng.uniform(20, 70))
        y = int(mm * rng.uniform(28, 60))
        apply_ink(out, box, (x, y), INK_STAMP if rng.random() < 0.6 else INK_SEAL, 0.85)
        apply_ink(out, hand, (x, y), INK_BLUE, 0.95)
    pen_marks(rng, out, int(round(out.width / 210 * 25.4)))
    page_meta["skew_deg"] = 0.0
    return out


# ---------------------------------------------------------------------------------------------
# Documents.
# ---------------------------------------------------------------------------------------------

def typeset(doc_type, seed, dpi, min_pages=1, ctx=None):
    """ctx (dossiers only): what the dossier's papers share, e.g. the person ("person") whose
    card is copied, or the date ("when") the dossier was handed in; composers read and add."""
    extra = 0
    while True:
        rng = random.Random(f"{seed}:{doc_type}")
        ts = Typesetter(dpi, rng, body_pt=rng.choice([13, 13.5, 14]))
        fields, seal = COMPOSERS[doc_type](ts, rng, extra, ctx)
        # Stop at the wanted page count; for a multi-page paper also keep some body text on
        # the last page (a page with only the signature block looks wrong).
        if extra > 12 or (len(ts.pages) >= min_pages and
                          (min_pages == 1 or len(ts.truth[-1]) > 14)):
            break
        extra += 1
    add_seal_and_signature(ts, rng, seal)
    return ts, fields, seal, rng


def save_image(img, path, fmt, dpi, quality):
    if fmt == "jpg":
        img.save(path, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True,
                 subsampling=2 if quality < 90 else 0)
    elif fmt == "png":
        img.save(path, "PNG", dpi=(dpi, dpi), optimize=False, compress_level=6)
    elif fmt == "tif":
        img.save(path, "TIFF", dpi=(dpi, dpi), compression="tiff_lzw")
    else:
        raise ValueError(fmt)


def render_document(doc_type, level, seed, dpi, rotations=None, min_pages=1, holes=True,
                    ctx=None, received_stamp=True):
    """Typesets and degrades one paper: (page images, page metadata without file names,
    printed lines, fields)."""
    ts, fields, seal, rng = typeset(doc_type, seed, dpi, min_pages, ctx)
    degrade_rng = random.Random(f"{seed}:{doc_type}:{level}")
    pages, pages_meta = [], []
    # Punch holes come from their own random stream, so adding them changed no other
    # degradation of existing corpora.
    holes_rng = random.Random(f"{seed}:{doc_type}:{level}:holes")
    for i, page in enumerate(ts.pages):
        meta = {"rotation_cw": 0, "skew_deg": 0.0}
        if holes and level in ("harsh", "photocopy") and holes_rng.random() < 0.5:
            page = punch_holes(page, holes_rng, dpi)
            meta["punch_holes"] = 2
        if level == "mild":
            page = degrade_mild(page, degrade_rng, meta)
        elif level == "harsh":
            rot = rotations[i] if rotations and i < len(rotations) else None
            page = degrade_harsh(page, degrade_rng, meta, rot)
        elif level == "photocopy":
            other = FIRST_DOC_TYPES[(DOC_TYPES.index(doc_type) + 1) % len(FIRST_DOC_TYPES)]
            back_ts, _, _, _ = typeset(other, f"{seed}:back", dpi)
            stamp = None
            if i == 0 and received_stamp:
                when = seal["date"] + dt.timedelta(days=degrade_rng.randrange(1, 9))
                receiver = upper_vi(degrade_rng.choice(
                    ["Văn phòng UBND", "Bộ phận Một cửa", "Văn thư UBND"]))
                stamp = make_received_stamp(degrade_rng, dpi, receiver,
                                            degrade_rng.randrange(12, 2400), when)
            page = degrade_photocopy(page, degrade_rng, meta, back_ts.pages[0], stamp)
        pages.append(page)
        pages_meta.append(meta)
    truth_lines = [nfc(line) for page in ts.truth for line in page]
    check_glyphs(truth_lines)
    return pages, pages_meta, truth_lines, {k: nfc(v) for k, v in fields.items()}


def write_folder(folder, pages, pages_meta, truth_lines, record, fmt, dpi, quality):
    """page-NNN.<fmt>, truth.txt and fields.json (record plus the pages' metadata)."""
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    metas = []
    for i, (page, meta) in enumerate(zip(pages, pages_meta)):
        meta = {"file": f"page-{i + 1:03d}.{fmt}", **meta}
        save_image(page, os.path.join(folder, meta["file"]), fmt, dpi, quality)
        metas.append(meta)
    with open(os.path.join(folder, "truth.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(truth_lines) + "\n")
    with open(os.path.join(folder, "fields.json"), "w", encoding="utf-8") as f:
        json.dump({**record, "pages": metas}, f, ensure_ascii=False, indent=2)
        f.write("\n")


def make_document(out_dir, doc_id, doc_type, level, seed, fmt=None, quality=None, dpi=None,
                  rotations=None, min_pages=1, holes=True):
    dpi = dpi or LEVEL_DPI[level]
    fmt = fmt or LEVEL_FORMAT[level]
    quality = quality or LEVEL_QUALITY[level]
    pages, metas, truth_lines, fields = render_document(doc_type, level, seed, dpi, rotations,
                                                        min_pages, holes)
    folder = os.path.join(out_dir, doc_id)
    record = {"doc_type": doc_type, "fields": fields, "level": level, "dpi": dpi, "seed": seed}
    write_folder(folder, pages, metas, truth_lines, record, fmt, dpi, quality)
    return folder


# ---------------------------------------------------------------------------------------------
# Dossiers: the papers of one application in sequence, for dossier splitting.
# ---------------------------------------------------------------------------------------------

# Each: name, then the papers in the order they are handed in (doc type, ctx settings), and the
# order they are typeset in (so that a paper can name a person or date another one makes).
DOSSIER_KINDS = [
    # Marriage registration: the couple's form, the applicant's card, their marital status.
    ("dang-ky-ket-hon", [("khac", {"khac_kind": "to_khai_ket_hon"}), ("can_cuoc", {}),
                         ("xac_nhan_tinh_trang_hon_nhan", {})], [1, 2, 0]),
    # Birth registration result filed with the declaring parent's card.
    ("khai-sinh", [("giay_khai_sinh", {}), ("can_cuoc", {})], [0, 1]),
    # A copy of a death extract: the relative's request, their card, the extract issued.
    ("ban-sao-khai-tu", [("khac", {"khac_kind": "to_khai_ban_sao"}), ("can_cuoc", {}),
                         ("trich_luc_khai_tu", {})], [2, 1, 0]),
]


def make_dossier(out_dir, dossier_id, kind, level, seed):
    """One folder with the pages of 2-3 papers in sequence (page-001… across papers),
    truth.txt of all pages and fields.json {"documents": [{doc_type, fields, pages}], …}."""
    name, papers, typeset_order = kind
    dpi, fmt, quality = LEVEL_DPI[level], LEVEL_FORMAT[level], LEVEL_QUALITY[level]
    rng = random.Random(f"{seed}:dossier:{name}")
    ctx = {}
    if name == "dang-ky-ket-hon":
        ctx["person"] = make_person(rng, None, dt.date(1975, 1, 1), dt.date(2002, 12, 31))
        ctx["when"] = to_workday(random_date(rng, dt.date(2024, 8, 1), dt.date(2025, 6, 30)))
    rendered = {}
    for k in typeset_order:
        doc_type, settings = papers[k]
        ctx.update(settings)
        rendered[k] = render_document(doc_type, level, f"{seed}:{k}", dpi, ctx=ctx,
                                      received_stamp=(k == 0))
        for key in settings:
            del ctx[key]
    pages, metas, truth, documents = [], [], [], []
    for k, (doc_type, _) in enumerate(papers):
        doc_pages, doc_metas, doc_truth, fields = rendered[k]
        first = len(pages) + 1
        pages += doc_pages
        metas += doc_metas
        truth += doc_truth
        documents.append({"doc_type": doc_type, "fields": fields,
                          "pages": list(range(first, len(pages) + 1))})
    record = {"documents": documents, "level": level, "dpi": dpi, "seed": seed}
    folder = os.path.join(out_dir, dossier_id)
    write_folder(folder, pages, metas, truth, record, fmt, dpi, quality)
    return folder


# ---------------------------------------------------------------------------------------------
# The committed samples (samples/dossiers, samples/bad).
# ---------------------------------------------------------------------------------------------

COMMITTED = [
    # name, doc type, level, seed, format, quality, rotations, min pages
    ("01-giay-khai-sinh-clean", "giay_khai_sinh", "clean", 11, "jpg", 80, None, 1),
    ("02-quyet-dinh-mild", "quyet_dinh", "mild", 23, "jpg", 72, None, 1),
    ("03-cong-van-harsh-2-pages", "cong_van", "harsh", 31, "jpg", 60, [0, 180], 2),
    ("04-xac-nhan-hon-nhan-harsh-90", "xac_nhan_tinh_trang_hon_nhan", "harsh", 47, "jpg", 62,
     [90], 1),
    ("05-can-cuoc-mild", "can_cuoc", "mild", 53, "jpg", 72, None, 1),
]


def make_committed(root):
    dossiers = os.path.join(root, "dossiers")
    os.makedirs(dossiers, exist_ok=True)
    for name, doc_type, level, seed, fmt, quality, rotations, min_pages in COMMITTED:
        # The committed samples predate punch holes and are kept as they were.
        make_document(dossiers, name, doc_type, level, seed, fmt, quality, None, rotations,
                      min_pages, holes=False)
        print("wrote", os.path.join(dossiers, name))
    bad = os.path.join(root, "bad")
    if os.path.isdir(bad):
        shutil.rmtree(bad)
    os.makedirs(bad)
    open(os.path.join(bad, "empty.png"), "wb").close()
    ts, _, _, _ = typeset("trich_luc_khai_tu", 5, 100)
    buffer = io.BytesIO()
    ts.pages[0].save(buffer, "JPEG", quality=70, dpi=(100, 100))
    data = buffer.getvalue()
    with open(os.path.join(bad, "truncated.jpg"), "wb") as f:
        f.write(data[: int(len(data) * 0.4)])
    with open(os.path.join(bad, "not-an-image.png"), "w", encoding="utf-8") as f:
        f.write("This is a text file with a .png name, not an image.\n"
                "Đây là tệp văn bản, không phải ảnh.\n")
    gif = ts.pages[0].resize((ts.pages[0].width // 4, ts.pages[0].height // 4)).convert(
        "P", palette=Image.ADAPTIVE, colors=16)
    gif.save(os.path.join(bad, "scan.gif"), "GIF")
    print("wrote", bad)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--type", choices=DOC_TYPES, default="quyet_dinh")
    p.add_argument("--level", choices=LEVELS, default="clean")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", help="output folder (one sub-folder per document)")
    p.add_argument("--id", help="document folder name (default: <type>-<level>-<seed>)")
    p.add_argument("--format", choices=["jpg", "png", "tif"], help="default: png for clean, "
                   "jpg otherwise")
    p.add_argument("--quality", type=int, help="JPEG quality (default by level)")
    p.add_argument("--dpi", type=int, help="default: 300 for clean/mild, 200 for harsh/photocopy")
    p.add_argument("--rotate", help="harsh only: comma-separated clockwise rotation per page, "
                   "e.g. 0,180 (default random)")
    p.add_argument("--min-pages", type=int, default=1, help="lengthen the body to reach N pages")
    p.add_argument("--corpus", type=int, metavar="N", help="make N documents across all types "
                   "and levels (round-robin) into --out")
    p.add_argument("--dossiers", type=int, metavar="N", help="make N multi-document dossiers "
                   "(2-3 papers of different types in one folder, pages numbered across them; "
                   "fields.json lists {doc_type, fields, pages} per paper) across the dossier "
                   "kinds and levels (round-robin) into --out")
    p.add_argument("--committed", action="store_true", help="regenerate samples/dossiers and "
                   "samples/bad next to this script")
    args = p.parse_args(argv)
    if args.committed:
        make_committed(os.path.dirname(os.path.abspath(__file__)))
        return 0
    if not args.out:
        p.error("--out is required")
    if args.dossiers:
        for i in range(args.dossiers):
            kind = DOSSIER_KINDS[i % len(DOSSIER_KINDS)]
            # Each kind through all levels (i // kinds + i would keep 3 kinds at one level each).
            level = LEVELS[(i + 2 * (i // len(DOSSIER_KINDS))) % len(LEVELS)]
            dossier_id = f"{i + 1:04d}-{kind[0]}-{level}"
            make_dossier(args.out, dossier_id, kind, level, args.seed * 100003 + i)
            if (i + 1) % 10 == 0 or i + 1 == args.dossiers:
                print(f"{i + 1}/{args.dossiers} dossiers", file=sys.stderr)
        return 0
    if args.corpus:
        for i in range(args.corpus):
            doc_type = DOC_TYPES[i % len(DOC_TYPES)]
            level = LEVELS[(i // len(DOC_TYPES) + i) % len(LEVELS)]
            doc_id = f"{i + 1:04d}-{doc_type}-{level}"
            make_document(args.out, doc_id, doc_type, level, args.seed * 100003 + i)
            if (i + 1) % 10 == 0 or i + 1 == args.corpus:
                print(f"{i + 1}/{args.corpus} documents", file=sys.stderr)
        return 0
    rotations = [int(r) for r in args.rotate.split(",")] if args.rotate else None
    doc_id = args.id or f"{args.type}-{args.level}-{args.seed}"
    folder = make_document(args.out, doc_id, args.type, args.level, args.seed, args.format,
                           args.quality, args.dpi, rotations, args.min_pages)
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
