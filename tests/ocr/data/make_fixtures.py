#!/usr/bin/python3
"""Renders the OCR test fixtures (run with Debian's /usr/bin/python3, which has PIL).

Writes next to this script:
  vn_letter.png / vn_letter.txt   a clean Vietnamese administrative text block, 300 dpi grey
  vn_letter.boxes.tsv             word<TAB>x<TAB>y<TAB>width<TAB>height of selected words as drawn
  vn_short.png  / vn_short.txt    three lines only (orientation on pages with little text)

Deterministic: same fonts in, same bytes out. Each PNG stays well under 100 KB.
"""
import os

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
# Liberation 2.x (Debian: fonts-liberation2) has the Vietnamese glyphs; Liberation 1.07
# (fonts-liberation) does not and draws boxes for ộ, ễ, ư... (checked below).
SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
SERIF_BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
DPI = 300
PT = DPI / 72.0  # pixels per point

LETTER = [
    ("bold", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("bold", "Độc lập - Tự do - Hạnh phúc"),
    ("", ""),
    ("bold", "GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN"),
    ("", ""),
    ("reg", "Họ, chữ đệm, tên: Nguyễn Thị Thanh Hương"),
    ("reg", "Ngày, tháng, năm sinh: 06/02/1995"),
    ("reg", "Giới tính: Nữ    Dân tộc: Kinh    Quốc tịch: Việt Nam"),
    ("reg", "Nơi cư trú: thôn Đông Xuyên, xã Quỳnh Hải, huyện Quỳnh Phụ"),
    ("reg", "Tình trạng hôn nhân: chưa đăng ký kết hôn với ai."),
    ("reg", "Mục đích sử dụng: để làm thủ tục đăng ký kết hôn."),
]

SHORT = [
    ("bold", "ỦY BAN NHÂN DÂN XÃ QUỲNH HẢI"),
    ("reg", "Số: 125/UBND-TP về việc xác nhận hộ khẩu"),
    ("reg", "Người ký: Trần Văn Đức"),
]

# Words whose drawn boxes the test checks (first occurrence).
BOXED_WORDS = ["Nguyễn", "Hương", "Quỳnh"]


def check_glyphs(font, lines):
    """Fails when the font lacks a glyph (it would draw the .notdef box instead)."""
    missing = bytes(font.getmask("\ue000"))
    for _, text in lines:
        for ch in set(text) - {" "}:
            if bytes(font.getmask(ch)) == missing:
                raise SystemExit(f"{font.path}: no glyph for {ch!r}; install fonts-liberation2")


def render(lines, size_pt, margin_px, name):
    regular = ImageFont.truetype(SERIF, round(size_pt * PT))
    bold = ImageFont.truetype(SERIF_BOLD, round(size_pt * PT))
    check_glyphs(regular, lines)
    check_glyphs(bold, lines)
    line_height = round(size_pt * PT * 1.5)
    width = 0
    for style, text in lines:
        font = bold if style == "bold" else regular
        if text:
            width = max(width, round(font.getlength(text)))
    width += 2 * margin_px
    height = 2 * margin_px + line_height * len(lines)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    boxes = []
    y = margin_px
    for style, text in lines:
        font = bold if style == "bold" else regular
        x = margin_px
        for word in text.split(" "):
            if word:
                x = round(x)
                left, top, right, bottom = draw.textbbox((x, y), word, font=font)
                draw.text((x, y), word, font=font, fill=20)
                if word.strip(",.:") in BOXED_WORDS and all(b[0] != word.strip(",.:") for b in boxes):
                    boxes.append((word.strip(",.:"), left, top, right - left, bottom - top))
            x += font.getlength(word + " ")
        y += line_height
    image.save(os.path.join(HERE, name + ".png"), dpi=(DPI, DPI), optimize=True)
    with open(os.path.join(HERE, name + ".txt"), "w", encoding="utf-8") as truth:
        truth.write("\n".join(text for _, text in lines if text) + "\n")
    return boxes


def main():
    boxes = render(LETTER, 12, 120, "vn_letter")
    with open(os.path.join(HERE, "vn_letter.boxes.tsv"), "w", encoding="utf-8") as out:
        for word, x, y, w, h in boxes:
            out.write(f"{word}\t{x}\t{y}\t{w}\t{h}\n")
    render(SHORT, 12, 120, "vn_short")


if __name__ == "__main__":
    main()
