#!/usr/bin/env python3
"""Writes a headless script (docs/design.md §4) that runs one workshop LOOPS times in one kiosk process.

    soak_script.py --content DIR [--content DIR...] --workshop ID [--loops N] [--votes N]
                   [--cooldown-ms MS] [--video-ms MS]

The workshop and its modules are read from the content packs (content/FORMAT.md) so the script follows
the real steps. Each loop starts on the title screen, clicks the workshop (the kiosk must run with
--group/--format/--audience so the setup screen is skipped), and then for every step:
  poll        casts N votes (option 1, 2, 3, ... in turn), each confirmed on screen, waiting the
              vote cooldown between them, then reveals the results;
  video       plays the clip (K, which also confirms a content warning) for --video-ms, then moves on;
  choice      chooses the first option, sees its consequence, moves on;
  discussion  starts and stops the timer when it has one;
and checks "Module i of n" at the start of each module. After the last step (and the "What changed
today" summary when the workshop has pre/post pairs) it leaves with Escape and Y, which ends the
session (the file is saved as finished), and is back on the title screen for the next loop.
The kiosk's vote cooldown must be --cooldown-ms or less (the soak sets vote_cooldown_ms in a config file).
"""
import argparse
import glob
import json
import os
import sys


def load_packs(roots):
    packs = {}
    for root in roots:
        candidates = [root] if os.path.exists(os.path.join(root, "pack.json")) else sorted(glob.glob(os.path.join(root, "*")))
        for d in candidates:
            pj = os.path.join(d, "pack.json")
            if not os.path.exists(pj):
                continue
            with open(pj, encoding="utf-8") as f:
                pack = json.load(f)
            modules = {}
            for mf in sorted(glob.glob(os.path.join(d, "modules", "*.json"))):
                with open(mf, encoding="utf-8") as f:
                    m = json.load(f)
                modules[m["id"]] = m
            pack["_modules"] = modules
            pack["_dir"] = d
            packs[pack["id"]] = pack
    return packs


def find_workshop(packs, workshop_id):
    for pack in packs.values():
        for w in pack.get("workshops", []):
            if w["id"] == workshop_id:
                return pack, w
    sys.exit("soak_script: no workshop %r in the content given" % workshop_id)


def resolve(packs, pack, ref):
    pack_id, module_id = ref.split("/", 1) if "/" in ref else (pack["id"], ref)
    try:
        return packs[pack_id]["_modules"][module_id]
    except KeyError:
        sys.exit("soak_script: module %r of the workshop is not in the content given" % ref)


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def poll_options(step):
    kind = step.get("kind", "single")
    return 5 if kind == "likert" else 3 if kind == "yes-no" else len(step.get("options", []))


def loop_lines(title, modules, has_pairs, args):
    out = ['wait-until-text "Choose a workshop to start" 20000', "click " + quoted(title)]
    n = len(modules)
    for mi, module in enumerate(modules):
        out.append('wait-until-text "Module %d of %d" 5000' % (mi + 1, n))
        for step in module["steps"]:
            t = step["type"]
            if t == "poll":
                options = min(poll_options(step), 6)
                for v in range(args.votes):
                    if v:
                        out.append("wait %d" % (args.cooldown_ms + 60))
                    out.append("key %d" % (v % options + 1))
                    out.append('expect-text "Vote counted"')
                out.append("key R")
                out.append("wait 700")
                out.append('expect-text "%d votes"' % args.votes)
            elif t == "video":
                if step.get("content_warning") or not step.get("autoplay", False):
                    out.append("key K")
                out.append("wait %d" % args.video_ms)
            elif t == "choice":
                out.append("key 1")
                out.append("wait 50")
            elif t == "discussion" and step.get("timer_seconds"):
                out.append("key T")
                out.append("wait 50")
                out.append("key T")
            out.append("key Right")
    if has_pairs:
        out.append('wait-until-text "What changed today" 5000')
        out.append("wait 700")
    out += ["key Escape", "key Y", 'wait-until-text "Choose a workshop to start" 20000']
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--content", action="append", required=True)
    ap.add_argument("--workshop", required=True)
    ap.add_argument("--loops", type=int, default=100)
    ap.add_argument("--votes", type=int, default=5, help="votes cast on every poll (5 or more shows percentages)")
    ap.add_argument("--cooldown-ms", type=int, default=250)
    ap.add_argument("--video-ms", type=int, default=800)
    ap.add_argument("--print-packs", action="store_true",
                    help="print the folders of the packs the workshop needs, one a line, and stop (the soak "
                         "loads only those, so the workshop's card is on screen to be clicked)")
    args = ap.parse_args()
    packs = load_packs(args.content)
    pack, workshop = find_workshop(packs, args.workshop)
    modules = [resolve(packs, pack, ref) for ref in workshop["modules"]]
    if args.print_packs:
        needed = [pack["id"]] + sorted({ref.split("/", 1)[0] for ref in workshop["modules"] if "/" in ref} - {pack["id"]})
        for pid in needed:
            print(packs[pid]["_dir"])
        return 0
    phases = {}
    for m in modules:
        for s in m["steps"]:
            if s["type"] == "poll" and s.get("measure") and s.get("phase") in ("pre", "post"):
                phases.setdefault(s["measure"], set()).add(s["phase"])
    has_pairs = any(p == {"pre", "post"} for p in phases.values())
    steps = sum(len(m["steps"]) for m in modules)
    polls = sum(1 for m in modules for s in m["steps"] if s["type"] == "poll")
    videos = sum(1 for m in modules for s in m["steps"] if s["type"] == "video")
    print("# Generated by tools/soak_script.py: %d loops of %s (%d modules, %d steps, %d polls, %d videos)"
          % (args.loops, args.workshop, len(modules), steps, polls, videos))
    for i in range(args.loops):
        print("# loop %d" % (i + 1))
        print("\n".join(loop_lines(workshop["title"], modules, has_pairs, args)))
    print("quit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
