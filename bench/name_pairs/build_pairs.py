#!/usr/bin/env python3
"""Regenerate pairs.csv from the public lists in /work/shared/data and curated.csv.

Usage: python3 build_pairs.py [--data /work/shared/data] [--out pairs.csv]

Rows drawn from the lists (OFAC SDN 2021 set and 2024 sdn.csv, UN consolidated
list 2026-02-27) are built by the rules below; every row names the file and the
entry (ent_num / REFERENCE_NUMBER) it came from.  curated.csv holds pairs taken
from other matchers' test suites (with their origin) and hand-written pairs.
Standard library only; the output is deterministic.
"""
import argparse
import csv
import difflib
import itertools
import os
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["id", "query", "query_kind", "query_country", "query_dob", "query_id_number",
          "candidate", "candidate_kind", "candidate_country", "candidate_dob",
          "candidate_id_number", "same", "script_pair", "failure_kind", "origin",
          "nomenklatura_logic_v2"]
KINDS = {"person", "organization", "vessel", "aircraft", "company"}
FAILURE_KINDS = {"korean_person", "romanisation", "typo", "legal_form", "kind", "qualifier", "plain"}

F_SDN21 = "ofac/sdn_set_2021-07/sdn.csv"
F_ALT21 = "ofac/sdn_set_2021-07/alt.csv"
F_ADD21 = "ofac/sdn_set_2021-07/add.csv"
F_SDN24 = "ofac/sdn_2024-05-03/sdn.csv"
F_UN = "un/UN_consolidated_2026-02-27.xml"

# Words that only give the legal form or a generic business activity.
GENERIC = set("""CO CO. COMPANY CORP CORPORATION LTD LTD. LIMITED LLC OOO JV JVC PTE INC
GENERAL TRADING TRADE TRDG SHIPPING SHPG CORPORATION KOREA KOREAN DPRK DPRKN NORTH OF THE AND &
JOINT VENTURE GROUP INTERNATIONAL MANAGEMENT MARINE BANK BANKING CREDIT DEVELOPMENT COMMERCIAL
INDUSTRIAL INDUSTRY INDUSTRIES MINISTRY OBSHCHESTVO OBSCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU HOESA
COOPERATION PRIVATE AGENCY""".split())
LEGAL = set("""CO COMPANY CORP CORPORATION LTD LIMITED LLC OOO JV JVC PTE INC SHPG SHIPPING TRDG TRADING
TRADE AND & KOREA KOREAN DPRK DPRKN NORTH OBSHCHESTVO OBSCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU
PRIVATE GENERAL""".split())
# Surname spellings that differ only by romanisation system or the initial-sound rule.
SURNAME_VARIANTS = [
    {"RI", "LI", "YI", "LEE", "I", "RHEE"}, {"PAK", "PARK", "BAK", "BAEK", "PAEK"},
    {"CHO", "JO"}, {"CHOE", "CHOI", "CH'OE"}, {"CHANG", "JANG"}, {"CHONG", "JONG", "CHO'NG", "JEONG", "CHUNG"},
    {"SIN", "SHIN"}, {"CHI", "JI"}, {"CHU", "JU"}, {"RYOM", "RYO'M", "YOM"}, {"HO", "HO'"},
    {"KIM", "GIM"}, {"KANG", "GANG"}, {"KU", "GU"}, {"KO", "GO"},
]


