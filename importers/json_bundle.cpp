// importers/json_bundle.cpp: JSON bundle elements to records.
#include "importers/json_bundle.h"

#include <fmt/format.h>

#include <algorithm>

#include "custody/sha256.h"
#include "graph/legal_mapping.h"
#include "importers/input_file.h"
#include "importers/progress.h"
#include "importers/strict_json.h"

namespace flgraph::importers {
namespace {

using nlohmann::json;

constexpr std::string_view section_name(BundleSection section) {
  switch (section) {
    case BundleSection::Sources:
      return "sources";
    case BundleSection::Entities:
      return "entities";
    case BundleSection::Relations:
      return "relations";
    case BundleSection::Claims:
      return "claims";
  }
  return "";
}

// A scalar's text for the shared field rules; objects and arrays are the caller's business.
std::optional<std::string> scalar_text(const json& value) {
  if (value.is_null()) return std::string();
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
  if (value.is_number_float()) return fmt::format("{}", value.get<double>());
  return std::nullopt;
}

RawRecord to_raw(const JsonBundleFile& file, BundleSection section, std::size_t index,
                 const json& element) {
  const std::string name = file.path.string();
  const std::size_t line = line_of_element(file.text, section_name(section), index);
  RawRecord raw(name, line);
  const std::string context = fmt::format("{}[{}]", section_name(section), index);
  if (!element.is_object()) {
    throw InputError::malformed({name, line, context}, "expected an object");
  }
  for (const auto& [key, value] : element.items()) {
    if (key == "documents" && section == BundleSection::Sources) continue;  // read_documents
    if (key == "aliases" && section == BundleSection::Entities) {
      if (!value.is_array())
        throw InputError::malformed(raw.at("aliases"), "expected an array of strings");
      std::vector<std::string> aliases;
      for (const auto& alias : value) {
        if (!alias.is_string())
          throw InputError::malformed(raw.at("aliases"), "expected an array of strings");
        aliases.push_back(alias.get<std::string>());
      }
      raw.alias_list = std::move(aliases);
    } else if (key == "attributes") {
      if (!value.is_object())
        throw InputError::malformed(raw.at("attributes"), "expected an object");
      raw.attributes_json = value.dump();
    } else if (key == "designations" && section == BundleSection::Entities) {
      if (!value.is_array())
        throw InputError::malformed(raw.at("designations"), "expected an array of objects");
      for (const auto& item : value) {
        if (!item.is_object())
          throw InputError::malformed(raw.at("designations"), "expected an array of objects");
        RawRecord nested(name, line);
        for (const auto& [field, field_value] : item.items()) {
          auto text = scalar_text(field_value);
          if (!text) throw InputError::malformed(nested.at(field), "expected a string");
          nested.set(field, std::move(*text));
        }
        raw.designations.push_back(parse_designation(nested));
      }
    } else if (section == BundleSection::Entities && value.is_array() &&
               (key == graph::kIloIndicatorsAttribute || key == graph::kRomeStatuteAttribute)) {
      // A case's lists of legal codes: the same ";"-separated text a CSV column carries.
      std::string joined;
      for (const auto& item : value) {
        if (!item.is_string())
          throw InputError::malformed(raw.at(key), "expected an array of strings");
        if (!joined.empty()) joined += ';';
        joined += item.get<std::string>();
      }
      raw.set(key, std::move(joined));
    } else {
      auto text = scalar_text(value);
      if (!text)
        throw InputError::malformed(raw.at(key), "expected a string, number, boolean or null");
      if (key == "confidence" && value.is_string() && !text->empty()) {
        throw InputError::bad_value(raw.at(key), "expected a number in (0,1]", *text);
      }
      raw.set(key, std::move(*text));
    }
  }
  return raw;
}

// A source's documents: each names a file documents/<sha256> beside bundle.json whose bytes must
// hash to that name; anything else is bad input, found before anything is written.
void read_documents(const JsonBundleFile& file, std::size_t index, const json& element,
                    const std::string& source, ImportSession& session) {
  if (!element.is_object() || !element.contains("documents")) return;
  const std::string name = file.path.string();
  const std::size_t line = line_of_element(file.text, "sources", index);
  const auto& documents = element["documents"];
  const auto where = [&](std::size_t item, std::string_view field) {
    return InputLocation{name, line,
                         fmt::format("sources[{}].documents[{}].{}", index, item, field)};
  };
  if (!documents.is_array())
    throw InputError::malformed({name, line, fmt::format("sources[{}].documents", index)},
                                "expected an array of objects");
  for (std::size_t item = 0; item < documents.size(); ++item) {
    const auto& document = documents[item];
    if (!document.is_object()) throw InputError::malformed(where(item, ""), "expected an object");
    const auto text = [&](const char* field) {
      if (!document.contains(field) || document[field].is_null()) return std::string();
      if (!document[field].is_string())
        throw InputError::malformed(where(item, field), "expected a string");
      return document[field].get<std::string>();
    };
    const std::string sha256 = text("sha256");
    if (!custody::is_sha256_hex(sha256)) {
      throw InputError::bad_value(where(item, "sha256"),
                                  "expected 64 lower-case hexadecimal digits", sha256);
    }
    const auto path = file.path.parent_path() / "documents" / sha256;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(path, ec))) {
      throw InputError::bad_value(where(item, "sha256"),
                                  "the bundle has no file documents/<sha256> for it", sha256);
    }
    if (custody::sha256_of_file(path) != sha256) {
      throw InputError::bad_value(where(item, "sha256"),
                                  "documents/<sha256> does not hash to its name: it was changed",
                                  sha256);
    }
    session.add_document({source, path, sha256, text("attached_by"), text("attached_at"),
                          text("note"), text("original_name")});
  }
}

}  // namespace

