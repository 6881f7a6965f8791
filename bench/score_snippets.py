#!/usr/bin/env python3
"""score_snippets.py -- the trafilatura evaluation metric
(bench/trafilatura-eval/README.md).

Usage: score_snippets.py EVALDATA.json PREDICTIONS.jsonl [--part P] [-v]

PREDICTIONS holds one JSON object per line with "file" (the page's file
name; ".gz" and the directory are ignored) and "body".  Per page the body
and every snippet have each run of whitespace collapsed to one space and
are stripped.  A "with" snippet found as a case-sensitive substring is a
true positive, else a false negative; a "without" snippet found is a false
positive, else a true negative.  A missing or empty body misses every
"with" snippet.  Counts are summed over pages: precision TP/(TP+FP),
recall TP/(TP+FN), F1 2TP/(2TP+FP+FN), accuracy (TP+TN)/all.

--part all|tune|held scores the whole set or one side of the split of
bench/split.py.  -v lists the pages that miss or leak a snippet (use it on
the tuning part only).
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from split import PARTS, in_part, page_name  # noqa: E402

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s or "").strip()


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    part = "all"
    if "--part" in args:
        part = args[args.index("--part") + 1]
        if part not in PARTS:
            sys.exit("score_snippets.py: part must be one of %s" %
                     ", ".join(PARTS))
    pos = [a for i, a in enumerate(args)
           if not a.startswith("-") and (i == 0 or args[i - 1] != "--part")]
    if len(pos) < 2:
        sys.exit("usage: score_snippets.py EVALDATA.json PREDICTIONS.jsonl"
                 " [--part all|tune|held] [-v]")
    data = json.load(open(pos[0], encoding="utf-8"))
    pred = {}
    for line in open(pos[1], encoding="utf-8"):
        line = line.strip()
        if line:
            o = json.loads(line)
            pred[page_name(o.get("file", ""))] = o.get("body") or ""
    tp = fn = fp = tn = pages = 0
    rows = []
    for url in sorted(data):
        item = data[url]
        name = page_name(item["file"])
        if not in_part(name, part):
            continue
        pages += 1
        body = norm(pred.get(name, ""))
        miss = []
        leak = []
        for s in item.get("with", []):
            if body and norm(s) in body:
                tp += 1
            else:
                fn += 1
                miss.append(s)
        for s in item.get("without", []):
            if body and norm(s) in body:
                fp += 1
                leak.append(s)
            else:
                tn += 1
        if miss or leak:
            rows.append((name, url, miss, leak))
    if verbose:
        for name, url, miss, leak in rows:
            print("%s %s" % (name, url[:80]))
            for s in miss:
                print("   miss: %s" % s[:100])
            for s in leak:
                print("   leak: %s" % s[:100])
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    F = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    A = (tp + tn) / (tp + tn + fp + fn) if tp + tn + fp + fn else 0.0
    print("pages=%d F1=%.4f precision=%.4f recall=%.4f accuracy=%.4f "
          "tp=%d fp=%d fn=%d tn=%d" % (pages, F, P, R, A, tp, fp, fn, tn))


if __name__ == "__main__":
    main()
