#!/usr/bin/env python3
"""Generate sample clips (MP4 + WebVTT) from *.clip.json specs with espeak-ng and the ffmpeg CLI."""
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
GAP = 0.5  # seconds of silence between narration sentences
LEAD = 0.8  # seconds before the first sentence


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def duration(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
                         check=True, capture_output=True, text=True).stdout.strip()
    return float(out)


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
    title = spec["title"]
    subtitle = spec.get("subtitle", "")
    narration = spec.get("narration", [])
    width, height = (int(v) for v in spec.get("size", "1280x720").split("x"))
    if not narration:
        sys.exit(f"{spec_path}: 'narration' needs at least one sentence")

    with tempfile.TemporaryDirectory() as tmp:
        cues, parts, t = [], [], LEAD
        silence_lead = os.path.join(tmp, "lead.wav")
        run(["ffmpeg", "-y", "-f", "lavfi", "-i", f"anullsrc=r=22050:cl=mono", "-t", str(LEAD), silence_lead])
        gap = os.path.join(tmp, "gap.wav")
        run(["ffmpeg", "-y", "-f", "lavfi", "-i", f"anullsrc=r=22050:cl=mono", "-t", str(GAP), gap])
        parts.append(silence_lead)
        for i, sentence in enumerate(narration):
            wav = os.path.join(tmp, f"s{i}.wav")
            run(["espeak-ng", "-v", "en-gb", "-s", "150", "-w", wav, sentence])
            d = duration(wav)
            cues.append((t, t + d, sentence))
            parts += [wav, gap]
            t += d + GAP
        total = t + 0.5
        listing = os.path.join(tmp, "list.txt")
        with open(listing, "w") as f:
            for p in parts:
                f.write(f"file '{p}'\n")
        narration_wav = os.path.join(tmp, "narration.wav")
        run(["ffmpeg", "-y", "-f", "concat", "-safe", "0", "-i", listing, "-c", "copy", narration_wav])

        title_txt = os.path.join(tmp, "title.txt")
        with open(title_txt, "w", encoding="utf-8") as f:
            f.write("\n".join(textwrap.wrap(title, 28)))
        sub_txt = os.path.join(tmp, "sub.txt")
        with open(sub_txt, "w", encoding="utf-8") as f:
            f.write(subtitle or " ")
        fs = height // 10
        vf = (f"drawtext=fontfile={FONT}:textfile={title_txt}:fontcolor=white:fontsize={fs}:line_spacing={fs // 4}"
              f":x=(w-text_w)/2:y=(h-text_h)/2-{fs},"
              f"drawtext=fontfile={FONT}:textfile={sub_txt}:fontcolor=0xF1C453:fontsize={fs // 2}"
              f":x=(w-text_w)/2:y=(h/2)+{fs},"
              # a running clock, so consecutive frames differ and playback position is visible
              f"drawtext=fontfile={FONT}:text='%{{pts\\:hms}}':fontcolor=0xBBBBBB:fontsize={fs // 3}"
              f":x=w-text_w-{fs // 3}:y=h-text_h-{fs // 3}")
        run(["ffmpeg", "-y", "-f", "lavfi", "-i", f"color=c=0x1D3557:s={width}x{height}:r=25:d={total:.3f}",
             "-i", narration_wav, "-vf", vf, "-c:v", "libx264", "-preset", "veryfast", "-crf", "30",
             "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-ar", "44100", "-ac", "1",
             "-movflags", "+faststart", "-t", f"{total:.3f}", mp4])
    with open(vtt, "w", encoding="utf-8") as f:
        f.write("WEBVTT\n\n")
        for i, (a, b, text) in enumerate(cues, 1):
            f.write(f"{i}\n{vtt_time(a)} --> {vtt_time(b)}\n{text}\n\n")
    print("made:", shown(mp4), f"({total:.1f} s, {os.path.getsize(mp4) // 1024} KiB)")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dirs", nargs="*", default=["content/packs"])
    ap.add_argument("--force", action="store_true", help="remake clips even when up to date")
    args = ap.parse_args()
    specs = []
    for d in args.dirs:
        for root, _, files in os.walk(d):
            specs += [os.path.join(root, f) for f in sorted(files) if f.endswith(".clip.json")]
    if not specs:
        print("no *.clip.json specs found under", " ".join(args.dirs))
    for s in sorted(specs):
        try:
            make_clip(s, args.force)
        except subprocess.CalledProcessError as e:
            sys.exit(f"{s}: {e.cmd[0]} failed: {e.stderr.decode(errors='replace')[-800:]}")
        except (KeyError, ValueError, json.JSONDecodeError) as e:
            sys.exit(f"{s}: bad clip spec: {e}")


if __name__ == "__main__":
    main()
