// tests/resolve/lookalikes_test.cpp: every name of the shipped look-alike list resolves to its
// legitimate organisation and never matches the real OFAC + UN DPRK entries; the listed names they
// resemble still do; users' own lists add to it and are checked row by row.
#include "resolve/lookalikes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "commands/resolve_commands.h"
#include "graph/errors.h"
#include "graph/store.h"
#include "importers/lookalike_file.h"
#include "resolve/store_index.h"
#include "shared_lists.h"
#include "test_support.h"

namespace flgraph::resolve {
namespace {

using commands::match_command;
using commands::MatchOptions;

const StoreNameIndex& lists_index() {
  static const graph::Store store = graph::Store::open(testing::shared_lists_database(),
                                                       graph::Store::OpenMode::ReadOnlyExisting);
  static const StoreNameIndex index(store);
  return index;
}

std::vector<std::string> names_of(const Lookalike& entry) {
  std::vector<std::string> names{entry.name};
  names.insert(names.end(), entry.other_names.begin(), entry.other_names.end());
  return names;
}

// The listed names a row says it resembles: "KOREA DAESONG BANK (UN KPe.035; ...) | ...".
std::vector<std::string> resembled_names(const std::string& resembles) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < resembles.size()) {
    auto end = resembles.find(" | ", start);
    if (end == std::string::npos) end = resembles.size();
    auto part = resembles.substr(start, end - start);
    part = part.substr(0, part.find(" ("));
    if (!part.empty()) out.push_back(part);
    start = end + 3;
  }
  return out;
}

TEST(Lookalikes, TheShippedListIsEmbeddedWhole) {
  const auto& list = LookalikeList::shipped();
  ASSERT_EQ(list.size(), 52u);  // resolve/data/README.md: 52 rows
  EXPECT_EQ(list.entry(0).id, "la-kdb");
  EXPECT_EQ(list.entry(0).other_names.front(), "한국산업은행");
  EXPECT_EQ(list.entry(1).identifiers, (std::vector<std::string>{"BIC:IBKOKRSE", "KRX:024110"}));
}

// Table-driven over the shipped file: a row or a matcher change that lets one of these names be
// taken for a listed DPRK entity fails here, naming the row and the name.
TEST(Lookalikes, EveryShippedNameResolvesToItselfAndNeverToTheLists) {
  const auto& list = LookalikeList::shipped();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& entry = list.entry(i);
    for (const auto& name : names_of(entry)) {
      SCOPED_TRACE(entry.id + ": " + name);
      const Qualifiers none;
      const auto hit = list.best(name, none, kDefaultMatchThreshold);
      ASSERT_TRUE(hit.has_value());
      // A name two rows share (KEB하나은행 for Korea Exchange Bank and Hana Bank) may find either.
      const auto hit_names = names_of(*hit->entry);
      EXPECT_TRUE(hit->entry->id == entry.id ||
                  std::find(hit_names.begin(), hit_names.end(), name) != hit_names.end())
          << "resolved to " << hit->entry->id;
      const auto store = lists_index().match(name, none, 1, 0.0);
      const double best = store.empty() ? 0.0 : store.front().score.score;
      EXPECT_TRUE(lookalike_wins(hit, best, kDefaultMatchThreshold))
          << "store " << (store.empty() ? "-" : lists_index().id(store.front().record)) << " "
          << best << " vs look-alike " << hit->score.score;
    }
  }
}

// Names the matcher scores below the threshold against their own entity today: "FOREIGN TRADE
// BANK" meets UN KPe.047 "FOREIGN TRADE BANK (FTB)" at 0.64 (the bracketed abbreviation weighs
// against it). They must still find that entity first, and never a look-alike.
const std::vector<std::pair<std::string, std::string>> kBelowThreshold = {
    {"FOREIGN TRADE BANK", "un-KPe.047"}};

TEST(Lookalikes, TheListedNamesTheyResembleStillMatchTheirEntities) {
  const auto& list = LookalikeList::shipped();
  std::size_t checked = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& entry = list.entry(i);
    const auto own_names = names_of(entry);
    for (const auto& name : resembled_names(entry.resembles)) {
      SCOPED_TRACE(entry.id + " resembles " + name);
      Qualifiers query;
      const bool shared_name =
          std::any_of(own_names.begin(), own_names.end(), [&](const auto& own) {
            return normalize_name(own).text() == normalize_name(name).text();
          });
      // "Ministry of Labor" is both the ROK ministry's former name and OFAC 21308's: a tie the
      // look-alike wins, so a DPRK screener says the country.
      if (shared_name) query.country = "KP";
      const auto store = lists_index().match(name, query, 1, 0.0);
      ASSERT_FALSE(store.empty());
      const double best = store.front().score.score;
      const auto known = std::find_if(kBelowThreshold.begin(), kBelowThreshold.end(),
                                      [&](const auto& pair) { return pair.first == name; });
      if (known != kBelowThreshold.end()) {
        EXPECT_EQ(lists_index().id(store.front().record), known->second);
      } else {
        EXPECT_GE(best, kDefaultMatchThreshold) << lists_index().id(store.front().record);
      }
      EXPECT_FALSE(lookalike_wins(list.best(name, query, kDefaultMatchThreshold), best,
                                  kDefaultMatchThreshold));
      ++checked;
    }
  }
  EXPECT_GE(checked, 52u);
}

