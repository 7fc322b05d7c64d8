// importers/strict_json.cpp: the hardened JSON parse, and where in the text a refusal sits.
#include "importers/strict_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "graph/errors.h"

namespace flgraph::importers {
namespace {

using nlohmann::json;

std::size_t line_at_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// Where a structural problem sits, for error messages only (so a re-scan of the text is fine).
// Strings are skipped whole, so brackets and quotes inside them do not count.
struct TextScan {
  std::string_view text;
  std::size_t line = 1;
  std::size_t pos = 0;
  // Steps over the string starting at pos (a '"'), leaving pos on its closing quote.
  std::string skip_string() {
    std::string value;
    for (++pos; pos < text.size() && text[pos] != '"'; ++pos) {
      if (text[pos] == '\\')
        ++pos;
      else if (text[pos] == '\n')
        ++line;
      else
        value += text[pos];
    }
    return value;
  }
};

// Line where an array or object opens inside more than `max_depth` others; 0 if none does.
std::size_t line_past_depth(std::string_view text, int max_depth) {
  TextScan scan{text};
  int depth = 0;
  for (; scan.pos < text.size(); ++scan.pos) {
    const char c = text[scan.pos];
    if (c == '\n') {
      ++scan.line;
    } else if (c == '"') {
      scan.skip_string();
    } else if (c == '{' || c == '[') {
      if (depth > max_depth) return scan.line;
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return 0;
}

// Line of the first number literal `literal` outside strings; 1 if it is not found. nlohmann
// reports a number too large for a double ("1e999") without a position, only its text.
std::size_t line_of_number(std::string_view text, std::string_view literal) {
  TextScan scan{text};
  for (; scan.pos < text.size(); ++scan.pos) {
    const char c = text[scan.pos];
    if (c == '\n') {
      ++scan.line;
    } else if (c == '"') {
      scan.skip_string();
    } else if (!literal.empty() && text.substr(scan.pos, literal.size()) == literal) {
      return scan.line;
    }
  }
  return 1;
}

// Line of the first key an object names twice; 1 if none is found. Keys compare as written
// (escapes undecoded), which finds every duplicate that is not spelt two ways.
std::size_t line_of_duplicate_key(std::string_view text) {
  TextScan scan{text};
  std::vector<std::vector<std::string>> keys;  // per open object or array (arrays stay empty)
  std::vector<bool> is_object;
  for (; scan.pos < text.size(); ++scan.pos) {
    const char c = text[scan.pos];
    if (c == '\n') {
      ++scan.line;
    } else if (c == '"') {
      const std::size_t line = scan.line;
      auto value = scan.skip_string();
      const auto next = text.find_first_not_of(" \t\r\n", scan.pos + 1);
      if (next == std::string_view::npos || text[next] != ':' || is_object.empty() ||
          !is_object.back())
        continue;
      if (std::find(keys.back().begin(), keys.back().end(), value) != keys.back().end())
        return line;
      keys.back().push_back(std::move(value));
    } else if (c == '{' || c == '[') {
      keys.emplace_back();
      is_object.push_back(c == '{');
    } else if ((c == '}' || c == ']') && !keys.empty()) {
      keys.pop_back();
      is_object.pop_back();
    }
  }
  return 1;
}

// The literal quoted in nlohmann's "number overflow parsing '1e999'".
std::string_view overflowing_literal(std::string_view message) {
  const auto open = message.find('\'');
  const auto close = message.rfind('\'');
  return open == std::string_view::npos || close <= open
             ? std::string_view()
             : message.substr(open + 1, close - open - 1);
}

}  // namespace

json parse_strict_json(std::string_view text, const std::string& file, std::size_t first_line) {
  // Lines found by scanning `text` count from 1; the file's from first_line.
  auto at = [&](std::size_t line_in_text) { return first_line - 1 + line_in_text; };
  // An object opened at level L has its keys reported at level L + 1.
  std::vector<std::unordered_set<std::string>> keys_at_level(kMaxJsonDepth + 2);
  auto guard = [&](int level, json::parse_event_t event, json& parsed) {
    const bool opens =
        event == json::parse_event_t::object_start || event == json::parse_event_t::array_start;
    if (opens && level > kMaxJsonDepth) {
      throw InputError::malformed({file, at(line_past_depth(text, kMaxJsonDepth)), ""},
                                  fmt::format("nested deeper than {} levels", kMaxJsonDepth));
    }
    if (event == json::parse_event_t::object_start) {
      keys_at_level[static_cast<std::size_t>(level) + 1].clear();
    } else if (event == json::parse_event_t::key) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!keys_at_level[static_cast<std::size_t>(level)].insert(key).second) {
        throw InputError::bad_value({file, at(line_of_duplicate_key(text)), key},
                                    "key named twice in one object", key);
      }
    }
    return true;
  };
  try {
    return json::parse(text, guard);
  } catch (const json::parse_error& error) {
    const std::size_t line = at(line_at_offset(text, error.byte > 0 ? error.byte - 1 : 0));
    std::string what = error.what();
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: "
    if (auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    throw InputError::malformed({file, line, ""}, fmt::format("invalid JSON: {}", what));
  } catch (const json::out_of_range& error) {
    const auto literal = overflowing_literal(error.what());
    throw InputError::bad_value({file, at(line_of_number(text, literal)), ""},
                                "invalid JSON: number out of range", literal);
  }
}

std::size_t line_of_json_key(std::string_view text, std::string_view key) {
  TextScan scan{text};
  int depth = 0;
  for (; scan.pos < text.size(); ++scan.pos) {
    const char c = text[scan.pos];
    if (c == '\n') {
      ++scan.line;
    } else if (c == '"') {
      const std::size_t line = scan.line;
      const bool is_key = scan.skip_string() == key && depth == 1;
      const auto next = text.find_first_not_of(" \t\r\n", scan.pos + 1);
      if (is_key && next != std::string_view::npos && text[next] == ':') return line;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return 1;
}

}  // namespace flgraph::importers
