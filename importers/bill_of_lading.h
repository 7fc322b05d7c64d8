// importers/bill_of_lading.h: bills of lading / customs declarations as CSV, one shipment per row.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importers/bill_of_lading_fields.h"
#include "importers/import_session.h"

namespace flgraph::importers {

// The columns of the documented layout (docs/FORMATS.md, "Bills of lading").
enum class BolField {
  BillOfLading,
  Shipper,
  ShipperCountry,
  Consignee,
  ConsigneeCountry,
  NotifyParty,
  ArrivalDate,
  PortOfLading,
  PortOfUnlading,
  HsCodes,
  Description,
  WeightKg,
  Container,
  Vessel,
  Imo,
};
std::string_view to_string(BolField field);

// The field a header names: the layout's own names and the aliases of common export layouts
// ("Shipper Name", "ACTUAL ARRIVAL DATE", "HARMONIZED CODE", "Weight (kg)", "IMO Number", ...),
// compared without case, punctuation or repeated spaces. nullopt: kept as a shipment attribute.
std::optional<BolField> bol_field_of_header(std::string_view header);

struct BillOfLadingFile {
  std::filesystem::path path;
  std::string text;
  std::string sha256;
  std::vector<std::string> header;
  std::vector<std::optional<BolField>> columns;  // the field of each header column
};

// Reads the file and maps its header; InputError when shipper or consignee has no column, or
// two columns name one field.
BillOfLadingFile open_bill_of_lading(const std::filesystem::path& path);

// Writes one shipment per row with ships (shipper -> shipment), consigned_to (shipment ->
// consignee), carries (shipment -> product hs-CODE) and transported_by (shipment -> vessel)
// relations; the file is a customs_record source (reliability B) and every row fact gets a
// claim "row N" (N: the row's line in the file). Party names resolve to an organisation already
// in the store when it scores at least resolve::kDefaultMatchThreshold, else become a new
// company; vessels resolve by IMO number first, then by name. Counts go to summary.parties.
void import_bill_of_lading(const BillOfLadingFile& file, graph::Store& store,
                           ImportSession& session, ImportSummary& summary);

}  // namespace flgraph::importers