def norm(s):
    s = s.upper().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[^\w'&]+", " ", s)
    return " ".join(s.split())


def skeleton(s):
    return re.sub(r"[^A-Z0-9]", "", norm(s).replace("'", ""))


def tokens(s):
    return [t for t in norm(s).replace("'", "").split()]


def ratio(a, b):
    return difflib.SequenceMatcher(None, skeleton(a), skeleton(b)).ratio()


def fold(s):
    """Collapse spellings that differ only by Korean romanisation system."""
    s = skeleton(s).lower()
    for a, b in (("eo", "o"), ("eu", "u"), ("kh", "h"), ("chh", "ch"), ("ph", "p"), ("th", "t"),
                 ("sh", "s"), ("ch", "c"), ("j", "c"), ("z", "c"), ("b", "p"), ("d", "t"), ("g", "k"),
                 ("l", "r"), ("wo", "o"), ("ai", "ae"), ("mn", "pr"), ("mr", "pr"), ("nn", "nr")):
        s = s.replace(a, b)
    return s


def lev(a, b):
    a, b = skeleton(a), skeleton(b)
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def script_of(s):
    scripts = set()
    for ch in s:
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            scripts.add("hangul")
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
            scripts.add("han")
        elif 0x0400 <= o <= 0x04FF:
            scripts.add("cyrillic")
        elif ch.isalpha() and o < 0x250:
            scripts.add("latin")
        elif ch.isalpha():
            scripts.add("other")
    if not scripts:
        return "latin"
    if len(scripts) == 1:
        return scripts.pop()
    for main in ("hangul", "han", "cyrillic", "other"):
        if main in scripts:
            return main
    return "latin"


def script_pair(a, b):
    return "-".join(sorted([script_of(a), script_of(b)]))


def is_acronym(alias, name):
    a = skeleton(alias)
    if not (2 <= len(a) <= 6) or " " in norm(alias).strip():
        return False
    initials = "".join(t[0] for t in tokens(name) if t not in {"OF", "THE", "AND", "&"})
    return a in initials or initials.startswith(a[:2]) and a[0] == initials[0]


def surname_variant(a, b):
    a, b = a.upper(), b.upper()
    if a == b:
        return False
    return any(a in g and b in g for g in SURNAME_VARIANTS)


def split_person(name):
    """OFAC 'SURNAME, Given Names' -> (surname, [given syllables])."""
    if "," in name:
        sur, given = name.split(",", 1)
    else:
        parts = name.split()
        sur, given = parts[0], " ".join(parts[1:])
    syl = [t for t in re.split(r"[\s\-]+", given.upper().replace("'", "")) if t]
    return sur.strip().upper(), syl


def classify_alias(primary, alias, kind):
    """Failure kind of a same-entity pair, or None to leave it out (no name evidence)."""
    if kind == "person":
        s1, g1 = split_person(primary)
        s2, g2 = split_person(alias)
        s1, s2 = s1.replace("'", ""), s2.replace("'", "")
        if s1 != s2 and not surname_variant(s1, s2):
            return None  # a different name (pseudonym), no name evidence
        if ratio(" ".join(g1), " ".join(g2)) < 0.5:
            return None
        if "'" in alias or "'" in primary:
            return "romanisation"  # McCune-Reischauer breves written as apostrophes
        if "".join(g1) == "".join(g2) and s1 == s2:
            return "korean_person"  # hyphenation / syllable division only
        if sorted(g1) == sorted(g2) and s1 == s2:
            return "korean_person"
        return "romanisation"
    if is_acronym(alias, primary):
        return "legal_form"
    ta = [t for t in tokens(primary) if t not in LEGAL]
    tb = [t for t in tokens(alias) if t not in LEGAL]
    if ta == tb and tokens(primary) != tokens(alias):
        return "legal_form"
    if "'" in alias or "'" in primary:
        return "romanisation"
    if [re.sub(r"^R(?=Y|I|O|U|E)", "", t) for t in ta] == [re.sub(r"^R(?=Y|I|O|U|E)", "", t) for t in tb]:
        return "romanisation"  # initial-sound rule: RYONBONG / YONBONG
    if skeleton(primary) == skeleton(alias):
        return "romanisation"  # word division (CHONG CHON GANG / CHONGCHONGANG)
    if [fold(t) for t in ta] == [fold(t) for t in tb] or fold("".join(ta)) == fold("".join(tb)):
        return "romanisation"  # B/P, D/T, G/K, J/CH, L/R, EO/O, EU/U, aspirate H, Cyrillic-derived KH
    if lev(" ".join(ta), " ".join(tb)) <= 2 and ta and tb:
        return "typo"
    if ratio(primary, alias) >= 0.6:
        return "plain"
    return None


def read_sdn(path):
    out = {}
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        for r in csv.reader(fh):
            if len(r) < 12 or "DPRK" not in r[3]:
                continue
            t = r[2].strip()
            kind = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}.get(t, "organization")
            rem = r[11]
            dob = re.findall(r"DOB (?:circa )?(\d{1,2} [A-Z][a-z]{2} \d{4}|\d{4})", rem)
            imo = re.findall(r"IMO (\d{7})", rem)
            pas = re.findall(r"Passport ([A-Z0-9]+)", rem)
            aka = re.findall(r"a\.k\.a\. '([^']+)'", rem)
            out[r[0]] = dict(id=r[0], name=r[1].strip(), kind=kind, dob=dob, imo=imo,
                             passport=pas, aka=aka, remarks=rem)
    return out


