// tests/cli/protection_at_rest_test.cpp: protected material is sealed in the file, a store
// without the key stays useful, a wrong key or an altered ciphertext stops a command, a rekey
// is all or nothing, and protection never lowers.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <regex>
#include <thread>

#include "graph/detail/schema.h"
#include "graph/store.h"
#include "test_support.h"

namespace flgraph::testing {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kCanaries = {
    "CANARYPERSONID",   "CANARYPERSONNAME",    "CANARYALIASONE",     "CANARYATTRIBUTE",
    "CANARYAUTHORITY",  "CANARYLISTID",        "CANARYRELATIONID",   "CANARYRELATIONNOTE",
    "CANARYSAMEASID",   "CANARYLOCATORPERSON", "CANARYQUOTEPERSON",  "CANARYRECORDERPERSON",
    "CANARYSRCID",      "CANARYSRCTITLE",      "CANARYSRCPUBLISHER", "CANARYSRCURL",
    "cafe0000cafe0000", "CANARYLOCATORSOURCE", "CANARYQUOTESOURCE",  "CANARYRECORDERSOURCE",
    "Named Owner\x1f"};

// Every byte of every file in the folder: the database, its WAL and shared memory, the
// snapshot, anything an import or a read left behind.
void expect_no_canary_on_disk(const fs::path& folder) {
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    const std::string bytes = read_file(entry.path());
    for (const auto& canary : kCanaries) {
      EXPECT_EQ(bytes.find(canary), std::string::npos)
          << entry.path().filename() << " holds " << canary;
    }
  }
}

std::string witness_pseudonym(const std::string& db) {
  const auto exported = run_flgraph({"--db", db, "export", "--format", "json"});
  std::smatch found;
  std::regex_search(exported.out, found,
                    std::regex(R"re("id": "(W-[0-9a-f]{10})",\s*"kind": "person")re"));
  return found.size() > 1 ? found[1].str() : std::string();
}

TEST(ProtectionAtRest, NoProtectedByteReachesTheDatabaseItsWalOrTheSnapshot) {
  TempDir dir;
  const auto db = (dir / "canary.db").string();
  ASSERT_EQ(run_flgraph({"--db", db, "import", fixture("canary").string()}).exit_code, 0);
  expect_no_canary_on_disk(dir.path());
  // An import into the existing store (row by row, through the WAL) and reads after it.
  ASSERT_EQ(
      run_flgraph({"--db", db, "import", fixture("canary").string(), sample_dataset().string()})
          .exit_code,
      0);
  ASSERT_EQ(run_flgraph({"--db", db, "trace", "--from", "co-buyer"}).exit_code, 0);
  // A match saves the store's name index beside it: it must hold no protected name either.
  const auto matched = run_flgraph({"--db", db, "match", "Canary Buyer"});
  ASSERT_EQ(matched.exit_code, 0) << matched.err;
  EXPECT_TRUE(fs::exists(db + ".names"));
  expect_no_canary_on_disk(dir.path());
}

TEST(ProtectionAtRest, ARecordThatBecomesProtectedLeavesTheNameIndexFile) {
  TempDir dir;
  const auto db = (dir / "later.db").string();
  const std::string header = "id,kind,name,country,protected\n";
  write_file(dir / "clear.csv", header + "pe-later,person,LATERWITNESSNAME,KP,false\n" +
                                    "co-buyer,company,Later Buyer,US,false\n");
  ASSERT_EQ(run_flgraph({"--db", db, "import", (dir / "clear.csv").string()}).exit_code, 0);
  ASSERT_EQ(run_flgraph({"--db", db, "match", "Later Buyer"}).exit_code, 0);
  ASSERT_NE(read_file(db + ".names").find("LATERWITNESSNAME"), std::string::npos)
      << "the clear name is in the index while it is clear";
  write_file(dir / "sealed.csv", header + "pe-later,person,LATERWITNESSNAME,KP,true\n");
  const auto sealed = run_flgraph({"--db", db, "import", (dir / "sealed.csv").string()});
  ASSERT_EQ(sealed.exit_code, 0) << sealed.err;
  EXPECT_FALSE(fs::exists(db + ".names"));
  const auto matched = run_flgraph({"--db", db, "match", "LATERWITNESSNAME", "--json"});
  ASSERT_EQ(matched.exit_code, 0) << matched.err;
  EXPECT_EQ(matched.out.find("pe-later"), std::string::npos) << matched.out;
  ASSERT_TRUE(fs::exists(db + ".names"));
  EXPECT_EQ(read_file(db + ".names").find("LATERWITNESSNAME"), std::string::npos);
}

