// importers/graph_capture.cpp: the rows a bulk load wrote, numbered and built into the graph.
#include "importers/graph_capture.h"

#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <new>
#include <utility>

namespace flgraph::importers {
namespace {

using graph::kNoVertex;

// The query graph keeps 32-bit vertex numbers; a row beyond them is left to the store's build,
// which reports it.
bool fits_vertex_id(graph::EntityRowId row) { return row >= 0 && row < kNoVertex; }

// Vertices in byte-wise id order, as the store's index hands them out, and edges between vertex
// numbers; false when an edge names a row no vertex has, or two vertices share an id.
bool number_vertices(std::vector<graph::VertexInput>& vertices,
                     std::vector<graph::EdgeInput>& edges) {
  std::sort(vertices.begin(), vertices.end(),
            [](const graph::VertexInput& a, const graph::VertexInput& b) { return a.id < b.id; });
  graph::EntityRowId max_row = 0;
  for (std::size_t v = 0; v < vertices.size(); ++v) {
    if (v > 0 && vertices[v].id == vertices[v - 1].id) return false;
    max_row = std::max(max_row, vertices[v].entity_row);
  }
  std::vector<graph::VertexId> vertex_of_row(static_cast<std::size_t>(max_row) + 1, kNoVertex);
  for (std::size_t v = 0; v < vertices.size(); ++v) {
    auto& slot = vertex_of_row[static_cast<std::size_t>(vertices[v].entity_row)];
    if (slot != kNoVertex) return false;
    slot = static_cast<graph::VertexId>(v);
  }
  for (auto& edge : edges) {
    if (edge.src >= vertex_of_row.size() || edge.dst >= vertex_of_row.size()) return false;
    edge.src = vertex_of_row[edge.src];
    edge.dst = vertex_of_row[edge.dst];
    if (edge.src == kNoVertex || edge.dst == kNoVertex) return false;
  }
  return true;
}

}  // namespace

GraphCapture::GraphCapture(std::size_t budget_bytes) : budget_bytes_(budget_bytes) {}

std::size_t GraphCapture::default_budget_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_bytes = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_bytes <= 0) return std::size_t{1} << 30;
  return static_cast<std::size_t>(pages) * static_cast<std::size_t>(page_bytes) / 8;
}

template <typename Item>
bool GraphCapture::make_room(std::vector<Item>& items) {
  if (items.size() < items.capacity()) return true;
  // A vector grows by doubling, and holds both arrays while it moves.
  const auto held = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  const std::size_t grown = std::max<std::size_t>(items.capacity() * 2, 1) * sizeof(Item);
  if (held(vertices_) + held(edges_) + held(edges_without_confidence_) + grown <= budget_bytes_)
    return true;
  give_up();
  return false;
}

void GraphCapture::add_entity(graph::EntityRowId row, std::string stored_id, graph::EntityKind kind,
                              bool is_protected) {
  if (!complete_) return;
  if (!fits_vertex_id(row)) {
    give_up();
    return;
  }
  if (!make_room(vertices_)) return;
  try {
    vertices_.push_back({std::move(stored_id), kind, is_protected, row});
  } catch (const std::bad_alloc&) {
    give_up();  // the load goes on; the graph is read back from the store afterwards
  }
}

void GraphCapture::add_relation(graph::RelationRowId row, graph::EntityRowId src,
                                graph::EntityRowId dst, const graph::RelationRecord& relation) {
  if (!complete_) return;
  if (!fits_vertex_id(src) || !fits_vertex_id(dst)) {
    give_up();
    return;
  }
  if (!make_room(edges_) || (!relation.confidence && !make_room(edges_without_confidence_))) return;
  try {
    if (!relation.confidence) edges_without_confidence_.push_back(edges_.size());
    edges_.push_back(
        {static_cast<graph::VertexId>(src), static_cast<graph::VertexId>(dst), relation.kind,
         relation.valid.from ? relation.valid.from->days : graph::kOpenStart,
         relation.valid.to ? relation.valid.to->days : graph::kOpenEnd,
         static_cast<float>(relation.confidence.value_or(graph::kUnjudgedConfidence)), row});
  } catch (const std::bad_alloc&) {
    give_up();
  }
}