def read_alt(path, keep):
    out = []
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        for r in csv.reader(fh):
            if len(r) >= 4 and r[0] in keep:
                out.append(dict(ent=r[0], alt_num=r[1], type=r[2].strip(), name=r[3].strip()))
    return out


def read_add(path, keep):
    out = {}
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        for r in csv.reader(fh):
            if len(r) >= 5 and r[0] in keep and r[4].strip() not in ("", "-0-"):
                out.setdefault(r[0], []).append((r[1], r[4].strip()))
    return out


def read_un(path):
    root = ET.parse(path).getroot()
    out = []
    for tag in ("INDIVIDUAL", "ENTITY"):
        for e in root.iter(tag):
            if (e.findtext("UN_LIST_TYPE") or "").strip() != "DPRK":
                continue
            parts = [(e.findtext(t) or "").strip() for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME")]
            name = " ".join(p for p in parts if p)
            aliases = [((a.findtext("ALIAS_NAME") or "").strip(), (a.findtext("QUALITY") or "").strip())
                       for a in e.findall(tag + "_ALIAS")]
            dobs = [(d.findtext("DATE") or d.findtext("YEAR") or "").strip()
                    for d in e.findall("INDIVIDUAL_DATE_OF_BIRTH")]
            docs = [(d.findtext("NUMBER") or "").strip() for d in e.findall("INDIVIDUAL_DOCUMENT")]
            out.append(dict(ref=(e.findtext("REFERENCE_NUMBER") or "").strip(),
                            dataid=(e.findtext("DATAID") or "").strip(), name=name,
                            orig=(e.findtext("NAME_ORIGINAL_SCRIPT") or "").strip(),
                            kind="person" if tag == "INDIVIDUAL" else "organization",
                            aliases=[a for a in aliases if a[0]], dob=[d for d in dobs if d],
                            docs=[d for d in docs if d]))
    return out


COUNTRY = {"Korea, North": "kp", "Korea, South": "kr", "China": "cn", "Russia": "ru", "Hong Kong": "hk",
           "Germany": "de", "Kuwait": "kw", "Algeria": "dz", "Thailand": "th", "Marshall Islands": "mh",
           "Taiwan": "tw", "Singapore": "sg", "Malaysia": "my", "Burma": "mm", "Vietnam": "vn",
           "Syria": "sy", "Iran": "ir", "Cambodia": "kh", "Namibia": "na", "Angola": "ao", "Laos": "la",
           "United Arab Emirates": "ae", "Egypt": "eg", "Belarus": "by", "Latvia": "lv", "Turkey": "tr",
           "Indonesia": "id", "Cuba": "cu", "Pakistan": "pk", "India": "in", "Ukraine": "ua",
           "Sierra Leone": "sl", "Georgia": "ge", "Congo, Democratic Republic of the": "cd",
           "Mongolia": "mn", "Panama": "pa", "Saudi Arabia": "sa", "Czech Republic": "cz", "Uganda": "ug",
           "Equatorial Guinea": "gq", "Mozambique": "mz", "Tanzania": "tz", "Nepal": "np",
           "Bangladesh": "bd", "Libya": "ly", "Sri Lanka": "lk", "Philippines": "ph"}

# At most this many list-derived pairs per (failure_kind, same); picked evenly over the list order.
CAPS = {("romanisation", "1"): 45, ("plain", "1"): 12, ("legal_form", "1"): 25, ("typo", "1"): 15,
        ("qualifier", "1"): 10, ("korean_person", "0"): 35, ("plain", "0"): 15, ("kind", "0"): 18,
        ("qualifier", "0"): 18}


def cap(rows):
    groups = {}
    for r in rows:
        groups.setdefault((r["failure_kind"], r["same"]), []).append(r)
    keep = set()
    for key, rs in groups.items():
        n = CAPS.get(key, len(rs))
        if len(rs) <= n:
            keep.update(id(r) for r in rs)
        else:
            keep.update(id(rs[int(i * len(rs) / n)]) for i in range(n))
    return [r for r in rows if id(r) in keep]


MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}


