// tests/importers/ftm_test.cpp: FollowTheMoney JSON lines: the shared OpenSanctions samples, the
// mapping rules on a small hand-written file, and lines that must be refused.
#include "importers/ftm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "graph/store.h"
#include "importers/import.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

using graph::EntityKind;
using graph::RelationKind;
using graph::Store;
using nlohmann::json;
using testing::TempDir;

std::filesystem::path sample(const std::string& name) {
  return testing::shared_dir() / "data/ftm/entities" / (name + ".entities.ftm.json");
}

const ImportOptions kFtm{InputFormat::Ftm, false};

Store open_existing(const std::filesystem::path& db) {
  return Store::open(db, Store::OpenMode::ReadOnlyExisting);
}

std::int64_t count_of(const std::map<std::string, std::int64_t>& counts, const std::string& key) {
  const auto found = counts.find(key);
  return found == counts.end() ? 0 : found->second;
}

TEST(Ftm, YenteT1ImportsPeopleAndOrganisationsAndCountsTheAddress) {
  TempDir dir;
  const auto summary = import_into_database(dir / "db", {sample("yente_t1")}, kFtm);
  EXPECT_EQ(summary.entities.inserted, 6);  // 4 Person, 2 Organization
  EXPECT_EQ(summary.claims.inserted, 6);
  EXPECT_EQ(summary.lists.at(0).read, 7);
  EXPECT_EQ(count_of(summary.unmapped, "schema:Address"), 1);
  EXPECT_GT(count_of(summary.unmapped, "property:Person.birthDate"), 0);
  const auto store = open_existing(dir / "db");
  const auto sources = store.sources();
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].sha256, "eec076285a7886b6f4ba8ed11cfdf8590f23211b931656f74706d9f9a87b0f2a");
  EXPECT_EQ(sources[0].reliability, graph::Reliability::F);
}

TEST(Ftm, YenteZalaGivesOwnershipRelationsAndDesignations) {
  TempDir dir;
  const auto summary = import_into_database(dir / "db", {sample("yente_zala")}, kFtm);
  const auto& counts = summary.lists.at(0);
  EXPECT_EQ(counts.read, 91);
  EXPECT_EQ(counts.types_by_scope.at("all").at("Sanction"), 41);
  EXPECT_EQ(summary.entities.inserted, 17);  // 11 Company, 6 Person
  EXPECT_EQ(count_of(counts.by_kind, "company"), 11);
  EXPECT_EQ(count_of(counts.by_kind, "person"), 6);
  EXPECT_EQ(summary.relations.inserted, 14);  // every Ownership is an owned_by pair
  EXPECT_EQ(summary.designations.inserted, 41);
  EXPECT_EQ(summary.claims.inserted, 17 + 14);
  EXPECT_EQ(count_of(summary.unmapped, "schema:Address"), 11);
  EXPECT_EQ(count_of(summary.unmapped, "schema:Family"), 4);
  EXPECT_EQ(count_of(summary.unmapped, "schema:Directorship"), 3);
  EXPECT_EQ(count_of(summary.unmapped, "schema:Passport"), 1);
  EXPECT_EQ(count_of(summary.unmapped, "schema:Ownership"), 0);
  EXPECT_EQ(count_of(summary.unmapped, "schema:Sanction"), 0);

  // Ownership points from the asset to the owner, the way benefit flows.
  const auto store = open_existing(dir / "db");
  std::int64_t owned_by = 0;
  store.for_each_relation([&](const graph::StoredRelation& relation) {
    EXPECT_EQ(relation.record.kind, RelationKind::OwnedBy);
    EXPECT_TRUE(relation.src_kind == EntityKind::Company) << relation.record.id;
    const auto attributes = json::parse(relation.record.attributes_json);
    EXPECT_EQ(attributes["ftm"]["schema"], "Ownership");
    ++owned_by;
  });
  EXPECT_EQ(owned_by, 14);
}

TEST(Ftm, YenteParteispendenKeepsPaymentsAsLinks) {
  TempDir dir;
  const auto summary = import_into_database(dir / "db", {sample("yente_parteispenden")}, kFtm);
  EXPECT_EQ(summary.entities.inserted, 96);  // 56 Company, 22 Person, 18 Organization
  EXPECT_EQ(summary.relations.inserted, 0);
  EXPECT_EQ(count_of(summary.unmapped, "schema:Payment"), 290);
  EXPECT_EQ(count_of(summary.unmapped, "schema:Address"), 89);
  // Each payment is kept on its payer and on its beneficiary (one names two beneficiaries).
  const auto store = open_existing(dir / "db");
  std::int64_t payment_links = 0;
  store.for_each_entity([&](const graph::StoredEntity& entity) {
    const auto attributes = json::parse(entity.record.attributes_json);
    if (!attributes.contains("links")) return;
    for (const auto& link : attributes["links"])
      payment_links += link["schema"] == "Payment" ? 1 : 0;
  });
  EXPECT_EQ(payment_links, 2 * 290 + 1);
}

