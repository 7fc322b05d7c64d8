// tests/importers/ofac_test.cpp: the OFAC SDN CSV set, read in place from the shared data folder.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "graph/store.h"
#include "importers/import.h"
#include "importers/ofac_sdn.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

using graph::EntityKind;
using graph::Store;
using nlohmann::json;
using testing::TempDir;

std::filesystem::path sdn_2024() { return testing::shared_dir() / "data/ofac/sdn_2024-05-03"; }
std::filesystem::path sdn_2021() { return testing::shared_dir() / "data/ofac/sdn_set_2021-07"; }

ImportOptions ofac(bool all_programs = false) { return {InputFormat::OfacSdn, all_programs}; }

Store open_existing(const std::filesystem::path& db) {
  return Store::open(db, Store::OpenMode::ReadOnlyExisting);
}

std::int64_t count_of(const std::map<std::string, std::int64_t>& counts, const std::string& key) {
  const auto found = counts.find(key);
  return found == counts.end() ? 0 : found->second;
}

std::set<std::string> programs_of(const Store& store, const std::string& id) {
  std::set<std::string> programs;
  for (const auto& designation : store.designations_of(store.entity(id)->row)) {
    EXPECT_EQ(designation.authority, "OFAC");
    EXPECT_FALSE(designation.listed_on.has_value());
    programs.insert(designation.program);
  }
  return programs;
}

bool has_identifier(const json& attributes, std::string_view type, std::string_view value) {
  if (!attributes.contains("identifiers")) return false;
  return std::any_of(attributes["identifiers"].begin(), attributes["identifiers"].end(),
                     [&](const json& id) { return id["type"] == type && id["value"] == value; });
}

// The counts of SOURCES.md, section 1a: 484 entries in DPRK programs, 110 more tied by remarks.
TEST(OfacSdn, Imports2024FileWithTheCountsOfSources) {
  TempDir dir;
  const auto summary = import_into_database(dir / "db", {sdn_2024()}, ofac());
  ASSERT_EQ(summary.lists.size(), 1u);
  const auto& counts = summary.lists[0];
  EXPECT_EQ(counts.read, 14965);
  EXPECT_EQ(count_of(counts.by_scope, "dprk_program"), 484);
  EXPECT_EQ(counts.types_by_scope.at("dprk_program"),
            (std::map<std::string, std::int64_t>{
                {"entity", 199}, {"individual", 164}, {"vessel", 105}, {"aircraft", 16}}));
  EXPECT_EQ(count_of(counts.by_program, "DPRK"), 57);
  EXPECT_EQ(count_of(counts.by_program, "DPRK2"), 111);
  EXPECT_EQ(count_of(counts.by_program, "DPRK3"), 147);
  EXPECT_EQ(count_of(counts.by_program, "DPRK4"), 174);
  EXPECT_EQ(count_of(counts.by_program, "DPRK-NKSPEA"), 2);
  EXPECT_EQ(count_of(counts.by_scope, "dprk_remarks"), 110);
  EXPECT_EQ(count_of(counts.by_program, "RUSSIA-EO14024"),
            1);  // the one non-NPWMD entry tied by remarks
  EXPECT_EQ(count_of(counts.by_scope, "dprk_address"), 0);  // a lone sdn.csv has no addresses
  EXPECT_EQ(count_of(counts.by_scope, "other"), 14965 - 484 - 110);
  EXPECT_EQ(counts.imported, 594);
  EXPECT_EQ(summary.entities.inserted, 594);
  EXPECT_EQ(summary.claims.inserted, 594);
  EXPECT_EQ(summary.sources.inserted, 1);
  std::int64_t program_total = 0;
  for (const auto& [program, count] : counts.by_program) program_total += count;
  EXPECT_EQ(summary.designations.inserted, program_total);

  const auto store = open_existing(dir / "db");
  const auto sources = store.sources();
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].sha256, "210ca6b4a8187a34e0850be69ecc6e918f23ad7778b8b5b2f9c9d5fbbaf4e0cb");
  EXPECT_EQ(sources[0].id, "src-ofac-sdn-210ca6b4a818");
  EXPECT_EQ(sources[0].title, "OFAC SDN list (sdn.csv)");
  EXPECT_EQ(sources[0].reliability, graph::Reliability::A);
  EXPECT_EQ(sources[0].kind, graph::SourceKind::Designation);
}

