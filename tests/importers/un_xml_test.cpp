// tests/importers/un_xml_test.cpp: the UN consolidated list, read in place; XML that must be
// refused.
#include "importers/un_xml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <string>

#include "graph/store.h"
#include "importers/import.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

using graph::EntityKind;
using graph::Store;
using nlohmann::json;
using testing::TempDir;

std::filesystem::path un_list() {
  return testing::shared_dir() / "data/un/UN_consolidated_2026-02-27.xml";
}

ImportOptions un(bool all_programs = false) { return {InputFormat::UnXml, all_programs}; }

Store open_existing(const std::filesystem::path& db) {
  return Store::open(db, Store::OpenMode::ReadOnlyExisting);
}

// SOURCES.md, section 2: 155 DPRK records, 80 individuals and 75 entities.
TEST(UnXml, ImportsTheDprkRecordsWithTheCountsOfSources) {
  TempDir dir;
  const auto summary = import_into_database(dir / "db", {un_list()}, un());
  ASSERT_EQ(summary.lists.size(), 1u);
  const auto& counts = summary.lists[0];
  EXPECT_EQ(counts.read, 1003);
  EXPECT_EQ(counts.imported, 155);
  EXPECT_EQ(counts.by_scope.at("dprk_list_type"), 155);
  EXPECT_EQ(counts.types_by_scope.at("dprk_list_type"),
            (std::map<std::string, std::int64_t>{{"individual", 80}, {"entity", 75}}));
  EXPECT_EQ(counts.by_program, (std::map<std::string, std::int64_t>{{"DPRK", 155}}));
  EXPECT_EQ(counts.by_kind.at("person"), 80);
  EXPECT_EQ(counts.by_kind.at("state_entity") + counts.by_kind.at("company"), 75);
  EXPECT_EQ(summary.entities.inserted, 155);
  EXPECT_EQ(summary.designations.inserted, 155);
  EXPECT_EQ(summary.claims.inserted, 155);

  const auto store = open_existing(dir / "db");
  const auto sources = store.sources();
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].sha256, "66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf");
  EXPECT_EQ(sources[0].publisher, "United Nations Security Council");
  EXPECT_EQ(sources[0].published_on, graph::parse_date("2026-02-27"));
}

TEST(UnXml, KomidRecordCarriesAliasesAddressListingAndLocator) {
  TempDir dir;
  import_into_database(dir / "db", {un_list()}, un());
  const auto store = open_existing(dir / "db");
  const auto komid = store.entity("un-KPe.001");
  ASSERT_TRUE(komid);
  EXPECT_EQ(komid->record.kind, EntityKind::StateEntity);
  EXPECT_EQ(komid->record.name, "KOREA MINING DEVELOPMENT TRADING CORPORATION");
  EXPECT_EQ(komid->record.country, "KP");
  const auto& aliases = komid->record.aliases;
  EXPECT_NE(std::find(aliases.begin(), aliases.end(), "KOMID"), aliases.end());  // quotes removed
  EXPECT_NE(std::find(aliases.begin(), aliases.end(), "CHANGGWANG SINYONG CORPORATION"),
            aliases.end());

  const auto attributes = json::parse(komid->record.attributes_json);
  EXPECT_EQ(attributes["un_reference_number"], "KPe.001");
  EXPECT_EQ(attributes["alias_details"][0]["quality"], "a.k.a.");
  EXPECT_EQ(attributes["addresses"][0]["city"], "Pyongyang");
  EXPECT_EQ(attributes["addresses"][0]["country_code"], "KP");
  EXPECT_EQ(attributes["comments"],
            "Primary arms dealer and main exporter of goods and equipment related to ballistic "
            "missiles and "
            "conventional weapons.");

  const auto designations = store.designations_of(komid->row);
  ASSERT_EQ(designations.size(), 1u);
  EXPECT_EQ(designations[0].authority, "UN");
  EXPECT_EQ(designations[0].program, "DPRK");
  EXPECT_EQ(designations[0].list_id, "KPe.001");
  EXPECT_EQ(designations[0].listed_on, graph::parse_date("2009-04-24"));

  const auto claims = store.claims_of_entity(komid->row);
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].claim.locator, "/CONSOLIDATED_LIST/ENTITIES/ENTITY[DATAID='690735']");
}

