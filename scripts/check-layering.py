#!/usr/bin/env python3
"""scripts/check-layering.py: every library folder includes only what docs/ARCHITECTURE.md allows.

The allowed table is the one in docs/ARCHITECTURE.md ("Which library may include which"), read
from there so that the rule lives in one place. A folder may include its own headers and those of
the folders in its "uses" column, transitively. Also checked: each folder's CMakeLists.txt links
no flgraph library outside that set, and inside a folder no chain of includes comes back to the
unit it started from (a unit is a header with its source: walk.h and walk.cpp are queries/walk;
a header under detail/ is a private part of the units that include it, not a unit of its own).

Prints every violation with file and line and exits 1 if there is one. --root DIR checks another
tree laid out the same way (the tests use it to show that a violation is caught).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
if len(sys.argv) == 3 and sys.argv[1] == "--root":
    ROOT = pathlib.Path(sys.argv[2]).resolve()
elif len(sys.argv) != 1:
    sys.exit("usage: check-layering.py [--root DIR]")
ROW = re.compile(r"^\|\s*`(\w+)/`\s*\|\s*`([^`]+)`[^|]*\|\s*([^|]*)\|")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
LINKED = re.compile(r"flgraph::(\w+)")


def allowed_table():
    """folder -> the folders it may use directly, from the architecture document."""
    table = {}
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## Which library may include which", 1)[1].split("\n## ", 1)[0]
    folders = []
    for line in section.splitlines():
        match = ROW.match(line)
        if match:
            folders.append((match.group(1), match.group(3).strip()))
    for index, (folder, uses) in enumerate(folders):
        if uses == "every library above":
            table[folder] = {name for name, _ in folders[:index]}
        elif uses in ("", "none"):
            table[folder] = set()
        else:
            table[folder] = {name.strip() for name in uses.split(",")}
    if not table:
        sys.exit("check-layering: no table found in docs/ARCHITECTURE.md")
    return table


def closure(table):
    """folder -> every folder it may reach, itself included."""
    reach = {}
    for folder in table:
        seen, stack = {folder}, [folder]
        while stack:
            for used in table.get(stack.pop(), ()):
                if used not in seen:
                    seen.add(used)
                    stack.append(used)
        reach[folder] = seen
    return reach


def sources(folder):
    return sorted(p for p in (ROOT / folder).rglob("*") if p.suffix in (".h", ".cpp"))


def find_cycle(graph):
    """A list of files forming an include cycle, or None."""
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return trail[trail.index(target):] + [target] if target in trail else [node, target]
            if target not in state:
                found = visit(target, trail + [target])
                if found:
                    return found
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node, [node])
            if found:
                return found
    return None


def main():
    table = allowed_table()
    reach = closure(table)
    problems = []
    for folder, allowed in sorted(reach.items()):
        if not (ROOT / folder).is_dir():
            problems.append(f"{folder}/: in the table but not in the repository")
            continue
        siblings = {}
        for path in sources(folder):
            relative = path.relative_to(ROOT).as_posix()
            unit = relative.rsplit(".", 1)[0]
            siblings.setdefault(unit, set())
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                target = match.group(1)
                used = target.split("/", 1)[0] if "/" in target else folder
                if used in table and used not in allowed:
                    problems.append(f"{relative}:{number}: includes {target}, but {folder}/ may not use {used}/")
                if used == folder:
                    included = (target if "/" in target else f"{folder}/{target}").rsplit(".", 1)[0]
                    if included != unit and "/detail/" not in included:
                        siblings[unit].add(included)
        cycle = find_cycle(siblings)
        if cycle:
            problems.append(f"{folder}/: include cycle " + " -> ".join(cycle))
        cmake = (ROOT / folder / "CMakeLists.txt").read_text(encoding="utf-8")
        for linked in sorted(set(LINKED.findall(cmake))):
            if linked in table and linked not in allowed:
                problems.append(f"{folder}/CMakeLists.txt: links flgraph::{linked}, which {folder}/ may not use")
    for problem in problems:
        print(problem)
    if problems:
        print(f"check-layering: {len(problems)} violation(s) of docs/ARCHITECTURE.md", file=sys.stderr)
        return 1
    print(f"check-layering: {len(reach)} folders include only what docs/ARCHITECTURE.md allows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
