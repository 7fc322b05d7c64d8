// analysis/brokers.h: which intermediaries carry the routes from documented forced labour to
// buyers: betweenness centrality restricted to case parties as sources and buyers as targets.
#pragma once
#include <cstdint>
#include <vector>

#include "graph/query_graph.h"
#include "queries/trace.h"

namespace flgraph::analysis {

using graph::QueryGraph;
using graph::VertexId;

struct BrokerOptions {
  // kinds, min_confidence, the date window and max_hops (the longest route counted) as in trace.
  queries::TraceOptions walk;
  std::size_t top = 20;
  // 0: every source (exact). Otherwise this many sources drawn at random without replacement
  // (fixed seed, so the same store gives the same answer) and the scores scaled up.
  std::size_t sample = 0;
  std::uint64_t seed = 1;
};

struct BrokerRow {
  VertexId vertex = 0;
  // Sum over (party, buyer) pairs of the share of shortest routes through the vertex.
  double score = 0.0;
  // Standard error of a sampled score (0 when exact).
  double score_error = 0.0;
  // Shortest party-to-buyer routes through the vertex (scaled like the score when sampled).
  double routes = 0.0;
};

struct BrokersResult {
  std::vector<BrokerRow> rows;   // highest score first, then id order; at most `top`
  std::size_t sources = 0;       // documented cases' parties
  std::size_t sources_used = 0;  // all of them, or the sample
  std::size_t buyers = 0;
  bool sampled = false;
  std::vector<VertexId> sampled_sources;  // the sources drawn, so a peer can compute the same sum
};

// Every vertex's scores for any sources and targets. find_brokers passes case parties and
// buyers; tests pass every vertex to compare with boost::brandes_betweenness_centrality.
struct VertexScores {
  std::vector<double> score;        // by vertex number
  std::vector<double> score_error;  // by vertex number; all 0 when exact
  std::vector<double> routes;       // by vertex number
  std::size_t sources_used = 0;
  bool sampled = false;
  std::vector<VertexId> sources;  // the sources searched from: all of them, or the sample
};
// Routes follow the arrows over the relations options.walk admits (a same_as relation also
// against its arrow), at most walk.max_hops steps, a same_as step counting as one. Sampling
// (options.sample below the number of sources) draws from `sources`.
VertexScores restricted_betweenness(const QueryGraph& graph, std::vector<VertexId> sources,
                                    const std::vector<VertexId>& targets,
                                    const BrokerOptions& options);

// Parties of a case: targets of documents relations out of case vertices. Buyers: companies that
// are the target of a consigned_to or supplies relation. The relation giving the role must pass
// walk's least confidence and date window (its kind mask only chooses the relations routes walk).
// Both ascending, without repeats.
std::vector<VertexId> documented_parties(const QueryGraph& graph,
                                         const queries::TraceOptions& walk);
std::vector<VertexId> buyers(const QueryGraph& graph, const queries::TraceOptions& walk);

// Sources are the parties documented by a case (targets of its documents relations); targets
// are buyers (companies receiving goods: targets of consigned_to or supplies). Routes follow the
// arrows; a same_as relation is a step both ways.
BrokersResult find_brokers(const QueryGraph& graph, const BrokerOptions& options);
// Every vertex's score (by vertex number), for exports that carry it.
std::vector<double> broker_scores(const QueryGraph& graph, const BrokerOptions& options);

}  // namespace flgraph::analysis
