// fuzz/fuzz_sealed_value.cpp: the decoders of protected values at rest. Any bytes given as a
// sealed value must be refused with SealError (never opened, never a crash); any text given as
// an opened payload must decode or be refused with SealError; a value sealed here must open to
// the same bytes, and must not open once one byte of it changes.
#include <cstdlib>

#include "fuzz_support.h"
#include "graph/keyring.h"
#include "graph/sealed_record.h"
#include "graph/sealing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flgraph::graph;
  static const ProtectionKey key = *ProtectionKey::from_hex(std::string(64, '7'));
  const auto bytes = flgraph::fuzz::as_text(data, size);

  try {
    (void)unseal(key, bytes, entity_context("W-0000000000"));
    std::abort();  // forging an authenticated value is not possible
  } catch (const SealError&) {
  }
  for (auto decode : {+[](std::string_view text) { (void)SealedEntity::from_json(text); },
                      +[](std::string_view text) { (void)source_from_payload(text, {}); },
                      +[](std::string_view text) { (void)claim_part_from_payload(text); },
                      +[](std::string_view text) { (void)relation_from_payload(text); }}) {
    try {
      decode(bytes);
    } catch (const SealError&) {
    }
  }
  (void)PassphraseKdf::from_text(bytes);
  (void)ProtectionKey::from_hex(bytes);

  const std::string sealed = seal(key, bytes, "fuzz");
  if (unseal(key, sealed, "fuzz") != bytes) std::abort();
  std::string altered = sealed;
  altered[static_cast<std::size_t>(size) % altered.size()] ^= 0x01;
  try {
    (void)unseal(key, altered, "fuzz");
    std::abort();
  } catch (const SealError&) {
  }
  return 0;
}
