// viz/brief_remediation.cpp: the remediation plan as the brief states it. Names come through
// EvidenceReader, so a protected person in the cut appears only under its pseudonym.
#include "viz/brief_remediation.h"

#include <fmt/format.h>

#include "viz/brief_words.h"

namespace flgraph::viz::brief {
namespace {

Inline mention_of(const EvidenceReader& reader, const graph::QueryGraph& graph,
                  graph::VertexId vertex) {
  const auto label = reader.entity(graph, vertex);
  return mention(label.kind, label.id, label.name);
}

Inline case_list(const EvidenceReader& reader, const graph::QueryGraph& graph,
                 const std::vector<graph::VertexId>& cases) {
  Inline out;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (i > 0) out.push_back(plain(", "));
    out.push_back(code(reader.entity(graph, cases[i]).id));
  }
  return out;
}

}  // namespace

std::vector<Block> remediation_section(const EvidenceReader& reader, const graph::QueryGraph& graph,
                                       const analysis::RemediationPlan& plan, int max_hops) {
  std::vector<Block> blocks;
  blocks.push_back(Heading{2, "Remediation", "remediation"});
  const auto& result = plan.cut;
  if (result.routes.cases.empty()) {
    blocks.push_back(Paragraph{
        {plain(fmt::format(
            "No route of at most {} reaches a documented case, so there is no route to cut.",
            plural(static_cast<std::size_t>(max_hops), "hop", "hops")))},
        ""});
    return blocks;
  }
  if (result.cut.empty()) {
    blocks.push_back(Paragraph{
        {plain("Every documented case on the routes names the subject directly: no supplier, "
               "processor, shipper or "
               "owner stands between them, so changing suppliers cannot cut these routes.")},
        "lead"});
  } else {
    blocks.push_back(Paragraph{
        {plain(fmt::format(
            "Ending reliance on {} would cut every route of at most {} from the {} to the subject. "
            "Recomputed without {}, the exposure score falls from {} to {}.",
            result.cut.size() == 1 ? std::string("this entity")
                                   : fmt::format("these {} entities", result.cut.size()),
            plural(static_cast<std::size_t>(max_hops), "hop", "hops"),
            plural(result.routes.cases.size(), "documented case", "documented cases"),
            result.cut.size() == 1 ? "it" : "them", number(plan.before.score),
            number(plan.after.score)))},
        "lead"});
    std::vector<std::vector<Inline>> rows;
    for (const auto& member : result.cut) {
      rows.push_back(
          {mention_of(reader, graph, member.vertex), case_list(reader, graph, member.cases)});
    }
    blocks.push_back(Table{{"Entity to cut", "Carries routes from the cases"},
                           std::move(rows),
                           {false, false},
                           "compact"});
  }
  if (!result.uncuttable_cases.empty()) {
    Inline text = {
        plain("Not cut: these cases document the subject itself (or are joined to it only through "
              "entities "
              "that may not be cut), so their routes remain: ")};
    append(text, case_list(reader, graph, result.uncuttable_cases));
    text.push_back(plain("."));
    blocks.push_back(Paragraph{std::move(text), "note"});
  }
  if (result.articulation_points.empty()) {
    blocks.push_back(
        Paragraph{{plain("No single entity alone separates the cases from the subject.")}, ""});
  } else {
    Inline text = {plain(
        "Articulation points of the routes (each alone separates the cases from the subject): ")};
    for (std::size_t i = 0; i < result.articulation_points.size(); ++i) {
      if (i > 0) text.push_back(plain("; "));
      append(text, mention_of(reader, graph, result.articulation_points[i]));
    }
    text.push_back(plain("."));
    blocks.push_back(Paragraph{std::move(text), ""});
  }
  blocks.push_back(Paragraph{
      {plain(fmt::format("Method: the routes are every relation on some route of at most {} hops "
                         "from a case to the subject; the cut is "
                         "a minimum vertex cut of that route network, found as a maximum flow with "
                         "each entity's capacity 1 (the "
                         "subject and the cases cannot be cut). It is the smallest cut of that "
                         "network, and an upper bound for the "
                         "fewest entities that leave no route of at most {} hops at all, a problem "
                         "that is NP-hard in general. The "
                         "choke points are marked on the flow chart when they lie on the routes it "
                         "draws. A plan to examine, not an "
                         "instruction: a replacement supplier needs its own due diligence.",
                         max_hops, max_hops))},
      "note"});
  return blocks;
}

}  // namespace flgraph::viz::brief
