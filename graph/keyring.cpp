// graph/keyring.cpp: key files, passphrases and the keyring rows.
#include "graph/keyring.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace flgraph::graph {
namespace {

constexpr std::string_view kCheckText = "flgraph protection key check";
constexpr std::string_view kCheckContext = "keyring:check";
constexpr std::string_view kPseudonymKeyContext = "keyring:pseudonym-key";
constexpr std::size_t kMaxKeyFileBytes = 4096;

std::optional<ProtectionKey> read_key_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw KeyError(fmt::format("key file \"{}\" is not a regular file", path.string()));
  }
  if (std::filesystem::file_size(path, ec) > kMaxKeyFileBytes) {
    throw KeyError(
        fmt::format("key file \"{}\" is not a flgraph key file (too large)", path.string()));
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) throw KeyError(fmt::format("cannot read key file \"{}\"", path.string()));
  auto key = ProtectionKey::from_hex(text.str());
  if (!key)
    throw KeyError(
        fmt::format("key file \"{}\" does not hold a key (64 hex digits)", path.string()));
  return key;
}

}  // namespace

void write_key_file(const std::filesystem::path& path, const ProtectionKey& key) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    throw KeyError(
        fmt::format("cannot create key file \"{}\": {}", path.string(), std::strerror(errno)));
  const std::string text = key.hex() + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    std::filesystem::remove(path);
    throw KeyError(fmt::format("cannot write key file \"{}\"", path.string()));
  }
}

namespace {

ProtectionKey key_for(const KeyringRows& rows, const KeySource& source) {
  if (!source.key_file.empty()) {
    if (auto key = read_key_file(source.key_file)) return *key;
    throw KeyError(fmt::format("key file \"{}\" does not exist", source.key_file.string()));
  }
  std::optional<std::string> passphrase = source.passphrase;
  if (!passphrase && source.ask) passphrase = source.ask(false);
  if (!passphrase) {
    throw KeyError(
        "this needs the database's protection key: give --key-file FILE, set FLGRAPH_KEY_FILE or "
        "FLGRAPH_PASSPHRASE, or run on a terminal to be asked");
  }
  const auto kdf = PassphraseKdf::from_text(rows.kdf);
  if (!kdf)
    throw KeyError("this database's key is a key file, not a passphrase: give --key-file FILE");
  return ProtectionKey::from_passphrase(*passphrase, *kdf);
}

}  // namespace

KeySource KeySource::without_prompt() const {
  KeySource out = *this;
  out.ask = nullptr;
  return out;
}

KeySource KeySource::from_environment() {
  KeySource out;
  if (const char* file = std::getenv("FLGRAPH_KEY_FILE"); file != nullptr && *file != '\0')
    out.key_file = file;
  if (const char* passphrase = std::getenv("FLGRAPH_PASSPHRASE");
      passphrase != nullptr && *passphrase != '\0') {
    out.passphrase = passphrase;
  }
  return out;
}

UnlockedKeys unlock_keyring(const KeyringRows& rows, const KeySource& source) {
  const ProtectionKey key = key_for(rows, source);
  const auto check = from_hex(rows.check);
  const auto sealed_pseudonym_key = from_hex(rows.sealed_pseudonym_key);
  if (!check || !sealed_pseudonym_key) throw KeyError("this database's keyring is damaged");
  try {
    if (unseal(key, *check, kCheckContext) != kCheckText) throw SealError("check text differs");
    return {key, unseal(key, *sealed_pseudonym_key, kPseudonymKeyContext)};
  } catch (const SealError&) {
    throw KeyError(
        "the protection key does not open this database (wrong passphrase or key file); nothing "
        "was written");
  }
}

KeyringRows keyring_rows(const ProtectionKey& key, const std::string& kdf,
                         const std::string& pseudonym_key) {
  return {kdf, to_hex(seal(key, kCheckText, kCheckContext)),
          to_hex(seal(key, pseudonym_key, kPseudonymKeyContext))};
}

std::pair<KeyringRows, ProtectionKey> create_keyring(const KeySource& source,
                                                     const std::string& pseudonym_key) {
  if (!source.key_file.empty()) {
    auto key = read_key_file(source.key_file);
    if (!key) {
      key = ProtectionKey::random();
      write_key_file(source.key_file, *key);
    }
    return {keyring_rows(*key, "keyfile", pseudonym_key), *key};
  }
  std::optional<std::string> passphrase = source.passphrase;
  if (!passphrase && source.ask) passphrase = source.ask(true);
  if (!passphrase) {
    throw KeyError(
        "protected material is stored encrypted, and this database has no protection key yet: give "
        "--key-file "
        "FILE (a new file is created), set FLGRAPH_PASSPHRASE, or run on a terminal to choose a "
        "passphrase");
  }
  const auto kdf = PassphraseKdf::fresh();
  const auto key = ProtectionKey::from_passphrase(*passphrase, kdf);
  return {keyring_rows(key, kdf.to_text(), pseudonym_key), key};
}

std::string pseudonym_tag(std::string_view pseudonym_key, std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), pseudonym_key.data(), static_cast<int>(pseudonym_key.size()),
           reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data(),
           &length) == nullptr) {
    throw Error("cannot compute a pseudonym (HMAC-SHA-256 failed)");
  }
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), 5));
}

std::string random_pseudonym_key() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw Error("cannot draw random bytes");
  return to_hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace flgraph::graph
