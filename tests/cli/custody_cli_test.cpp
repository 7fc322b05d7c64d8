// tests/cli/custody_cli_test.cpp: `attach` takes a document into custody: hashed as it is copied,
// kept unchanged under its hash beside the database, recorded with who and when, refused when it
// contradicts the source, never written outside its folder, sealed when the source is protected.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "test_support.h"

namespace flgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A source of the sample that records no SHA-256, and one that does.
constexpr const char* kOpenSource = "src-construction-report";
constexpr const char* kHashedSource = "src-ngo-report-2021";
constexpr const char* kPdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

std::int64_t count_rows(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr);
  const std::int64_t count =
      sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return count;
}

std::vector<std::string> files_under(const fs::path& folder) {
  std::vector<std::string> names;
  if (!fs::exists(folder)) return names;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) names.push_back(fs::relative(entry.path(), folder).string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class Custody : public ::testing::Test {
 protected:
  void SetUp() override { import_sample(db_); }

  CommandResult attach(const std::string& source, const fs::path& file,
                       std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--db", db_.string(),  "attach",
                                     source, file.string(), "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_flgraph(args);
  }
  fs::path documents() const { return fs::path(db_.string() + ".documents"); }

  TempDir dir_;
  fs::path db_ = dir_ / "evidence.db";
};

TEST_F(Custody, AttachKeepsTheBytesUnderTheirHashWithWhoAndWhen) {
  const auto file = dir_ / "ruling.pdf";
  write_file(file, kPdf);
  const auto attached =
      attach(kOpenSource, file, {"--by", "Investigator A", "--note", "court registry copy"});
  ASSERT_EQ(attached.exit_code, 0) << attached.err;
  const auto report = json::parse(attached.out);
  const std::string hash = file_sha256(file);
  EXPECT_EQ(report["sha256"], hash);
  EXPECT_EQ(report["size"], std::string(kPdf).size());
  EXPECT_EQ(report["media_type"], "application/pdf");
  EXPECT_EQ(report["original_name"], "ruling.pdf");
  EXPECT_EQ(report["attached_by"], "Investigator A");
  EXPECT_EQ(report["version"], 1);
  EXPECT_FALSE(report["already_held"].get<bool>());
  EXPECT_EQ(report["attached_at"].get<std::string>().size(),
            std::string("2026-12-05T10:00:00Z").size());
  EXPECT_EQ(read_file(documents() / hash), kPdf);
  EXPECT_EQ(fs::status(documents() / hash).permissions() & fs::perms::owner_write, fs::perms::none);

  const auto shown = run_flgraph({"--db", db_.string(), "show", kOpenSource, "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto page = json::parse(shown.out);
  ASSERT_EQ(page["documents"].size(), 1u);
  EXPECT_EQ(page["documents"][0]["sha256"], hash);
  EXPECT_EQ(page["documents"][0]["note"], "court registry copy");
  const auto text = run_flgraph({"--db", db_.string(), "show", kOpenSource});
  EXPECT_NE(text.out.find("documents in custody (1)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(hash), std::string::npos);
}

TEST_F(Custody, MediaTypeIsToldByContentNotByName) {
  const auto file = dir_ / "looks-like-text.txt";
  write_file(file, kPdf);
  const auto attached = attach(kOpenSource, file);
  ASSERT_EQ(attached.exit_code, 0) << attached.err;
  EXPECT_EQ(json::parse(attached.out)["media_type"], "application/pdf");
}

TEST_F(Custody, SameBytesAgainChangeNothingAndADifferentFileIsANewVersion) {
  const auto first = dir_ / "first.txt";
  write_file(first, "first extract\n");
  ASSERT_EQ(attach(kOpenSource, first).exit_code, 0);
  const auto before = file_sha256(db_);
  const auto again = attach(kOpenSource, first);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(json::parse(again.out)["already_held"].get<bool>());
  EXPECT_EQ(file_sha256(db_), before);
  EXPECT_EQ(count_rows(db_, "SELECT count(*) FROM audit WHERE command = 'attach'"), 1);

  const auto second = dir_ / "second.txt";
  write_file(second, "second, corrected extract\n");
  const auto newer = attach(kOpenSource, second);
  ASSERT_EQ(newer.exit_code, 0) << newer.err;
  EXPECT_EQ(json::parse(newer.out)["version"], 2);
  EXPECT_EQ(read_file(documents() / file_sha256(first)), "first extract\n");  // the old one stays
  EXPECT_EQ(files_under(documents()).size(), 2u);
  EXPECT_EQ(count_rows(db_, "SELECT count(*) FROM document"), 2);
}

TEST_F(Custody, BytesContradictingTheSourcesRecordedHashAreRefused) {
  const auto file = dir_ / "not-the-report.pdf";
  write_file(file, kPdf);
  const auto before = file_sha256(db_);
  const auto refused = attach(kHashedSource, file);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("not-the-report.pdf"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("nothing was attached"), std::string::npos) << refused.err;
  EXPECT_EQ(file_sha256(db_), before);
  EXPECT_TRUE(files_under(documents()).empty());
}

TEST_F(Custody, MissingFilesFoldersAndUnknownSourcesAreRefusedByName) {
  const auto before = file_sha256(db_);
  const auto missing = attach(kOpenSource, dir_ / "no-such-file.pdf");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no-such-file.pdf\": no such file"), std::string::npos) << missing.err;
  const auto folder = attach(kOpenSource, dir_.path());
  EXPECT_EQ(folder.exit_code, 1);
  EXPECT_NE(folder.err.find("not a regular file"), std::string::npos) << folder.err;
  const auto file = dir_ / "a.txt";
  write_file(file, "a\n");
  const auto unknown = attach("src-nobody-wrote-this", file);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("src-nobody-wrote-this"), std::string::npos) << unknown.err;
  EXPECT_EQ(file_sha256(db_), before);
  EXPECT_TRUE(files_under(documents()).empty());
}

TEST_F(Custody, HostileFileNamesNeverLeaveTheDocumentFolder) {
  fs::create_directories(dir_ / "inbox" / "deeper");
  const std::vector<std::pair<fs::path, std::string>> hostile = {
      {dir_ / "inbox" / "deeper" / ".." / ".." / "escape.txt", "escape.txt"},
      {fs::absolute(dir_ / "inbox" / "abs.txt"), "abs.txt"},
      {dir_ / "inbox" / "bell\a\x1b[31mred\ttab.txt", "bell\a\x1b[31mred\ttab.txt"},
      {dir_ / "inbox" / std::string(251, 'n').append(".txt"), std::string(251, 'n').append(".txt")},
  };
  int n = 0;
  for (const auto& [path, name] : hostile) {
    write_file(path, "hostile " + std::to_string(++n) + "\n");
    const auto attached = attach(kOpenSource, path);
    ASSERT_EQ(attached.exit_code, 0) << path << attached.err;
    EXPECT_EQ(json::parse(attached.out)["original_name"], name);
  }
  // Only the content-addressed copies, named by their hash, and nothing beside the database.
  for (const auto& stored : files_under(documents())) EXPECT_EQ(stored.size(), 64u) << stored;
  EXPECT_EQ(files_under(documents()).size(), hostile.size());
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    const auto name = entry.path().filename().string();
    EXPECT_TRUE(name.rfind("evidence.db", 0) == 0 || name == "inbox" || name == "escape.txt")
        << name;
  }
  const auto text = run_flgraph({"--db", db_.string(), "show", kOpenSource});
  EXPECT_EQ(text.out.find('\x1b'), std::string::npos)
      << "a terminal escape from a file name reached the screen";
}

TEST_F(Custody, AFileChangingWhileReadIsRecordedAsStored) {
  const auto file = dir_ / "growing.bin";
  write_file(file, std::string(32 << 20, 'x'));
  std::atomic<bool> done{false};
  std::thread writer([&] {
    std::ofstream out(file, std::ios::binary | std::ios::app);
    for (int chunks = 0; !done && chunks < 256; ++chunks) {  // at most 16 MiB more
      out << std::string(1 << 16, 'y');
      out.flush();
    }
  });
  const auto attached = attach(kOpenSource, file);
  done = true;
  writer.join();
  ASSERT_EQ(attached.exit_code, 0) << attached.err;
  const auto report = json::parse(attached.out);
  const auto stored = documents() / report["sha256"].get<std::string>();
  EXPECT_EQ(file_sha256(stored), report["sha256"]);
  EXPECT_EQ(static_cast<std::int64_t>(fs::file_size(stored)), report["size"].get<std::int64_t>());
}

TEST_F(Custody, AProtectedSourcesDocumentIsSealedAndNeedsTheKey) {
  // A protected source that records no hash, imported beside the sample.
  const auto extra = dir_ / "extra";
  fs::create_directories(extra);
  write_file(extra / "sources.csv",
             "id,title,publisher,published_on,url,sha256,kind,reliability,access\n"
             "src-witness-notes,Interview notes,Field team,2020-01-01,,,testimony,B,protected\n");
  const auto imported = run_flgraph({"--db", db_.string(), "import", extra.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto file = dir_ / "interview.txt";
  write_file(file, "statement of CANARYDOCUMENTWITNESS, worked at the plant 2018\n");
  {
    WithoutKey locked;
    const auto refused = attach("src-witness-notes", file);
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_TRUE(files_under(documents()).empty());
  }
  const auto attached = attach("src-witness-notes", file, {"--note", "CANARYDOCUMENTNOTE"});
  ASSERT_EQ(attached.exit_code, 0) << attached.err;
  const auto report = json::parse(attached.out);
  EXPECT_TRUE(report["sealed"].get<bool>());
  EXPECT_FALSE(report.contains("sha256"));
  const auto pseudonym = report["source"].get<std::string>();
  EXPECT_EQ(pseudonym.rfind("W-", 0), 0u) << pseudonym;
  ASSERT_EQ(attach("src-witness-notes", file).exit_code, 0);
  EXPECT_EQ(count_rows(db_, "SELECT count(*) FROM document"),
            1);  // the same bytes, found by their keyed tag

  const auto stored = files_under(documents());
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].rfind("sealed/", 0), 0u);
  for (const auto& entry : fs::recursive_directory_iterator(dir_.path())) {
    if (!entry.is_regular_file() || entry.path() == file) continue;
    const auto bytes = read_file(entry.path());
    EXPECT_EQ(bytes.find("CANARYDOCUMENT"), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find(file_sha256(file)), std::string::npos) << entry.path();
  }
  // Revealing the source is logged under its pseudonym: the real id never reaches the file.
  const auto revealed =
      run_flgraph({"--db", db_.string(), "show", "src-witness-notes", "--reveal-protected"});
  ASSERT_EQ(revealed.exit_code, 0) << revealed.err;
  EXPECT_NE(revealed.out.find("Interview notes"), std::string::npos) << revealed.out;
  EXPECT_EQ(count_rows(db_, "SELECT count(*) FROM audit WHERE selection = '" + pseudonym + "'"), 1);
  for (const auto& on_disk : {db_, fs::path(db_.string() + "-wal")}) {
    if (fs::exists(on_disk)) {
      EXPECT_EQ(read_file(on_disk).find("src-witness-notes"), std::string::npos) << on_disk;
    }
  }

  const auto shown = run_flgraph({"--db", db_.string(), "show", pseudonym, "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto page = json::parse(shown.out);
  ASSERT_EQ(page["documents"].size(), 1u);
  EXPECT_TRUE(page["documents"][0]["sealed"].get<bool>());
  EXPECT_EQ(shown.out.find("interview.txt"), std::string::npos);

  // Never in a bundle, not even when the protected source is named.
  for (const bool reveal : {false, true}) {
    const auto bundle = dir_ / (reveal ? "revealed-bundle" : "bundle");
    std::vector<std::string> args = {"--db",   db_.string(),       "export", "--format",
                                     "bundle", "--with-documents", "-o",     bundle.string()};
    if (reveal) args.push_back("--reveal-protected");
    const auto exported = run_flgraph(args);
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_FALSE(fs::exists(bundle / "documents"));
    for (const auto& name : files_under(bundle)) {
      const auto bytes = read_file(bundle / name);
      EXPECT_EQ(bytes.find("CANARYDOCUMENT"), std::string::npos) << name;
      EXPECT_EQ(bytes.find(file_sha256(file)), std::string::npos) << name;
      EXPECT_EQ(bytes.find("interview.txt"), std::string::npos) << name;
    }
  }
}

TEST_F(Custody, BundlesCarryDocumentsThatVerifyAndImportBackIntoCustody) {
  const auto file = dir_ / "crew-list.pdf";
  write_file(file, kPdf);
  ASSERT_EQ(
      attach(kOpenSource, file, {"--by", "Investigator A", "--note", "obtained 2024"}).exit_code,
      0);
  const auto first = dir_ / "first";
  const auto second = dir_ / "second";
  for (const auto& bundle : {first, second}) {
    const auto exported = run_flgraph({"--db", db_.string(), "export", "--format", "bundle",
                                       "--with-documents", "-o", bundle.string()});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
  }
  const std::string hash = file_sha256(file);
  EXPECT_EQ(read_file(first / "documents" / hash), kPdf);
  EXPECT_NE(read_file(first / "MANIFEST.sha256").find(hash + "  documents/" + hash),
            std::string::npos);
  EXPECT_NE(read_file(first / "INDEX.md").find("crew-list.pdf"), std::string::npos);
  EXPECT_EQ(files_under(first), files_under(second));
  for (const auto& name : files_under(first))
    EXPECT_EQ(read_file(first / name), read_file(second / name)) << name;
  const auto verified = run_flgraph({"verify", first.string()});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;

  // Imported elsewhere, the document is in custody again with its first custody record.
  const auto elsewhere = dir_ / "elsewhere.db";
  const auto imported =
      run_flgraph({"--db", elsewhere.string(), "import", (first / "bundle.json").string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("documents             1 new in custody"), std::string::npos)
      << imported.out;
  EXPECT_EQ(read_file(fs::path(elsewhere.string() + ".documents") / hash), kPdf);
  const auto shown = run_flgraph({"--db", elsewhere.string(), "show", kOpenSource, "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto documents = json::parse(shown.out)["documents"];
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0]["original_name"], "crew-list.pdf");
  EXPECT_EQ(documents[0]["attached_by"], "Investigator A");
  EXPECT_EQ(documents[0]["note"], "obtained 2024");

  // A swapped document is bad input: named, refused, nothing written.
  fs::permissions(second / "documents" / hash, fs::perms::owner_write, fs::perm_options::add);
  write_file(second / "documents" / hash, "%PDF-1.4 a different paper\n");
  const auto before = file_sha256(elsewhere);
  const auto refused =
      run_flgraph({"--db", elsewhere.string(), "import", (second / "bundle.json").string()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("documents[0].sha256"), std::string::npos) << refused.err;
  EXPECT_EQ(file_sha256(elsewhere), before);
  const auto tampered = run_flgraph({"verify", second.string()});
  EXPECT_EQ(tampered.exit_code, 1);
  EXPECT_NE(tampered.err.find(hash), std::string::npos) << tampered.err;
}

TEST_F(Custody, AFileFoundUnderTheHashNameIsCheckedNotTrusted) {
  const auto file = dir_ / "extract.txt";
  write_file(file, "the registry extract\n");
  const std::string hash = file_sha256(file);
  fs::create_directories(documents());
  write_file(documents() / hash, "planted bytes\n");  // a wrong file already under the name
  ASSERT_EQ(attach(kOpenSource, file).exit_code, 0);
  EXPECT_EQ(read_file(documents() / hash), "the registry extract\n");

  fs::remove(documents() / hash);  // lost from the folder: attaching the same bytes puts it back
  const auto again = attach(kOpenSource, file);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(json::parse(again.out)["already_held"].get<bool>());
  EXPECT_EQ(read_file(documents() / hash), "the registry extract\n");

  fs::remove(documents() / hash);
  fs::create_symlink("/etc/hostname", documents() / hash);  // never vouched for through a link
  ASSERT_EQ(attach(kOpenSource, file).exit_code, 0);
  EXPECT_FALSE(fs::is_symlink(fs::symlink_status(documents() / hash)));
  EXPECT_EQ(read_file(documents() / hash), "the registry extract\n");
}

TEST_F(Custody, DataInACustodyListingCannotForgeALine) {
  const auto file = dir_ / "real.pdf\"\n    v9 0000 99 bytes text \"forged.pdf";
  write_file(file, kPdf);
  ASSERT_EQ(
      attach(kOpenSource, file, {"--by", "evil\nby", "--note", "n1\x1b[2Jn2\nnote2"}).exit_code, 0);
  const auto shown = run_flgraph({"--db", db_.string(), "show", kOpenSource});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(shown.out.find("\n    v9"), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find("\nby"), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find("\nnote2"), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find('\x1b'), std::string::npos) << shown.out;
}

TEST_F(Custody, AnImportedBundleCannotBackdateTheAuditLog) {
  const auto file = dir_ / "crew-list.pdf";
  write_file(file, kPdf);
  ASSERT_EQ(attach(kOpenSource, file, {"--by", "Investigator A"}).exit_code, 0);
  const auto bundle = dir_ / "bundle";
  ASSERT_EQ(run_flgraph({"--db", db_.string(), "export", "--format", "bundle", "--with-documents",
                         "-o", bundle.string()})
                .exit_code,
            0);
  // The custody record a bundle carries is the sender's word: kept on the document, never as
  // the log's own who and when.
  auto text = read_file(bundle / "bundle.json");
  const auto at = text.find("\"attached_by\": \"Investigator A\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, std::string("\"attached_by\": \"Investigator A\"").size(),
               "\"attached_by\": \"Inspector Forged\"");
  write_file(bundle / "bundle.json", text);
  const auto elsewhere = dir_ / "elsewhere.db";
  ASSERT_EQ(run_flgraph({"--db", elsewhere.string(), "import", (bundle / "bundle.json").string()})
                .exit_code,
            0);
  const auto log = json::parse(run_flgraph({"--db", elsewhere.string(), "audit", "--json"}).out);
  ASSERT_EQ(log.size(), 1u) << log.dump();
  EXPECT_NE(log[0]["who"], "Inspector Forged");
  EXPECT_GE(log[0]["at"].get<std::string>(),
            json::parse(run_flgraph({"--db", db_.string(), "audit", "--json"}).out)[0]["at"]
                .get<std::string>());
}

TEST_F(Custody, EveryAttachIsInTheAuditLog) {
  const auto file = dir_ / "extract.txt";
  write_file(file, "registry extract\n");
  ASSERT_EQ(attach(kOpenSource, file, {"--by", "Clerk B"}).exit_code, 0);
  EXPECT_EQ(
      count_rows(
          db_,
          "SELECT count(*) FROM audit WHERE command = 'attach' AND who = 'Clerk B' AND selection "
          "LIKE 'src-construction-report %' AND outputs LIKE '%" +
              file_sha256(file) + "%'"),
      1);
}

}  // namespace
}  // namespace flgraph::testing
