#!/usr/bin/env python3
"""Compose the generated part of the labelled corpus (tests/data/topic/README.md).

Each src/LANG.py holds hand-written titles, leads and paragraphs in the manner
of that language's outlets; this script pairs them into articles of known
shape, so the label follows from the shape:

  S  the OTS (or one of its bodies) acts or frames the event in the title
     and/or lead                                          -> subject
  M  an article about something else names the OTS in passing (a list of
     memberships, a CV line, a date reference, an attendee list) -> mention
  N  other organisations' summits, Turkic history and culture, bilateral
     meetings, other meanings of the acronyms             -> not
  O  an affiliated organisation's news (+orgs); with a background line
     naming the OTS                                       -> mention+orgs
     without                                              -> not+orgs

Deterministic (seeded); run from anywhere:  python3 make.py
Writes ../g-*.txt files after removing the old ones."""
import glob, importlib.util, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
LANGS = ["en", "ru", "kk", "kklat", "tr", "az", "uz", "uzcyr", "ky", "tk", "hu"]
CODE = {"kklat": "kk-lat", "uzcyr": "uz-cyr"}


def load(lang):
    spec = importlib.util.spec_from_file_location(lang, os.path.join(HERE, lang + ".py"))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m.L


def fill(s, L, r):
    city = r.choice(L["city"])
    return s.replace("{CITY}", city.upper()).replace("{city}", city).replace(
        "{day}", r.choice(L["day"])).replace("{n}", str(r.choice([3, 7, 12, 15, 24, 40, 120, 350])))


def pick(L, key, i):
    v = L.get(key) or []
    return v[i % len(v)] if v else None


def compose(L, kind, i, r):
    P = lambda key, j=i: pick(L, key, j)
    title, paras = None, []
    if kind == "S1":
        title = P("subj_title")
        paras = [P("subj_lead", i + r.randrange(3)), P("quote", i)]
        paras.append(P("subj_more", i) if i % 2 == 0 else P("bg", i))
        if i % 3 == 0:
            paras.insert(2, P("quote", i + 1))
    elif kind == "S2":
        title = P("subj_title_plain") or P("subj_title")
        paras = [P("subj_lead", i + 1), P("quote", i), P("subj_more", i + 1)]
    elif kind == "S3":
        title = P("subj_title", i + 2)
        paras = [P("brief", i)]
    elif kind == "S4":
        paras = [P("subj_lead", i + 2), P("quote", i)]
    elif kind in ("M1", "M2"):
        title = P("other_title", i)
        body = [P("other_more", i), P("other_more", i + 1), P("quote", i + 1)]
        body = [b for b in body if "{n}" not in b or True]
        if kind == "M2" and L.get("lead_passing"):
            paras = [P("lead_passing", i)] + body[:2]
        else:
            pos = 1 + (i % 3)
            body.insert(min(pos, len(body)), P("passing", i))
            paras = [P("other_lead", i)] + body
    elif kind == "N1":
        title = P("neg_title", i)
        paras = [P("neg_lead", i), P("neg_more", i)]
        if i % 2:
            paras.append(P("neg_more", i + 1))
    elif kind == "N2":
        title = P("other_title", i + 1)
        paras = [P("other_lead", i + 1), P("other_more", i), P("quote", i)]
    elif kind in ("O1", "O2"):
        title = P("org_title", i)
        paras = [P("org_lead", i), P("org_more", i)]
        if kind == "O2":
            paras.insert(1 + i % 2, P("org_bg_ots", i))
    paras = [fill(p, L, r) for p in paras if p]
    # a paragraph repeated by the pairing is dropped
    seen, uniq = set(), []
    for p in paras:
        if p not in seen:
            seen.add(p)
            uniq.append(p)
    text = "\n\n".join(uniq) + "\n"
    if title:
        text = fill(title, L, r) + "\n\n" + text
    return text


PLAN = [("S1", "subject", 7), ("S2", "subject", 2), ("S3", "subject", 2), ("S4", "subject", 2),
        ("M1", "mention", 5), ("M2", "mention", 1), ("N1", "not", 6), ("N2", "not", 2),
        ("O1", "not+orgs", 2), ("O2", "mention+orgs", 2)]


def main():
    for f in glob.glob(os.path.join(OUT, "*-g[0-9]*.txt")):
        os.remove(f)
    n = 0
    for lang in LANGS:
        L = load(lang)
        r = random.Random("otsnews-corpus-" + lang)
        k = 0
        for kind, label, count in PLAN:
            if kind == "M2" and not L.get("lead_passing"):
                kind = "M1"
            for i in range(count):
                text = compose(L, kind, i, r)
                k += 1
                name = "%s-%s-g%02d-%s.txt" % (label, CODE.get(lang, lang), k, kind.lower())
                with open(os.path.join(OUT, name), "w") as f:
                    f.write(text)
                n += 1
    print("wrote %d texts" % n)


if __name__ == "__main__":
    main()
