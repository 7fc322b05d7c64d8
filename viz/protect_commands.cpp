// viz/protect_commands.cpp: the protect subcommands over the store's keyring.
#include "viz/protect_commands.h"

#include <fmt/format.h>

namespace flgraph::viz {

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

std::string protect_status_text(const nlohmann::json& report) {
  std::string out = fmt::format("{}: ", report["database"].get<std::string>());
  if (!report["has_key"].get<bool>()) return out + "no protection key (no protected material stored)\n";
  out += fmt::format("protected material sealed under a {}\n", report["key"].get<std::string>());
  out += fmt::format("  protected entities {:>7}\n  protected sources  {:>7}\n  sealed claims      {:>7}\n"
                     "  sealed relations   {:>7}\n  sealed same_as     {:>7}\n",
                     report["protected_entities"].get<std::int64_t>(), report["protected_sources"].get<std::int64_t>(),
                     report["sealed_claims"].get<std::int64_t>(), report["sealed_relations"].get<std::int64_t>(),
                     report["sealed_links"].get<std::int64_t>());
  out += report["unlocked"].is_null() ? "  no key given: locked (commands work on pseudonyms)\n"
                                      : "  the key given opens it\n";
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

}  // namespace flgraph::viz
