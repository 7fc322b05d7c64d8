#!/usr/bin/env python3
"""fuzz/make_seeds.py: writes the seed corpus of each harness from the repository's fixtures and
small slices of ../shared/data (the real lists are megabytes; a fuzzer wants kilobytes).

Usage: make_seeds.py REPO SHARED OUT   (writes OUT/<harness>/, replacing what was there)
Never writes outside OUT, so ../shared stays read-only.
"""
import hashlib
import re
import shutil
import sys
from pathlib import Path

REPO, SHARED, OUT = (Path(arg) for arg in sys.argv[1:4])
FIXTURES = REPO / "tests" / "fixtures"
MAX_SEED = 48 * 1024
SEP = b"\x1e"  # fuzz_support.h: separates the files of one OFAC set


def put(harness, data, hint=""):
    folder = OUT / harness
    folder.mkdir(parents=True, exist_ok=True)
    name = (hint + "-" if hint else "") + hashlib.sha1(data).hexdigest()[:16]
    (folder / name).write_bytes(data[:MAX_SEED])


def files(folder, *patterns):
    found = []
    for pattern in patterns:
        found += [path for path in folder.glob(pattern) if path.is_file()]
    return sorted(set(found))


def head_lines(path, count):
    with open(path, "rb") as stream:
        return b"".join(line for _, line in zip(range(count), stream))


def bad(fmt):
    return files(FIXTURES / "bad" / fmt, "**/*") if (FIXTURES / "bad" / fmt).is_dir() else []


