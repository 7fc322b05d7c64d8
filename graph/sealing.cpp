// graph/sealing.cpp: libsodium's AEAD and Argon2id behind the few calls the store needs.
#include "graph/sealing.h"

#include <fmt/format.h>
#include <sodium.h>

namespace flgraph::graph {
namespace {

constexpr unsigned char kSealVersion = 1;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw Error("cannot initialise libsodium");
}

const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

PassphraseKdf PassphraseKdf::fresh() {
  ensure_sodium();
  PassphraseKdf kdf;
  kdf.opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
  kdf.memlimit_bytes = crypto_pwhash_MEMLIMIT_MODERATE;
  kdf.salt.resize(crypto_pwhash_SALTBYTES);
  randombytes_buf(kdf.salt.data(), kdf.salt.size());
  return kdf;
}

std::string PassphraseKdf::to_text() const {
  return fmt::format("argon2id ops={} mem={} salt={}", opslimit, memlimit_bytes, to_hex(salt));
}

std::optional<PassphraseKdf> PassphraseKdf::from_text(std::string_view text) {
  unsigned long long ops = 0;
  unsigned long long mem = 0;
  char salt_hex[2 * crypto_pwhash_SALTBYTES + 1] = {};
  const std::string copy(text);
  if (std::sscanf(copy.c_str(), "argon2id ops=%llu mem=%llu salt=%32[0-9a-f]", &ops, &mem,
                  salt_hex) != 3) {
    return std::nullopt;
  }
  auto salt = from_hex(salt_hex);
  // Limits outside libsodium's range are a damaged or hostile file, not a key to derive.
  if (!salt || salt->size() != crypto_pwhash_SALTBYTES || ops < crypto_pwhash_OPSLIMIT_MIN ||
      ops > crypto_pwhash_OPSLIMIT_SENSITIVE * 4 || mem < crypto_pwhash_MEMLIMIT_MIN ||
      mem > crypto_pwhash_MEMLIMIT_SENSITIVE * 4ull) {
    return std::nullopt;
  }
  return PassphraseKdf{ops, mem, *salt};
}

ProtectionKey::~ProtectionKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

ProtectionKey ProtectionKey::random() {
  ensure_sodium();
  ProtectionKey key;
  randombytes_buf(key.bytes_.data(), key.bytes_.size());
  return key;
}

ProtectionKey ProtectionKey::from_passphrase(std::string_view passphrase,
                                             const PassphraseKdf& kdf) {
  ensure_sodium();
  ProtectionKey key;
  if (crypto_pwhash(key.bytes_.data(), key.bytes_.size(), passphrase.data(), passphrase.size(),
                    bytes_of(kdf.salt), kdf.opslimit, static_cast<std::size_t>(kdf.memlimit_bytes),
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw Error("cannot derive the protection key from the passphrase (out of memory?)");
  }
  return key;
}

std::optional<ProtectionKey> ProtectionKey::from_hex(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  const auto raw = graph::from_hex(text);
  if (!raw || raw->size() != kBytes) return std::nullopt;
  ProtectionKey key;
  std::copy(raw->begin(), raw->end(), key.bytes_.begin());
  return key;
}

std::string ProtectionKey::hex() const {
  return to_hex(std::string_view(reinterpret_cast<const char*>(bytes_.data()), bytes_.size()));
}

std::string seal(const ProtectionKey& key, std::string_view plaintext, std::string_view context) {
  ensure_sodium();
  std::string out(1 + kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* raw = reinterpret_cast<unsigned char*>(out.data());
  raw[0] = kSealVersion;
  randombytes_buf(raw + 1, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(raw + 1 + kNonceBytes, &written, bytes_of(plaintext),
                                             plaintext.size(), bytes_of(context), context.size(),
                                             nullptr, raw + 1, key.bytes().data());
  out.resize(1 + kNonceBytes + static_cast<std::size_t>(written));
  return out;
}

std::string unseal(const ProtectionKey& key, std::string_view sealed, std::string_view context) {
  ensure_sodium();
  if (sealed.size() < 1 + kNonceBytes + kTagBytes ||
      static_cast<unsigned char>(sealed[0]) != kSealVersion) {
    throw SealError("a protected value is damaged (malformed ciphertext); it is not shown");
  }
  const auto* raw = bytes_of(sealed);
  const std::size_t cipher_bytes = sealed.size() - 1 - kNonceBytes;
  std::string out(cipher_bytes - kTagBytes, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &written, nullptr, raw + 1 + kNonceBytes,
          cipher_bytes, bytes_of(context), context.size(), raw + 1, key.bytes().data()) != 0) {
    sodium_memzero(out.data(), out.size());
    throw SealError(
        "a protected value does not open under this key (altered, damaged or sealed under another "
        "key)");
  }
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string to_hex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes_of(bytes), bytes.size());
  out.pop_back();
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out(hex.size() / 2, '\0');
  std::size_t written = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                     hex.size(), nullptr, &written, &end) != 0 ||
      written != out.size() || end != hex.data() + hex.size()) {
    return std::nullopt;
  }
  return out;
}

}  // namespace flgraph::graph