TEST(UnXml, IndividualHasNationalityAliasQualityAndBirthDate) {
  TempDir dir;
  import_into_database(dir / "db", {un_list()}, un());
  const auto store = open_existing(dir / "db");
  const auto person = store.entity("un-KPi.001");
  ASSERT_TRUE(person);
  EXPECT_EQ(person->record.kind, EntityKind::Person);
  EXPECT_EQ(person->record.name, "YUN HO-JIN");
  EXPECT_EQ(person->record.country, "KP");
  EXPECT_EQ(person->record.aliases, std::vector<std::string>{"Yun Ho-chin"});
  const auto attributes = json::parse(person->record.attributes_json);
  EXPECT_EQ(attributes["alias_details"][0]["quality"], "Good");
  EXPECT_EQ(attributes["dates_of_birth"][0]["date"], "1944-10-13");
  EXPECT_EQ(attributes["positions"], json::array({"Director of Namchongang Trading Corporation"}));
}

TEST(UnXml, IdentifiersInCommentsAreKept) {
  TempDir dir;
  import_into_database(dir / "db", {un_list()}, un());
  const auto store = open_existing(dir / "db");
  const auto shipping =
      store.entity("un-KPe.022");  // CHONGCHONGANG SHIPPING COMPANY, "IMO Number: 5342883"
  ASSERT_TRUE(shipping);
  const auto identifiers = json::parse(shipping->record.attributes_json)["identifiers"];
  EXPECT_TRUE(std::any_of(identifiers.begin(), identifiers.end(), [](const json& id) {
    return id["type"] == "imo" && id["value"] == "5342883";
  }));
}

TEST(UnXml, AllProgramsImportsEveryRecord) {
  TempDir dir;
  const auto summary = import_into_database(dir / "db", {un_list()}, un(true));
  EXPECT_EQ(summary.entities.inserted, 1003);
  EXPECT_EQ(summary.lists.at(0).by_program.at("Al-Qaida"), 252 + 89);
}

// --- bad input ---

void expect_refused(const std::string& fixture, const std::string& where, const std::string& what) {
  TempDir dir;
  const auto db = dir / "db";
  testing::import_sample(db);
  const auto hash_before = testing::file_sha256(db);
  try {
    import_into_database(db, {testing::fixture("un/" + fixture)}, un());
    FAIL() << "expected an InputError for " << fixture;
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(where), std::string::npos) << message;
    EXPECT_NE(message.find(what), std::string::npos) << message;
  }
  EXPECT_EQ(testing::file_sha256(db), hash_before);
}

TEST(UnXml, DoctypeWithExternalEntityAndEntityBombIsRefused) {
  expect_refused("doctype_entities.xml", "doctype_entities.xml:3: field \"<!DOCTYPE>\"",
                 "document type declarations are refused");
}

// Defence in depth: even if a DOCTYPE got past the check, pugixml would not expand its entities.
TEST(UnXml, PugixmlLeavesDeclaredEntitiesUnexpanded) {
  const std::string text = testing::read_file(testing::fixture("un/doctype_entities.xml"));
  pugi::xml_document document;
  ASSERT_TRUE(
      document.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8));
  const auto record = document.child("CONSOLIDATED_LIST").child("INDIVIDUALS").child("INDIVIDUAL");
  EXPECT_STREQ(record.child_value("FIRST_NAME"), "&xxe;");
  EXPECT_STREQ(record.child_value("COMMENTS1"), "&lol9;");
}

TEST(UnXml, TruncatedFileNamesLineOfTheParseError) {
  expect_refused("truncated.xml", "truncated.xml:47: ",
                 "not well-formed XML: Start-end tags mismatch (the file "
                 "ends before its elements close: truncated?)");
}

