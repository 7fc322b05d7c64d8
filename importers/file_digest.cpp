// importers/file_digest.cpp: SHA-256 through OpenSSL's EVP interface.
#include "importers/file_digest.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>

#include "graph/errors.h"

namespace flgraph::importers {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw Error("cannot compute a SHA-256 digest (OpenSSL EVP_Digest failed)");
  }
  std::string hex;
  hex.reserve(std::size_t{length} * 2);
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

}  // namespace flgraph::importers
