// viz/bundle_documents.cpp: documents of a bundle's sources, read back out of custody.
#include "viz/bundle_documents.h"

#include "custody/document_store.h"

namespace flgraph::viz {

std::map<std::string, std::string> add_bundle_documents(const graph::Store& store,
                                                        nlohmann::json& bundle) {
  std::map<std::string, std::string> bytes_by_hash;
  for (auto& source : bundle["sources"]) {
    if (source["access"] == graph::to_string(graph::Access::Protected)) continue;
    const auto stored = store.source(source["id"].get<std::string>());
    if (!stored || stored->record.access == graph::Access::Protected) continue;
    nlohmann::json documents = nlohmann::json::array();
    for (const auto& document : custody::documents_of(store, stored->record.id)) {
      if (document.sealed) continue;
      bytes_by_hash.emplace(document.sha256, custody::read_document(store, document));
      documents.push_back({{"sha256", document.sha256},
                           {"size", document.size},
                           {"media_type", document.media_type},
                           {"original_name", document.original_name},
                           {"attached_by", document.attached_by},
                           {"attached_at", document.attached_at},
                           {"note", document.note},
                           {"version", document.version}});
    }
    if (!documents.empty()) source["documents"] = std::move(documents);
  }
  return bytes_by_hash;
}

}  // namespace flgraph::viz
