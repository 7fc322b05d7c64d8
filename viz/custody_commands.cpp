// viz/custody_commands.cpp: documents in custody, as commands report them.
#include "viz/custody_commands.h"

#include <fmt/format.h>


namespace flgraph::viz {

using nlohmann::json;

json document_json(const custody::Document& document) {
  json out = {{"source", document.source},       {"version", document.version},
              {"attached_by", document.attached_by}, {"attached_at", document.attached_at},
              {"sealed", document.sealed}};
  if (document.sealed) return out;
  out["sha256"] = document.sha256;
  out["size"] = document.size;
  out["media_type"] = document.media_type;
  out["original_name"] = document.original_name;
  out["note"] = document.note;
  return out;
}

json attach_command(const ReadOptions& read, const std::string& source, const std::filesystem::path& file,
                    const AttachOptions& options) {
  auto store = open_store(read);
  custody::AttachRequest request;
  request.source = source;
  request.file = file;
  request.by = options.by;
  request.note = options.note;
  const auto result = custody::attach_document(store, request);
  json out = document_json(result.document);
  out["already_held"] = result.already_held;
  out["folder"] = custody::documents_folder(store.path()).string();
  return out;
}

std::string attach_text(const json& report) {
  const std::string source = report["source"].get<std::string>();
  if (report["sealed"].get<bool>()) {
    return fmt::format("{} document of protected source {} (version {}): sealed under the protection key\n",
                       report["already_held"].get<bool>() ? "already in custody: the" : "attached: a",
                       source, report["version"].get<int>());
  }
  return fmt::format("{} {} ({} bytes, {}) for source {}, version {}\n  kept as {}/{}\n",
                     report["already_held"].get<bool>() ? "already in custody, nothing changed:" : "attached:",
                     report["sha256"].get<std::string>(), report["size"].get<std::int64_t>(),
                     report["media_type"].get<std::string>(), source,
                     report["version"].get<int>(), report["folder"].get<std::string>(),
                     report["sha256"].get<std::string>());
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
                {"published_on", shown.published_on ? json(graph::format_date(*shown.published_on)) : json(nullptr)},
                {"url", shown.url},
                {"sha256", shown.sha256},
                {"kind", graph::to_string(shown.kind)},
                {"reliability", std::string(1, graph::to_char(shown.reliability))},
                {"access", graph::to_string(shown.access)}}},
              {"documents", documents}};
}

std::string source_text(const json& report) {
  const auto& source = report["source"];
  std::string out = fmt::format("source {} [{}, grade {}, {}]\n", source["id"].get<std::string>(),
                                source["kind"].get<std::string>(), source["reliability"].get<std::string>(),
                                source["access"].get<std::string>());
  for (const char* field : {"title", "publisher", "url", "sha256"}) {
    const auto value = source[field].get<std::string>();
    if (!value.empty()) out += fmt::format("  {:<10} {}\n", field, value);
  }
  if (!source["published_on"].is_null()) out += fmt::format("  {:<10} {}\n", "published", source["published_on"].get<std::string>());
  const auto& documents = report["documents"];
  out += documents.empty() ? "  no documents in custody\n" : fmt::format("  documents in custody ({}):\n", documents.size());
  for (const auto& document : documents) {
    if (document["sealed"].get<bool>()) {
      out += fmt::format("    v{} sealed (protected source), attached by {} at {}\n", document["version"].get<int>(),
                         document["attached_by"].get<std::string>(),
                         document["attached_at"].get<std::string>());
      continue;
    }
    out += fmt::format("    v{} {} {} bytes {} \"{}\", attached by {} at {}\n", document["version"].get<int>(),
                       document["sha256"].get<std::string>(), document["size"].get<std::int64_t>(),
                       document["media_type"].get<std::string>(),
                       document["original_name"].get<std::string>(),
                       document["attached_by"].get<std::string>(),
                       document["attached_at"].get<std::string>());
    if (!document["note"].get<std::string>().empty()) {
      out += fmt::format("       note: {}\n", document["note"].get<std::string>());
    }
  }
  return out;
}

}  // namespace flgraph::viz
