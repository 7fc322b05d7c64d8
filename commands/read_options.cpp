// viz/read_options.cpp: opening the store for reading, and checking a reveal before it happens.
#include "commands/read_options.h"

#include "custody/audit_log.h"

namespace flgraph::commands {

graph::Store open_store(const ReadOptions& read) {
  return graph::Store::open(read.database, graph::Store::OpenMode::ReadOnlyExisting, read.keys);
}

graph::Disclosure disclosure_for(const graph::Store& store, const ReadOptions& read) {
  // Before anything is revealed: on read-only media the audit log could not record it.
  if (read.reveal_witness)
    custody::check_recordable(store, "--reveal-witness", custody::WhenUnrecordable::Refuse);
  if (read.reveal_protected)
    custody::check_recordable(store, "--reveal-protected", custody::WhenUnrecordable::Refuse);
  if (read.reveal_protected && store.has_keyring())
    store.unlocked("--reveal-protected");  // a wrong key stops here
  if (read.reveal_witness) store.unlocked("--reveal-witness");
  return {&store, read.reveal_protected, read.reveal_witness};
}

void write_text_file(const std::filesystem::path& path, const std::string& text,
                     const viz::OutputPolicy& policy) {
  viz::write_output_file(path, text, policy);
}

}  // namespace flgraph::commands