void GraphCapture::give_up() {
  complete_ = false;
  // Freed at once: the store's indexes are built next, and the graph read back after them.
  std::vector<graph::VertexInput>().swap(vertices_);
  std::vector<graph::EdgeInput>().swap(edges_);
  std::vector<std::size_t>().swap(edges_without_confidence_);
}

void capture_upserted_entity(GraphCapture& capture, const graph::Store& store,
                             graph::EntityRowId row, graph::UpsertOutcome outcome,
                             const graph::EntityRecord& entity) {
  if (outcome == graph::UpsertOutcome::Unchanged) return;
  if (outcome == graph::UpsertOutcome::Updated && !entity.is_protected &&
      store.stored_entity_id(row) == entity.id) {
    return;
  }
  if (outcome != graph::UpsertOutcome::Inserted) {
    capture.give_up();
    return;
  }
  auto stored = entity.is_protected ? store.stored_entity_id(row) : entity.id;
  if (!stored) {
    capture.give_up();
    return;
  }
  capture.add_entity(row, std::move(*stored), entity.kind, entity.is_protected);
}

void capture_upserted_relation(GraphCapture& capture, graph::RelationRowId row,
                               graph::UpsertOutcome outcome, graph::EntityRowId src,
                               graph::EntityRowId dst, const graph::RelationRecord& relation) {
  if (outcome == graph::UpsertOutcome::Unchanged) return;
  if (outcome != graph::UpsertOutcome::Inserted) {
    capture.give_up();
    return;
  }
  // Row 0: a link kept sealed outside the relation table, so outside the graph.
  if (row != 0) capture.add_relation(row, src, dst, relation);
}

GraphBuild::GraphBuild(GraphCapture capture, std::optional<graph::QueryGraph> base,
                       std::filesystem::path snapshot_folder)
    : confidences_(std::in_place),
      confidences_ready_(confidences_->get_future()),
      snapshot_folder_(std::move(snapshot_folder)),
      thread_([this, capture = std::move(capture), base = std::move(base)]() mutable {
        run(std::move(capture), std::move(base));
      }) {}

GraphBuild::~GraphBuild() {
  confidences_.reset();  // a thread still waiting for them sees a broken promise and ends
  if (thread_.joinable()) thread_.join();
}

void GraphBuild::set_claim_confidences(graph::Store::ClaimConfidences confidences) {
  if (confidences_) confidences_->set_value(std::move(confidences));
  confidences_.reset();
}

std::optional<graph::QueryGraph> GraphBuild::take() {
  if (thread_.joinable()) thread_.join();
  if (error_) std::rethrow_exception(error_);
  return std::exchange(graph_, std::nullopt);
}

void GraphBuild::run(GraphCapture capture, std::optional<graph::QueryGraph> base) {
  try {
    if (!base && !number_vertices(capture.vertices_, capture.edges_)) return;
    const auto claims = confidences_ready_.get();
    for (const auto at : capture.edges_without_confidence_) {
      auto& edge = capture.edges_[at];
      edge.confidence = static_cast<float>(
          graph::Store::relation_confidence(std::nullopt, edge.relation_row, claims));
    }
    if (base) {
      graph_ = graph::QueryGraph::extended(*base, std::move(capture.vertices_),
                                           std::move(capture.edges_), &snapshot_folder_);
    } else {
      graph_ = graph::QueryGraph::build(std::move(capture.vertices_), std::move(capture.edges_),
                                        &snapshot_folder_);
    }
  } catch (const std::future_error&) {
    // The import stopped before its claims were in: nothing to build for.
  } catch (...) {
    error_ = std::current_exception();
  }
}

}  // namespace flgraph::importers
