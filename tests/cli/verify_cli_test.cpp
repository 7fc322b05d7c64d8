// tests/cli/verify_cli_test.cpp: `verify` fails a tampered bundle (exit 1, naming the file) and
// only reports the sourcing gaps of an honest one, unless --require-sources (exit 2).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "custody/sha256.h"
#include "test_support.h"

namespace flgraph::testing {
namespace {

using nlohmann::json;

// The sample, with gaps an honest database can have: two trace relations lose their claims, and
// Harbor's annual report is graded E, so the relations resting on it alone rest on E only.
void write_sample_with_gaps(const std::filesystem::path& folder) {
  std::filesystem::copy(sample_dataset(), folder, std::filesystem::copy_options::recursive);
  std::string claims;
  std::istringstream lines(read_file(folder / "claims.csv"));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("e-cn-02,", 0) != 0 && line.rfind("e-su-01,", 0) != 0) claims += line + "\n";
  }
  write_file(folder / "claims.csv", claims);
  std::string sources = read_file(folder / "sources.csv");
  const std::string graded_a = "annual-report-2022,,report,A,public";
  ASSERT_NE(sources.find(graded_a), std::string::npos);
  sources.replace(sources.find(graded_a), graded_a.size(), "annual-report-2022,,report,E,public");
  write_file(folder / "sources.csv", sources);
}

class VerifyCli : public ::testing::Test {
 protected:
  void SetUp() override {
    write_sample_with_gaps(dir_ / "data");
    db_ = (dir_ / "gaps.db").string();
    auto result = run_flgraph({"--db", db_, "import", (dir_ / "data").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    bundle_ = dir_ / "bundle";
    result = export_bundle(bundle_);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    export_out_ = result.out;
  }

  CommandResult export_bundle(const std::filesystem::path& folder, bool as_json = false) const {
    std::vector<std::string> args = {
        "--db",       db_, "export",  "--format",   "bundle", "--trace-from", "co-harbor-retail",
        "--max-hops", "5", "--as-of", "2024-05-01", "-o",     folder.string()};
    if (as_json) args.push_back("--json");
    return run_flgraph(args);
  }

  CommandResult verify(std::vector<std::string> extra = {}) const {
    extra.insert(extra.begin(), {"verify", bundle_.string()});
    return run_flgraph(extra);
  }

  // Every file of the bundle but the manifest, by its name in the manifest.
  std::vector<std::string> listed_files() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(bundle_)) {
      const auto name = std::filesystem::relative(entry.path(), bundle_).string();
      if (entry.is_regular_file() && name != "MANIFEST.sha256") names.push_back(name);
    }
    EXPECT_GE(names.size(), 3u);
    return names;
  }

  // Writes a file and keeps the manifest consistent with it, as a careful forger would.
  void write_listed(const std::string& name, const std::string& bytes) const {
    std::filesystem::create_directories((bundle_ / name).parent_path());
    write_file(bundle_ / name, bytes);
    std::string manifest = read_file(bundle_ / "MANIFEST.sha256");
    const auto at = manifest.find("  " + name + "\n");
    if (at == std::string::npos) {
      manifest += custody::sha256_hex(bytes) + "  " + name + "\n";
    } else {
      manifest.replace(at - 64, 64, custody::sha256_hex(bytes));
    }
    write_file(bundle_ / "MANIFEST.sha256", manifest);
  }

  // A document as the export will attach one: documents/<sha256>, named in bundle.json under its
  // source; with_file false leaves the file out.
  std::string attach_document(const std::string& bytes, bool with_file = true) const {
    const std::string hash = custody::sha256_hex(bytes);
    auto bundle = json::parse(read_file(bundle_ / "bundle.json"));
    bundle["sources"][0]["documents"] =
        json::array({{{"sha256", hash}, {"media_type", "text/plain"}}});
    write_listed("bundle.json", bundle.dump(2) + "\n");
    if (with_file) write_listed("documents/" + hash, bytes);
    return hash;
  }