// SOURCES.md, section 1b: 414 in DPRK programs, 88 NPWMD entries tied by remarks; add.csv adds one
// entry whose only tie is an address in North Korea.
TEST(OfacSdn, Imports2021SetWithCompanionsAndTheCountsOfSources) {
  TempDir dir;
  const auto summary = import_into_database(dir / "db", {sdn_2021()}, ofac());
  ASSERT_EQ(summary.lists.size(), 1u);
  const auto& counts = summary.lists[0];
  EXPECT_EQ(counts.read, 8976);
  EXPECT_EQ(count_of(counts.by_scope, "dprk_program"), 414);
  EXPECT_EQ(counts.types_by_scope.at("dprk_program"),
            (std::map<std::string, std::int64_t>{
                {"entity", 162}, {"individual", 130}, {"vessel", 106}, {"aircraft", 16}}));
  EXPECT_EQ(count_of(counts.by_program, "DPRK"), 50);
  EXPECT_EQ(count_of(counts.by_program, "DPRK2"), 87);
  EXPECT_EQ(count_of(counts.by_program, "DPRK3"), 122);
  EXPECT_EQ(count_of(counts.by_program, "DPRK4"), 160);
  EXPECT_EQ(count_of(counts.by_program, "DPRK-NKSPEA"), 2);
  EXPECT_EQ(count_of(counts.by_scope, "dprk_remarks"), 88);
  EXPECT_EQ(count_of(counts.by_scope, "dprk_address"), 1);
  EXPECT_EQ(counts.imported, 414 + 88 + 1);
  EXPECT_EQ(summary.files.size(), 4u);  // sdn.csv, alt.csv, add.csv, sdn_comments.csv
}

TEST(OfacSdn, KomidHasItsKindAliasesAddressesDesignationsAndClaim) {
  TempDir dir;
  import_into_database(dir / "db", {sdn_2021()}, ofac());
  const auto store = open_existing(dir / "db");
  const auto komid = store.entity("ofac-9345");
  ASSERT_TRUE(komid);
  EXPECT_EQ(komid->record.kind, EntityKind::StateEntity);
  EXPECT_EQ(komid->record.name, "KOREA MINING DEVELOPMENT TRADING CORPORATION");
  EXPECT_EQ(komid->record.country, "KP");
  const auto& aliases = komid->record.aliases;
  for (const char* alias :
       {"KOMID", "CHANGGWANG SINYONG CORPORATION",
        "NORTH KOREAN MINING DEVELOPMENT TRADING CORPORATION", "KOREA KUMRYONG TRADING COMPANY"}) {
    EXPECT_NE(std::find(aliases.begin(), aliases.end(), alias), aliases.end()) << alias;
  }
  EXPECT_EQ(programs_of(store, "ofac-9345"), (std::set<std::string>{"NPWMD", "DPRK2"}));
  EXPECT_EQ(store.designations_of(komid->row).front().list_id, "9345");

  const auto attributes = json::parse(komid->record.attributes_json);
  EXPECT_EQ(attributes["ofac_type"], "entity");
  EXPECT_EQ(attributes["dprk_scope"], "program");
  ASSERT_EQ(attributes["addresses"].size(), 5u);
  EXPECT_EQ(attributes["addresses"][0]["city"], "Pyongyang");
  EXPECT_EQ(attributes["addresses"][0]["country_code"], "KP");
  const auto& details = attributes["alias_details"];
  EXPECT_TRUE(std::any_of(details.begin(), details.end(), [](const json& d) {
    return d["name"] == "KOMID" && d["source"] == "remarks" && d["type"] == "aka";
  }));

  const auto claims = store.claims_of_entity(komid->row);
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].claim.credibility, 1);
  EXPECT_EQ(claims[0].claim.locator.rfind("sdn.csv row ", 0), 0u);
  EXPECT_EQ(claims[0].source.title, "OFAC SDN list (sdn.csv)");
  EXPECT_EQ(claims[0].source.sha256,
            "2a08fac873a3be0b92208f8874b2e7c138b7938190eeeb7ef991c15ba60e855b");
}

TEST(OfacSdn, LoneSdnCsvKeepsKindsIdentifiersAndRemarksAliases) {
  TempDir dir;
  import_into_database(dir / "db", {sdn_2024() / "sdn.csv"}, ofac());
  const auto store = open_existing(dir / "db");

  // Korea Rungrado General Trading Corporation: a DPRK trading corporation, so a state entity.
  const auto rungrado = store.entity("ofac-19613");
  ASSERT_TRUE(rungrado);
  EXPECT_EQ(rungrado->record.kind, EntityKind::StateEntity);
  EXPECT_EQ(programs_of(store, "ofac-19613"), (std::set<std::string>{"DPRK3"}));
  EXPECT_EQ(json::parse(rungrado->record.attributes_json)["organization_type"],
            "Construction of other civil engineering projects");

  // RUNG RA DO, a vessel of Korea Rungrado Shipping Co.
  const auto vessel = store.entity("ofac-23166");
  ASSERT_TRUE(vessel);
  EXPECT_EQ(vessel->record.kind, EntityKind::Vessel);
  EXPECT_EQ(vessel->record.country, "KP");
  const auto vessel_attributes = json::parse(vessel->record.attributes_json);
  EXPECT_TRUE(has_identifier(vessel_attributes, "imo", "8989795"));
  EXPECT_EQ(vessel_attributes["linked_to"], json::array({"KOREA RUNGRADO SHIPPING CO"}));

  // A person with passports and a nationality in Remarks.
  const auto person = store.entity("ofac-18668");
  ASSERT_TRUE(person);
  EXPECT_EQ(person->record.kind, EntityKind::Person);
  EXPECT_EQ(person->record.country, "KP");
  const auto person_attributes = json::parse(person->record.attributes_json);
  EXPECT_TRUE(has_identifier(person_attributes, "passport", "199110092"));
  EXPECT_TRUE(has_identifier(person_attributes, "passport", "654220197"));

  // A bank with its SWIFT/BIC code.
  const auto bank = store.entity("ofac-12312");  // KOREA DAESONG BANK
  ASSERT_TRUE(bank);
  EXPECT_EQ(bank->record.kind, EntityKind::StateEntity);
  EXPECT_TRUE(has_identifier(json::parse(bank->record.attributes_json), "swift_bic", "KDBKKPPY"));

  // An aircraft of Air Koryo becomes a company marked as an aircraft.
  const auto aircraft = store.entity("ofac-20540");
  ASSERT_TRUE(aircraft);
  EXPECT_EQ(aircraft->record.kind, EntityKind::Company);
  EXPECT_EQ(json::parse(aircraft->record.attributes_json)["ofac_type"], "aircraft");
}

