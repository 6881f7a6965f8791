#!/usr/bin/env python3
"""score.py -- the article-extraction benchmark's own metric.

Usage: score.py GROUND_TRUTH.json PREDICTIONS.jsonl [--part P] [-v]

PREDICTIONS holds one `otsnews extract` JSON object per line; the page id is
the file name without ".html[.gz]".  Tokens are runs of Unicode word
characters (\\w+, case kept); each text is the multiset of its 4-token
shingles (a text of 1-3 tokens is one short shingle).  Per page tp, fp, fn
are the multiset intersection and surpluses; precision tp/(tp+fp) is
averaged over pages with a non-empty prediction, recall tp/(tp+fn) over
pages with a non-empty truth; F1 = 2PR/(P+R) of the means.  --part
all|tune|held scores the whole set or one side of bench/split.py's split.
"""
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from split import PARTS, in_part  # noqa: E402

TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    toks = TOKEN.findall(text or "")
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def page_id(path):
    base = os.path.basename(path)
    for ext in (".gz", ".html"):
        if base.endswith(ext):
            base = base[:-len(ext)]
    return base


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: score.py GROUND_TRUTH.json PREDICTIONS.jsonl [-v]")
    verbose = "-v" in sys.argv[3:]
    part = "all"
    if "--part" in sys.argv[3:]:
        part = sys.argv[sys.argv.index("--part") + 1]
        if part not in PARTS:
            sys.exit("score.py: part must be one of %s" % ", ".join(PARTS))
    truth = json.load(open(sys.argv[1], encoding="utf-8"))
    pred = {}
    for line in open(sys.argv[2], encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        o = json.loads(line)
        pred[page_id(o.get("file", ""))] = o.get("body") or ""
    ps, rs, rows = [], [], []
    npages = 0
    for pid in sorted(truth):
        if not in_part(pid, part):
            continue
        npages += 1
        t = shingles(truth[pid]["articleBody"])
        p = shingles(pred.get(pid, ""))
        tp = sum((t & p).values())
        fp = sum(p.values()) - tp
        fn = sum(t.values()) - tp
        prec = rec = None
        if p:
            prec = tp / (tp + fp) if tp + fp else 0.0
            ps.append(prec)
        if t:
            rec = tp / (tp + fn) if tp + fn else 0.0
            rs.append(rec)
        rows.append((pid, prec, rec))
    P = sum(ps) / len(ps) if ps else 0.0
    R = sum(rs) / len(rs) if rs else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    if verbose:
        for pid, prec, rec in sorted(rows, key=lambda r: min(r[1] or 0,
                                                            r[2] or 0)):
            print("%s P=%s R=%s %s" % (pid[:12],
                  "%.3f" % prec if prec is not None else "-",
                  "%.3f" % rec if rec is not None else "-",
                  truth[pid]["url"][:70]))
    print("pages=%d F1=%.4f precision=%.4f recall=%.4f" %
          (npages, F, P, R))


if __name__ == "__main__":
    main()
