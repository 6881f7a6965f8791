#!/usr/bin/env python3
"""Measure `otsnews match --title-line` on part of the labelled corpus
(tests/data/topic/README.md), tuning and held-out parts apart.

  python3 tests/data/topic/src/measure.py [-v] [--build DIR] [SUBSTRING]

SUBSTRING selects the files whose name contains it (e.g. -hard2- for the
second hand-written set); without it, every file.  Prints, per part, the
exact-label rate, subject P/R, named (subject or mention) P/R and
turkic-orgs subject P/R; -v lists the wrong files."""
import os, subprocess, sys

args = sys.argv[1:]
verbose = "-v" in args
args = [a for a in args if a != "-v"]
build = "build"
if "--build" in args:
    i = args.index("--build")
    build = args[i + 1]
    del args[i:i + 2]
sel = args[0] if args else ""
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
d = os.path.join(root, "tests", "data", "topic")
files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".txt") and sel in f)


def fnv1a(s):
    h = 2166136261
    for c in s.encode():
        h = ((h ^ c) * 16777619) & 0xffffffff
    return h


out = subprocess.run([os.path.join(root, build, "otsnews"), "match", "--title-line"] + files,
                     capture_output=True, text=True, check=True).stdout
got = {}
for line in out.splitlines():
    f = line.split("\t")
    got[f[0]] = (f[3] if f[3] != "-" else "not", "turkic-orgs" in f[5].split(","), f[4], f[6])


def pr(c):
    tp, fp, fn = c
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


for held in (0, 1):
    part = [f for f in files if (fnv1a(os.path.basename(f)) % 5 == 0) == held]
    sub, named, orgs = [0, 0, 0], [0, 0, 0], [0, 0, 0]
    exact, wrong = 0, []
    for f in part:
        name = os.path.basename(f)
        head = name.split("-")[0].split("+")
        want, worgs = head[0], "orgs" in head[1:]
        rel, gorgs, score, ev = got[f]
        for c, w, g in ((sub, want == "subject", rel == "subject"),
                        (named, want != "not", rel != "not"), (orgs, worgs, gorgs)):
            c[0] += w and g
            c[1] += g and not w
            c[2] += w and not g
        if (rel, gorgs) == (want, worgs):
            exact += 1
        else:
            wrong.append("    %s: got %s%s (%s) %s" % (name, rel, "+orgs" if gorgs else "", score, ev))
    print("%s (%d texts): exact %d/%d; subject P %.3f R %.3f (tp %d fp %d fn %d); "
          "named P %.3f R %.3f; turkic-orgs P %.3f R %.3f" % (
              "held-out" if held else "tuning", len(part), exact, len(part),
              *pr(sub), *sub, *pr(named), *pr(orgs)))
    if verbose:
        print("\n".join(wrong))
