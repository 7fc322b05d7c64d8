// viz/custody_commands.h: `flgraph attach` and a source's page in `show`: documents in custody.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "custody/document_store.h"
#include "viz/commands.h"

namespace flgraph::viz {

struct AttachOptions {
  std::string by;  // empty: $USER
  std::string note;
};

// Takes FILE into custody for SOURCE (hash, copy, record, audit entry); the report says whether
// the bytes were new or already held.
nlohmann::json attach_command(const ReadOptions& read, const std::string& source, const std::filesystem::path& file,
                              const AttachOptions& options);
std::string attach_text(const nlohmann::json& report);

// A document as outputs show it; a sealed one carries only who attached it and when.
nlohmann::json document_json(const custody::Document& document);

// `show SOURCE_ID`: the source (redacted unless --reveal-protected) and its documents; nothing
// when the id names no source.
std::optional<nlohmann::json> source_report(const graph::Store& store, const graph::Disclosure& disclosure,
                                            const std::string& id);
std::string source_text(const nlohmann::json& report);

}  // namespace flgraph::viz
