#!/usr/bin/env python3
"""bench/network_peers.py DATA RESULT_DIR: NetworkX computes the betweenness flgraph's `brokers`
computes, on the same graph with the same sampled sources, and is timed beside it.

Reads DATA/{nodes,edges}.csv (../shared/bench/WORKLOAD.md) and RESULT_DIR/flgraph_network.json
(bench/network_runner.cpp: the sampled source ids and flgraph's top rows). Builds a DiGraph of the
trace kinds (same_as both ways), takes buyers as companies receiving consigned_to or supplies,
runs networkx.betweenness_centrality_subset(sources, buyers, normalized=False) and writes
RESULT_DIR/networkx_network.json with its seconds and the scores of flgraph's top rows, then prints
whether they agree. Exit 1 when a score differs by more than 1e-6 relative.
"""
import csv
import json
import sys
import time

import networkx as nx

TRACE_KINDS = {"dispatches_workers", "operated_by", "ships", "consigned_to", "supplies", "owned_by", "documents"}


def main():
    data, result_dir = sys.argv[1], sys.argv[2]
    with open(f"{result_dir}/flgraph_network.json", encoding="utf-8") as f:
        ours = json.load(f)["brokers"]

    started = time.perf_counter()
    graph = nx.DiGraph()
    companies = set()
    with open(f"{data}/nodes.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            graph.add_node(row["id"])
            if row["kind"] == "company":
                companies.add(row["id"])
    buyers = set()
    with open(f"{data}/edges.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            kind = row["kind"]
            if kind in ("consigned_to", "supplies") and row["dst"] in companies:
                buyers.add(row["dst"])
            if kind in TRACE_KINDS:
                graph.add_edge(row["src"], row["dst"])
            elif kind == "same_as":
                graph.add_edge(row["src"], row["dst"])
                graph.add_edge(row["dst"], row["src"])
    load_s = time.perf_counter() - started

    started = time.perf_counter()
    scores = nx.betweenness_centrality_subset(graph, ours["sampled_sources"], sorted(buyers), normalized=False)
    seconds = time.perf_counter() - started

    rows = []
    worst = 0.0
    for row in ours["rows"]:
        theirs = scores.get(row["id"], 0.0)
        worst = max(worst, abs(theirs - row["sampled_sum"]) / max(1.0, abs(theirs)))
        rows.append({"id": row["id"], "networkx": theirs, "flgraph": row["sampled_sum"]})
    report = {"engine": f"networkx {nx.__version__}", "load_s": load_s, "seconds": seconds,
              "sources": len(ours["sampled_sources"]), "buyers": len(buyers), "rows": rows,
              "largest_relative_difference": worst}
    with open(f"{result_dir}/networkx_network.json", "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    print(f"networkx: {len(ours['sampled_sources'])} sources x {len(buyers)} buyers in {seconds:.1f}s "
          f"(flgraph {ours['seconds']:.2f}s, ratio {seconds / max(ours['seconds'], 1e-9):.0f}x); "
          f"largest relative difference on flgraph's top {len(rows)}: {worst:.2e}")
    return 0 if worst <= 1e-6 and len(buyers) == ours["buyers"] else 1


if __name__ == "__main__":
    sys.exit(main())
