#!/usr/bin/env python3
"""Writes resolve/data/hanja_hangul.tsv (han, hangul, source) from Unicode's Unihan database.

Input: Unihan_Readings.txt(.bz2) as shipped by Debian's unicode-data package (field kHangul),
and optionally Unihan_Variants.txt(.bz2) to give simplified characters the reading of their
traditional form when Unihan has none of their own. Stdlib only; the output is committed, so a
build never needs unicode-data.

    scripts/gen-hanja-hangul.py [--readings PATH] [--variants PATH] > resolve/data/hanja_hangul.tsv
"""
import argparse
import bz2
import re
import sys

SBASE, VCOUNT, TCOUNT = 0xAC00, 21, 28
RIEUL, NIEUN, IEUNG = 5, 2, 11  # initial jamo indices of ㄹ ㄴ ㅇ


def open_text(path):
    return bz2.open(path, "rt", encoding="utf-8") if path.endswith(".bz2") else open(path, encoding="utf-8")


def read_fields(path, field):
    version, values = "?", {}
    with open_text(path) as lines:
        for line in lines:
            if line.startswith("# Unicode version:"):
                version = line.split(":", 1)[1].strip()
            if line.startswith("#") or not line.strip():
                continue
            code, name, value = line.rstrip("\n").split("\t", 2)
            if name == field:
                values[chr(int(code[2:], 16))] = value
    return version, values


def initial_of(syllable):
    return (ord(syllable) - SBASE) // (VCOUNT * TCOUNT)


def with_initial(syllable, initial):
    rest = (ord(syllable) - SBASE) % (VCOUNT * TCOUNT)
    return chr(SBASE + initial * VCOUNT * TCOUNT + rest)


def dprk_first(readings):
    """DPRK names keep the initial ㄹ/ㄴ that ROK spelling drops (두음법칙): 綾 능|릉 -> 릉|능."""
    for reading in readings[1:]:
        first = readings[0]
        if len(reading) != 1 or len(first) != 1:
            continue
        softened = initial_of(first) in (NIEUN, IEUNG)
        if initial_of(reading) == RIEUL and softened and with_initial(reading, initial_of(first)) == first:
            return [reading] + [r for r in readings if r != reading]
        if initial_of(reading) == NIEUN and initial_of(first) == IEUNG and with_initial(reading, IEUNG) == first:
            return [reading] + [r for r in readings if r != reading]
    return readings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readings", default="/usr/share/unicode/Unihan_Readings.txt.bz2")
    parser.add_argument("--variants", default="/usr/share/unicode/Unihan_Variants.txt.bz2")
    args = parser.parse_args()
    version, hangul = read_fields(args.readings, "kHangul")
    rows = {}
    for han, value in hangul.items():
        # "금:0E 김:0N": readings with UAX #38 source flags after the colon.
        readings = [re.sub(r":.*$", "", item) for item in value.split()]
        readings = dprk_first(list(dict.fromkeys(readings)))
        rows[han] = ("|".join(readings), f"Unicode Unihan {version} kHangul U+{ord(han):04X}")
    try:
        _, traditional = read_fields(args.variants, "kTraditionalVariant")
    except FileNotFoundError:
        traditional = {}
    for simplified, value in traditional.items():
        # The first traditional form with a reading (罗 -> 羅 before 囉).
        forms = [chr(int(code[2:], 16)) for code in value.split()]
        forms = [form for form in forms if form in rows and form != simplified]
        if simplified in rows or not forms:
            continue
        rows[simplified] = (rows[forms[0]][0], f"Unicode Unihan {version} kHangul U+{ord(forms[0]):04X} "
                            f"via kTraditionalVariant of U+{ord(simplified):04X}")
    out = sys.stdout
    out.write("han\thangul\tsource\n")
    for han in sorted(rows):
        out.write(f"{han}\t{rows[han][0]}\t{rows[han][1]}\n")


if __name__ == "__main__":
    main()
