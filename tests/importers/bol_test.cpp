// tests/importers/bol_test.cpp: bills of lading: header aliases, shipments, party resolution, bad
// input.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "graph/store.h"
#include "importers/bill_of_lading.h"
#include "importers/import.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

using graph::RelationKind;
using graph::Store;
using nlohmann::json;
using testing::fixture;
using testing::TempDir;

const ImportOptions kBol{InputFormat::BillOfLading, false};

// Relations of `kind` leaving or entering `id`, as "src->dst".
std::vector<std::string> relations(const Store& store, const std::string& id, RelationKind kind) {
  std::vector<std::string> out;
  for (const auto& relation : store.relations_of(store.entity(id)->row)) {
    if (relation.record.kind == kind)
      out.push_back(relation.record.src + "->" + relation.record.dst);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const PartyResolution* party(const ImportSummary& summary, const std::string& name) {
  const auto& details = summary.parties.details;
  const auto found =
      std::find_if(details.begin(), details.end(), [&](const auto& p) { return p.name == name; });
  return found == details.end() ? nullptr : &*found;
}

TEST(BillOfLading, HeaderAliasesOfCommonExportLayoutsMapToTheLayout) {
  const std::vector<std::pair<std::string, BolField>> cases = {
      {"Shipper Name", BolField::Shipper},
      {"SHIPPER", BolField::Shipper},
      {"Consignee Name", BolField::Consignee},
      {"Notify Party", BolField::NotifyParty},
      {"Arrival Date", BolField::ArrivalDate},
      {"ACTUAL ARRIVAL DATE", BolField::ArrivalDate},
      {"HS Code", BolField::HsCodes},
      {"HARMONIZED CODE", BolField::HsCodes},
      {"Weight (kg)", BolField::WeightKg},
      {"GROSS WEIGHT KG", BolField::WeightKg},
      {"Vessel Name", BolField::Vessel},
      {"IMO Number", BolField::Imo},
      {"Foreign Port of Lading", BolField::PortOfLading},
      {"US Port of Unlading", BolField::PortOfUnlading},
      {"bill_of_lading", BolField::BillOfLading},
      {"Container Number", BolField::Container},
      {"Goods Description", BolField::Description},
      {"port_of_unlading", BolField::PortOfUnlading},
  };
  for (const auto& [header, field] : cases) {
    const auto mapped = bol_field_of_header(header);
    ASSERT_TRUE(mapped.has_value()) << header;
    EXPECT_EQ(*mapped, field) << header;
  }
  EXPECT_FALSE(bol_field_of_header("Marks").has_value());
}

TEST(BillOfLading, ChecksImoCheckDigits) {
  EXPECT_TRUE(is_valid_imo("9074729"));
  EXPECT_TRUE(is_valid_imo("8814275"));
  EXPECT_FALSE(is_valid_imo("9074728"));
  EXPECT_FALSE(is_valid_imo("907472"));
  EXPECT_FALSE(is_valid_imo("0000000"));  // the weighted sum is 0, but no IMO number starts with 0
}

TEST(BillOfLadingFields, ArrivalDateTakesAValidTimeOfDayAndNothingElse) {
  const auto day = graph::parse_date("2021-03-04");
  for (const char* text :
       {"2021-03-04", "2021-03-04T00:00:00", "2021-03-04 06:30", "2021-03-04T06:30:00Z",
        "2021-03-04T06:30:00.123+09:00", "2021-03-04T23:59:60-0500", "2021-03-04 06:30:00+09"}) {
    EXPECT_EQ(parse_arrival_date(text), day) << text;
  }
  for (const char* text :
       {"2021-03-04 garbage", "2021-03-04T25:99:00", "2021-03-04T12:60", "2021-03-04T",
        "2021-03-04 ", "2021-03-04T06:30:00+25:00", "2021-03-04T6:30", "2021-03-04T06:30:00.",
        "2021-03-04X06:30", "2021-03-04T06:30 Z"}) {
    EXPECT_FALSE(parse_arrival_date(text).has_value()) << text;
  }
}

TEST(BillOfLadingFields, WeightThousandsSeparatorsComeInGroupsOfThree) {
  EXPECT_EQ(parse_weight_kg("12,345.5"), 12345.5);
  EXPECT_EQ(parse_weight_kg("1,234,567"), 1234567.0);
  EXPECT_EQ(parse_weight_kg("18400"), 18400.0);
  EXPECT_EQ(parse_weight_kg("9200 kg"), 9200.0);
  EXPECT_EQ(parse_weight_kg("9200KG"), 9200.0);
  EXPECT_EQ(parse_weight_kg("0"), 0.0);
  for (const char* text : {"12,34,5", "1,2345", ",123", "123,", "1.234,5", "1,000,00", "-5", "-0",
                           "+5", "1e3", "12.", ".5", "nan", "inf", "12 345", "kg", ""}) {
    EXPECT_FALSE(parse_weight_kg(text).has_value()) << text;
  }
}

TEST(BillOfLadingFields, ImoNumberIsSevenDigitsWithoutSignOrLeadingZero) {
  for (const char* text : {"9074729", "IMO 9074729", "IMO9074729", "imo: 9074729", " 9074729 "}) {
    EXPECT_EQ(parse_imo(text), "9074729") << text;
  }
  for (const char* text : {"-9074729", "+9074729", "0000000", "9074728", "90747290", "IMO 9074729x",
                           "9 074 729", "IMO", "IMO -9074729", "0907472"}) {
    EXPECT_FALSE(parse_imo(text).has_value()) << text;
  }
}

TEST(BillOfLadingFields, ParsingHsCodesIsLinearInTheirNumber) {
  // 200,000 distinct codes, each given twice: a search of the list for each code would take
  // minutes.
  std::string text;
  for (int twice = 0; twice < 2; ++twice) {
    for (int code = 0; code < 200000; ++code) text += std::to_string(1000000 + code) + ";";
  }
  const auto started = std::chrono::steady_clock::now();
  const auto codes = parse_hs_codes(text);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(codes.has_value());
  EXPECT_EQ(codes->size(), 200000u);
  EXPECT_EQ(codes->front(), "1000000");
  EXPECT_EQ(codes->back(), "1199999");
  EXPECT_LT(seconds, 10.0);  // a generous bound: a linear parse takes well under a second
}

class BolImport : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_ / "bol.db";
    testing::import_sample(db_);
    summary_ = import_into_database(db_, {fixture("bol/shipments.csv")}, kBol);
  }
  TempDir dir_;
  std::filesystem::path db_;
  ImportSummary summary_;
};