TEST(OfacSdn, ForeignFrontCompaniesStayCompanies) {
  TempDir dir;
  import_into_database(dir / "db", {sdn_2021()}, ofac());
  const auto store = open_existing(dir / "db");
  std::optional<graph::StoredEntity> dandong;
  store.for_each_entity([&](const graph::StoredEntity& entity) {
    if (entity.record.name == "DANDONG ZHICHENG METALLIC MATERIAL CO., LTD.") dandong = entity;
  });
  ASSERT_TRUE(dandong);
  EXPECT_EQ(dandong->record.kind, EntityKind::Company);
  EXPECT_EQ(dandong->record.country, "CN");
}

TEST(OfacSdn, AllProgramsImportsEveryEntry) {
  TempDir dir;
  const auto summary_2024 = import_into_database(dir / "2024.db", {sdn_2024()}, ofac(true));
  EXPECT_EQ(summary_2024.lists.at(0).imported, 14965);
  EXPECT_EQ(summary_2024.entities.inserted, 14965);
  EXPECT_EQ(count_of(summary_2024.lists.at(0).by_scope, "dprk_program"),
            484);  // scope is still counted
  const auto summary_2021 = import_into_database(dir / "2021.db", {sdn_2021()}, ofac(true));
  EXPECT_EQ(summary_2021.entities.inserted, 8976);
}

TEST(OfacSdn, ReimportChangesNothing) {
  TempDir dir;
  import_into_database(dir / "db", {sdn_2021()}, ofac());
  const auto again = import_into_database(dir / "db", {sdn_2021()}, ofac());
  EXPECT_EQ(again.entities.inserted + again.entities.updated, 0);
  EXPECT_EQ(again.entities.unchanged, 503);
  EXPECT_EQ(again.designations.inserted + again.designations.updated, 0);
  EXPECT_EQ(again.claims.inserted + again.claims.updated, 0);
}

// --- bad input: the message names file, line and field; the store is unchanged ---

void expect_refused(const std::filesystem::path& input, const std::string& where,
                    const std::string& what) {
  TempDir dir;
  const auto db = dir / "db";
  testing::import_sample(db);
  const auto hash_before = testing::file_sha256(db);
  try {
    import_into_database(db, {input}, ofac());
    FAIL() << "expected an InputError for " << input;
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(where), std::string::npos) << message;
    EXPECT_NE(message.find(what), std::string::npos) << message;
  }
  EXPECT_EQ(testing::file_sha256(db), hash_before);
}

TEST(OfacSdn, WrongColumnCountNamesFileAndLineAndLeavesStoreUnchanged) {
  expect_refused(testing::fixture("ofac/wrong_column_count"), "wrong_column_count/sdn.csv:2: ",
                 "expected 12 fields (ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, "
                 "Vess_type, Tonnage, "
                 "GRT, Vess_flag, Vess_owner, Remarks), got 11");
}

TEST(OfacSdn, UnknownSdnTypeNamesTheColumn) {
  expect_refused(testing::fixture("ofac/bad_sdn_type/sdn.csv"),
                 "bad_sdn_type/sdn.csv:1: field \"SDN_Type\"",
                 "expected individual, vessel, aircraft or -0- (an entity) (got \"company\")");
}

TEST(OfacSdn, AliasOfAnUnknownEntryNamesAltCsvLine) {
  expect_refused(testing::fixture("ofac/unknown_alt_entry"),
                 "unknown_alt_entry/alt.csv:2: field \"ent_num\"",
                 "unknown sdn.csv entry (got \"99999\")");
}

TEST(OfacSdn, FolderWithoutSdnCsvIsRefused) {
  expect_refused(testing::fixture("ofac/no_sdn"), "no_sdn", "folder holds no sdn.csv");
}

}  // namespace
}  // namespace flgraph::importers