TEST(Ftm, MappingRulesKindsDatesAndUnmappedLinks) {
  TempDir dir;
  const auto summary =
      import_into_database(dir / "db", {testing::fixture("ftm/rules.ftm.json")}, kFtm);
  EXPECT_EQ(count_of(summary.unmapped, "schema:Directorship"), 1);
  EXPECT_EQ(count_of(summary.unmapped, "property:Person.birthDate"), 1);
  EXPECT_EQ(count_of(summary.unmapped, "property:Sanction.reason"), 1);
  const auto store = open_existing(dir / "db");

  // An organisation in North Korea is a state entity; one elsewhere is a company.
  const auto bureau = store.entity("kp-org-example");
  ASSERT_TRUE(bureau);
  EXPECT_EQ(bureau->record.kind, EntityKind::StateEntity);
  EXPECT_EQ(bureau->record.country, "KP");
  EXPECT_EQ(bureau->record.aliases, std::vector<std::string>{"EOCB"});
  const auto plant = store.entity("cn-co-example");
  ASSERT_TRUE(plant);
  EXPECT_EQ(plant->record.kind, EntityKind::Company);
  EXPECT_EQ(plant->record.country, "CN");
  EXPECT_EQ(plant->record.valid.from,
            graph::parse_date("2011-01-01"));  // "2011" starts on 1 January
  const auto plant_attributes = json::parse(plant->record.attributes_json);
  EXPECT_EQ(plant_attributes["identifiers"][0]["value"], "91210600EXAMPLE");
  EXPECT_EQ(plant_attributes["links"][0]["schema"], "Directorship");
  EXPECT_EQ(plant_attributes["links"][0]["other"], "p-example");

  // Partial dates: a start widens to the first day, an end to the last day of its month or year.
  const auto ownership = store.relation_by_row(store.find_relation("own-example")->row);
  ASSERT_TRUE(ownership);
  EXPECT_EQ(ownership->record.kind, RelationKind::OwnedBy);
  EXPECT_EQ(ownership->record.src, "cn-co-example");
  EXPECT_EQ(ownership->record.dst, "kp-org-example");
  EXPECT_EQ(ownership->record.valid.from, graph::parse_date("2015-02-01"));
  EXPECT_EQ(ownership->record.valid.to, graph::parse_date("2019-12-31"));
  EXPECT_EQ(json::parse(ownership->record.attributes_json)["share_percent"], "51");

  const auto designations = store.designations_of(bureau->row);
  ASSERT_EQ(designations.size(), 1u);
  EXPECT_EQ(designations[0].authority, "Example Authority");
  EXPECT_EQ(designations[0].program, "EX-DPRK");
  EXPECT_EQ(designations[0].listed_on, graph::parse_date("2017-08-01"));
}

TEST(Ftm, PartialDates) {
  EXPECT_EQ(ftm_date("2015", false), graph::parse_date("2015-01-01"));
  EXPECT_EQ(ftm_date("2015", true), graph::parse_date("2015-12-31"));
  EXPECT_EQ(ftm_date("2016-02", true), graph::parse_date("2016-02-29"));
  EXPECT_EQ(ftm_date("2015-02", true), graph::parse_date("2015-02-28"));
  EXPECT_EQ(ftm_date("2015-04-03T10:00:00", false), graph::parse_date("2015-04-03"));
  EXPECT_FALSE(ftm_date("31.12.2011", false));
  EXPECT_FALSE(ftm_date("2015-13", false));
}

