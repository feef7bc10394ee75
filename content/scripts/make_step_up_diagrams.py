#!/usr/bin/env python3
"""Draw the Step Up pack's two diagrams as PNG files with the ffmpeg CLI (drawbox + drawtext).

Usage: python3 content/scripts/make_step_up_diagrams.py [PACK_DIR]   (default: content/packs/step-up)
Writes PACK_DIR/media/strands-vs-characteristics.png and PACK_DIR/media/ripples-of-harm.png.
Every colour also has a text label, so colour is never the only cue. Edit the lists below and re-run.
"""
import os
import subprocess
import sys
import tempfile

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
W, H = 1280, 720
INK = "0x1A1A1A"

# (hate crime strand, Equality Act characteristic, match label, row colour)
ROWS = [
    ("Disability", "Disability", "In both", "0xCDEBD9"),
    ("Race", "Race", "In both", "0xCDEBD9"),
    ("Religion", "Religion or belief", "Similar, not same", "0xFBE3B0"),
    ("Sexual orientation", "Sexual orientation", "In both", "0xCDEBD9"),
    ("Transgender identity", "Gender reassignment", "Similar, not same", "0xFBE3B0"),
    ("(not a strand)", "Age", "Equality Act only", "0xE6E6E6"),
    ("(not a strand)", "Sex", "Equality Act only", "0xE6E6E6"),
    ("(not a strand)", "Marriage and civil partnership", "Equality Act only", "0xE6E6E6"),
    ("(not a strand)", "Pregnancy and maternity", "Equality Act only", "0xE6E6E6"),
]

# Nested bands, outermost first: (label, detail, colour)
RIPPLES = [
    ("Everyone", "Trust falls. People feel less safe and less free.", "0xDCE6F2"),
    ("The community", "Others who share that identity feel they could be next.", "0xC3D5EA"),
    ("Family and friends", "Worry, anger and fear for someone they love.", "0xA7C2E0"),
    ("The person targeted", "Hurt, fear, and changing how they live.", "0x8AAED6"),
]


class Canvas:
    def __init__(self, tmp):
        self.tmp, self.filters, self.n = tmp, [], 0

    def box(self, x, y, w, h, colour, thickness="fill"):
        self.filters.append(f"drawbox=x={x}:y={y}:w={w}:h={h}:color={colour}:t={thickness}")

    def text(self, x, y, s, size, bold=False, colour=INK):
        # textfile= avoids escaping commas, colons and quotes inside the filter graph
        self.n += 1
        path = os.path.join(self.tmp, f"t{self.n}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(s)
        font = BOLD if bold else FONT
        self.filters.append(f"drawtext=fontfile={font}:textfile={path}:fontsize={size}:fontcolor={colour}:x={x}:y={y}")

    def save(self, out):
        graph = ",".join(self.filters)
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"color=c=white:s={W}x{H}:d=1",
                        "-vf", graph, "-frames:v", "1", out], check=True)
        print("made:", out)


def strands(out, tmp):
    # No title inside the picture: the step's heading says it, so the table can use the whole frame.
    c = Canvas(tmp)
    cols = [(20, 400, "Hate crime strands (5)"),
            (430, 500, "Equality Act 2010 (9)"),
            (940, 320, "Match")]
    top, row_h = 14, 70
    for x, w, label in cols:
        c.box(x, top, w - 10, row_h - 8, "0x1D3557")
        c.text(x + 16, top + 16, label, 28, bold=True, colour="white")
    for i, (left, right, match, colour) in enumerate(ROWS):
        y = top + (i + 1) * row_h
        for x, w, label in cols:
            c.box(x, y, w - 10, row_h - 8, colour)
        c.text(cols[0][0] + 16, y + 14, left, 30, colour=INK if not left.startswith("(") else "0x555555")
        c.text(cols[1][0] + 16, y + 14, right, 30)
        c.text(cols[2][0] + 16, y + 16, match, 28, bold=True)
    c.save(out)


def ripples(out, tmp):
    c = Canvas(tmp)
    x, y, w, h, step = 14, 14, W - 28, H - 28, 80
    for label, detail, colour in RIPPLES:
        c.box(x, y, w, h, colour)
        c.box(x, y, w, h, "0x1D3557", 3)
        c.text(x + 24, y + 16, label, 38, bold=True)
        c.text(x + 24, y + 66, detail, 30)
        x, y, w, h = x + step, y + 122, w - 2 * step, h - 150
    c.save(out)


def main():
    pack = sys.argv[1] if len(sys.argv) > 1 else "content/packs/step-up"
    media = os.path.join(pack, "media")
    os.makedirs(media, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        strands(os.path.join(media, "strands-vs-characteristics.png"), tmp)
        ripples(os.path.join(media, "ripples-of-harm.png"), tmp)


if __name__ == "__main__":
    main()
