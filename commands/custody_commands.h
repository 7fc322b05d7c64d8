// commands/custody_commands.h: `attach`, `audit` and `protect status|rekey|export-key`: documents
// in custody, the audit log, and the protection key's care.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "commands/read_options.h"
#include "graph/keyring.h"

namespace flgraph::commands {

struct AttachOptions {
  std::string by;  // empty: $USER
  std::string note;
};

// Takes FILE into custody for SOURCE (hash, copy, record, audit entry); the report says whether
// the bytes were new or already held (viz::attach_text prints it).
nlohmann::json attach_command(const ReadOptions& read, const std::string& source,
                              const std::filesystem::path& file, const AttachOptions& options);

// `flgraph audit [--since DATE]`: the entries, oldest first, as a JSON array (viz::audit_text).
nlohmann::json audit_command(const ReadOptions& read, const std::optional<std::string>& since);

// What is sealed, under which kind of key, and whether the key at hand (if any) opens it.
nlohmann::json protect_status_command(const ReadOptions& read);
// Re-encrypts every sealed value under the new key in one transaction.
nlohmann::json protect_rekey_command(const ReadOptions& read, const graph::KeySource& new_keys);
// Writes the protection key as a key file (mode 0600, never over an existing file), to hand it
// to a colleague apart from the database.
void protect_export_key_command(const ReadOptions& read, const std::filesystem::path& output);

}  // namespace flgraph::commands