TEST(ProtectionAtRest, ProtectedImportWithoutAKeyIsRefusedAndCreatesNothing) {
  TempDir dir;
  const WithoutKey locked;
  const auto db = (dir / "canary.db").string();
  const auto refused = run_flgraph({"--db", db, "import", fixture("canary").string()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("protection key"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(db));
}

TEST(ProtectionAtRest, FirstProtectedImportCreatesTheKeyFileAndWarns) {
  TempDir dir;
  const WithoutKey locked;
  const auto db = (dir / "canary.db").string();
  const auto key = (dir / "new.key").string();
  const auto imported =
      run_flgraph({"--db", db, "--key-file", key, "import", fixture("canary").string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.err.find("cannot be recovered"), std::string::npos) << imported.err;
  EXPECT_EQ(fs::status(key).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  const auto status = run_flgraph({"--db", db, "--key-file", key, "protect", "status", "--json"});
  EXPECT_NE(status.out.find("\"unlocked\": true"), std::string::npos) << status.out << status.err;
  const auto copy = (dir / "copy.key").string();
  ASSERT_EQ(
      run_flgraph({"--db", db, "--key-file", key, "protect", "export-key", "-o", copy}).exit_code,
      0);
  EXPECT_EQ(read_file(copy), read_file(key));
  EXPECT_EQ(
      run_flgraph({"--db", db, "--key-file", key, "protect", "export-key", "-o", copy}).exit_code,
      1);
}

TEST(ProtectionAtRest, APassphraseFromTheEnvironmentMakesAndOpensTheKey) {
  TempDir dir;
  const WithoutKey no_key_file;
  const auto db = (dir / "canary.db").string();
  ::setenv("FLGRAPH_PASSPHRASE", "correct horse battery staple", 1);
  const auto imported = run_flgraph({"--db", db, "import", fixture("canary").string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto status = run_flgraph({"--db", db, "protect", "status"});
  EXPECT_NE(status.out.find("passphrase (argon2id"), std::string::npos) << status.out;
  EXPECT_NE(run_flgraph({"--db", db, "show", "ca-plant", "--reveal-protected"})
                .out.find("CANARYSRCTITLE"),
            std::string::npos);
  ::setenv("FLGRAPH_PASSPHRASE", "wrong horse", 1);
  const auto wrong = run_flgraph({"--db", db, "show", "ca-plant", "--reveal-protected"});
  ::unsetenv("FLGRAPH_PASSPHRASE");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("wrong passphrase"), std::string::npos) << wrong.err;
  expect_no_canary_on_disk(dir.path());
}

TEST(ProtectionAtRest, LockedStoreImportsUnprotectedDataAndAnswersOnPseudonyms) {
  TempDir dir;
  const auto db = (dir / "canary.db").string();
  ASSERT_EQ(run_flgraph({"--db", db, "import", fixture("canary").string()}).exit_code, 0);
  const auto witness = witness_pseudonym(db);
  ASSERT_FALSE(witness.empty());
  const WithoutKey locked;
  write_file(dir / "more.csv", "id,kind,name,country\nco-new-buyer,company,New Buyer,US\n");
  EXPECT_EQ(run_flgraph({"--db", db, "import", (dir / "more.csv").string()}).exit_code, 0);
  const auto shown = run_flgraph({"--db", db, "show", witness});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("protected person " + witness), std::string::npos);
  const auto trace = run_flgraph({"--db", db, "trace", "--from", "co-buyer"});
  EXPECT_EQ(trace.exit_code, 0);
  EXPECT_NE(trace.out.find("ca-plant"), std::string::npos) << trace.out;
}

TEST(ProtectionAtRest, WrongKeyIsRefusedAndWritesNothing) {
  TempDir dir;
  const auto db = (dir / "canary.db").string();
  ASSERT_EQ(run_flgraph({"--db", db, "import", fixture("canary").string()}).exit_code, 0);
  write_file(dir / "wrong.key",
             "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
  const auto before = file_sha256(db);
  const auto refused = run_flgraph({"--db", db, "--key-file", (dir / "wrong.key").string(),
                                    "import", fixture("canary").string()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("does not open this database"), std::string::npos) << refused.err;
  EXPECT_EQ(file_sha256(db), before);
  const auto reveal = run_flgraph({"--db", db, "--key-file", (dir / "wrong.key").string(), "show",
                                   "ca-plant", "--reveal-protected"});
  EXPECT_EQ(reveal.exit_code, 1);
  EXPECT_EQ(reveal.out.find("CANARY"), std::string::npos);
}

TEST(ProtectionAtRest, AlteredOrTruncatedCiphertextIsDetectedAndNeverShown) {
  for (const std::string damage :
       {"substr(sealed, 1, length(sealed) - 1)", "zeroblob(length(sealed))",
        "x'01' || substr(sealed, 2, 30) || x'00' || substr(sealed, 33)"}) {
    TempDir dir;
    const auto db = (dir / "canary.db").string();
    ASSERT_EQ(run_flgraph({"--db", db, "import", fixture("canary").string()}).exit_code, 0);
    exec_sql(db, "UPDATE source SET sealed = " + damage + " WHERE sealed IS NOT NULL");
    const auto shown = run_flgraph({"--db", db, "show", "ca-plant", "--reveal-protected"});
    EXPECT_EQ(shown.exit_code, 1) << damage;
    EXPECT_NE(shown.err.find("protected value"), std::string::npos) << shown.err;
    EXPECT_EQ(shown.out.find("CANARY"), std::string::npos);
    // Without a reveal nothing sealed is opened: the command still works on pseudonyms.
    EXPECT_EQ(run_flgraph({"--db", db, "show", "ca-plant"}).exit_code, 0);
  }
}

TEST(ProtectionAtRest, RekeyReplacesTheKeyAndTheOldOneStopsWorking) {
  TempDir dir;
  const auto db = (dir / "canary.db").string();
  ASSERT_EQ(run_flgraph({"--db", db, "import", fixture("canary").string()}).exit_code, 0);
  const auto new_key = (dir / "new.key").string();
  const auto rekeyed = run_flgraph({"--db", db, "protect", "rekey", "--new-key-file", new_key});
  ASSERT_EQ(rekeyed.exit_code, 0) << rekeyed.err;
  EXPECT_EQ(run_flgraph({"--db", db, "show", "ca-plant", "--reveal-protected"}).exit_code, 1);
  const auto revealed =
      run_flgraph({"--db", db, "--key-file", new_key, "show", "ca-plant", "--reveal-protected"});
  EXPECT_EQ(revealed.exit_code, 0) << revealed.err;
  EXPECT_NE(revealed.out.find("CANARYSRCTITLE"), std::string::npos);
  expect_no_canary_on_disk(dir.path());
}

TEST(ProtectionAtRest, RekeyKilledAtAnyMomentLeavesTheOldOrTheNewKeyWorking) {
  std::mt19937 random(7);
  for (int attempt = 0; attempt < 12; ++attempt) {
    TempDir dir;
    const auto db = (dir / "canary.db").string();
    ASSERT_EQ(
        run_flgraph({"--db", db, "import", fixture("canary").string(), sample_dataset().string()})
            .exit_code,
        0);
    const auto new_key = (dir / "new.key").string();
    const pid_t child = fork();
    if (child == 0) {
      const int null_fd = ::open("/dev/null", O_WRONLY);
      dup2(null_fd, STDOUT_FILENO);
      dup2(null_fd, STDERR_FILENO);
      std::string binary = FLGRAPH_BINARY;
      std::vector<std::string> args = {binary,  "--db",           db,     "protect",
                                       "rekey", "--new-key-file", new_key};
      std::vector<char*> argv;
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 60000));
    ::kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    const bool old_works =
        run_flgraph({"--db", db, "show", "ca-plant", "--reveal-protected"}).exit_code == 0;
    const bool new_works =
        fs::exists(new_key) &&
        run_flgraph({"--db", db, "--key-file", new_key, "show", "ca-plant", "--reveal-protected"})
                .exit_code == 0;
    EXPECT_TRUE(old_works != new_works)
        << "attempt " << attempt << ": old " << old_works << ", new " << new_works;
  }
}

TEST(ProtectionAtRest, ReimportCannotMakeAProtectedSourcePublicNorEraseItsFields) {
  TempDir dir;
  const auto db = (dir / "canary.db").string();
  ASSERT_EQ(run_flgraph({"--db", db, "import", fixture("canary").string()}).exit_code, 0);
  write_file(dir / "sources.csv",
             "id,title,publisher,published_on,url,sha256,kind,reliability,access\n"
             "src-CANARYSRCID,,,,,,report,B,\n");
  ASSERT_EQ(run_flgraph({"--db", db, "import", (dir / "sources.csv").string()}).exit_code, 0);
  const auto stats = run_flgraph({"--db", db, "stats", "--json"});
  EXPECT_NE(stats.out.find("\"protected\": 1"), std::string::npos) << stats.out;
  const auto exported = run_flgraph({"--db", db, "export", "--format", "json"});
  EXPECT_EQ(exported.out.find("CANARY"), std::string::npos);
  const auto revealed = run_flgraph({"--db", db, "show", "ca-plant", "--reveal-protected"});
  EXPECT_NE(revealed.out.find("CANARYSRCTITLE"), std::string::npos) << revealed.out;
}

TEST(ProtectionAtRest, ShowOfAPseudonymOpensTheWitnessRecordOnlyWithRevealWitnessAndTheKey) {
  TempDir dir;
  const auto db = (dir / "canary.db").string();
  ASSERT_EQ(run_flgraph({"--db", db, "import", fixture("canary").string()}).exit_code, 0);
  const auto witness = witness_pseudonym(db);
  const auto plain = run_flgraph({"--db", db, "show", witness});
  EXPECT_EQ(plain.out.find("CANARY"), std::string::npos);
  // --reveal-protected names sources only; the witness's record needs its own flag and the key.
  EXPECT_EQ(
      run_flgraph({"--db", db, "show", witness, "--reveal-protected"}).out.find("CANARYPERSONNAME"),
      std::string::npos);
  const auto revealed = run_flgraph({"--db", db, "show", witness, "--reveal-witness"});
  ASSERT_EQ(revealed.exit_code, 0) << revealed.err;
  for (const std::string field : {"CANARYPERSONNAME", "CANARYALIASONE", "CANARYATTRIBUTE",
                                  "CANARYLISTID", "CANARYSAMEASID"}) {
    EXPECT_NE(revealed.out.find(field), std::string::npos) << field << "\n" << revealed.out;
  }
  const WithoutKey no_key;
  EXPECT_EQ(run_flgraph({"--db", db, "show", witness, "--reveal-witness"}).exit_code, 1);
}

TEST(ProtectionAtRest, PseudonymShapedIdsAreReservedForProtectedRecords) {
  TempDir dir;
  const auto db = (dir / "canary.db").string();
  ASSERT_EQ(run_flgraph({"--db", db, "import", fixture("canary").string()}).exit_code, 0);
  const auto witness = witness_pseudonym(db);
  write_file(dir / "impostor.csv", "id,kind,name,country\n" + witness + ",person,Impostor,US\n");
  const auto before = file_sha256(db);
  const auto refused = run_flgraph({"--db", db, "import", (dir / "impostor.csv").string()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("impostor.csv:2"), std::string::npos) << refused.err;
  EXPECT_EQ(file_sha256(db), before);
}

TEST(ProtectionAtRest, JudgingAWitnessAgainstANamedRecordIsRefused) {
  TempDir dir;
  const auto db = (dir / "canary.db").string();
  ASSERT_EQ(run_flgraph({"--db", db, "import", fixture("canary").string()}).exit_code, 0);
  const auto judged =
      run_flgraph({"--db", db, "judge", witness_pseudonym(db), "co-buyer", "positive"});
  EXPECT_EQ(judged.exit_code, 1);
  EXPECT_EQ((judged.out + judged.err).find("CANARY"), std::string::npos);
}

TEST(ProtectionAtRest, StoreFromAnOlderFlgraphIsSealedOnItsFirstUnlockedOpen) {
  TempDir dir;
  const auto db = dir / "legacy.db";
  // Schema 2 as an older flgraph wrote it: protected material and the pseudonym key in the clear.
  std::string sql = "PRAGMA journal_mode = WAL; BEGIN;";
  sql += graph::detail::kMigrations[0];
  sql += graph::detail::kMigrations[1];
  sql += R"sql(
INSERT INTO entity_kind VALUES(0,'state_entity'),(1,'company'),(2,'person'),(3,'site'),(4,'vessel'),(5,'shipment'),(6,'product'),(7,'case');
INSERT INTO source_kind VALUES(0,'testimony'),(1,'customs_record'),(2,'designation'),(3,'report'),(4,'media'),(5,'court_record');
INSERT INTO access_level VALUES(0,'public'),(1,'restricted'),(2,'protected');
INSERT INTO meta VALUES('pseudonym_key', '00000000000000000000000000000000000000000000000000000000000000aa');
INSERT INTO entity(id, ext_id, kind, name, country, protected) VALUES(1, 'pe-CANARYPERSONID', 2, 'CANARYPERSONNAME', 'KP', 1);
INSERT INTO entity(id, ext_id, kind, name, country, protected) VALUES(2, 'co-buyer', 1, 'Buyer', 'US', 0);
INSERT INTO source(id, ext_id, title, kind, reliability, access) VALUES(1, 'src-CANARYSRCID', 'CANARYSRCTITLE', 0, 'B', 2);
INSERT INTO claim(entity_id, source_id, locator, credibility, quote) VALUES(2, 1, 'CANARYLOCATORSOURCE', 2, 'CANARYQUOTESOURCE');
PRAGMA user_version = 2; COMMIT;)sql";
  testing::exec_sql(db, sql);
  const WithoutKey no_key;
  const auto locked = run_flgraph({"--db", db.string(), "stats"});
  EXPECT_EQ(locked.exit_code, 1);
  EXPECT_NE(locked.err.find("older flgraph"), std::string::npos) << locked.err;
  const auto key = (dir / "legacy.key").string();
  const auto sealed = run_flgraph({"--db", db.string(), "--key-file", key, "stats"});
  ASSERT_EQ(sealed.exit_code, 0) << sealed.err;
  expect_no_canary_on_disk(dir.path());
  const auto revealed = run_flgraph(
      {"--db", db.string(), "--key-file", key, "show", "co-buyer", "--reveal-protected"});
  EXPECT_NE(revealed.out.find("CANARYSRCTITLE"), std::string::npos) << revealed.out << revealed.err;
  // The pseudonym key was kept: the witness's pseudonym is what the older flgraph showed.
  EXPECT_NE(run_flgraph({"--db", db.string(), "show", "W-" + std::string("")}).exit_code, 0);
}

TEST(ReadOnlyEvidence, ReadCommandsAnswerFromADatabaseOnAReadOnlyFileSystem) {
  TempDir dir;
  // A read-only mount is the real case (a write-protected drive); root alone may mount.
  ScratchMedia media(dir / "media");
  if (!media.mounted()) GTEST_SKIP() << "cannot mount a file system here (not root?)";
  const auto db = (media.path() / "evidence.db").string();
  ASSERT_EQ(run_flgraph({"--db", db, "import", fixture("canary").string()}).exit_code, 0);
  fs::remove(db + ".qgraph");
  ASSERT_TRUE(media.make_read_only());
  const auto before = file_sha256(db);
  const auto stats = run_flgraph({"--db", db, "stats"});
  const auto trace = run_flgraph({"--db", db, "trace", "--from", "co-buyer"});
  const auto revealed = run_flgraph({"--db", db, "show", "ca-plant", "--reveal-protected"});
  const auto after = file_sha256(db);
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(trace.exit_code, 0) << trace.err;
  EXPECT_NE(trace.out.find("ca-plant"), std::string::npos) << trace.out;
  // The audit log cannot record a reveal there, and nothing protected is revealed unrecorded.
  EXPECT_EQ(revealed.exit_code, 1) << revealed.out;
  EXPECT_NE(revealed.err.find("read-only media"), std::string::npos) << revealed.err;
  EXPECT_EQ(before, after);
}

TEST(ReadOnlyEvidence, ReadCommandNeverTurnsAnotherSqliteFileIntoADatabase) {
  TempDir dir;
  const auto other = dir / "other.sqlite";
  exec_sql(other, "CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES('keep me');");
  const auto before = file_sha256(other);
  const auto refused = run_flgraph({"--db", other.string(), "stats"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("not an flgraph database"), std::string::npos) << refused.err;
  EXPECT_EQ(file_sha256(other), before);
  EXPECT_FALSE(fs::exists(other.string() + "-wal"));
  const auto import_refused =
      run_flgraph({"--db", other.string(), "import", fixture("canary").string()});
  EXPECT_EQ(import_refused.exit_code, 1);
  EXPECT_EQ(file_sha256(other), before);
}

}  // namespace
}  // namespace flgraph::testing
