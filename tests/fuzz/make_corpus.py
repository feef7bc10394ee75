#!/usr/bin/env python3
"""Builds the fuzz targets' seed corpora (tools/fuzz.sh calls this; nothing here is committed).

    make_corpus.py SOURCE_DIR OUT_DIR [TARGET...]

OUT_DIR/<target>/ gets, for each target:
  pack      every bundled pack (content/packs/*), the test packs (tests/data/packs, good-a and good-b
            together as one library so cross-pack references resolve, tests/data/schema-invalid/*)
            in the file-tree format of fuzz_support.hpp; media files over 4 KiB are cut to their first
            4 KiB (the loader only checks that they exist and where they point)
  session   session files from tests/data (sessions, report fixtures)
  script    the headless UI scripts (tests/ui/*.script)
  media     small clips made with the ffmpeg command-line tool: H.264/AAC MP4, VP9/Opus WebM,
            MPEG-4/MP3 AVI, odd size, rotated, audio only, video only, 5.1, mono 22.05 kHz, embedded
            mov_text and SubRip subtitles, plus a truncated copy
  captions  the bundled .vtt files and generated WebVTT / SubRip files
  player    the same clips as media
  image     the bundled pictures (.png, .jpg) and, cut in half, the first of them
tests/fuzz/seeds/<target>/ (hand-written seeds) is copied in as well.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

MAX_MEDIA = 4096


def tree_bytes(root, prefix=""):
    """Encodes the folder `root` (files, folders, symbolic links) in the file-tree format."""
    out = bytearray()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, root)
        for name in sorted(filenames) + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            path = os.path.join(dirpath, name)
            rel = os.path.normpath(os.path.join(prefix, rel_dir, name))
            if os.path.islink(path):
                out += b"%%%% l %s -> %s\n" % (rel.encode(), os.readlink(path).encode())
                continue
            with open(path, "rb") as f:
                data = f.read()
            if not name.endswith(".json") and len(data) > MAX_MEDIA:
                data = data[:MAX_MEDIA]
            out += b"%%%% f %s\n" % rel.encode() + data
            if not data.endswith(b"\n"):
                out += b"\n"
    return bytes(out)


def put(out_dir, name, data):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, name), "wb") as f:
        f.write(data)


def copy_seeds(src, target, out):
    seeds = os.path.join(src, "tests", "fuzz", "seeds", target)
    if os.path.isdir(seeds):
        for name in sorted(os.listdir(seeds)):
            shutil.copy(os.path.join(seeds, name), os.path.join(out, "seed-" + name))


def corpus_pack(src, out):
    packs = os.path.join(src, "content", "packs")
    for name in sorted(os.listdir(packs)):
        put(out, "bundled-%s.tree" % name, tree_bytes(os.path.join(packs, name)))
    test_packs = os.path.join(src, "tests", "data", "packs")
    lib = tree_bytes(os.path.join(test_packs, "good-a"), "good-a") + tree_bytes(os.path.join(test_packs, "good-b"), "good-b")
    put(out, "library-good-a-b.tree", lib)
    put(out, "broken.tree", tree_bytes(os.path.join(test_packs, "broken")))
    invalid = os.path.join(src, "tests", "data", "schema-invalid")
    for name in sorted(os.listdir(invalid)):
        put(out, "invalid-%s.tree" % name, tree_bytes(os.path.join(invalid, name)))


def corpus_session(src, out):
    for sub in ("tests/data/sessions", "tests/data/report"):
        for dirpath, _, filenames in os.walk(os.path.join(src, sub)):
            for name in sorted(filenames):
                if name.endswith(".json"):
                    path = os.path.join(dirpath, name)
                    digest = hashlib.sha1(path.encode()).hexdigest()[:8]
                    shutil.copy(path, os.path.join(out, "%s-%s" % (digest, name)))


def corpus_config(src, out):
    # Config files written by the tests' fixtures and the UI scripts' "# config:" lines.
    ui = os.path.join(src, "tests", "ui")
    for name in sorted(os.listdir(ui)):
        if not name.endswith(".script"):
            continue
        with open(os.path.join(ui, name), encoding="utf-8") as f:
            for i, line in enumerate(f):
                if line.startswith("# config:"):
                    put(out, "%s-%d.json" % (name, i), line[len("# config:"):].strip().encode())


def corpus_report(src, out):
    # The report's test folders as file trees, and the session test files as one folder.
    for sub in ("tests/data/report", "tests/data/sessions"):
        root = os.path.join(src, sub)
        if os.path.isdir(root):
            put(out, sub.replace("/", "-") + ".tree", tree_bytes(root))
            for name in sorted(os.listdir(root)):
                path = os.path.join(root, name)
                if os.path.isdir(path):
                    put(out, "%s-%s.tree" % (sub.replace("/", "-"), name), tree_bytes(path))


def corpus_script(src, out):
    ui = os.path.join(src, "tests", "ui")
    for name in sorted(os.listdir(ui)):
        if name.endswith(".script"):
            shutil.copy(os.path.join(ui, name), os.path.join(out, name))


def ffmpeg(args, out_file):
    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-y"] + args + [out_file]
    subprocess.run(cmd, check=True)


def make_clips(out):
    """Small clips; each stays under 50 KB."""
    tmp = tempfile.mkdtemp()
    try:
        srt = os.path.join(tmp, "subs.srt")
        with open(srt, "w") as f:
            f.write("1\n00:00:00,000 --> 00:00:00,400\nHello <b>there</b>\n\n2\n00:00:00,400 --> 00:00:00,800\nSecond\\Nline\n")
        video = ["-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10"]
        tone = ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050"]
        clips = {
            "h264-aac.mp4": video + tone + ["-t", "1", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                                            "-c:a", "aac", "-b:a", "32k", "-g", "5"],
            "vp9-opus.webm": video + ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"] +
                             ["-t", "1", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-b:v", "50k", "-c:a", "libopus", "-b:a", "16k"],
            "mpeg4-mp3.avi": video + tone + ["-t", "1", "-c:v", "mpeg4", "-q:v", "10", "-c:a", "libmp3lame", "-b:a", "32k"],
            "odd-size.mp4": ["-f", "lavfi", "-i", "testsrc2=size=33x25:rate=10", "-t", "1", "-c:v", "libx264",
                             "-preset", "veryfast", "-pix_fmt", "yuv420p"],
            "rotated.mp4": video + ["-t", "1", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                                    "-metadata:s:v", "rotate=90"],
            "audio-only.m4a": tone + ["-t", "1", "-c:a", "aac", "-b:a", "32k"],
            "audio-only.wav": ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "0.5", "-c:a", "pcm_u8"],
            "audio-51.ogg": ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "0.5", "-ac", "6",
                             "-c:a", "libvorbis"],
            "video-only.mkv": video + ["-t", "1", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv444p"],
            "rgb.mkv": video + ["-t", "0.5", "-c:v", "ffv1", "-pix_fmt", "bgr0"],
            "mjpeg.mov": video + ["-t", "0.5", "-c:v", "mjpeg", "-q:v", "20", "-pix_fmt", "yuvj422p"],
            "subtitles.mkv": video + ["-i", srt, "-t", "1", "-c:v", "libx264", "-preset", "veryfast",
                                      "-pix_fmt", "yuv420p", "-c:s", "srt"],
            "subtitles-mov-text.mp4": video + ["-i", srt, "-t", "1", "-c:v", "libx264", "-preset", "veryfast",
                                               "-pix_fmt", "yuv420p", "-c:s", "mov_text"],
            "animated.gif": ["-f", "lavfi", "-i", "testsrc2=size=32x24:rate=5", "-t", "1"],
        }
        made = 0
        for name, args in clips.items():
            try:
                ffmpeg(args, os.path.join(out, name))
                made += 1
            except subprocess.CalledProcessError:
                print("make_corpus: could not make %s with this ffmpeg; skipped" % name, file=sys.stderr)
        with open(os.path.join(out, "h264-aac.mp4"), "rb") as f:
            data = f.read()
        put(out, "truncated.mp4", data[: len(data) // 2])
        for name in os.listdir(out):
            size = os.path.getsize(os.path.join(out, name))
            if size > 50 * 1024:
                print("make_corpus: %s is %d bytes, over the 50 KB seed budget" % (name, size), file=sys.stderr)
        return made
    finally:
        shutil.rmtree(tmp)


def corpus_captions(src, out):
    for dirpath, _, filenames in os.walk(os.path.join(src, "content", "packs")):
        for name in sorted(filenames):
            if name.endswith((".vtt", ".srt")):
                shutil.copy(os.path.join(dirpath, name), os.path.join(out, name))
    put(out, "generated.srt", b"1\n00:00:01,000 --> 00:00:02,500\n<i>Hello</i>, {\\b1}world{\\b0}\n\n"
                              b"2\n00:00:03,000 --> 00:00:04,000\nTwo\nlines\n")
    put(out, "generated.vtt", b"WEBVTT\n\nNOTE a comment\n\nid-1\n00:01.000 --> 00:02.000 line:0 position:20%\n"
                              b"<v Speaker>Hello <b>bold</b>\n\n00:00:03.000 --> 00:00:04.000\n&amp; more\n")
    put(out, "bom.vtt", b"\xef\xbb\xbfWEBVTT\n\n00:00.000 --> 00:01.000\nWith a byte-order mark\n")


def corpus_image(src, out):
    first = None
    for dirpath, _, filenames in os.walk(os.path.join(src, "content", "packs")):
        for name in sorted(filenames):
            if name.endswith((".png", ".jpg", ".jpeg")):
                path = os.path.join(dirpath, name)
                shutil.copy(path, os.path.join(out, name))
                first = first or path
    if first:
        with open(first, "rb") as f:
            data = f.read()
        put(out, "truncated-" + os.path.basename(first), data[: len(data) // 2])


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, out_root = sys.argv[1], sys.argv[2]
    targets = sys.argv[3:] or ["pack", "session", "script", "media", "captions", "player", "image", "config",
                                "report"]
    builders = {"pack": corpus_pack, "session": corpus_session, "script": corpus_script,
                "captions": corpus_captions, "image": corpus_image, "config": corpus_config,
                "report": corpus_report}
    for t in targets:
        out = os.path.join(out_root, t)
        os.makedirs(out, exist_ok=True)
        if t in ("media", "player"):
            make_clips(out)
        elif t in builders:
            builders[t](src, out)
        else:
            print("make_corpus: unknown target %s" % t, file=sys.stderr)
            return 2
        copy_seeds(src, t, out)
        print("corpus %s: %d inputs" % (t, len(os.listdir(out))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