def not_expect(paths):
    return [path for path in paths if path.suffix != ".expect"]


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    # Bulk CSV: fixtures, the sample, the facility lists (plain CSV of another shape).
    for path in files(FIXTURES / "csv", "**/*.csv") + files(REPO / "datasets" / "sample", "*.csv") \
            + not_expect(bad("csv")):
        put("fuzz_bulk_csv", path.read_bytes(), path.stem)
    for path in files(SHARED / "data" / "facilities", "*.csv"):
        put("fuzz_bulk_csv", head_lines(path, 40), path.stem)

    for path in files(FIXTURES / "json", "*.json") + not_expect(bad("json")):
        put("fuzz_json_bundle", path.read_bytes(), path.stem)

    for path in files(FIXTURES / "ftm", "*.json") + not_expect(bad("ftm")):
        put("fuzz_ftm", path.read_bytes(), path.stem)
    for path in files(SHARED / "data" / "ftm" / "entities", "*.json"):
        lines = open(path, "rb").read().splitlines(keepends=True)
        for start in range(0, min(len(lines), 400), 40):
            put("fuzz_ftm", b"".join(lines[start:start + 40]), path.stem)

    # OFAC: sdn, alt, add, comments joined by 0x1E; real slices keep the trailing 0x1A.
    names = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"]
    ofac_sets = [path for path in (FIXTURES / "ofac").iterdir() if path.is_dir()]
    ofac_sets += [path for path in bad("ofac") if path.is_dir()]
    for folder in sorted(ofac_sets):
        parts = [(folder / name).read_bytes() if (folder / name).exists() else b"" for name in names]
        while len(parts) > 1 and not parts[-1]:
            parts.pop()
        put("fuzz_ofac_sdn", SEP.join(parts), folder.name)
    for path in bad("ofac"):
        if path.is_file() and path.suffix != ".expect":
            put("fuzz_ofac_sdn", path.read_bytes(), path.stem)
    for folder in sorted((SHARED / "data" / "ofac").iterdir()):
        sdn = (folder / "sdn.csv").read_bytes().split(b"\r\n")
        for start in (0, 2000, 6000):
            chunk = sdn[start:start + 60]
            ids = {line.split(b",", 1)[0] for line in chunk}
            parts = [b"\r\n".join(chunk) + b"\r\n\x1a"]
            for name in names[1:]:
                if (folder / name).exists():
                    rows = [line for line in (folder / name).read_bytes().split(b"\r\n")
                            if line.split(b",", 1)[0] in ids]
                    parts.append(b"\r\n".join(rows) + b"\r\n\x1a")
            put("fuzz_ofac_sdn", SEP.join(parts), folder.name)

    # UN XML: the fixtures, and the real list cut to a few records of each kind.
    for path in files(FIXTURES / "un", "*.xml") + not_expect(bad("un")):
        put("fuzz_un_xml", path.read_bytes(), path.stem)
    text = (SHARED / "data" / "un").glob("*.xml")
    for path in sorted(text):
        xml = path.read_text(encoding="utf-8")
        head = xml[:xml.index("<INDIVIDUALS>")]
        individuals = re.findall(r"<INDIVIDUAL>.*?</INDIVIDUAL>", xml, re.S)
        entities = re.findall(r"<ENTITY>.*?</ENTITY>", xml, re.S)
        dprk_people = [record for record in individuals if ">DPRK<" in record]
        dprk_entities = [record for record in entities if ">DPRK<" in record]
        for pick in range(6):
            people = (dprk_people[pick * 3:pick * 3 + 3] + individuals[pick * 50:pick * 50 + 2])
            orgs = (dprk_entities[pick * 3:pick * 3 + 3] + entities[pick * 40:pick * 40 + 2])
            document = (head + "<INDIVIDUALS>\n    " + "\n    ".join(people) + "\n  </INDIVIDUALS>\n"
                        "  <ENTITIES>\n    " + "\n    ".join(orgs) + "\n  </ENTITIES>\n</CONSOLIDATED_LIST>\n")
            put("fuzz_un_xml", document.encode("utf-8"), "un-slice")

    for path in files(FIXTURES / "bol", "*.csv") + not_expect(bad("bol")):
        put("fuzz_bill_of_lading", path.read_bytes(), path.stem)

    # Names: pairs from the sample, the OFAC list and every script the normaliser handles.
    names_seen = []
    for line in (REPO / "datasets" / "sample" / "nodes.csv").read_text(encoding="utf-8").splitlines()[2:]:
        fields = line.split(",")
        if len(fields) > 2:
            names_seen.append(fields[2])
    sdn = (SHARED / "data" / "ofac" / "sdn_2024-05-03" / "sdn.csv").read_text(encoding="latin-1")
    names_seen += [match for match in re.findall(r'^\d+,"([^"]*)"', sdn, re.M) if "KOREA" in match][:60]
    names_seen += ["조선릉라도무역총회사", "朝鲜金星贸易有限公司", "ООО Северный Ветер", "Pyŏngyang Ŭnha",
                   "Korea Ryonbong General Corp.", "KIM Jong-Chol", "S.A. de C.V. & Co", "Kum Song 3",
                   "Ri Yong Chol", "Λάμδα Ναυτιλιακή", "\u200fشركة كوريا\u200e", "株式会社 ﾃｽﾄ"]
    for index, name in enumerate(names_seen):
        partner = names_seen[(index * 7 + 3) % len(names_seen)]
        put("fuzz_name_normalizer", (name + "\n" + partner).encode("utf-8"), "name")

    # Sealed values: opened payloads of each record kind, keyring texts and raw ciphertext shapes.
    for index, seed in enumerate([
            '{"id":"pe-x","kind":"person","name":"N","country":"KP","aliases":["a"],"date_from":"2001-02-03",'
            '"date_to":null,"attributes":{"k":1},"designations":[{"authority":"UN","program":"P",'
            '"listed_on":"2016-11-30","list_id":"KPi.1"}]}',
            '{"id":"src-x","title":"T","publisher":"P","published_on":"2020-10-05","url":"","sha256":""}',
            '{"locator":"00:12:40","quote":"q","recorded_by":"r","recorded_on":"2024-03-11"}',
            '{"id":"r","src":"a","dst":"b","kind":"same_as","date_from":null,"date_to":null,"confidence":0.9,'
            '"attributes":{}}',
            "argon2id ops=3 mem=268435456 salt=00112233445566778899aabbccddeeff",
            "7" * 64,
            "\x01" + "\x00" * 40]):
        put("fuzz_sealed_value", seed.encode("utf-8"), f"sealed{index}")


if __name__ == "__main__":
    main()