def iso_dob(d):
    m = re.match(r"(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})", d)
    if m:
        return "%s-%02d-%02d" % (m.group(3), MONTHS[m.group(2)], int(m.group(1)))
    return d


def row(q, qk, c, ck, same, fk, origin, **kw):
    r = dict.fromkeys(HEADER, "")
    r.update(query=q, query_kind=qk, candidate=c, candidate_kind=ck, same=str(same),
             failure_kind=fk, origin=origin, script_pair=script_pair(q, c))
    r.update(kw)
    return r


def from_lists(data):
    rows = []
    sdn21 = read_sdn(os.path.join(data, F_SDN21))
    sdn24 = read_sdn(os.path.join(data, F_SDN24))
    alt21 = read_alt(os.path.join(data, F_ALT21), sdn21)
    add21 = read_add(os.path.join(data, F_ADD21), sdn21)
    un = read_un(os.path.join(data, F_UN))

    # 1. OFAC aliases (alt.csv, 2021 set): same entity, different spelling.
    for a in alt21:
        e = sdn21[a["ent"]]
        fk = classify_alias(e["name"], a["name"], e["kind"])
        if fk is None or norm(a["name"]) == norm(e["name"]):
            continue
        rows.append(row(a["name"], e["kind"], e["name"], e["kind"], 1, fk,
                        "%s ent_num=%s + %s alt_num=%s (%s)" % (F_SDN21, a["ent"], F_ALT21, a["alt_num"], a["type"]),
                        query_dob=iso_dob(e["dob"][0]) if e["dob"] else "",
                        candidate_dob=iso_dob(e["dob"][0]) if e["dob"] else ""))
    # 1b. a.k.a. in Remarks of entries new in the 2024 list.
    for k, e in sorted(sdn24.items(), key=lambda kv: int(kv[0])):
        if k in sdn21:
            continue
        for al in e["aka"]:
            fk = classify_alias(e["name"], al, e["kind"])
            if fk:
                rows.append(row(al, e["kind"], e["name"], e["kind"], 1, fk,
                                "%s ent_num=%s (Remarks a.k.a.)" % (F_SDN24, k)))

    # 2. UN list: primary name vs good/low-quality aliases and original-script names.
    for u in un:
        src = "%s REFERENCE_NUMBER=%s DATAID=%s" % (F_UN, u["ref"], u["dataid"])
        dob = u["dob"][0] if u["dob"] else ""
        for al, q in u["aliases"]:
            al = al.strip('"')
            if not al or norm(al) == norm(u["name"]):
                continue
            sp = script_pair(al, u["name"])
            if sp != "latin-latin":
                fk = "legal_form" if u["kind"] != "person" else "korean_person"
                rows.append(row(al, u["kind"], u["name"], u["kind"], 1, fk, src + " alias (%s)" % (q or "n/a")))
                continue
            name = u["name"]
            if u["kind"] == "person":
                parts = name.split()
                name_cmp = parts[0] + ", " + " ".join(parts[1:])
                al_parts = al.split()
                al_cmp = al_parts[0] + ", " + " ".join(al_parts[1:])
                fk = classify_alias(name_cmp, al_cmp, "person")
            else:
                fk = classify_alias(name, al, u["kind"])
            if fk:
                rows.append(row(al, u["kind"], u["name"], u["kind"], 1, fk,
                                src + " alias (%s)" % (q or "n/a"), query_dob=dob, candidate_dob=dob))
        if u["orig"]:
            rows.append(row(u["orig"], u["kind"], u["name"], u["kind"], 1,
                            "korean_person" if u["kind"] == "person" else "legal_form",
                            src + " NAME_ORIGINAL_SCRIPT", query_dob=dob, candidate_dob=dob))

    # 3. Same person on the UN and OFAC lists: match on date of birth + surname, keep
    #    only pairs whose spellings differ (romanisation, hyphenation, order).
    ofac_people = [e for e in sdn24.values() if e["kind"] == "person"]
    for u in un:
        if u["kind"] != "person" or not u["dob"]:
            continue
        for e in ofac_people:
            if not e["dob"] or iso_dob(e["dob"][0]) != u["dob"][0]:
                continue
            s1, g1 = split_person(e["name"])
            us = u["name"].split()
            if not (s1 == us[0].upper() or surname_variant(s1, us[0])):
                continue
            ofac_disp = (s1.title() + " " + " ".join(e["name"].split(",", 1)[1].split())) if "," in e["name"] else e["name"]
            if norm(ofac_disp) == norm(u["name"]):
                continue
            rows.append(row(u["name"], "person", e["name"], "person", 1,
                            "romanisation" if surname_variant(s1, us[0]) else "korean_person",
                            "%s REFERENCE_NUMBER=%s <-> %s ent_num=%s (same DOB)" % (F_UN, u["ref"], F_SDN24, e["id"]),
                            query_dob=u["dob"][0], candidate_dob=iso_dob(e["dob"][0])))

    # 4. Hard negatives: different OFAC DPRK persons, same surname, shared given syllables.
    seen = set()
    people = sorted(ofac_people, key=lambda e: int(e["id"]))
    for a, b in itertools.combinations(people, 2):
        sa, ga = split_person(a["name"])
        sb, gb = split_person(b["name"])
        if sa != sb or not ga or not gb:
            continue
        da = iso_dob(a["dob"][0]) if a["dob"] else ""
        db = iso_dob(b["dob"][0]) if b["dob"] else ""
        if "".join(ga) == "".join(gb):
            # identical name, different entry: only the qualifiers tell them apart
            rows.append(row(a["name"], "person", b["name"], "person", 0, "qualifier",
                            "%s ent_num=%s vs ent_num=%s (same name, different entries)" % (F_SDN24, a["id"], b["id"]),
                            query_dob=da, candidate_dob=db,
                            query_id_number=(a["passport"] or [""])[0], candidate_id_number=(b["passport"] or [""])[0]))
            continue
        shared = set(ga) & set(gb)
        if sorted(ga) == sorted(gb) or (len(shared) >= 1 and len(ga) == len(gb) == 2):
            key = (sa, tuple(sorted(ga)), tuple(sorted(gb)))
            if key in seen:
                continue
            seen.add(key)
            rows.append(row(a["name"], "person", b["name"], "person", 0, "korean_person",
                            "%s ent_num=%s vs ent_num=%s (different persons)" % (F_SDN24, a["id"], b["id"]),
                            query_dob=da, candidate_dob=db))

    # 5. Hard negatives: different vessels with similar names (told apart by IMO number).
    vessels = sorted([e for e in sdn24.values() if e["kind"] == "vessel"], key=lambda e: int(e["id"]))
    for a, b in itertools.combinations(vessels, 2):
        ta, tb = tokens(a["name"]), tokens(b["name"])
        base_a = [t for t in ta if not t.isdigit()]
        base_b = [t for t in tb if not t.isdigit()]
        if (base_a == base_b) or (ratio(a["name"], b["name"]) >= 0.75):
            rows.append(row(a["name"], "vessel", b["name"], "vessel", 0, "qualifier",
                            "%s ent_num=%s vs ent_num=%s (different IMO)" % (F_SDN24, a["id"], b["id"]),
                            query_id_number="IMO " + a["imo"][0] if a["imo"] else "",
                            candidate_id_number="IMO " + b["imo"][0] if b["imo"] else ""))

    # 6. Kind: a vessel and a company sharing its name (the operator named after the ship).
    orgs = sorted([e for e in sdn24.values() if e["kind"] == "organization"], key=lambda e: int(e["id"]))
    for v in vessels:
        vs = skeleton(" ".join(t for t in tokens(v["name"]) if not t.isdigit()))
        if len(vs) < 5:
            continue
        for o in orgs:
            os_ = skeleton(" ".join(t for t in tokens(o["name"]) if t not in GENERIC))
            if os_ and (os_ == vs):
                rows.append(row(v["name"], "vessel", o["name"], "organization", 0, "kind",
                                "%s ent_num=%s (vessel) vs ent_num=%s (company)" % (F_SDN24, v["id"], o["id"]),
                                query_id_number="IMO " + v["imo"][0] if v["imo"] else ""))

    # 7. Hard negatives: different DPRK organisations sharing their distinctive word.
    for a, b in itertools.combinations(orgs, 2):
        da = [t for t in tokens(a["name"]) if t not in GENERIC and len(t) > 3]
        db = [t for t in tokens(b["name"]) if t not in GENERIC and len(t) > 3]
        if da and db and da[0] == db[0] and a["name"] != b["name"]:
            fk = "legal_form" if [t for t in tokens(a["name"]) if t not in LEGAL] == [t for t in tokens(b["name"]) if t not in LEGAL] else "plain"
            rows.append(row(a["name"], "organization", b["name"], "organization", 0, fk,
                            "%s ent_num=%s vs ent_num=%s (different entities)" % (F_SDN24, a["id"], b["id"])))

    # 8. Country alone: same entity, the query carries one of its addresses' country and
    #    the candidate another one.
    for k in sorted(add21, key=int):
        e = sdn21[k]
        cs = []
        for add_num, c in add21[k]:
            if c not in [x[1] for x in cs]:
                cs.append((add_num, c))
        if len(cs) >= 2:
            rows.append(row(e["name"], e["kind"], e["name"], e["kind"], 1, "qualifier",
                            "%s ent_num=%s + %s add_num=%s/%s" % (F_SDN21, k, F_ADD21, cs[0][0], cs[1][0]),
                            query_country=COUNTRY.get(cs[0][1], cs[0][1]), candidate_country=COUNTRY.get(cs[1][1], cs[1][1])))
    return rows