TEST_F(BolImport, ResolvesKnownPartiesAndCreatesNewOnes) {
  // Row 2: both parties and the vessel are in the sample; rows 3 and 4 bring a new shipper (twice,
  // spelt two ways), a new consignee and a new vessel.
  EXPECT_EQ(summary_.parties.resolved, 4);
  EXPECT_EQ(summary_.parties.created, 3);
  const auto* northwind = party(summary_, "NORTHWIND SEAFOOD PROCESSING CO LTD (illustrative)");
  ASSERT_NE(northwind, nullptr);
  EXPECT_EQ(northwind->entity, "co-northwind-seafood");
  EXPECT_FALSE(northwind->created);
  EXPECT_GE(northwind->score, 0.7);
  const auto* baltic = party(summary_, "Baltic Frost Fisheries Ltd (illustrative)");
  ASSERT_NE(baltic, nullptr);
  EXPECT_TRUE(baltic->created);
  EXPECT_EQ(baltic->entity, "co-baltic-frost-fisheries-ltd-illustrative");
  const auto* baltic_again = party(summary_, "Baltic Frost Fisheries Limited (illustrative)");
  ASSERT_NE(baltic_again, nullptr);
  EXPECT_FALSE(baltic_again->created);
  EXPECT_EQ(baltic_again->entity, baltic->entity);
  const auto* vessel = party(summary_, "MV Example Star (illustrative)");
  ASSERT_NE(vessel, nullptr);
  EXPECT_EQ(vessel->entity, "ve-example-star");
}

