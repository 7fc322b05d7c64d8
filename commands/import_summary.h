// commands/import_summary.h: what `flgraph import` prints: counts per record kind, as text or JSON.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "importers/import.h"

namespace flgraph::commands {

std::string import_text(const importers::ImportSummary& summary, const std::string& database,
                        double seconds);
nlohmann::json import_json(const importers::ImportSummary& summary, double seconds);

}  // namespace flgraph::commands
