"""Draw ``receipt.png``: a café receipt photographed on a table, for screenshots and demos.

Run from the repository root: ``python resources/samples/make_receipt.py``. Needs Pillow, DejaVu
Sans Mono and (for the Chinese shop name) WenQuanYi Micro Hei; the PNG is committed, so nobody
else needs them.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
CJK = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

LINES = [
    ("center", "bold", "HARBOUR CAFÉ"),
    ("center", "cjk", "港湾咖啡"),
    ("center", "", "12 Quay Street, Portsmouth"),
    ("center", "", "Tel 023 9212 4410"),
    ("rule", "", ""),
    ("left", "", "2024-05-18  14:32   Table 7"),
    ("left", "", "Receipt #004821   Server: Mia"),
    ("rule", "", ""),
    ("item", "", "2 x Flat white|7.60"),
    ("item", "", "1 x Matcha latte|4.20"),
    ("item", "", "1 x Almond croissant|3.95"),
    ("item", "", "1 x Avocado toast|8.50"),
    ("item", "", "1 x Sparkling water|2.10"),
    ("rule", "", ""),
    ("item", "", "Subtotal|26.35"),
    ("item", "", "VAT 20% (incl.)|4.39"),
    ("item", "bold", "TOTAL GBP|26.35"),
    ("rule", "", ""),
    ("item", "", "Card  **** 4417|26.35"),
    ("blank", "", ""),
    ("center", "", "Thank you - see you soon!"),
]


def main() -> None:
    random.seed(7)
    mono = ImageFont.truetype(MONO, 26)
    bold = ImageFont.truetype(MONO_BOLD, 30)
    cjk = ImageFont.truetype(CJK, 30)
    paper_w, line_h, margin = 560, 40, 38
    paper_h = margin * 2 + line_h * len(LINES) + 20
    paper = Image.new("RGB", (paper_w, paper_h), (250, 248, 242))
    draw = ImageDraw.Draw(paper)
    y = margin
    for align, weight, text in LINES:
        font = bold if weight == "bold" else cjk if weight == "cjk" else mono
        ink = (38, 36, 40)
        if align == "rule":
            draw.line((margin, y + line_h // 2, paper_w - margin, y + line_h // 2), fill=(120, 118, 122),
                      width=2)
        elif align == "center":
            width = draw.textlength(text, font=font)
            draw.text(((paper_w - width) / 2, y), text, font=font, fill=ink)
        elif align == "item":
            left, right = text.split("|")
            draw.text((margin, y), left, font=font, fill=ink)
            width = draw.textlength(right, font=font)
            draw.text((paper_w - margin - width, y), right, font=font, fill=ink)
        elif align == "left":
            draw.text((margin, y), text, font=font, fill=ink)
        y += line_h
    # a torn bottom edge
    mask = Image.new("L", paper.size, 255)
    mdraw = ImageDraw.Draw(mask)
    for x in range(0, paper_w, 14):
        mdraw.polygon([(x, paper_h), (x + 7, paper_h - 10), (x + 14, paper_h)], fill=0)
    paper.putalpha(mask)
    paper = paper.rotate(-3.5, resample=Image.Resampling.BICUBIC, expand=True)

    table = Image.new("RGB", (900, 1200), (196, 170, 140))
    tdraw = ImageDraw.Draw(table)
    for _ in range(260):  # wood grain
        yy = random.randint(0, 1200)
        shade = random.randint(-18, 12)
        tdraw.line((0, yy, 900, yy + random.randint(-30, 30)),
                   fill=(186 + shade, 160 + shade, 128 + shade), width=random.randint(1, 4))
    table = table.filter(ImageFilter.GaussianBlur(1.2))
    shadow = Image.new("RGBA", paper.size, (0, 0, 0, 0))
    shadow.putalpha(paper.getchannel("A").point(lambda a: 90 if a else 0))
    shadow = shadow.filter(ImageFilter.GaussianBlur(12))
    ox, oy = (900 - paper.width) // 2, (1200 - paper.height) // 2
    table.paste((40, 30, 20), (ox + 14, oy + 18), shadow)
    table.paste(paper, (ox, oy), paper)
    out = Path(__file__).with_name("receipt.png")
    table.save(out, optimize=True)
    print(out, table.size, out.stat().st_size)


if __name__ == "__main__":
    main()