std::size_t line_of_element(std::string_view text, std::string_view section, std::size_t index) {
  // A small scanner over the raw text: strings, nesting depth and the top-level keys.
  int depth = 0;
  std::size_t line = 1;
  std::string last_key;
  bool in_section = false;
  std::size_t element = 0;
  bool expect_element = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    if (in_section && depth == 2 && expect_element && c != ',' && c != ']') {
      if (element == index) return line;
      expect_element = false;
    }
    if (c == '"') {
      std::string value;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\')
          ++i;
        else if (text[i] == '\n')
          ++line;
        else
          value += text[i];
      }
      if (depth == 1) last_key = value;
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
      if (depth == 2 && c == '[' && last_key == section) {
        in_section = true;
        expect_element = true;
        element = 0;
      }
    } else if (c == '}' || c == ']') {
      if (depth == 2 && in_section) in_section = false;
      --depth;
    } else if (c == ',' && in_section && depth == 2) {
      ++element;
      expect_element = true;
    }
  }
  return 0;
}

JsonBundleFile open_json_bundle(const std::filesystem::path& path) {
  JsonBundleFile file{path, read_input_file(path), {}};
  const std::string name = path.string();
  file.document = parse_strict_json(file.text, name);
  if (!file.document.is_object())
    throw InputError::malformed(
        {name, 1, ""}, "expected a JSON object with sources, entities, relations and claims");
  bool any_section = false;
  for (auto section : {BundleSection::Sources, BundleSection::Entities, BundleSection::Relations,
                       BundleSection::Claims}) {
    const auto key = std::string(section_name(section));
    if (!file.document.contains(key)) continue;
    any_section = true;
    if (!file.document[key].is_array()) {
      throw InputError::malformed({name, line_of_json_key(file.text, key), key},
                                  "expected an array");
    }
  }
  if (!any_section)
    throw InputError::malformed(
        {name, 1, ""}, "not a flgraph bundle: none of sources, entities, relations, claims");
  return file;
}

void import_bundle_section(const JsonBundleFile& file, BundleSection section,
                           const graph::Store& store, ImportSession& session) {
  const auto key = std::string(section_name(section));
  if (!file.document.contains(key)) return;
  const auto& elements = file.document[key];
  Progress progress(fmt::format("{} {}", file.path.filename().string(), key), elements.size());
  for (std::size_t index = 0; index < elements.size(); ++index) {
    const RawRecord raw = to_raw(file, section, index, elements[index]);
    switch (section) {
      case BundleSection::Sources: {
        const auto source = parse_source(raw);
        session.add_source(raw, source);
        read_documents(file, index, elements[index], source.id, session);
        break;
      }
      case BundleSection::Entities: {
        const auto entity = parse_entity(raw);
        if (store.find_relation(entity.id)) {
          throw InputError::bad_value(
              raw.at("id"),
              "this entity id already names a relation; a claim on it would bind to the entity",
              entity.id);
        }
        session.add_entity(raw, entity);
        for (auto designation : raw.designations) {
          designation.entity = entity.id;
          session.add_designation(raw, designation, "designations");
        }
        break;
      }
      case BundleSection::Relations: {
        const auto relation = parse_relation(raw);
        if (store.find_entity(relation.id)) {
          throw InputError::bad_value(
              raw.at("id"),
              "this relation id already names an entity; a claim on it would bind to the "
              "entity",
              relation.id);
        }
        session.add_relation(raw, relation);
        break;
      }
      case BundleSection::Claims:
        session.add_claim(raw, parse_claim(raw));
        break;
    }
    if (index % 1024 == 0) progress.update(index);
  }
  progress.update(elements.size());
}

}  // namespace flgraph::importers
