#!/usr/bin/env python3
"""split.py -- the tuning / held-out split of a benchmark set.

A page belongs to the held-out part when the first 8 hex digits of the
SHA-1 of its name (file name without ".html" and ".gz"), read as a
number, are 0 modulo 5: about 20 % of each set, the same pages on every
machine and in every run.  Tune on "tune"; look at "held" as a number only.

Usage: split.py NAME...   prints "tune" or "held" per name
"""
import hashlib
import os
import sys

PARTS = ("all", "tune", "held")


def page_name(path):
    base = os.path.basename(path)
    for ext in (".gz", ".html"):
        if base.endswith(ext):
            base = base[:-len(ext)]
    return base


def part_of(name):
    h = hashlib.sha1(page_name(name).encode("utf-8")).hexdigest()
    return "held" if int(h[:8], 16) % 5 == 0 else "tune"


def in_part(name, part):
    return part == "all" or part_of(name) == part


if __name__ == "__main__":
    for a in sys.argv[1:]:
        print(part_of(a), a)
