#!/usr/bin/env python3
"""Pairwise precision and recall of "same story" over bench/stories/texts
(or another directory of the same format, e.g. bench/stories/hand):
a pair of reports is positive when both carry the same "# story:" label,
predicted positive when the daemon's grouping (group, dedup.c) gives them
the same story_id.  Usage: score.py GROUP_BINARY [TEXTS_DIR] [-v]"""
import itertools, os, subprocess, sys

args = [a for a in sys.argv[1:] if a != "-v"]
tool = args[0]
d = args[1] if len(args) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "texts")
files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".txt"))
want, lang = {}, {}
for f in files:
    for line in open(f):
        if line.startswith("# story:"):
            want[f] = line.split(":", 1)[1].strip()
        if line.startswith("# lang:"):
            lang[f] = line.split(":", 1)[1].strip()
out = subprocess.run([tool] + files, capture_output=True, text=True, check=True).stdout
got = dict(l.split("\t")[:2] for l in out.splitlines())
def pr(pairs):
    tp = fp = fn = 0
    for a, b in pairs:
        w, g = want[a] == want[b], got[a] == got[b]
        tp += w and g; fp += g and not w; fn += w and not g
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, tp, fp, fn)
allp = list(itertools.combinations(files, 2))
cross = [(a, b) for a, b in allp if lang[a] != lang[b]]
p, r, tp, fp, fn = pr(allp)
print("stories: %d reports, %d events" % (len(files), len(set(want.values()))))
print("pairwise same-story: precision %.3f recall %.3f (tp %d fp %d fn %d)" % (p, r, tp, fp, fn))
p, r, tp, fp, fn = pr([(a, b) for a, b in allp if lang[a] == lang[b]])
print("within a language:   precision %.3f recall %.3f (tp %d fp %d fn %d)" % (p, r, tp, fp, fn))
p, r, tp, fp, fn = pr(cross)
print("across languages:    precision %.3f recall %.3f (tp %d fp %d fn %d)" % (p, r, tp, fp, fn))
if "-v" in sys.argv:
    for ev in sorted(set(want.values())):
        members = [f for f in files if want[f] == ev]
        ids = {}
        for f in members:
            ids.setdefault(got[f], []).append(os.path.basename(f))
        others = [os.path.basename(f) for f in files if want[f] != ev and got[f] in ids]
        if len(ids) > 1 or others:
            print("  %s: %s%s" % (ev, " | ".join(",".join(v) for v in ids.values()),
                                 ("  + intruders " + ",".join(others)) if others else ""))