TEST(UnXml, BadListingDateNamesTheElementPath) {
  expect_refused("bad_listed_on.xml",
                 "bad_listed_on.xml:11: field \"ENTITIES/ENTITY[1]/LISTED_ON\"",
                 "expected a date as YYYY-MM-DD (got \"24/04/2009\")");
}

TEST(UnXml, MissingReferenceNumberNamesTheRecord) {
  expect_refused("missing_reference.xml",
                 "missing_reference.xml:4: field \"INDIVIDUALS/INDIVIDUAL[1]/REFERENCE_NUMBER\"",
                 "missing element");
}

TEST(UnXml, OtherRootElementIsRefused) {
  expect_refused("wrong_root.xml",
                 "wrong_root.xml:2: ", "expected the root element CONSOLIDATED_LIST");
}

TEST(UnXml, ReferenceNumberLongerThanTheIdLimitIsRefused) {
  // un- + 1,104 bytes would make an id no bundle could carry back in.
  expect_refused("reference_too_long.xml",
                 "reference_too_long.xml:10: field \"ENTITIES/ENTITY[1]/REFERENCE_NUMBER\"",
                 "reference numbers are at most 1021 bytes (ids are at most 1024)");
}

TEST(UnXml, ReferenceNumberAtTheIdLimitIsAccepted) {
  TempDir dir;
  const std::string reference = "KPe." + std::string(1021 - 4, '1');
  std::string text = testing::read_file(testing::fixture("un/reference_too_long.xml"));
  const auto start = text.find("KPe.");
  text.replace(start, text.find('<', start) - start, reference);
  testing::write_file(dir / "list.xml", text);
  import_into_database(dir / "db", {dir / "list.xml"}, un());
  const auto store = open_existing(dir / "db");
  const auto entity = store.entity("un-" + reference);
  ASSERT_TRUE(entity.has_value());
  EXPECT_EQ(entity->record.id.size(), 1024u);
}

TEST(UnXml, SecondRootElementIsRefused) {
  // pugixml reads both roots; the importer would only ever see the first one's records.
  expect_refused(
      "second_root.xml", "second_root.xml:15: ",
      "a second root element; an XML document has exactly one (got \"<CONSOLIDATED_LIST>\")");
}

TEST(UnXml, TextOutsideTheRootElementIsRefused) {
  // pugixml drops it without a word.
  expect_refused("text_after_root.xml",
                 "text_after_root.xml:15: ", "text outside the root element");
}

TEST(UnXml, UndeclaredEntityReferenceIsRefused) {
  // pugixml keeps "&xxe;" as if it were the name's text; no declaration can define it (no DOCTYPE).
  expect_refused("undeclared_entity.xml",
                 "undeclared_entity.xml:8: field \"FIRST_NAME\": undeclared entity reference; XML "
                 "defines only "
                 "&amp; &lt; &gt; &quot; &apos;",
                 "(got \"&xxe;\")");
}

TEST(UnXml, AmpersandThatStartsNoReferenceIsRefused) {
  expect_refused("bare_ampersand.xml", "bare_ampersand.xml:8: field \"FIRST_NAME\"",
                 "'&' that starts no reference; write it as &amp;");
}

TEST(UnXml, PredefinedAndCharacterReferencesAreDecoded) {
  TempDir dir;
  std::string text = testing::read_file(testing::fixture("un/undeclared_entity.xml"));
  const auto start = text.find("&xxe;");
  text.replace(start, 5, "&amp; &#x41;&#66; &lt;&gt;&quot;&apos;");
  testing::write_file(dir / "list.xml", text);
  import_into_database(dir / "db", {dir / "list.xml"}, un());
  const auto entity = open_existing(dir / "db").entity("un-KPe.001");
  ASSERT_TRUE(entity.has_value());
  EXPECT_EQ(entity->record.name, "KOREA & AB <>\"' CORPORATION");
}

}  // namespace
}  // namespace flgraph::importers
