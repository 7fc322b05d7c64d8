// importers/graph_capture.h: a new store's query graph, kept from the rows as a pipelined bulk
// load writes them and built on a thread of its own while the store builds its indexes, so the
// snapshot is not read back from the store once the load is done.
#pragma once
#include <exception>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "graph/query_graph.h"
#include "graph/store.h"

namespace flgraph::importers {

// Filled on the writer thread, in write order, with the rows as the store holds them. Only rows
// written as new can be followed: a row merged into an earlier one (a repeated id) makes the
// capture incomplete, and the graph is then read back from the store as after any import.
class GraphCapture {
 public:
  void add_entity(graph::EntityRowId row, std::string stored_id, graph::EntityKind kind,
                  bool is_protected);
  void add_relation(graph::RelationRowId row, graph::EntityRowId src, graph::EntityRowId dst,
                    const graph::RelationRecord& relation);
  void give_up();
  bool complete() const { return complete_; }

 private:
  friend class GraphBuild;
  bool complete_ = true;
  std::vector<graph::VertexInput> vertices_;
  // src and dst hold entity rows until the build numbers the vertices.
  std::vector<graph::EdgeInput> edges_;
  // Edges whose confidence comes from their claims, which are read after the relations.
  std::vector<std::size_t> edges_without_confidence_;
};

// Builds the graph of a complete capture on its own thread, from the moment it is made. Only
// the confidences that claims give wait for set_claim_confidences().
class GraphBuild {
 public:
  explicit GraphBuild(GraphCapture capture);
  ~GraphBuild();  // waits for the thread; a build not given its claims ends at once
  GraphBuild(const GraphBuild&) = delete;
  GraphBuild& operator=(const GraphBuild&) = delete;

  void set_claim_confidences(graph::Store::ClaimConfidences confidences);
  // Waits for the graph. Nothing when the capture did not fit together (a relation naming a row
  // no entity took), which the caller answers by reading the store.
  std::optional<graph::QueryGraph> take();

 private:
  void run(GraphCapture capture);

  std::optional<std::promise<graph::Store::ClaimConfidences>> confidences_;
  std::future<graph::Store::ClaimConfidences> confidences_ready_;
  std::optional<graph::QueryGraph> graph_;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace flgraph::importers