TEST(Ftm, OwnershipOfSeveralAssetsGivesEachAssetItsOwnedBy) {
  TempDir dir;
  const auto summary = import_into_database(
      dir / "db", {testing::fixture("ftm/ownership_several_assets.ftm.json")}, kFtm);
  EXPECT_EQ(summary.relations.inserted, 3);
  EXPECT_EQ(count_of(summary.unmapped, "schema:Ownership"), 0);
  const auto store = open_existing(dir / "db");
  std::vector<std::string> owned;
  std::vector<std::string> ids;
  store.for_each_relation([&](const graph::StoredRelation& relation) {
    EXPECT_EQ(relation.record.kind, RelationKind::OwnedBy);
    owned.push_back(relation.record.src + "->" + relation.record.dst);
    ids.push_back(relation.record.id);
    EXPECT_EQ(relation.record.id.rfind("own-three-assets-", 0), 0u) << relation.record.id;
    EXPECT_EQ(relation.record.valid.from, graph::parse_date("2016-01-01"));
    EXPECT_EQ(json::parse(relation.record.attributes_json)["share_percent"], "100");
    const auto claims = store.claims_of_relation(relation.row);
    ASSERT_EQ(claims.size(), 1u);
    EXPECT_EQ(claims[0].claim.locator, "ownership_several_assets.ftm.json line 5");
  });
  std::sort(owned.begin(), owned.end());
  EXPECT_EQ(owned, (std::vector<std::string>{"cn-apparel-example->kp-holding-example",
                                             "cn-seafood-example->kp-holding-example",
                                             "ru-timber-example->kp-holding-example"}));
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());
}

TEST(Ftm, OwnershipPairsKeepTheirIdsWhenTheAssetsComeInAnotherOrder) {
  TempDir dir;
  import_into_database(dir / "db", {testing::fixture("ftm/ownership_several_assets.ftm.json")},
                       kFtm);
  std::string text = testing::read_file(testing::fixture("ftm/ownership_several_assets.ftm.json"));
  const std::string in_order = R"("cn-seafood-example", "cn-apparel-example", "ru-timber-example")";
  text.replace(text.find(in_order), in_order.size(),
               R"("ru-timber-example", "cn-seafood-example", "cn-apparel-example")");
  testing::write_file(dir / "reordered.ftm.json", text);
  const auto again = import_into_database(dir / "db", {dir / "reordered.ftm.json"}, kFtm);
  EXPECT_EQ(again.relations.inserted, 0);  // the same three pairs, their "ftm" attribute updated
  EXPECT_EQ(again.relations.updated + again.relations.unchanged, 3);
  std::int64_t relations = 0;
  open_existing(dir / "db").for_each_relation([&](const graph::StoredRelation&) { ++relations; });
  EXPECT_EQ(relations, 3);
}

TEST(Ftm, PercentageIsAFiniteNumberFromZeroToAHundred) {
  auto import_share = [](const std::string& percentage) {
    TempDir dir;
    std::string text = testing::read_file(testing::fixture("ftm/percentage_not_a_number.ftm.json"));
    text.replace(text.find("\"fifty\""), 7, "\"" + percentage + "\"");
    testing::write_file(dir / "own.ftm.json", text);
    try {
      import_into_database(dir / "db", {dir / "own.ftm.json"}, kFtm);
    } catch (const InputError& error) {
      EXPECT_EQ(error.location().line, 3u) << percentage;
      EXPECT_EQ(error.location().field, "properties.percentage") << percentage;
      return std::string("refused");
    }
    const auto store = open_existing(dir / "db");
    const auto relation = store.relation_by_row(store.find_relation("own-fifty")->row);
    return json::parse(relation->record.attributes_json)["share_percent"].get<std::string>();
  };
  for (const char* share : {"0", "51", "33.5", "100", "25%", "100.0"})
    EXPECT_EQ(import_share(share), share);
  for (const char* share :
       {"fifty", "1e400", "150", "-1", "nan", "inf", "100.5", "0x10", "50 percent", "%"}) {
    EXPECT_EQ(import_share(share), "refused") << share;
  }
}

// One FtM Person line with `count` aliases PREFIX + first, PREFIX + (first + 1), ..., the list
// given `copies` times over.
std::string person_with_aliases(const std::string& id, std::size_t first, std::size_t count,
                                int copies = 1, const std::string& prefix = "A") {
  std::string aliases;
  for (int copy = 0; copy < copies; ++copy) {
    for (std::size_t alias = first; alias < first + count; ++alias) {
      aliases += (aliases.empty() ? "\"" : ",\"") + prefix + std::to_string(alias) + "\"";
    }
  }
  return R"({"id": ")" + id +
         R"(", "schema": "Person", "properties": {"name": ["Example Person"], "alias": [)" +
         aliases + "]}}\n";
}

double seconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