TEST(Lookalikes, MatchReportsTheLegitimateBankAndNoMatch) {
  MatchOptions options;
  for (const char* name : {"Korea Development Bank", "한국산업은행", "KDB"}) {
    SCOPED_TRACE(name);
    const auto report = match_command(testing::shared_lists_database(), name, options);
    ASSERT_TRUE(report["lookalike"].is_object());
    EXPECT_EQ(report["lookalike"]["id"], "la-kdb");
    EXPECT_EQ(report["lookalike"]["website"], "https://www.kdb.co.kr");
    for (const auto& candidate : report["candidates"]) EXPECT_FALSE(candidate["match"].get<bool>());
  }
  const auto ibk =
      match_command(testing::shared_lists_database(), "Industrial Bank of Korea", options);
  EXPECT_EQ(ibk["lookalike"]["id"], "la-ibk");
  for (const auto& candidate : ibk["candidates"]) EXPECT_FALSE(candidate["match"].get<bool>());
  const auto daesong =
      match_command(testing::shared_lists_database(), "Korea Daesong Bank", options);
  EXPECT_TRUE(daesong["lookalike"].is_null());
  ASSERT_FALSE(daesong["candidates"].empty());
  EXPECT_TRUE(daesong["candidates"][0]["match"].get<bool>());
}

TEST(Lookalikes, QualifiersOfTheQueryAreEchoed) {
  MatchOptions options;
  options.kind = "person";
  options.dob = "1964-06-18";
  options.id_numbers = {"Passport 381420754"};
  const auto report = match_command(testing::shared_lists_database(), "Paek Chang Ho", options);
  EXPECT_EQ(report["kind"], "person");
  EXPECT_EQ(report["dob"], "1964-06-18");
  EXPECT_EQ(report["id_numbers"], nlohmann::json::array({"Passport 381420754"}));
  ASSERT_FALSE(report["candidates"].empty());
  EXPECT_EQ(report["candidates"][0]["id"], "ofac-15667");
  EXPECT_TRUE(report["candidates"][0]["match"].get<bool>());
}

constexpr const char* kHeader =
    "id\tname\tother_names\tkind\tcountry\tidentifier\tresembles\twebsite\tsource\n";

TEST(Lookalikes, AUsersListAddsItsOwnLegitimateCompanies) {
  testing::TempDir dir;
  const auto file = dir / "mine.tsv";
  testing::write_file(file, std::string(kHeader) +
                                "my-1\tRungrado Trading\tRungrado GmbH\tcompany\tDE\t\tRUNGRADO "
                                "GENERAL TRADING CORPORATION\t\tour supplier register\n");
  MatchOptions options;
  const auto before = match_command(testing::shared_lists_database(), "Rungrado Trading", options);
  EXPECT_TRUE(before["lookalike"].is_null());
  options.lookalikes = file.string();
  const auto after = match_command(testing::shared_lists_database(), "Rungrado Trading", options);
  ASSERT_TRUE(after["lookalike"].is_object());
  EXPECT_EQ(after["lookalike"]["id"], "my-1");
  EXPECT_EQ(after["lookalike"]["source"], "our supplier register");
  for (const auto& candidate : after["candidates"]) EXPECT_FALSE(candidate["match"].get<bool>());

  const auto csv = dir / "mine.csv";
  testing::write_file(csv,
                      "id,name,other_names,kind,country,identifier,resembles,website,source\n"
                      "my-2,Rungrado Trading,,company,DE,,,,register\n");
  const auto list = importers::lookalikes_with(csv);
  EXPECT_EQ(list.size(), LookalikeList::shipped().size() + 1);
}

InputLocation error_of(const std::string& text, const std::string& name = "bad.tsv") {
  testing::TempDir dir;
  testing::write_file(dir / name, text);
  LookalikeList list;
  try {
    importers::add_lookalike_file(dir / name, list);
  } catch (const InputError& error) {
    return error.location();
  }
  ADD_FAILURE() << "no error for " << text;
  return {};
}

TEST(Lookalikes, BadRowsNameFileLineAndField) {
  EXPECT_EQ(error_of("id\tname\n1\tX\n").field, "other_names");
  const auto empty_name = error_of(std::string(kHeader) +
                                   "a\tA\t\tcompany\tKR\t\t\t\ts\nb\t\t\tcompany\tKR\t\t\t\ts\n");
  EXPECT_EQ(empty_name.line, 3u);
  EXPECT_EQ(empty_name.field, "name");
  EXPECT_NE(empty_name.file.find("bad.tsv"), std::string::npos);
  EXPECT_EQ(error_of(std::string(kHeader) + "a\tA\t\tbank\tKR\t\t\t\ts\n").field, "kind");
  const auto csv = error_of(
      "id,name,other_names,kind,country,identifier,resembles,website,source\nx,,,company,,,,,s\n",
      "bad.csv");
  EXPECT_EQ(csv.line, 2u);
  EXPECT_EQ(csv.field, "name");
}

}  // namespace
}  // namespace flgraph::resolve
