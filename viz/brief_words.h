// viz/brief_words.h: the sentences and words the brief's sections share: kinds, grades, bands,
// dates, and relations and citations as sentences of the document model.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "graph/model.h"
#include "graph/records.h"
#include "queries/exposure.h"
#include "viz/brief_document.h"

namespace flgraph::viz::brief {

// A JSON value as text: "" for null, strings as they are, anything else as JSON.
std::string str(const nlohmann::json& value);
// Four decimals everywhere a reader may redo the arithmetic.
std::string number(double value);
std::string plural(std::size_t count, std::string_view one, std::string_view many);

std::string kind_word(graph::EntityKind kind);
std::string source_kind_word(std::string_view kind);
// The Admiralty scale's words (docs/MODEL.md, "The model").
std::string_view reliability_words(char grade);
std::string band_class(queries::ExposureBand band);
std::string band_label(queries::ExposureBand band);
std::string tier_words(int tier);
std::string date_words(const nlohmann::json& from, const nlohmann::json& to);

// "AUTHORITY PROGRAM, listed YYYY-MM-DD (LIST-ID)": a designation as the brief shows it.
std::string designation_words(const graph::DesignationRecord& designation);

void append(Inline& to, const Inline& more);

// "site Northwind Plant (si-north)": the kind, the name and the id, each as it may be shown.
Inline mention(graph::EntityKind kind, const std::string& id, const std::string& name);

struct Mentioned {
  std::string id;
  std::string name;
  graph::EntityKind kind = graph::EntityKind::Company;
};
Inline mention(const Mentioned& entity);

// A relation as a sentence, in the direction goods, labour or benefit flow.
Inline relation_words(graph::RelationKind kind, const Mentioned& from, const Mentioned& to);
// "src-report p. 14 (report, reliability B, credibility 2)".
Inline citation(const nlohmann::json& claim);
Inline citations(const nlohmann::json& claims);
// One hop of a path: who, what, when, how sure, on what evidence.
Inline hop_words(const nlohmann::json& hop, graph::EntityKind from_kind, graph::EntityKind to_kind);

}  // namespace flgraph::viz::brief