TEST_F(BolImport, EachRowIsAShipmentWithItsRelations) {
  const auto store = Store::open(db_, Store::OpenMode::ReadOnlyExisting);
  const auto shipment = store.entity("bol-MHPU2021001");
  ASSERT_TRUE(shipment.has_value());
  EXPECT_EQ(shipment->record.kind, graph::EntityKind::Shipment);
  EXPECT_EQ(graph::format_date(*shipment->record.valid.from), "2021-03-04");
  const auto attributes = json::parse(shipment->record.attributes_json);
  EXPECT_DOUBLE_EQ(attributes["weight_kg"].get<double>(), 18400.0);
  EXPECT_EQ(attributes["container"], "MSKU1234565");
  EXPECT_EQ(attributes["Marks"], "NWS/HRG");  // a column outside the layout stays an attribute
  EXPECT_EQ(relations(store, "bol-MHPU2021001", RelationKind::Ships),
            std::vector<std::string>{"co-northwind-seafood->bol-MHPU2021001"});
  EXPECT_EQ(relations(store, "bol-MHPU2021001", RelationKind::ConsignedTo),
            std::vector<std::string>{"bol-MHPU2021001->co-harbor-retail"});
  // The sample's product with hs_code 030489 is found by its code.
  EXPECT_EQ(relations(store, "bol-MHPU2021001", RelationKind::Carries),
            std::vector<std::string>{"bol-MHPU2021001->pr-030489"});
  EXPECT_EQ(relations(store, "bol-MHPU2021001", RelationKind::TransportedBy),
            std::vector<std::string>{"bol-MHPU2021001->ve-example-star"});

  // "TO ORDER" names no consignee; the notify party is kept.
  const auto to_order = store.entity("bol-MHPU2021002");
  ASSERT_TRUE(to_order.has_value());
  EXPECT_TRUE(relations(store, "bol-MHPU2021002", RelationKind::ConsignedTo).empty());
  const auto order_attributes = json::parse(to_order->record.attributes_json);
  EXPECT_EQ(order_attributes["notify_party"], "Lakeside Grocers Inc (illustrative)");
  EXPECT_TRUE(order_attributes["consignee_to_order"].get<bool>());
  EXPECT_EQ(relations(store, "bol-MHPU2021002", RelationKind::Carries),
            (std::vector<std::string>{"bol-MHPU2021002->hs-160420", "bol-MHPU2021002->pr-030489"}));
  // A vessel new to the store is created under its IMO number and found by it on the next row.
  EXPECT_EQ(relations(store, "bol-MHPU2021002", RelationKind::TransportedBy),
            std::vector<std::string>{"bol-MHPU2021002->imo-8814275"});
  const auto product = store.entity("hs-160420");
  ASSERT_TRUE(product.has_value());
  EXPECT_EQ(json::parse(product->record.attributes_json)["hs_code"], "160420");
}

TEST_F(BolImport, TheFileIsACustomsRecordSourceAndEveryRowFactHasAClaim) {
  const auto store = Store::open(db_, Store::OpenMode::ReadOnlyExisting);
  const auto sha256 = testing::file_sha256(fixture("bol/shipments.csv"));
  const auto sources = store.sources();
  const auto source = std::find_if(sources.begin(), sources.end(), [&](const auto& s) {
    return s.id == "src-bol-" + sha256.substr(0, 12);
  });
  ASSERT_NE(source, sources.end());
  EXPECT_EQ(source->kind, graph::SourceKind::CustomsRecord);
  EXPECT_EQ(source->reliability, graph::Reliability::B);
  EXPECT_EQ(source->sha256, sha256);
  const auto shipment = store.entity("bol-MHPU2021001");
  const auto claims = store.claims_of_entity(shipment->row);
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].claim.locator, "row 2");
  EXPECT_EQ(claims[0].source.id, source->id);
  for (const auto& relation : store.relations_of(shipment->row)) {
    const auto relation_claims = store.claims_of_relation(relation.row);
    ASSERT_EQ(relation_claims.size(), 1u) << relation.record.id;
    EXPECT_EQ(relation_claims[0].claim.locator, "row 2");
  }
}

