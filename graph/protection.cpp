// graph/protection.cpp: pseudonyms and redaction of protected records.
#include "graph/protection.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <fmt/format.h>

#include "graph/errors.h"

namespace flgraph::graph {
namespace {
// 10 hex digits = 40 bits: collisions stay unlikely for hundreds of thousands of witnesses.
constexpr std::size_t kPseudonymHexDigits = 10;
}  // namespace

std::string pseudonym(std::string_view key, std::string_view id) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(id.data()), id.size(), digest.data(), &length) == nullptr) {
    throw Error("cannot compute a pseudonym (HMAC-SHA-256 failed)");
  }
  std::string out = "W-";
  for (std::size_t i = 0; i < kPseudonymHexDigits / 2; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

bool is_pseudonym(std::string_view text) {
  if (text.size() != 2 + kPseudonymHexDigits || text.substr(0, 2) != "W-") return false;
  for (const char c : text.substr(2)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string protected_id(std::string_view key, std::string_view id) {
  return is_pseudonym(id) ? std::string(id) : pseudonym(key, id);
}

std::string Disclosure::entity_id(std::string_view id, bool is_protected) const {
  return is_protected ? protected_id(key, id) : std::string(id);
}

std::string Disclosure::entity_name(std::string_view id, std::string_view name, bool is_protected) const {
  return is_protected ? fmt::format("protected person {}", protected_id(key, id)) : std::string(name);
}

std::string Disclosure::relation_id(std::string_view id, bool touches_protected) const {
  return touches_protected ? protected_id(key, id) : std::string(id);
}

SourceRecord Disclosure::source(const SourceRecord& source) const {
  if (!hides(source)) return source;
  SourceRecord out;
  out.id = protected_id(key, source.id);
  out.title = "protected source " + out.id;
  out.kind = source.kind;
  out.reliability = source.reliability;
  out.access = source.access;
  return out;
}

ClaimRecord Disclosure::claim(const ClaimRecord& claim, const SourceRecord& source) const {
  if (!hides(source)) return claim;
  ClaimRecord out = claim;
  out.source = protected_id(key, source.id);
  out.quote.clear();
  out.recorded_by.clear();
  return out;
}

}  // namespace flgraph::graph
