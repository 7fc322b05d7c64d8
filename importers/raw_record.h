// importers/raw_record.h: one input record as named text fields, whatever the file format.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/errors.h"
#include "graph/records.h"

namespace flgraph::importers {

// The CSV and JSON readers both fill one of these, so every rule about a field's value is
// written once (record_fields.cpp) and reports the same message for both formats.
class RawRecord {
 public:
  RawRecord(std::string file, std::size_t line) : file_(std::move(file)), line_(line) {}

  // The next row of the same file, in this record: its fields' storage is kept, and the file
  // name is not copied again (a bulk load reads millions of rows).
  void start_row(std::size_t line) {
    line_ = line;
    fields_.clear();
    alias_list.reset();
    attributes_json.reset();
    designations.clear();
  }
  void set(std::string name, std::string value) {
    fields_.emplace_back(std::move(name), std::move(value));
  }
  bool has(std::string_view name) const;
  // The field's text; empty when absent.
  std::string_view get(std::string_view name) const;
  InputLocation at(std::string_view field) const { return {file_, line_, std::string(field)}; }
  const std::string& file() const { return file_; }
  std::size_t line() const { return line_; }
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

  // Set by formats that carry lists and objects natively (JSON); CSV leaves them empty.
  std::optional<std::vector<std::string>> alias_list;
  std::optional<std::string> attributes_json;
  std::vector<graph::DesignationRecord> designations;  // nested in a JSON entity

 private:
  std::string file_;
  std::size_t line_;
  std::vector<std::pair<std::string, std::string>> fields_;
};

// Field rules shared by every native format. `known` lists the columns that are not attributes.
graph::EntityRecord parse_entity(const RawRecord& raw);
graph::RelationRecord parse_relation(const RawRecord& raw);
graph::SourceRecord parse_source(const RawRecord& raw);
graph::ClaimRecord parse_claim(const RawRecord& raw);
graph::DesignationRecord parse_designation(const RawRecord& raw);

// Columns each record type requires (docs/FORMATS.md, "Bulk CSV") and those it understands.
extern const std::vector<std::string_view> kEntityRequired;
extern const std::vector<std::string_view> kRelationRequired;
extern const std::vector<std::string_view> kSourceRequired;
extern const std::vector<std::string_view> kClaimRequired;
extern const std::vector<std::string_view> kDesignationRequired;

}  // namespace flgraph::importers
