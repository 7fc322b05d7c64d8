// graph/sealing.h: authenticated encryption of protected values at rest (libsodium).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "graph/errors.h"

namespace flgraph::graph {

// A sealed value that does not open (damaged, altered, or sealed under another key): it is
// never shown, and the command stops.
class SealError : public Error {
 public:
  using Error::Error;
};

// Argon2id's cost and salt, stored beside the data so the same passphrase gives the same key.
struct PassphraseKdf {
  std::uint64_t opslimit = 0;
  std::uint64_t memlimit_bytes = 0;
  std::string salt;  // raw bytes

  static PassphraseKdf fresh();  // new random salt, libsodium's moderate limits
  std::string to_text() const;   // "argon2id ops=3 mem=268435456 salt=HEX"
  static std::optional<PassphraseKdf> from_text(std::string_view text);
};

// The protection key: 32 secret bytes, wiped from memory when it goes.
class ProtectionKey {
 public:
  static constexpr std::size_t kBytes = 32;
  static ProtectionKey random();
  static ProtectionKey from_passphrase(std::string_view passphrase, const PassphraseKdf& kdf);
  // A key file's text: 64 hex digits, white space around them ignored.
  static std::optional<ProtectionKey> from_hex(std::string_view text);

  ProtectionKey(const ProtectionKey& other) = default;
  ProtectionKey& operator=(const ProtectionKey& other) = default;
  ~ProtectionKey();

  std::string hex() const;
  const std::array<unsigned char, kBytes>& bytes() const { return bytes_; }

 private:
  ProtectionKey() = default;
  std::array<unsigned char, kBytes> bytes_{};
};

// XChaCha20-Poly1305 with a fresh random nonce per value. `context` (what the value is, and
// whose) is authenticated too, so a sealed value moved to another row or column does not open.
// Layout: version byte 1, 24-byte nonce, ciphertext with its 16-byte tag.
std::string seal(const ProtectionKey& key, std::string_view plaintext, std::string_view context);
// Throws SealError when the value is malformed, altered or sealed under another key.
std::string unseal(const ProtectionKey& key, std::string_view sealed, std::string_view context);

std::string to_hex(std::string_view bytes);
std::optional<std::string> from_hex(std::string_view hex);

}  // namespace flgraph::graph
