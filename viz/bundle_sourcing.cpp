// viz/bundle_sourcing.cpp: classify a bundle's facts by the sources they rest on.
#include "viz/bundle_sourcing.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "graph/errors.h"

namespace flgraph::viz {
namespace {

using nlohmann::json;

// Facts listed per kind of gap in the text; the JSON has them all.
constexpr std::size_t kFactsShown = 10;

// A section of the bundle, or nothing when it is missing or not an array (verify reports that).
const json& section(const json& bundle, const char* key) {
  static const json empty = json::array();
  if (!bundle.is_object()) return empty;
  const auto it = bundle.find(key);
  return it != bundle.end() && it->is_array() ? *it : empty;
}

std::string field(const json& item, const char* key) {
  if (!item.is_object()) return "";
  const auto it = item.find(key);
  if (it == item.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

struct SourceGrade {
  bool graded_e_or_f = false;
  bool is_protected = false;
};

}  // namespace

json sourcing_report(const json& bundle) {
  std::map<std::string, SourceGrade> sources;
  for (const auto& s : section(bundle, "sources")) {
    const std::string reliability = field(s, "reliability");
    sources[field(s, "id")] = {reliability == "E" || reliability == "F",
                               field(s, "access") == "protected"};
  }
  // A claim counts only when its source is in the bundle: the recipient can read nothing else.
  std::map<std::string, std::set<std::string>> own_sources;
  for (const auto& c : section(bundle, "claims")) {
    const std::string source = field(c, "source");
    if (sources.count(source) != 0) own_sources[field(c, "fact")].insert(source);
  }
  std::map<std::string, std::set<std::string>> sources_via_relations;
  for (const auto& r : section(bundle, "relations")) {
    const auto own = own_sources.find(field(r, "id"));
    if (own == own_sources.end()) continue;
    for (const char* end : {"src", "dst"}) {
      sources_via_relations[field(r, end)].insert(own->second.begin(), own->second.end());
    }
  }

  json no_source = json::array();
  json only_graded_e_or_f = json::array();
  json only_protected = json::array();
  std::size_t facts = 0;
  std::size_t gaps = 0;
  for (const char* kind : {"entity", "relation"}) {
    const bool is_entity = kind == std::string("entity");
    for (const auto& fact : section(bundle, is_entity ? "entities" : "relations")) {
      ++facts;
      const std::string id = field(fact, "id");
      std::set<std::string> rests_on;
      if (const auto own = own_sources.find(id); own != own_sources.end()) rests_on = own->second;
      if (const auto via = sources_via_relations.find(id);
          is_entity && via != sources_via_relations.end()) {
        rests_on.insert(via->second.begin(), via->second.end());
      }
      const json item = {{"kind", kind}, {"id", id}};
      if (rests_on.empty()) {
        no_source.push_back(item);
        ++gaps;
        continue;
      }
      const bool all_graded_e_or_f =
          std::all_of(rests_on.begin(), rests_on.end(),
                      [&](const auto& s) { return sources.at(s).graded_e_or_f; });
      const bool all_protected = std::all_of(rests_on.begin(), rests_on.end(), [&](const auto& s) {
        return sources.at(s).is_protected;
      });
      if (all_graded_e_or_f) only_graded_e_or_f.push_back(item);
      if (all_protected) only_protected.push_back(item);
      if (all_graded_e_or_f || all_protected) ++gaps;
    }
  }
  return {{"facts", facts},
          {"gaps", gaps},
          {"no_source", no_source},
          {"only_graded_e_or_f", only_graded_e_or_f},
          {"only_protected", only_protected}};
}

std::string sourcing_text(const json& report) {
  const std::size_t facts = report.value("facts", std::size_t{0});
  if (report.value("gaps", std::size_t{0}) == 0) {
    return fmt::format(
        "sourcing: {} facts, each resting on a source in the bundle, none only on sources graded E "
        "or F "
        "or only on protected sources\n",
        facts);
  }
  static const std::pair<const char*, const char*> kLists[] = {
      {"no_source", "on no source in the bundle"},
      {"only_graded_e_or_f", "only on sources graded E or F"},
      {"only_protected", "only on protected sources"}};
  std::string out =
      fmt::format("sourcing: {} facts, {} with gaps:", facts, report["gaps"].get<std::size_t>());
  for (const auto& [key, meaning] : kLists) {
    out +=
        fmt::format(" {} {}{}", report[key].size(), meaning, key == kLists[2].first ? "\n" : ",");
  }
  for (const auto& [key, meaning] : kLists) {
    const auto& listed = report[key];
    if (listed.empty()) continue;
    out += fmt::format("  {}:\n", meaning);
    for (std::size_t shown = 0; shown < listed.size() && shown < kFactsShown; ++shown) {
      out += fmt::format("    {} {}\n", listed[shown]["kind"].get<std::string>(),
                         quote_for_message(listed[shown]["id"].get<std::string>()));
    }
    if (listed.size() > kFactsShown) {
      out +=
          fmt::format("    ... and {} more (--json lists them all)\n", listed.size() - kFactsShown);
    }
  }
  return out;
}

}  // namespace flgraph::viz
