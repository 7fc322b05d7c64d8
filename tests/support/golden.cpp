// tests/support/golden.cpp: golden-file comparison with a readable hint at the first difference.
#include "golden.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "test_support.h"

namespace flgraph::testing {
namespace {

bool update_requested() {
  const char* value = std::getenv(kUpdateGoldenVariable);
  return value != nullptr && std::string_view(value) == "1";
}

// Line `index` (0-based) of `text`, without its newline; nullopt past the end.
std::string_view line_at(std::string_view text, std::size_t index, bool& exists) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < index; ++i) {
    const auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
      exists = false;
      return {};
    }
    start = end + 1;
  }
  if (start >= text.size() && index > 0) {
    exists = false;
    return {};
  }
  exists = true;
  const auto end = text.find('\n', start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

// A line as the message shows it: cut to 200 bytes.
std::string shown(std::string_view line, bool exists) {
  if (!exists) return "(end of file)";
  if (line.size() <= 200) return fmt::format("\"{}\"", line);
  return fmt::format("\"{}\"... ({} bytes)", line.substr(0, 200), line.size());
}

}  // namespace

std::filesystem::path golden_actual(const std::string& name) {
  return std::filesystem::path(FLGRAPH_GOLDEN_ACTUAL) / name;
}

::testing::AssertionResult matches_golden(const std::string& name, const std::string& actual) {
  return matches_golden_file(golden(name), golden_actual(name), actual, update_requested());
}

::testing::AssertionResult matches_golden_file(const std::filesystem::path& golden_path,
                                               const std::filesystem::path& actual_path,
                                               const std::string& actual, bool update) {
  if (update) {
    std::filesystem::create_directories(golden_path.parent_path());
    if (!std::filesystem::exists(golden_path) || read_file(golden_path) != actual)
      write_file(golden_path, actual);
    return ::testing::AssertionSuccess() << "updated " << golden_path.string();
  }
  const bool present = std::filesystem::exists(golden_path);
  const std::string expected = present ? read_file(golden_path) : std::string();
  if (present && expected == actual) return ::testing::AssertionSuccess();
  std::filesystem::create_directories(actual_path.parent_path());
  write_file(actual_path, actual);
  auto failure = ::testing::AssertionFailure();
  if (!present) {
    failure << "no golden file " << golden_path.string() << "\n";
  } else {
    const auto mismatch =
        std::mismatch(expected.begin(), expected.end(), actual.begin(), actual.end());
    const auto offset = static_cast<std::size_t>(mismatch.first - expected.begin());
    const auto line = static_cast<std::size_t>(std::count(expected.begin(), mismatch.first, '\n'));
    bool expected_exists = false;
    bool actual_exists = false;
    const auto expected_line = line_at(expected, line, expected_exists);
    const auto actual_line = line_at(actual, line, actual_exists);
    failure << "output differs from golden file " << golden_path.string() << "\n"
            << "  first difference at line " << line + 1 << " (byte " << offset << "; expected "
            << expected.size() << " bytes, got " << actual.size() << ")\n"
            << "  expected: " << shown(expected_line, expected_exists) << "\n"
            << "  actual:   " << shown(actual_line, actual_exists) << "\n";
  }
  failure << "  actual output written to " << actual_path.string() << "\n"
          << "  compare: diff -u " << golden_path.string() << " " << actual_path.string() << "\n"
          << "  if the change is intended, regenerate: " << kUpdateGoldenCommand;
  return failure;
}

}  // namespace flgraph::testing