  static void expect_broken_naming(const CommandResult& result, const std::string& named,
                                   const std::string& what) {
    EXPECT_EQ(result.exit_code, 1) << what;
    EXPECT_NE(result.err.find("flgraph: verify: " + named + ": "), std::string::npos)
        << what << "\n"
        << result.err;
    EXPECT_NE(result.err.find("FAILED"), std::string::npos) << what;
    EXPECT_EQ(result.out, "")
        << what;  // no sourcing report on a bundle that is not what was written
  }

  TempDir dir_;
  std::string db_;
  std::filesystem::path bundle_;
  std::string export_out_;
};

TEST_F(VerifyCli, AnHonestBundleWithGapsIsIntactAndReportsThem) {
  const auto result = verify();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_NE(result.out.find("OK, intact: 3 files match the manifest"), std::string::npos)
      << result.out;
  EXPECT_NE(
      result.out.find(
          "  on no source in the bundle:\n    relation \"e-cn-02\"\n    relation \"e-su-01\"\n"),
      std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("  only on sources graded E or F:\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("relation \"e-su-04\""), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  only on protected sources:\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("relation \"e-doc-03\""), std::string::npos) << result.out;
}

TEST_F(VerifyCli, RequireSourcesTurnsTheGapsOfAnIntactBundleIntoExitTwo) {
  const auto result = verify({"--require-sources"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.out.find("OK, intact"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("sourcing gaps (--require-sources)"), std::string::npos) << result.err;
  // Tampering stays exit 1 with the flag.
  write_file(bundle_ / "notes.txt", "x");
  expect_broken_naming(verify({"--require-sources"}), "notes.txt", "added file");
}

TEST_F(VerifyCli, ExportPrintsTheSourcingSummaryVerifyPrintsAndIndexListsTheUnsourcedFacts) {
  const auto verified = verify();
  const auto summary = verified.out.substr(verified.out.find("sourcing: "));
  EXPECT_EQ(export_out_, "wrote " + bundle_.string() + "\n" + summary);
  const auto index = read_file(bundle_ / "INDEX.md");
  const auto unsourced =
      index.substr(index.find("## Facts without a claim on a source in this bundle"));
  EXPECT_NE(unsourced.find("relation `e-cn-02`"), std::string::npos) << unsourced;
  EXPECT_NE(unsourced.find("relation `e-su-01`"), std::string::npos) << unsourced;

  const auto exported = export_bundle(dir_ / "again", /*as_json=*/true);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto verified_json = json::parse(verify({"--json"}).out);
  EXPECT_EQ(json::parse(exported.out)["sourcing"], verified_json["sourcing"]);
  EXPECT_EQ(run_flgraph({"--db", db_, "export", "--format", "json", "--json"}).exit_code, 2);
}

TEST_F(VerifyCli, JsonHasSeparateIntegrityAndSourcingParts) {
  auto result = verify({"--json"});
  EXPECT_EQ(result.exit_code, 0);
  auto report = json::parse(result.out);
  EXPECT_EQ(report["integrity"], json::parse(R"({"intact": true, "files": 3, "problems": []})"));
  EXPECT_EQ(report["exit_code"], 0);
  EXPECT_EQ(
      report["sourcing"]["no_source"],
      json::parse(
          R"([{"kind": "relation", "id": "e-cn-02"}, {"kind": "relation", "id": "e-su-01"}])"));
  EXPECT_FALSE(report["sourcing"]["only_graded_e_or_f"].empty());
  EXPECT_FALSE(report["sourcing"]["only_protected"].empty());
  EXPECT_GT(report["sourcing"]["facts"], report["sourcing"]["gaps"]);

  result = verify({"--json", "--require-sources"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(json::parse(result.out)["exit_code"], 2);

  std::filesystem::remove(bundle_ / "diagram.svg");
  result = verify({"--json", "--require-sources"});
  EXPECT_EQ(result.exit_code, 1);
  report = json::parse(result.out);
  EXPECT_FALSE(report["integrity"]["intact"]);
  EXPECT_EQ(
      report["integrity"]["problems"],
      json::array({"diagram.svg: listed in MANIFEST.sha256 but missing (or not a regular file)"}));
  EXPECT_TRUE(report["sourcing"].is_null());
  EXPECT_EQ(report["exit_code"], 1);
}

TEST_F(VerifyCli, AChangedByteInAnyFileFailsNamingIt) {
  attach_document("a scanned bill of lading\n");
  ASSERT_EQ(verify().exit_code, 0);
  const auto files = listed_files();
  ASSERT_EQ(files.size(), 4u);
  for (const auto& name : files) {
    const std::string original = read_file(bundle_ / name);
    std::string changed = original;
    changed[changed.size() / 2] = static_cast<char>(changed[changed.size() / 2] ^ 1);
    write_file(bundle_ / name, changed);
    expect_broken_naming(verify(), name, "changed " + name);
    write_file(bundle_ / name, original);
  }
  // In the manifest, a changed hash names the file it is for.
  const std::string manifest = read_file(bundle_ / "MANIFEST.sha256");
  for (const auto& name : files) {
    std::string changed = manifest;
    const auto at = changed.find("  " + name + "\n") - 1;
    changed[at] = changed[at] == '0' ? '1' : '0';
    write_file(bundle_ / "MANIFEST.sha256", changed);
    expect_broken_naming(verify(), name, "manifest hash of " + name);
  }
}

TEST_F(VerifyCli, ARemovedFileFailsNamingIt) {
  for (const auto& name : listed_files()) {
    const std::string original = read_file(bundle_ / name);
    std::filesystem::remove(bundle_ / name);
    expect_broken_naming(verify(), name, "removed " + name);
    write_file(bundle_ / name, original);
  }
  std::filesystem::remove(bundle_ / "MANIFEST.sha256");
  expect_broken_naming(verify(), "MANIFEST.sha256", "removed manifest");
}

TEST_F(VerifyCli, AnAddedFileFailsNamingIt) {
  write_file(bundle_ / "notes.txt", "x");
  expect_broken_naming(verify(), "notes.txt", "added at the top");
  std::filesystem::remove(bundle_ / "notes.txt");
  std::filesystem::create_directories(bundle_ / "documents");
  write_file(bundle_ / "documents" / "extra.pdf", "x");
  expect_broken_naming(verify(), "documents/extra.pdf", "added under documents/");
}

TEST_F(VerifyCli, AManifestLineRemovedFailsNamingTheFile) {
  const std::string manifest = read_file(bundle_ / "MANIFEST.sha256");
  for (const auto& name : listed_files()) {
    std::string changed = manifest;
    const auto end = changed.find("  " + name + "\n");
    const auto start = changed.rfind('\n', end) + 1;
    changed.erase(start, end + name.size() + 3 - start);
    write_file(bundle_ / "MANIFEST.sha256", changed);
    const auto result = verify();
    expect_broken_naming(result, name, "manifest line of " + name);
    EXPECT_NE(result.err.find(name + ": not listed in MANIFEST.sha256"), std::string::npos)
        << result.err;
  }
}

TEST_F(VerifyCli, ADocumentIsCheckedAgainstItsOwnNameEvenWhenTheManifestAgrees) {
  const std::string hash = attach_document("the original document\n", /*with_file=*/false);
  auto result = verify();
  EXPECT_EQ(result.exit_code, 1);  // listed in bundle.json, not yet in the folder
  EXPECT_NE(result.err.find("documents/" + hash + ": listed in bundle.json (source \""),
            std::string::npos)
      << result.err;
  write_listed("documents/" + hash, "the original document\n");
  result = verify();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("4 files match"), std::string::npos) << result.out;

  // Swapped for other bytes, with the manifest rewritten to match them.
  write_listed("documents/" + hash, "a forged document\n");
  result = verify();
  expect_broken_naming(result, "documents/" + hash, "swapped document");
  EXPECT_NE(result.err.find("SHA-256 does not match its name"), std::string::npos) << result.err;
}

TEST_F(VerifyCli, ADocumentNoSourceListsIsNotPartOfTheBundle) {
  // Consistent with the manifest and with its own name, but without a custody record.
  const std::string bytes = "a document slipped in later\n";
  write_listed("documents/" + custody::sha256_hex(bytes), bytes);
  const auto result = verify();
  expect_broken_naming(result, "documents/" + custody::sha256_hex(bytes), "unlisted document");
  EXPECT_NE(result.err.find("no source in bundle.json lists it"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace flgraph::testing
