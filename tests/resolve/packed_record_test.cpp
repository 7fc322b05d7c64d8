// tests/resolve/packed_record_test.cpp: the name index keeps every record packed; what it
// unpacks must be what was added and what normalisation gave, for the real lists' names.
#include "resolve/detail/packed_record.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "graph/store.h"
#include "resolve/name_matcher.h"
#include "resolve/store_index.h"
#include "shared_lists.h"

namespace flgraph::resolve {
namespace {

auto fields(const NameToken& token) {
  return std::tie(token.text, token.fold, token.sound, token.token_class, token.numeric,
                  token.korean_shape);
}

void expect_same(const NormalizedName& unpacked, const NormalizedName& fresh,
                 const std::string& where) {
  EXPECT_EQ(unpacked.acronym, fresh.acronym) << where;
  EXPECT_EQ(unpacked.initials, fresh.initials) << where;
  ASSERT_EQ(unpacked.tokens.size(), fresh.tokens.size()) << where;
  for (std::size_t t = 0; t < fresh.tokens.size(); ++t)
    EXPECT_TRUE(fields(unpacked.tokens[t]) == fields(fresh.tokens[t])) << where << " token " << t;
  ASSERT_EQ(unpacked.runs.size(), fresh.runs.size()) << where;
  for (std::size_t r = 0; r < fresh.runs.size(); ++r) {
    EXPECT_EQ(unpacked.runs[r].first, fresh.runs[r].first) << where;
    EXPECT_EQ(unpacked.runs[r].length, fresh.runs[r].length) << where;
    EXPECT_TRUE(fields(unpacked.runs[r].token) == fields(fresh.runs[r].token)) << where;
  }
}

TEST(PackedRecord, EveryNameOfTheRealListsUnpacksAsItWasNormalised) {
  const auto store = graph::Store::open(testing::shared_lists_database(),
                                        graph::Store::OpenMode::ReadOnlyExisting);
  const StoreNameIndex index(store);
  const auto& names = index.names();
  ASSERT_GT(names.size(), 500U);
  std::size_t readings_checked = 0;
  std::size_t non_latin = 0;
  for (std::size_t record = 0; record < names.size(); ++record) {
    std::vector<NormalizedName> fresh;
    for (const auto& name : names.record(record).names) {
      for (auto& reading : name_readings(name)) fresh.push_back(std::move(reading));
      non_latin += name.find_first_of(
                       "\xE0\xE1\xE2\xE3\xE4\xE5\xE6\xE7\xE8\xE9\xEA\xEB\xEC\xED"
                       "\xD0\xD1") != std::string::npos;
    }
    const auto unpacked = names.normalized_names(record);
    ASSERT_EQ(unpacked.size(), fresh.size()) << names.record(record).id;
    for (std::size_t r = 0; r < fresh.size(); ++r)
      expect_same(unpacked[r], fresh[r], names.record(record).id + " reading " + std::to_string(r));
    readings_checked += fresh.size();
  }
  EXPECT_GT(readings_checked, names.size());
  EXPECT_GT(non_latin, 10U);  // Hangul, Han and Cyrillic names are among them
}

TEST(PackedRecord, IdQualifiersOwnersAndTokenIdsComeBackAndLongTextsSurvive) {
  detail::UnpackedRecord record;
  record.id = "NK-" + std::string(40, '7');
  record.qualifiers = {"company", "KP", {"1961", "1962-04-15"}, {"IMO 7937317"}};
  record.names = {"KOREA MINING DEVELOPMENT TRADING CORPORATION (KOMID)", "조선광업개발무역회사",
                  "", "Ocean"};
  record.readings.push_back(normalize_name("KOREA MINING DEVELOPMENT TRADING CORPORATION (KOMID)"));
  record.readings.push_back(normalize_name(std::string(300, 'x') + " Ocean 9071"));
  record.owners = {0, 3};
  for (const auto& reading : record.readings) {
    std::vector<std::uint32_t> ids;
    for (std::size_t t = 0; t < reading.tokens.size(); ++t)
      ids.push_back(static_cast<std::uint32_t>(1000000 * t + 5));
    record.token_ids.push_back(ids);
  }
  std::string bytes;
  detail::pack_record(record, bytes);
  EXPECT_EQ(detail::packed_id(bytes), record.id);
  detail::UnpackedRecord back;
  back.readings.resize(5);  // a reused buffer holding more than the record
  back.names.resize(7);
  back.qualifiers.identifiers = {"a", "b", "c"};
  detail::unpack_record(bytes, back);
  EXPECT_EQ(back.id, record.id);
  EXPECT_EQ(back.names, record.names);
  EXPECT_EQ(back.qualifiers.kind, "company");
  EXPECT_EQ(back.qualifiers.country, "KP");
  EXPECT_EQ(back.qualifiers.birth_dates, record.qualifiers.birth_dates);
  EXPECT_EQ(back.qualifiers.identifiers, record.qualifiers.identifiers);
  EXPECT_EQ(back.owners, record.owners);
  EXPECT_EQ(back.token_ids, record.token_ids);
  ASSERT_EQ(back.readings.size(), 2U);
  expect_same(back.readings[0], record.readings[0], "KOMID");
  expect_same(back.readings[1], record.readings[1], "long");
  EXPECT_EQ(back.readings[0].acronym, "komid");
  // A packed record cut short is a bug caught, not garbage read.
  EXPECT_THROW(detail::unpack_record(std::string_view(bytes).substr(0, bytes.size() - 1), back),
               std::logic_error);
}

// Found by fuzzing: a run late in a long name starts at a token number larger than the bytes
// left in the record, which a check meant for counts took for damage.
TEST(PackedRecord, ARunLateInALongNameUnpacks) {
  const std::string replacement = "\xef\xbf\xbd";
  std::string many;
  for (int i = 0; i < 36; ++i) many += replacement;
  const std::string second = "\"Sawn wood of pi" + many + "ne SHPG CO\nKOREA KUM" + replacement +
                             replacement + "OL TRADLPO SHIik" + replacement + "NG CO\nP9" +
                             std::string(1, '\0') + replacement + "ngy\xec\xa1\xb0\xec\x84\xa0nha";
  NameIndex index;
  IndexedRecord record;
  record.id = "a";
  record.names = {
      "KOREA SAMIMAOR\x05"
      "A KUMUNSAN SHIPPING CO",
      second};
  index.add(record);
  EXPECT_NO_THROW(index.match(name_readings(second), {}, 5, 0.0));
  EXPECT_EQ(index.normalized_names(0).size(),
            name_readings(record.names[0]).size() + name_readings(second).size());
}

}  // namespace
}  // namespace flgraph::resolve
