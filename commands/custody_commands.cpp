// commands/custody_commands.cpp: attach, audit and protect: documents in custody, the audit log and
// the protection key.
#include "commands/custody_commands.h"

#include <fmt/format.h>

#include "custody/audit_log.h"
#include "viz/custody_reports.h"

namespace flgraph::commands {

using commands::open_store;
using nlohmann::json;

json attach_command(const ReadOptions& read, const std::string& source,
                    const std::filesystem::path& file, const AttachOptions& options) {
  auto store = open_store(read);
  custody::AttachRequest request;
  request.source = source;
  request.file = file;
  request.by = options.by;
  request.note = options.note;
  const auto result = custody::attach_document(store, request);
  json out = viz::document_json(result.document);
  out["already_held"] = result.already_held;
  out["folder"] = custody::documents_folder(store.path()).string();
  return out;
}

json audit_command(const ReadOptions& read, const std::optional<std::string>& since) {
  const auto store = open_store(read);
  json entries = json::array();
  for (const auto& entry : custody::read_audit(store, since)) {
    json outputs = json::array();
    for (const auto& output : entry.outputs)
      outputs.push_back({{"name", output.name}, {"sha256", output.sha256}});
    entries.push_back({{"id", entry.id},
                       {"at", entry.at},
                       {"who", entry.who},
                       {"command", entry.command},
                       {"selection", entry.selection},
                       {"outputs", std::move(outputs)}});
  }
  return entries;
}

nlohmann::json protect_status_command(const ReadOptions& read) {
  const auto store = open_store(read);
  const auto status = store.protection_status();
  nlohmann::json out = {{"database", read.database.string()},
                        {"has_key", status.has_keyring},
                        {"key", status.key_kind},
                        {"protected_entities", status.protected_entities},
                        {"protected_sources", status.protected_sources},
                        {"sealed_claims", status.sealed_claims},
                        {"sealed_relations", status.sealed_relations},
                        {"sealed_links", status.sealed_links},
                        {"unlocked", nullptr}};
  if (status.has_keyring && read.keys.given()) {
    store.unlocked("protect status");  // a wrong key is an error, not a status
    out["unlocked"] = true;
  }
  return out;
}

nlohmann::json protect_rekey_command(const ReadOptions& read, const graph::KeySource& new_keys) {
  auto store = open_store(read);
  store.rekey(new_keys);
  const auto status = store.protection_status();
  return {{"database", read.database.string()},
          {"key", status.key_kind},
          {"resealed", status.protected_entities + status.protected_sources + status.sealed_claims +
                           status.sealed_relations + status.sealed_links}};
}

void protect_export_key_command(const ReadOptions& read, const std::filesystem::path& output) {
  open_store(read).export_key(output);
}

}  // namespace flgraph::commands