TEST(Ftm, AliasListIsHandledInLinearTime) {
  // 40,000 aliases, each given twice: a search of the kept list for each one takes minutes.
  TempDir dir;
  testing::write_file(dir / "aliases.ftm.json", person_with_aliases("pe-many-names", 0, 40000, 2));
  const auto started = std::chrono::steady_clock::now();
  import_into_database(dir / "db", {dir / "aliases.ftm.json"}, kFtm);
  EXPECT_LT(seconds_since(started), 60.0);  // generous: it takes about a second
  const auto person = open_existing(dir / "db").entity("pe-many-names");
  ASSERT_TRUE(person.has_value());
  EXPECT_EQ(person->record.aliases.size(), 40000u);
}

TEST(Ftm, FragmentsOfOneEntityMergeInLinearTime) {
  // Two lines of one entity, 30,000 aliases each, 10,000 of them shared.
  TempDir dir;
  testing::write_file(dir / "fragments.ftm.json",
                      person_with_aliases("pe-fragments", 0, 30000) +
                          person_with_aliases("pe-fragments", 20000, 30000));
  const auto started = std::chrono::steady_clock::now();
  const auto file = open_ftm(dir / "fragments.ftm.json");
  EXPECT_LT(seconds_since(started), 60.0);  // generous: it takes well under a second
  ASSERT_EQ(file.records.size(), 1u);
  EXPECT_EQ(file.records[0].properties["alias"].size(), 50000u);
}

TEST(Ftm, HundredThousandAliasesAreRefusedAtOnceForTheirSize) {
  TempDir dir;
  const auto db = dir / "db";
  testing::import_sample(db);
  const auto before = testing::file_sha256(db);
  // About 1.5 MB of aliases, kept whole in the entity's "ftm" attribute: over the 1 MiB limit.
  testing::write_file(dir / "aliases.ftm.json",
                      person_with_aliases("pe-too-many-names", 0, 100000, 1, "Alias name "));
  const auto started = std::chrono::steady_clock::now();
  try {
    import_into_database(db, {dir / "aliases.ftm.json"}, kFtm);
    FAIL() << "an entity of 100,000 aliases fits in 1 MiB of attributes";
  } catch (const InputError& error) {
    EXPECT_EQ(error.location().line, 1u);
    EXPECT_EQ(error.location().field, "attributes");
  }
  EXPECT_LT(seconds_since(started), 60.0);  // generous: the refusal takes about a second
  EXPECT_EQ(testing::file_sha256(db), before);
}

// --- bad input ---

void expect_refused(const std::string& fixture, const std::string& where, const std::string& what) {
  TempDir dir;
  const auto db = dir / "db";
  testing::import_sample(db);
  const auto hash_before = testing::file_sha256(db);
  try {
    import_into_database(db, {testing::fixture("ftm/" + fixture)}, kFtm);
    FAIL() << "expected an InputError for " << fixture;
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(where), std::string::npos) << message;
    EXPECT_NE(message.find(what), std::string::npos) << message;
  }
  EXPECT_EQ(testing::file_sha256(db), hash_before);
}

TEST(Ftm, LineThatIsNotJsonNamesFileAndLine) {
  expect_refused("not_json.ftm.json", "not_json.ftm.json:2: ", "invalid JSON");
}

TEST(Ftm, MissingSchemaNamesTheField) {
  expect_refused("missing_schema.ftm.json", "missing_schema.ftm.json:2: field \"schema\"",
                 "missing; every FollowTheMoney entity has an id and a schema");
}

TEST(Ftm, OwnershipOfAnUnknownEntityIsRefused) {
  expect_refused("unknown_owner.ftm.json", "unknown_owner.ftm.json:2: field \"properties.owner\"",
                 "unknown entity (got \"co-not-in-file\")");
}

TEST(Ftm, UnreadableDateNamesTheProperty) {
  expect_refused("bad_date.ftm.json", "bad_date.ftm.json:1: field \"properties.incorporationDate\"",
                 "expected a date as YYYY, YYYY-MM or YYYY-MM-DD (got \"31.12.2011\")");
}

TEST(Ftm, PercentageThatIsNotANumberIsRefused) {
  expect_refused("percentage_not_a_number.ftm.json",
                 "percentage_not_a_number.ftm.json:3: field \"properties.percentage\"",
                 "expected a percentage, a number from 0 to 100 (got \"fifty\")");
}

TEST(Ftm, PercentageOutOfRangeIsRefused) {
  expect_refused("percentage_out_of_range.ftm.json",
                 "percentage_out_of_range.ftm.json:3: field \"properties.percentage\"",
                 "expected a percentage, a number from 0 to 100 (got \"1e400\")");
}

}  // namespace
}  // namespace flgraph::importers
