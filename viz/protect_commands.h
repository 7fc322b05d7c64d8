// viz/protect_commands.h: `flgraph protect status|rekey|export-key`: the protection key's care.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "graph/keyring.h"
#include "viz/commands.h"

namespace flgraph::viz {

// What is sealed, under which kind of key, and whether the key at hand (if any) opens it.
nlohmann::json protect_status_command(const ReadOptions& read);
std::string protect_status_text(const nlohmann::json& report);
// Re-encrypts every sealed value under the new key in one transaction.
nlohmann::json protect_rekey_command(const ReadOptions& read, const graph::KeySource& new_keys);
// Writes the protection key as a key file (mode 0600, never over an existing file), to hand it
// to a colleague apart from the database.
void protect_export_key_command(const ReadOptions& read, const std::filesystem::path& output);

}  // namespace flgraph::viz