def from_curated(path):
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out = dict.fromkeys(HEADER, "")
            for k in HEADER:
                if k != "id" and r.get(k):
                    out[k] = r[k].strip()
            if not out["script_pair"]:
                out["script_pair"] = script_pair(out["query"], out["candidate"])
            rows.append(out)
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/shared/data")
    ap.add_argument("--curated", default=os.path.join(HERE, "curated.csv"))
    ap.add_argument("--out", default=os.path.join(HERE, "pairs.csv"))
    ap.add_argument("--summary", action="store_true", help="print counts per script pair, failure kind, label")
    args = ap.parse_args()
    rows = cap(from_lists(args.data)) + from_curated(args.curated)
    # drop exact duplicates (same query/candidate/label), keep the first origin
    seen, out = set(), []
    for r in rows:
        key = (r["query"], r["candidate"], r["same"], r["query_dob"], r["candidate_dob"],
               r["query_country"], r["candidate_country"], r["query_id_number"], r["candidate_id_number"])
        if key in seen:
            continue
        seen.add(key)
        assert r["query_kind"] in KINDS and r["candidate_kind"] in KINDS, r
        assert r["same"] in ("0", "1") and r["failure_kind"] in FAILURE_KINDS, r
        assert r["origin"], r
        out.append(r)
    for i, r in enumerate(out, 1):
        r["id"] = "np%04d" % i
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=HEADER, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    print("%d pairs written to %s" % (len(out), args.out), file=sys.stderr)
    if args.summary:
        summary(out)


