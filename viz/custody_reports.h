// viz/custody_reports.h: documents in custody as `attach` and a source's page in `show` print them,
// and the protection key's status.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "custody/document_store.h"
#include "graph/protection.h"
#include "graph/store.h"

namespace flgraph::viz {

// `attach`: the document, and whether the bytes were new or already held.
std::string attach_text(const nlohmann::json& report);

// A document as outputs show it; a sealed one carries only who attached it and when.
nlohmann::json document_json(const custody::Document& document);

// `show SOURCE_ID`: the source (redacted unless --reveal-protected) and its documents; nothing
// when the id names no source.
std::optional<nlohmann::json> source_report(const graph::Store& store,
                                            const graph::Disclosure& disclosure,
                                            const std::string& id);
std::string source_text(const nlohmann::json& report);

// `protect status`: what is sealed, under which kind of key.
std::string protect_status_text(const nlohmann::json& report);

}  // namespace flgraph::viz
