// tests/resolve/shared_lists.h: one store per test binary holding the real OFAC (2024-05-03) and UN
// (2026-02-27) DPRK entries of the shared data folder.
#pragma once
#include <filesystem>

namespace flgraph::testing {

// The database, imported on first use (DPRK scope only); removed when the binary exits.
const std::filesystem::path& shared_lists_database();

}  // namespace flgraph::testing
