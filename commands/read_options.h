// commands/read_options.h: what a reading command may show (the reveal flags, the key), the
// store it opens, and the usage error.
#pragma once
#include <filesystem>
#include <string>

#include "graph/errors.h"
#include "graph/keyring.h"
#include "graph/protection.h"
#include "graph/store.h"
#include "viz/safe_output.h"

namespace flgraph::commands {

struct ReadOptions {
  std::filesystem::path database;
  bool reveal_protected = false;  // protected sources only; witnesses stay pseudonymous
  bool reveal_witness = false;    // show only: a protected person's own record, with the key
  // Asked for only when something sealed must be opened; by default FLGRAPH_KEY_FILE or
  // FLGRAPH_PASSPHRASE.
  graph::KeySource keys = graph::KeySource::from_environment();
};

// The store, read-only, and what its protected records may show under the options.
graph::Store open_store(const ReadOptions& read);
graph::Disclosure disclosure_for(const graph::Store& store, const ReadOptions& read);

// A bad option value: the command line is wrong, not the data (exit code 2).
class UsageError : public Error {
 public:
  using Error::Error;
};

// Writes through a temporary file and a rename, so a reader never sees half a file; refuses
// ".." and symbolic links in the path, the database and its files, and an existing file unless
// policy.force (viz/safe_output.h).
void write_text_file(const std::filesystem::path& path, const std::string& text,
                     const viz::OutputPolicy& policy);

}  // namespace flgraph::commands
