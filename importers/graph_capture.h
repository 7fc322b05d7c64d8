// importers/graph_capture.h: the query graph after an import, kept from the rows as the import
// writes them and built on a thread of its own while the store finishes, so the snapshot is not
// read back from the store once the import is done. A new store's graph is its rows alone; an
// append's is the store's current snapshot plus the rows it added.
#pragma once
#include <cstddef>
#include <exception>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "graph/query_graph.h"
#include "graph/store.h"

namespace flgraph::importers {

// Filled in write order (on a bulk load's writer thread), with the rows as the store holds them.
// Only rows written as new can be followed: a row merged into an earlier one with a change (a
// repeated id) makes the capture incomplete, and the graph is then read back from the store.
// The capture holds 48 bytes an entity and 32 an edge until the build. Past `budget_bytes` it
// gives up, as the graph read back after the commit needs less memory at once (the import's own
// maps are gone by then): at 100M edges the two together would not fit 12 GB.
class GraphCapture {
 public:
  explicit GraphCapture(std::size_t budget_bytes = default_budget_bytes());
  // An eighth of the machine's memory.
  static std::size_t default_budget_bytes();

  void add_entity(graph::EntityRowId row, std::string stored_id, graph::EntityKind kind,
                  bool is_protected);
  void add_relation(graph::RelationRowId row, graph::EntityRowId src, graph::EntityRowId dst,
                    const graph::RelationRecord& relation);
  void give_up();
  bool complete() const { return complete_; }
  bool empty() const { return vertices_.empty() && edges_.empty(); }

 private:
  friend class GraphBuild;
  // False, having given up, when growing `items` for one more would pass the budget.
  template <typename Item>
  bool make_room(std::vector<Item>& items);

  std::size_t budget_bytes_;
  bool complete_ = true;
  std::vector<graph::VertexInput> vertices_;
  // src and dst hold entity rows until the build numbers the vertices.
  std::vector<graph::EdgeInput> edges_;
  // Edges whose confidence comes from their claims, which are read after the relations.
  std::vector<std::size_t> edges_without_confidence_;
};

// An upsert's row as the capture follows it, whichever thread wrote it. A row the store held
// unchanged leaves the graph as it was, and so does a public row given a new name, country, dates
// or aliases (the graph keeps none of them); any other change to a row the store held, or a row
// that may have been sealed (so stored under another id), makes the capture give up.
void capture_upserted_entity(GraphCapture& capture, const graph::Store& store,
                             graph::EntityRowId row, graph::UpsertOutcome outcome,
                             const graph::EntityRecord& entity);
void capture_upserted_relation(GraphCapture& capture, graph::RelationRowId row,
                               graph::UpsertOutcome outcome, graph::EntityRowId src,
                               graph::EntityRowId dst, const graph::RelationRecord& relation);

// Builds the graph of a complete capture on its own thread, from the moment it is made: the
// rows alone, or added to `base`, the graph of the store before the import (its current
// snapshot, whose rows all come before the captured ones). Only the confidences that claims give
// wait for set_claim_confidences(). The graph is built in `snapshot_folder`, where its snapshot
// will be saved (graph::QueryGraph::build).
class GraphBuild {
 public:
  GraphBuild(GraphCapture capture, std::optional<graph::QueryGraph> base,
             std::filesystem::path snapshot_folder);
  ~GraphBuild();  // waits for the thread; a build not given its claims ends at once
  GraphBuild(const GraphBuild&) = delete;
  GraphBuild& operator=(const GraphBuild&) = delete;

  void set_claim_confidences(graph::Store::ClaimConfidences confidences);
  // The generation the import committed, which the graph then shows (see Store::Transaction).
  void set_built_at(std::string generation) { built_at_ = std::move(generation); }
  const std::string& built_at() const { return built_at_; }
  // Waits for the graph. Nothing when the capture did not fit together (a relation naming a row
  // no entity took), which the caller answers by reading the store.
  std::optional<graph::QueryGraph> take();

 private:
  void run(GraphCapture capture, std::optional<graph::QueryGraph> base);

  std::optional<std::promise<graph::Store::ClaimConfidences>> confidences_;
  std::future<graph::Store::ClaimConfidences> confidences_ready_;
  std::optional<graph::QueryGraph> graph_;
  std::exception_ptr error_;
  std::string built_at_;
  std::filesystem::path snapshot_folder_;
  std::thread thread_;
};

}  // namespace flgraph::importers
