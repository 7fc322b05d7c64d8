// importers/ftm_reader.cpp: the JSON lines of an FtM export, checked and merged by id.
#include "importers/ftm_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "custody/sha256.h"
#include "graph/errors.h"
#include "importers/input_file.h"
#include "importers/sanctions_rules.h"
#include "importers/strict_json.h"

namespace flgraph::importers {
namespace {

using nlohmann::json;

// One line's object checked: an id and a schema, and properties as lists of strings.
FtmRecord record_of(const json& object, const std::string& name, std::size_t line) {
  if (!object.is_object()) {
    throw InputError::malformed({name, line, ""},
                                "expected one JSON object per line, as {\"id\", \"schema\", "
                                "\"properties\"}");
  }
  FtmRecord record;
  record.line = line;
  for (const char* key : {"id", "schema"}) {
    const auto found = object.find(key);
    if (found == object.end()) {
      throw InputError::malformed({name, line, key},
                                  "missing; every FollowTheMoney entity has an id and a schema");
    }
    if (!found->is_string() || found->get<std::string>().empty()) {
      throw InputError::bad_value({name, line, key}, "expected a non-empty string", found->dump());
    }
    (std::string_view(key) == "id" ? record.id : record.schema) = found->get<std::string>();
  }
  if (record.id.size() > kMaxIdBytes || record.id.front() == ' ' || record.id.back() == ' ') {
    throw InputError::bad_value(
        {name, line, "id"},
        fmt::format("ids are at most {} bytes, without spaces at either end", kMaxIdBytes),
        record.id);
  }
  record.properties = json::object();
  if (auto found = object.find("properties"); found != object.end() && !found->is_null()) {
    if (!found->is_object()) {
      throw InputError::malformed({name, line, "properties"}, "expected an object of value lists");
    }
    for (const auto& [property, values] : found->items()) {
      json list = json::array();
      const json items = values.is_array() ? values : json::array({values});
      for (const auto& value : items) {
        if (value.is_string()) {
          list.push_back(value);
        } else if (value.is_number() || value.is_boolean()) {
          list.push_back(value.dump());
        } else if (value.is_object() && value.contains("id") && value["id"].is_string()) {
          list.push_back(value["id"]);  // a nested entity stands for its id
        } else {
          throw InputError::bad_value({name, line, "properties." + property},
                                      "expected a list of strings", value.dump());
        }
      }
      record.properties[property] = std::move(list);
    }
  }
  record.meta = json::object();
  for (const auto& [key, value] : object.items()) {
    if (key != "id" && key != "schema" && key != "properties") record.meta[key] = value;
  }
  return record;
}

}  // namespace

FtmFile open_ftm(const std::filesystem::path& path) {
  FtmFile file;
  file.path = path;
  const std::string name = path.string();
  const std::string text = read_input_file(path);
  file.sha256 = custody::sha256_hex(text);
  std::unordered_map<std::string, std::size_t> index;
  // Per record merged from fragments: property -> the values it holds.
  std::unordered_map<std::size_t, std::unordered_map<std::string, std::unordered_set<std::string>>>
      merged_values;
  std::size_t line = 0;
  for (std::size_t start = 0; start < text.size();) {
    ++line;
    const auto end = std::min(text.find('\n', start), text.size());
    const std::string_view content = trim(std::string_view(text).substr(start, end - start));
    start = end + 1;
    if (content.empty()) continue;
    FtmRecord record = record_of(parse_strict_json(content, name, line), name, line);
    if (auto [it, inserted] = index.emplace(record.id, file.records.size()); !inserted) {
      // Exports may split one entity over several lines (fragments): merge their values.
      auto& kept = file.records[it->second];
      if (kept.schema != record.schema) {
        throw InputError::bad_value(
            {name, line, "schema"},
            fmt::format("id {} is a {} on line {}", quote_for_message(record.id), kept.schema,
                        kept.line),
            record.schema);
      }
      // The values each merged property already holds, as a set: fragments may be many and long.
      auto& known = merged_values[it->second];
      for (const auto& [property, values] : record.properties.items()) {
        auto& merged = kept.properties[property];
        if (merged.is_null()) merged = json::array();
        auto [seen, is_new] = known.try_emplace(property);
        if (is_new) {
          for (const auto& value : merged) seen->second.insert(value.get<std::string>());
        }
        for (const auto& value : values) {
          if (seen->second.insert(value.get<std::string>()).second) merged.push_back(value);
        }
      }
      continue;
    }
    file.records.push_back(std::move(record));
  }
  if (file.records.empty())
    throw InputError::malformed({name, 0, ""}, "no FollowTheMoney entities");
  return file;
}

}  // namespace flgraph::importers
