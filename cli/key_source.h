// cli/key_source.h: where this process takes the protection key from. Never an argument: a
// key file (--key-file, FLGRAPH_KEY_FILE), FLGRAPH_PASSPHRASE, or a prompt on the terminal.
#pragma once
#include <string>

#include "graph/keyring.h"

namespace flgraph::cli {

// `key_file` is the --key-file option (empty: none). `new_key`: the key a rekey changes to
// (--new-key-file, FLGRAPH_NEW_KEY_FILE, FLGRAPH_NEW_PASSPHRASE).
graph::KeySource key_source(const std::string& key_file, bool new_key = false);

}  // namespace flgraph::cli
