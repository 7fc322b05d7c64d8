// viz/custody_reports.cpp: documents in custody and the protection key, as commands report them.
#include "viz/custody_reports.h"

#include <fmt/format.h>

#include "graph/errors.h"

namespace flgraph::viz {

using nlohmann::json;

namespace {

// One field of the data on one line: line breaks and other controls escaped, so a file name,
// --by or --note can never start a line of its own in a custody listing.
std::string field(const json& value) { return escape_controls(value.get<std::string>()); }
// A file name in quotes, with quotes inside it escaped too.
std::string quoted_name(const json& value) { return json(field(value)).dump(); }

}  // namespace

json document_json(const custody::Document& document) {
  json out = {{"source", document.source},
              {"version", document.version},
              {"attached_by", document.attached_by},
              {"attached_at", document.attached_at},
              {"sealed", document.sealed}};
  if (document.sealed) return out;
  out["sha256"] = document.sha256;
  out["size"] = document.size;
  out["media_type"] = document.media_type;
  out["original_name"] = document.original_name;
  out["note"] = document.note;
  return out;
}

std::string attach_text(const json& report) {
  if (report["sealed"].get<bool>()) {
    return fmt::format(
        "{} document of protected source {} (version {}): sealed under the protection key\n",
        report["already_held"].get<bool>() ? "already in custody: the" : "attached: a",
        field(report["source"]), report["version"].get<int>());
  }
  return fmt::format(
      "{} {} ({} bytes, {}) for source {}, version {}\n  kept as {}/{}\n",
      report["already_held"].get<bool>() ? "already in custody, nothing changed:" : "attached:",
      report["sha256"].get<std::string>(), report["size"].get<std::int64_t>(),
      field(report["media_type"]), field(report["source"]), report["version"].get<int>(),
      field(report["folder"]), report["sha256"].get<std::string>());
}

std::optional<json> source_report(const graph::Store& store, const graph::Disclosure& disclosure,
                                  const std::string& id) {
  const auto stored = store.source(id);
  if (!stored) return std::nullopt;
  const auto shown = disclosure.source(stored->record);
  json documents = json::array();
  for (const auto& document : custody::documents_of(store, stored->record.id)) {
    documents.push_back(document_json(document));
  }
  return json{{"source",
               {{"id", shown.id},
                {"title", shown.title},
                {"publisher", shown.publisher},
                {"published_on", shown.published_on ? json(graph::format_date(*shown.published_on))
                                                    : json(nullptr)},
                {"url", shown.url},
                {"sha256", shown.sha256},
                {"kind", graph::to_string(shown.kind)},
                {"reliability", std::string(1, graph::to_char(shown.reliability))},
                {"access", graph::to_string(shown.access)}}},
              {"documents", documents}};
}

std::string source_text(const json& report) {
  const auto& source = report["source"];
  std::string out = fmt::format(
      "source {} [{}, grade {}, {}]\n", field(source["id"]), source["kind"].get<std::string>(),
      source["reliability"].get<std::string>(), source["access"].get<std::string>());
  for (const char* name : {"title", "publisher", "url", "sha256"}) {
    const auto value = source[name].get<std::string>();
    if (!value.empty()) out += fmt::format("  {:<10} {}\n", name, escape_controls(value));
  }
  if (!source["published_on"].is_null())
    out += fmt::format("  {:<10} {}\n", "published", source["published_on"].get<std::string>());
  const auto& documents = report["documents"];
  out += documents.empty() ? "  no documents in custody\n"
                           : fmt::format("  documents in custody ({}):\n", documents.size());
  for (const auto& document : documents) {
    if (document["sealed"].get<bool>()) {
      out += fmt::format("    v{} sealed (protected source), attached at {}\n",
                         document["version"].get<int>(), field(document["attached_at"]));
      continue;
    }
    out += fmt::format("    v{} {} {} bytes {} {}, attached by {} at {}\n",
                       document["version"].get<int>(), field(document["sha256"]),
                       document["size"].get<std::int64_t>(), field(document["media_type"]),
                       quoted_name(document["original_name"]), field(document["attached_by"]),
                       field(document["attached_at"]));
    if (!document["note"].get<std::string>().empty()) {
      out += fmt::format("       note: {}\n", field(document["note"]));
    }
  }
  return out;
}

std::string protect_status_text(const nlohmann::json& report) {
  std::string out = fmt::format("{}: ", report["database"].get<std::string>());
  if (!report["has_key"].get<bool>())
    return out + "no protection key (no protected material stored)\n";
  out += fmt::format("protected material sealed under a {}\n", report["key"].get<std::string>());
  out += fmt::format(
      "  protected entities {:>7}\n  protected sources  {:>7}\n  sealed claims      {:>7}\n"
      "  sealed relations   {:>7}\n  sealed same_as     {:>7}\n",
      report["protected_entities"].get<std::int64_t>(),
      report["protected_sources"].get<std::int64_t>(), report["sealed_claims"].get<std::int64_t>(),
      report["sealed_relations"].get<std::int64_t>(), report["sealed_links"].get<std::int64_t>());
  out += report["unlocked"].is_null() ? "  no key given: locked (commands work on pseudonyms)\n"
                                      : "  the key given opens it\n";
  return out;
}

}  // namespace flgraph::viz