TEST_F(BolImport, ARowWithoutABillNumberGetsAStableIdAndReimportChangesNothing) {
  const auto again = import_into_database(db_, {fixture("bol/shipments.csv")}, kBol);
  EXPECT_EQ(again.entities.inserted, 0);
  EXPECT_EQ(again.entities.updated, 0);
  EXPECT_EQ(again.relations.inserted, 0);
  EXPECT_EQ(again.claims.inserted, 0);
  // Every party now resolves, the created ones included.
  EXPECT_EQ(again.parties.created, 0);
  const auto store = Store::open(db_, Store::OpenMode::ReadOnlyExisting);
  std::int64_t hashed = 0;
  store.for_each_entity_key([&](const Store::EntityKey& key) {
    if (key.id.rfind("shipment-", 0) == 0) ++hashed;
  });
  EXPECT_EQ(hashed, 1);
}

// One bill of lading whose hs_codes column lists `count` distinct codes.
std::string bill_with_hs_codes(std::size_t count) {
  std::string codes;
  for (std::size_t code = 0; code < count; ++code)
    codes += (code == 0 ? "" : ";") + std::to_string(100000 + code);
  return "bill_of_lading,shipper,consignee,hs_codes\nHS-1,Alpha Trading (illustrative),Beta "
         "Imports (illustrative),\"" +
         codes + "\"\n";
}

double seconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

TEST(BillOfLading, RowWithTheMostHsCodesAllowedImportsEachCode) {
  TempDir dir;
  const auto path = dir / "hs.csv";
  testing::write_file(path, bill_with_hs_codes(kMaxHsCodesPerRow));
  const auto started = std::chrono::steady_clock::now();
  const auto summary = import_into_database(dir / "hs.db", {path}, kBol);
  EXPECT_LT(seconds_since(started), 60.0);  // generous: it takes about a second
  EXPECT_EQ(summary.relations.inserted,
            static_cast<std::int64_t>(kMaxHsCodesPerRow) + 2);  // + ships, consigned_to
  const auto store = Store::open(dir / "hs.db", Store::OpenMode::ReadOnlyExisting);
  EXPECT_EQ(relations(store, "bol-HS-1", RelationKind::Carries).size(), kMaxHsCodesPerRow);
}

TEST(BillOfLading, TwentyThousandHsCodesInOneRowAreRefusedAtOnceNamingTheRow) {
  TempDir dir;
  const auto db = dir / "hs.db";
  testing::import_sample(db);
  const auto before = testing::file_sha256(db);
  const auto path = dir / "hs.csv";
  testing::write_file(path, bill_with_hs_codes(20000));
  const auto started = std::chrono::steady_clock::now();
  try {
    import_into_database(db, {path}, kBol);
    FAIL() << "a row of 20,000 HS codes was imported";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(
        message.rfind(path.string() +
                          ":2: field \"hs_codes\": at most 1000 HS codes in one row, this one "
                          "lists 20000",
                      0),
        0u)
        << message;
  }
  EXPECT_LT(seconds_since(started), 30.0);  // generous: the refusal comes before any write
  EXPECT_EQ(testing::file_sha256(db), before);
}

TEST(BillOfLading, BillOfLadingWithCrOnlyLineEndsImportsEveryRow) {
  TempDir dir;
  const auto db = dir / "cr.db";
  testing::import_sample(db);
  const auto summary = import_into_database(db, {fixture("bol/cr_only_line_ends.csv")}, kBol);
  const auto store = Store::open(db, Store::OpenMode::ReadOnlyExisting);
  // Each row is a shipment with the claim of its own line (the blank line between them counts).
  for (const auto& [id, locator] :
       {std::pair{"bol-CR-1", "row 2"}, std::pair{"bol-CR-2", "row 4"}}) {
    const auto shipment = store.entity(id);
    ASSERT_TRUE(shipment.has_value()) << id;
    const auto claims = store.claims_of_entity(shipment->row);
    ASSERT_EQ(claims.size(), 1u) << id;
    EXPECT_EQ(claims[0].claim.locator, locator);
  }
  EXPECT_EQ(relations(store, "bol-CR-1", RelationKind::Carries),
            std::vector<std::string>{"bol-CR-1->pr-030489"});
  EXPECT_EQ(relations(store, "bol-CR-2", RelationKind::Carries),
            std::vector<std::string>{"bol-CR-2->hs-160420"});
  EXPECT_EQ(relations(store, "bol-CR-2", RelationKind::ConsignedTo),
            std::vector<std::string>{"bol-CR-2->co-harbor-retail"});
}

