// tests/support/golden.h: comparing an output with its golden file in tests/golden/, byte for byte.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace flgraph::testing {

// The environment variable that turns every golden comparison into a rewrite of the golden file.
inline constexpr const char* kUpdateGoldenVariable = "FLGRAPH_UPDATE_GOLDEN";
// The command that regenerates every golden file on purpose (tests/golden/README.md).
inline constexpr const char* kUpdateGoldenCommand =
    "FLGRAPH_UPDATE_GOLDEN=1 ctest --test-dir build/ci -L golden";

// Where a differing output is written: the build folder's golden-actual/NAME.
std::filesystem::path golden_actual(const std::string& name);

// Success when `actual` equals tests/golden/NAME byte for byte. Otherwise the failure names the
// first differing line (expected and actual), and the path where `actual` was written to diff
// against the golden file. With FLGRAPH_UPDATE_GOLDEN=1 the golden file is rewritten instead.
::testing::AssertionResult matches_golden(const std::string& name, const std::string& actual);

// The same comparison between explicit files (the golden file, and where a differing output goes).
::testing::AssertionResult matches_golden_file(const std::filesystem::path& golden_path,
                                               const std::filesystem::path& actual_path,
                                               const std::string& actual, bool update);

}  // namespace flgraph::testing
