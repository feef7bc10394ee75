#!/usr/bin/env python3
"""Make sample clips (MP4 + WebVTT) from media/*.clip.json descriptions with the ffmpeg CLI.

A sample clip is calm animated text with no sound: each card's words fade in, stay, and fade out on a
plain background, and the captions carry the same words (or a longer "caption" line). There is no
narration and no timecode. Mark the description "sample": true so that upstander-pack lint lists the
clip as a stand-in for the partnership's own footage.

Description: {"title": "...", "sample": true, "size": "1280x720",
              "cards": [{"text": "Short words on screen", "caption": "optional longer caption", "seconds": 5}]}
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap


def shown(path):
    """The path as the user would recognise it: relative when it is below the current folder."""
    rel = os.path.relpath(path)
    return os.path.abspath(path) if rel.startswith("..") else rel


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LEAD = 0.0   # the first card is on screen from the first frame, so the paused clip shows words
FADE = 0.8   # seconds to fade a card in, and again to fade it out
TAIL = 0.8   # seconds of plain background after the last card


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def vtt_time(t):
    ms = int(round(t * 1000))
    return "%02d:%02d:%02d.%03d" % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, ms % 1000)


def make_clip(spec_path, force):
    base = spec_path[: -len(".clip.json")]
    mp4, vtt = base + ".mp4", base + ".vtt"
    if not force and all(os.path.exists(p) and os.path.getmtime(p) >= os.path.getmtime(spec_path) for p in (mp4, vtt)):
        print("up to date:", shown(mp4))
        return
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    title = spec.get("title", "")
    cards = spec.get("cards", [])
    width, height = (int(v) for v in spec.get("size", "1280x720").split("x"))
    if not cards:
        sys.exit(f"{spec_path}: 'cards' needs at least one card, such as {{\"text\": \"...\", \"seconds\": 5}}")

    fs = height // 12
    filters, cues, t = [], [], LEAD
    with tempfile.TemporaryDirectory() as tmp:
        if title:
            title_txt = os.path.join(tmp, "title.txt")
            with open(title_txt, "w", encoding="utf-8") as f:
                f.write(title)
            filters.append(f"drawtext=fontfile={FONT_REGULAR}:textfile={title_txt}:fontcolor=0xA8DADC:fontsize={fs // 2}"
                           f":x=(w-text_w)/2:y={fs}")
        for i, card in enumerate(cards):
            text = card["text"]
            seconds = float(card.get("seconds", 5))
            a, b = t, t + seconds
            path = os.path.join(tmp, f"card{i}.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(textwrap.wrap(text, 30)))
            fade_in = 0.0 if i == 0 else FADE  # the first card does not fade in: it is the poster frame
            alpha = (f"if(lt(t\\,{a:.3f})\\,0\\,if(lt(t\\,{a + fade_in:.3f})\\,(t-{a:.3f})/{max(fade_in, 0.001)}\\,"
                     f"if(lt(t\\,{b - FADE:.3f})\\,1\\,if(lt(t\\,{b:.3f})\\,({b:.3f}-t)/{FADE}\\,0))))")
            filters.append(f"drawtext=fontfile={FONT}:textfile={path}:fontcolor=white:fontsize={fs}"
                           f":line_spacing={fs // 3}:x=(w-text_w)/2:y=(h-text_h)/2-{fs // 2}"
                           f":alpha='{alpha}':enable='between(t,{a:.3f},{b:.3f})'")
            cues.append((a + (0.0 if i == 0 else 0.2), b - 0.2, card.get("caption", text)))
            t = b
        total = t + TAIL
        run(["ffmpeg", "-y", "-f", "lavfi", "-i", f"color=c=0x1D3557:s={width}x{height}:r=25:d={total:.3f}",
             "-vf", ",".join(filters), "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "30",
             "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-t", f"{total:.3f}", mp4])
    with open(vtt, "w", encoding="utf-8") as f:
        f.write("WEBVTT\n\n")
        for i, (a, b, text) in enumerate(cues, 1):
            f.write(f"{i}\n{vtt_time(a)} --> {vtt_time(b)}\n{text}\n\n")
    print("made:", shown(mp4), f"({total:.1f} s, {os.path.getsize(mp4) // 1024} KiB)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", default=["content/packs"])
    ap.add_argument("--force", action="store_true", help="remake clips even when up to date")
    args = ap.parse_args()
    specs = []
    for d in args.dirs:
        for root, _, files in os.walk(d):
            specs += [os.path.join(root, f) for f in sorted(files) if f.endswith(".clip.json")]
    if not specs:
        print("no *.clip.json descriptions found under", " ".join(args.dirs))
    for s in sorted(specs):
        try:
            make_clip(s, args.force)
        except subprocess.CalledProcessError as e:
            sys.exit(f"{s}: {e.cmd[0]} failed: {e.stderr.decode(errors='replace')[-800:]}")
        except (KeyError, ValueError, json.JSONDecodeError) as e:
            sys.exit(f"{s}: bad clip description: {e}")


if __name__ == "__main__":
    main()
