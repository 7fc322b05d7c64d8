// viz/bundle_verify.h: `flgraph verify DIR`: is the evidence bundle as it was written (integrity),
// and what do its facts rest on (sourcing)? Only integrity decides whether it fails.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "viz/safe_output.h"

namespace flgraph::viz {

// Attached documents sit in this subfolder, each named by the SHA-256 of its bytes, and are listed
// in bundle.json under their source as "documents": [{"sha256": ...}].
inline constexpr const char* kBundleDocuments = kDocumentsSubfolder;  // viz/safe_output.h

struct BundleCheck {
  std::vector<std::string> problems;  // integrity only; each names the failing file
  std::size_t files = 0;              // files whose hash matched
  nlohmann::json sourcing;            // sourcing_report of bundle.json when intact, else null
  bool intact() const { return problems.empty(); }
};

// Integrity: MANIFEST.sha256 lists every file (bundle.json, diagram.svg, INDEX.md and any
// documents/<name>) with a matching hash and nothing else is present; a document named by a
// SHA-256 hashes to its name; bundle.json parses as a bundle, and every document it lists is
// there.
BundleCheck verify_bundle(const std::filesystem::path& folder);

// What `verify` exits with.
inline constexpr int kVerifyIntact = 0;
inline constexpr int kVerifyBroken = 1;        // tampered, incomplete or unreadable
inline constexpr int kVerifySourcingGaps = 2;  // intact, but --require-sources and a gap

// {"folder", "integrity": {"intact", "files", "problems"}, "sourcing": report or null,
//  "require_sources", "exit_code"}
nlohmann::json verify_report(const std::filesystem::path& folder, const BundleCheck& check,
                             bool require_sources);
// For standard output: the intact line and the sourcing report; empty when broken.
std::string verify_text(const nlohmann::json& report);
// For standard error: one line per problem and the verdict, or the --require-sources refusal.
std::string verify_errors_text(const nlohmann::json& report);

}  // namespace flgraph::viz