TEST(BillOfLading, SameBillTwiceWithOtherDataIsRefusedNamingBothLines) {
  TempDir dir;
  const auto db = dir / "bill.db";
  testing::import_sample(db);
  const auto before = testing::file_sha256(db);
  const auto path = fixture("bol/same_bill_other_data.csv");
  try {
    import_into_database(db, {path}, kBol);
    FAIL() << "the second B-7, with another weight, was merged into the first";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(path.string() +
                                ":4: field \"bill_of_lading\": bill bol-B-7 is also on line 2 with "
                                "other data",
                            0),
              0u)
        << message;
    EXPECT_EQ(e.location().line, 4u);
  }
  EXPECT_EQ(testing::file_sha256(db), before);
}

TEST(BillOfLading, RowRepeatedExactlyIsImportedOnceWithAClaimPerLine) {
  TempDir dir;
  const auto db = dir / "bill.db";
  testing::import_sample(db);
  import_into_database(db, {fixture("bol/same_bill_repeated.csv")}, kBol);
  const auto store = Store::open(db, Store::OpenMode::ReadOnlyExisting);
  const auto shipment = store.entity("bol-B-7");
  ASSERT_TRUE(shipment.has_value());
  EXPECT_DOUBLE_EQ(json::parse(shipment->record.attributes_json)["weight_kg"].get<double>(),
                   1200.0);
  EXPECT_EQ(relations(store, "bol-B-7", RelationKind::Ships).size(), 1u);
  std::vector<std::string> locators;
  for (const auto& claim : store.claims_of_entity(shipment->row))
    locators.push_back(claim.claim.locator);
  std::sort(locators.begin(), locators.end());
  EXPECT_EQ(locators, (std::vector<std::string>{"row 2", "row 3"}));
}

struct BadBol {
  const char* file;
  const char* where;  // "LINE: field \"X\""
  const char* what;
};

class BolBadInput : public ::testing::TestWithParam<BadBol> {};

TEST_P(BolBadInput, NamesFileLineAndFieldAndLeavesStoreUnchanged) {
  TempDir dir;
  const auto db = dir / "bad.db";
  testing::import_sample(db);
  const auto before = testing::file_sha256(db);
  const auto path = fixture(std::string("bol/") + GetParam().file);
  try {
    import_into_database(db, {path}, kBol);
    FAIL() << "expected an InputError for " << GetParam().file;
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(path.string() + ":" + GetParam().where, 0), 0u) << message;
    EXPECT_NE(message.find(GetParam().what), std::string::npos) << message;
  }
  EXPECT_EQ(testing::file_sha256(db), before);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, BolBadInput,
    ::testing::Values(
        BadBol{"missing_shipper_column.csv", "1: field \"shipper\"", "missing"},
        BadBol{"empty_shipper.csv", "3: field \"shipper\"", "must not be empty"},
        BadBol{"bad_date.csv", "2: field \"ACTUAL ARRIVAL DATE\"", "03/04/2021"},
        BadBol{"bad_weight.csv", "3: field \"GROSS WEIGHT KG\"", "heavy"},
        BadBol{"bad_hs_code.csv", "2: field \"HS Code\"", "03A489"},
        BadBol{"bad_imo.csv", "2: field \"IMO Number\"", "check digit"},
        BadBol{"duplicate_column.csv", "1: field \"Shipper Name\"", "same field"},
        BadBol{"arrival_time_garbage.csv", "2: field \"arrival_date\"", "2021-03-04 garbage"},
        BadBol{"arrival_time_out_of_range.csv", "2: field \"arrival_date\"", "T25:99:00"},
        BadBol{"imo_negative.csv", "2: field \"imo\"", "(got \"-9074729\")"},
        BadBol{"imo_all_zeros.csv", "2: field \"imo\"", "(got \"0000000\")"},
        BadBol{"weight_misgrouped.csv", "2: field \"weight_kg\"", "(got \"12,34,5\")"},
        BadBol{"same_bill_other_data.csv", "4: field \"bill_of_lading\"", "also on line 2"}),
    [](const ::testing::TestParamInfo<BadBol>& param_info) {
      const std::string name = param_info.param.file;
      return name.substr(0, name.find('.'));
    });

}  // namespace
}  // namespace flgraph::importers