def summary(rows):
    from collections import Counter
    n = len(rows)
    cross = sum(1 for r in rows if len(set(r["script_pair"].split("-"))) == 2)
    neg = sum(1 for r in rows if r["same"] == "0")
    nk = sum(1 for r in rows if r["nomenklatura_logic_v2"])
    print("total %d  cross-script %d (%.1f%%)  same=0 %d (%.1f%%)  with logic_v2 score %d"
          % (n, cross, 100.0 * cross / n, neg, 100.0 * neg / n, nk))
    for col in ("script_pair", "failure_kind"):
        c = Counter(r[col] for r in rows)
        print(col + ": " + ", ".join("%s %d" % kv for kv in sorted(c.items(), key=lambda kv: -kv[1])))
    c = Counter((r["failure_kind"], r["same"]) for r in rows)
    print("failure_kind x same: " + ", ".join("%s/%s %d" % (k[0], k[1], v) for k, v in sorted(c.items())))

    def src(o):
        if o.startswith("ofac/"):
            return "OFAC lists"
        if o.startswith("un/"):
            return "UN list"
        if "nomenklatura@" in o:
            return "nomenklatura name_bench"
        if "watchman@" in o:
            return "watchman tests"
        return "curated"
    c = Counter(src(r["origin"]) for r in rows)
    print("source: " + ", ".join("%s %d" % kv for kv in sorted(c.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()
