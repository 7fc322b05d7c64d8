// graph/keyring.h: where the protection key comes from, and the store's keyring: the check
// that tells a wrong key, and the pseudonym key, stored only sealed under the protection key.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "graph/errors.h"
#include "graph/sealing.h"

namespace flgraph::graph {

// The key is missing, wrong, or cannot be made: exit 1, nothing written.
class KeyError : public Error {
 public:
  using Error::Error;
};

// Never the command line: a key file (--key-file, FLGRAPH_KEY_FILE), a passphrase from the
// environment (FLGRAPH_PASSPHRASE), or a prompt on a terminal.
struct KeySource {
  std::filesystem::path key_file;
  std::optional<std::string> passphrase;
  // Asks on the terminal; `confirm` asks twice (a new key). Empty when there is no terminal.
  std::function<std::string(bool confirm)> ask;
  // Warnings a person must read (a new key was made); to stderr in the CLI.
  std::function<void(const std::string&)> notice;

  bool given() const {
    return !key_file.empty() || passphrase.has_value() || static_cast<bool>(ask);
  }
  // Only what needs no person at the keyboard (a key file, the environment).
  KeySource without_prompt() const;
  // FLGRAPH_KEY_FILE and FLGRAPH_PASSPHRASE.
  static KeySource from_environment();
};

// How the keyring is kept in the store's meta table.
struct KeyringRows {
  std::string kdf;                   // "keyfile" or PassphraseKdf::to_text()
  std::string check;                 // hex of a sealed constant: a wrong key fails to open it
  std::string sealed_pseudonym_key;  // hex of the pseudonym key sealed under the protection key
};

struct UnlockedKeys {
  ProtectionKey key;
  std::string pseudonym_key;
};

// Opens a keyring; KeyError when no key is given or it is the wrong one.
UnlockedKeys unlock_keyring(const KeyringRows& rows, const KeySource& source);
// A new keyring for `pseudonym_key` under a key from `source`: a new key file is written (0600)
// when the named one does not exist yet; a passphrase goes through Argon2id.
std::pair<KeyringRows, ProtectionKey> create_keyring(const KeySource& source,
                                                     const std::string& pseudonym_key);
// The keyring for an existing pseudonym key under another protection key (rekey).
KeyringRows keyring_rows(const ProtectionKey& key, const std::string& kdf,
                         const std::string& pseudonym_key);

// Keyed tags: stable, not invertible, not checkable without the pseudonym key.
std::string pseudonym_tag(std::string_view pseudonym_key, std::string_view text);  // 10 hex digits
std::string random_pseudonym_key();
// A new key file (mode 0600; an existing file or a link is never written through).
void write_key_file(const std::filesystem::path& path, const ProtectionKey& key);

inline constexpr const char* kWarnNewKey =
    "flgraph: a protection key was created for this database. Protected material is stored "
    "encrypted under it.\n"
    "         A lost key cannot be recovered: without it nobody, you included, can read protected "
    "records again.\n"
    "         Keep the key file or passphrase apart from the database (flgraph protect export-key "
    "makes a copy).";

}  // namespace flgraph::graph
