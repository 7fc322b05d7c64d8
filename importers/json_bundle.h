// importers/json_bundle.h: the native JSON bundle {"sources","entities","relations","claims"}.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "importers/import_session.h"

namespace flgraph::importers {

enum class BundleSection { Sources, Entities, Relations, Claims };

struct JsonBundleFile {
  std::filesystem::path path;
  std::string text;
  nlohmann::json document;
};

// Parses and checks the top-level shape; throws InputError with the line of the problem.
JsonBundleFile open_json_bundle(const std::filesystem::path& path);
// Imports one section; the caller runs the sections in dependency order across all files.
// `store` is the one the session writes to: an entity id that already names a relation, or a
// relation id that already names an entity, is refused (a claim on that id would bind to the
// entity). Never pipelined, so the store may be read between the session's writes.
void import_bundle_section(const JsonBundleFile& file, BundleSection section,
                           const graph::Store& store, ImportSession& session);

// Line (1-based) where element `index` of the top-level array `section` starts; 0 if not found.
// Used only for error messages, so it re-scans the text rather than keeping positions.
std::size_t line_of_element(std::string_view text, std::string_view section, std::size_t index);

}  // namespace flgraph::importers
