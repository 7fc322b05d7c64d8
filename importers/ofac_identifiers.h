// importers/ofac_identifiers.h: the identifiers an SDN entry's remarks carry ("IMO 9074729",
// "Passport 563410191 (Korea, North)", "SWIFT/BIC KKBCKPPY", "Digital Currency Address - XBT ...").
#pragma once
#include <optional>
#include <string_view>

#include "importers/sanctions_rules.h"

namespace flgraph::importers {

// The identifier one "; "-separated remarks phrase gives: its type, label, value, country (from
// brackets, or a SWIFT/BIC's own country letters) and the note after it; nullopt when the phrase
// names none.
std::optional<Identifier> identifier_in(std::string_view phrase);

}  // namespace flgraph::importers
