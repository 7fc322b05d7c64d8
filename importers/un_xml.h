// importers/un_xml.h: the UN Security Council consolidated sanctions list (XML).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "graph/records.h"
#include "importers/import_session.h"

namespace flgraph::importers {

// One INDIVIDUAL or ENTITY record ready to write.
struct UnEntry {
  std::size_t line = 0;  // line of the record's start tag
  std::string locator;   // e.g. /CONSOLIDATED_LIST/ENTITIES/ENTITY[DATAID='690735']
  graph::EntityRecord entity;
  graph::DesignationRecord designation;
};

struct UnXmlFile {
  std::filesystem::path path;
  graph::SourceRecord source;  // the file, with its SHA-256
  std::vector<UnEntry> entries;
  ListCounts counts;
};

// Parses the list (https://scsanctions.un.org/resources/xml/en/consolidated.xml, schema
// https://www.un.org/sc/resources/sc-sanctions.xsd) and keeps the records of UN_LIST_TYPE DPRK
// (the 1718 Committee), or every record with `all_programs`. A document type declaration is
// refused outright: it is the only way to declare external entities or entity-expansion bombs,
// and the UN list has none. Errors name the file, the line and the element path.
UnXmlFile open_un_xml(const std::filesystem::path& path, bool all_programs);

// Writes the source, then each record's entity, designation and claim.
void import_un_xml(const UnXmlFile& file, ImportSession& session);

}  // namespace flgraph::importers
