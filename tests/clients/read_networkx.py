"""tests/clients/read_networkx.py: opens a GraphML or GEXF file with networkx and prints what it
read as JSON: node and edge counts, and the attributes (with their Python types) of one node and
one edge by id. Usage: read_networkx.py graphml|gexf FILE NODE_ID"""
import json
import sys

import networkx as nx


def main():
    kind, path, node_id = sys.argv[1:4]
    graph = nx.read_graphml(path) if kind == "graphml" else nx.read_gexf(path)
    node = dict(graph.nodes[node_id])
    edge = {}
    for _, _, data in graph.in_edges(node_id, data=True):
        edge = dict(data)
        break
    types = lambda d: {k: type(v).__name__ for k, v in d.items()}
    print(json.dumps({"directed": graph.is_directed(), "nodes": graph.number_of_nodes(),
                      "edges": graph.number_of_edges(), "node": node, "node_types": types(node),
                      "edge": edge, "edge_types": types(edge)}, default=str))


main()
