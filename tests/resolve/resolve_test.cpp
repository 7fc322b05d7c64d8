// tests/resolve/resolve_test.cpp: name normalisation, scoring, blocking, and judgements as data.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "commands/resolve_commands.h"
#include "graph/store.h"
#include "importers/import.h"
#include "resolve/name_matcher.h"
#include "resolve/name_normalizer.h"
#include "resolve/romanization.h"
#include "resolve/store_index.h"
#include "test_support.h"
#include "viz/resolve_reports.h"

namespace flgraph::resolve {
namespace {

using commands::judge_command;
using commands::match_command;
using commands::resolve_command;
using commands::undo_judgement_command;
using graph::Decision;
using graph::Store;
using importers::import_into_database;
using importers::InputFormat;
using nlohmann::json;
using testing::TempDir;
using viz::judge_text;

constexpr const char* kRungrado = "KOREA RUNGRADO GENERAL TRADING CORPORATION";
constexpr const char* kCholsan = "KOREA CHOLSAN GENERAL TRADING CORPORATION";

double score_of(const std::string& a, const std::string& b, std::string_view country_a = {},
                std::string_view country_b = {}) {
  return score_qualified(normalize_name(a), country_qualifier(country_a), normalize_name(b),
                         country_qualifier(country_b))
      .score;
}

std::vector<TokenClass> classes_of(const NormalizedName& name) {
  std::vector<TokenClass> out;
  for (const auto& token : name.tokens) out.push_back(token.token_class);
  return out;
}

// ---------------------------------------------------------------- normalisation

TEST(NameNormalizer, CutsHangulAtCorporateWordsAndRomanisesTheRest) {
  EXPECT_EQ(normalize_name("조선릉라도무역총회사").text(), "korea rungrado trade general_corp");
  EXPECT_EQ(normalize_name("철산").text(), "cholsan");
  EXPECT_EQ(normalize_name("김정은").text(), "kimjongun");
}

TEST(NameNormalizer, RomanisesHangulTheDprkWay) {
  EXPECT_EQ(romanize_hangul(U"릉라도"), "rungrado");
  EXPECT_EQ(romanize_hangul(U"철산"), "cholsan");
  EXPECT_EQ(romanize_hangul(U"평양"), "pyongyang");
  EXPECT_EQ(romanize_hangul(U"대성"), "taesong");
}

TEST(NameNormalizer, TransliteratesCyrillicAndFoldsItsLegalForm) {
  EXPECT_EQ(normalize_name("ООО «Рунградо»").text(), "llc rungrado");
  EXPECT_EQ(normalize_name("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU MOKRAN").text(),
            "llc mokran");
  EXPECT_EQ(normalize_name("OOO MOKRAN").text(), "llc mokran");
}

TEST(NameNormalizer, ReadsHanInPinyinAndCutsItsCorporateWords) {
  EXPECT_EQ(normalize_name("丹东鸿祥实业发展有限公司").text(),
            "dandonghongxiang industry development co_ltd");
  EXPECT_EQ(normalize_name("朝鲜贸易总公司").text(), "korea trade general_corp");
}

TEST(NameNormalizer, FoldsCaseWidthPunctuationAndAccents) {
  EXPECT_EQ(normalize_name("P'yŏngyang").text(), "pyongyang");
  EXPECT_EQ(normalize_name("ＫＯＲＥＡ　ＲＵＮＧＲＡＤＯ").text(), "korea rungrado");
  EXPECT_EQ(normalize_name("Senat Shipping & Trading Pte. Ltd.").text(),
            "senat shipping and trade pte_ltd");
  EXPECT_EQ(normalize_name("Empresa S.A.").text(), "empresa sa");
  EXPECT_EQ(normalize_name("OFFICE NO. 39").text(), "office no 39");
}

TEST(NameNormalizer, KeepsSuffixesAndStopWordsButClassifiesThem) {
  const auto name = normalize_name("KOREA RUNGRADO GENERAL TRADING CORPORATION OF PYONGYANG");
  EXPECT_EQ(name.text(), "korea rungrado general trade corp of pyongyang");
  EXPECT_EQ(classes_of(name), (std::vector<TokenClass>{TokenClass::Place, TokenClass::Distinctive,
                                                       TokenClass::Generic, TokenClass::Generic,
                                                       TokenClass::LegalForm, TokenClass::StopWord,
                                                       TokenClass::Place}));
  EXPECT_LT(class_weight(TokenClass::LegalForm), class_weight(TokenClass::Generic));
  EXPECT_GT(class_weight(TokenClass::StopWord), 0.0);  // weighted low, not dropped
  EXPECT_EQ(normalize_name("Co., Ltd").text(), "co_ltd");
  EXPECT_EQ(normalize_name("LLC").tokens.at(0).token_class, TokenClass::LegalForm);
}

TEST(Romanization, FoldsTheVariantsOfDprkNames) {
  const std::vector<std::vector<std::string>> groups = {
      {"ryong", "ryeong", "ryung"},
      {"chol", "cheol", "chul"},
      {"pyongyang", "pyeongyang"},
      {"kwang", "gwang"},
      {"jong", "chong"},
      {"son", "sun"},
      {"taesong", "daesong"},
      {"ri", "li", "lee", "yi"},
      {"paeksol", "baeksul"},
      {"taejin", "daizin", "taijin"},
      {"park", "pak"},
      {"hun", "hoon"},
  };
  for (const auto& group : groups) {
    for (const auto& spelling : group) {
      EXPECT_EQ(fold_romanization(spelling), fold_romanization(group.front()))
          << spelling << " vs " << group.front();
    }
  }
  EXPECT_NE(fold_romanization("rungrado"), fold_romanization("cholsan"));
  EXPECT_NE(fold_romanization("kim"), fold_romanization("pak"));
  EXPECT_EQ(fold_romanization("39"), "39");
}

TEST(Romanization, TellsKoreanSyllableSequencesFromTypos) {
  EXPECT_TRUE(is_korean_syllable_sequence(fold_romanization("rungrado")));
  EXPECT_TRUE(is_korean_syllable_sequence(fold_romanization("jinmyong")));
  EXPECT_FALSE(is_korean_syllable_sequence(fold_romanization("rynrado")));
  EXPECT_FALSE(is_korean_syllable_sequence(fold_romanization("silverstar")));
}

// ---------------------------------------------------------------- scoring

TEST(NameMatcher, MatchesTheRungradoFamilyAcrossSpellingsAndScripts) {
  for (const char* variant : {"RUNGRADO TRADE COMPANY", "RYNRADO", "조선릉라도무역총회사",
                              "Korea Rungrado General Trading Corp."}) {
    EXPECT_GE(score_of(variant, kRungrado), kDefaultMatchThreshold) << variant;
  }
}

TEST(NameMatcher, SeparatesNamesThatDifferOnlyInTheDistinctiveToken) {
  EXPECT_LT(score_of(kRungrado, kCholsan), 0.5);
  EXPECT_LT(score_of("JINSONG JOINT BANK", "JINMYONG JOINT BANK"), kDefaultMatchThreshold);
  EXPECT_LT(score_of("KUM SONG 3", "KUM SONG 5"), kDefaultMatchThreshold);
  EXPECT_LT(score_of("KIM, Yong Chol", "KIM, Yong Su"), kDefaultMatchThreshold);
}

TEST(NameMatcher, DoesNotSaturate) {
  // Each pair is weaker than the one before: equal, another legal form, words dropped, a typo,
  // another distinctive token.
  const std::vector<std::string> ladder = {kRungrado, "KOREA RUNGRADO GENERAL TRADING COMPANY",
                                           "RUNGRADO TRADE COMPANY", "RYNRADO", kCholsan};
  std::vector<double> scores;
  for (const auto& other : ladder) scores.push_back(score_of(kRungrado, other));
  EXPECT_DOUBLE_EQ(scores.front(), 1.0);
  for (std::size_t i = 1; i < scores.size(); ++i) EXPECT_LT(scores[i], scores[i - 1]) << ladder[i];
  // A respelling, a join and an exact match are three different strengths, all below 1 but the
  // last.
  const double respelt = score_of("KIM, Yong Chol", "KIM, Young-Cheol");
  const double joined = score_of("KIM, Yong Chol", "KIM Yongchol");
  const double exact = score_of("KIM, Yong Chol", "Kim Yong Chol");
  EXPECT_LT(respelt, joined);
  EXPECT_LT(joined, exact);
  EXPECT_DOUBLE_EQ(exact, 1.0);
  EXPECT_GE(respelt, kDefaultMatchThreshold);
}

TEST(NameMatcher, ExplainsEachFeature) {
  const auto score =
      score_qualified(normalize_name("RUNGRADO TRADE COMPANY"), country_qualifier("KP"),
                      normalize_name(kRungrado), country_qualifier("KP"));
  std::set<std::string> names;
  for (const auto& feature : score.features) names.insert(feature.name);
  EXPECT_EQ(names, (std::set<std::string>{"distinctive", "tokens", "numbers", "sector",
                                          "legal_form", "identifier", "birth_date", "country"}));
  const auto& distinctive = score.features.front();
  EXPECT_EQ(distinctive.name, "distinctive");
  EXPECT_DOUBLE_EQ(distinctive.value, 1.0);
  EXPECT_NE(distinctive.detail.find("rungrado~rungrado"), std::string::npos) << distinctive.detail;
  const bool pairs_korea_with_nothing =
      std::any_of(score.alignments.begin(), score.alignments.end(), [](const auto& a) {
        return a.candidate == "korea" && a.query.empty() && a.how == "unmatched";
      });
  EXPECT_TRUE(pairs_korea_with_nothing);
}

TEST(NameMatcher, ADifferentLineOfBusinessSeparatesNamesSharingTheirCore) {
  // Three designated DPRK entities: a trading corporation, a bank and a construction company.
  EXPECT_LT(score_of("KOREA DAESONG GENERAL TRADING CORPORATION", "KOREA DAESONG BANK"),
            kDefaultMatchThreshold);
  EXPECT_LT(score_of("KOREA NAMGANG TRADING CORPORATION", "NAMGANG CONSTRUCTION"),
            kDefaultMatchThreshold);
  // Trade and trading, import and export: one line of business, no penalty.
  EXPECT_GE(score_of("RUNGRADO TRADE COMPANY", kRungrado), kDefaultMatchThreshold);
  EXPECT_GE(
      score_of("KOREA HYOKSIN EXPORT AND IMPORT CORPORATION", "KOREA HYOKSIN TRADING CORPORATION"),
      kDefaultMatchThreshold);
  const auto explained = score_names(normalize_name("KOREA DAESONG BANK"),
                                     normalize_name("KOREA DAESONG GENERAL TRADING CORPORATION"));
  const auto sector = std::find_if(explained.features.begin(), explained.features.end(),
                                   [](const auto& feature) { return feature.name == "sector"; });
  ASSERT_NE(sector, explained.features.end());
  EXPECT_EQ(sector->value, 0.0);
  EXPECT_EQ(sector->detail, "finance / trade");
}

TEST(NameMatcher, CountryAgreementRaisesAndDisagreementLowersTheScore) {
  const double same = score_of("RUNGRADO TRADE COMPANY", kRungrado, "KP", "KP");
  const double unknown = score_of("RUNGRADO TRADE COMPANY", kRungrado);
  const double different = score_of("RUNGRADO TRADE COMPANY", kRungrado, "CN", "KP");
  EXPECT_GT(same, unknown);
  EXPECT_GT(unknown, different);
}

TEST(NameMatcher, JoinsSplitWords) {
  EXPECT_GE(score_of("CHONG CHON GANG SHIPPING CO. LTD", "CHONGCHONGANG SHIPPING COMPANY LIMITED"),
            0.9);
  EXPECT_GE(
      score_of("North Wind Sea-Food Processing Company", "Northwind Seafood Processing Co., Ltd."),
      0.8);
}

// ---------------------------------------------------------------- blocking

// Company names from a fixed syllable set; each query respells or shortens its own record.
TEST(NameIndex, BlockingScoresFarFewerPairsThanAllPairsAndKeepsTheTrueOnes) {
  const std::vector<std::string> syllables = {
      "kang", "song",  "ryong", "chol",  "san", "pyong", "mun",  "hae", "dae",
      "nam",  "kwang", "myong", "hyok",  "jin", "paek",  "rim",  "sin", "won",
      "dan",  "dong",  "hong",  "xiang", "hua", "tian",  "feng", "bao"};
  const std::vector<std::string> generic = {"TRADING", "SHIPPING", "INDUSTRIAL", "GENERAL",
                                            "DEVELOPMENT"};
  NameIndex index;
  std::vector<std::string> queries;
  std::size_t made = 0;
  for (std::size_t a = 0; a < syllables.size(); ++a) {
    for (std::size_t b = 0; b < syllables.size(); ++b) {
      for (std::size_t c = 0; c < 3; ++c) {
        const std::string word =
            syllables[a] + syllables[b] + syllables[(a * 7 + b * 3 + c) % syllables.size()];
        std::string upper = word;
        for (auto& ch : upper) ch = static_cast<char>(ch - 'a' + 'A');
        IndexedRecord record;
        record.id = std::to_string(made);
        record.qualifiers.kind = "company";
        index.add({record.id,
                   record.qualifiers,
                   {"KOREA " + upper + " " + generic[made % generic.size()] + " CORPORATION"}});
        // Every seventh record is screened under a respelling without its generic words.
        if (made % 7 == 0) {
          std::string respelt = word;
          if (const auto at = respelt.find("chol"); at != std::string::npos)
            respelt.replace(at, 4, "cheol");
          queries.push_back(respelt + " CO");
        }
        ++made;
      }
    }
  }
  ASSERT_EQ(index.size(), made);
  std::uint64_t candidates = 0;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const auto found = index.candidate_records(normalize_name(queries[q]));
    candidates += found.size();
    EXPECT_TRUE(std::binary_search(found.begin(), found.end(), static_cast<std::uint32_t>(q * 7)))
        << queries[q];
    const auto best =
        index.match(normalize_name(queries[q]), Qualifiers{}, 1, kDefaultMatchThreshold);
    ASSERT_FALSE(best.empty()) << queries[q];
    EXPECT_EQ(best.front().record, q * 7) << queries[q];
  }
  const std::uint64_t all_pairs = static_cast<std::uint64_t>(queries.size()) * index.size();
  EXPECT_LT(candidates * 20, all_pairs)
      << candidates << " of " << all_pairs;  // under 5% of all pairs
  EXPECT_EQ(index.counts().queries, queries.size());
}

TEST(NameIndex, BlockingKeysJoinSplitAndRespeltForms) {
  auto shares_key = [](const std::string& a, const std::string& b) {
    const auto x = blocking_keys(normalize_name(a));
    const auto y = blocking_keys(normalize_name(b));
    return std::any_of(x.begin(), x.end(), [&](const auto& key) {
      return std::find(y.begin(), y.end(), key) != y.end();
    });
  };
  EXPECT_TRUE(shares_key("KIM Yong-Chol", "김용철"));
  EXPECT_TRUE(shares_key("RYNRADO", kRungrado));
  EXPECT_TRUE(shares_key("TAESONG BANK", "KOREA DAESONG BANK"));
  EXPECT_FALSE(shares_key(kRungrado, kCholsan));
}

// The index keeps keys as hashes made without a string per key; they must be the keys' hashes.
TEST(NameIndex, HashedBlockingKeysAreTheHashesOfTheKeys) {
  for (const std::string& name :
       std::vector<std::string>{kRungrado, kCholsan, "KIM Yong-Chol", "김용철", "MU DU BONG HO",
                                "Korea Mining Development Trading Corp (KOMID)"}) {
    const auto normalized = normalize_name(name);
    std::vector<BlockingKey> expected;
    for (const auto& key : blocking_keys(normalized)) expected.push_back(hash_blocking_key(key));
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    std::vector<BlockingKey> hashed = {42};  // appended after what is there
    append_blocking_hashes(normalized, hashed);
    ASSERT_FALSE(hashed.empty());
    EXPECT_EQ(hashed.front(), 42U);
    EXPECT_EQ(std::vector<BlockingKey>(hashed.begin() + 1, hashed.end()), expected) << name;
  }
}

// ---------------------------------------------------------------- judgements

class Judgements : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_ / "judge.db";
    testing::import_sample(db_);
    testing::write_file(
        dir_ / "extra.csv",
        "id,kind,name,country\n"
        "co-harbour-retail-ltd,company,Harbour Retail Group Ltd (illustrative),US\n");
    import_into_database(db_, {dir_ / "extra.csv"}, {});
  }
  bool proposed(const std::string& a, const std::string& b) {
    const auto report = resolve_command(db_, {});
    return std::any_of(report["pairs"].begin(), report["pairs"].end(), [&](const json& pair) {
      return (pair["a"]["id"] == a && pair["b"]["id"] == b) ||
             (pair["a"]["id"] == b && pair["b"]["id"] == a);
    });
  }
  TempDir dir_;
  std::filesystem::path db_;
};

TEST_F(Judgements, ResolveProposesLookAlikesButNotPairsAlreadyJoinedBySameAs) {
  EXPECT_TRUE(proposed("co-harbor-retail", "co-harbour-retail-ltd"));
  // The sample joins the two Northwind records by same_as already.
  EXPECT_FALSE(proposed("co-northwind-seafood", "co-northwind-seafood-alt"));
  const auto report = resolve_command(db_, {});
  const auto& pair = report["pairs"][0];
  EXPECT_GE(pair["score"].get<double>(), kDefaultMatchThreshold);
  EXPECT_FALSE(pair["features"].empty());
}

TEST_F(Judgements, PositiveCreatesSameAsAndUndoRemovesIt) {
  const auto judged =
      judge_command(db_, "co-harbor-retail", "co-harbour-retail-ltd", Decision::Positive, "tester");
  const auto id = judged["judgement"]["id"].get<std::int64_t>();
  const std::string relation = judged["judgement"]["relation"];
  EXPECT_EQ(judged["judgement"]["judged_by"], "tester");
  EXPECT_EQ(judged["judgement"]["decision"], "positive");
  EXPECT_EQ(judged["judgement"]["judged_at"].get<std::string>().size(),
            20u);  // 2024-05-03T18:43:23Z
  {
    const auto store = Store::open(db_, Store::OpenMode::ReadOnlyExisting);
    EXPECT_EQ(store.schema_version(), graph::kSchemaVersion);
    const auto found = store.find_relation(relation);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->kind, graph::RelationKind::SameAs);
    const auto stored = store.relation_by_row(found->row);
    EXPECT_EQ(json::parse(stored->record.attributes_json)["judgement"], id);
    EXPECT_EQ(stored->record.confidence, 1.0);
  }
  EXPECT_FALSE(proposed("co-harbor-retail", "co-harbour-retail-ltd"));

  const auto undone = undo_judgement_command(db_, id, "reviewer");
  EXPECT_EQ(undone["removed_relation"], relation);
  EXPECT_TRUE(undone["judgement"]["undone"].get<bool>());
  EXPECT_EQ(undone["judgement"]["undone_by"], "reviewer");
  const auto store = Store::open(db_, Store::OpenMode::ReadOnlyExisting);
  EXPECT_FALSE(store.find_relation(relation).has_value());
  EXPECT_TRUE(store.judgement(id)->undone);  // kept, marked undone
  EXPECT_FALSE(store.active_judgement("co-harbor-retail", "co-harbour-retail-ltd").has_value());
  EXPECT_THROW(undo_judgement_command(db_, id, "reviewer"), Error);
}

TEST_F(Judgements, NegativeIsNeverProposedAgainUntilUndone) {
  ASSERT_TRUE(proposed("co-harbor-retail", "co-harbour-retail-ltd"));
  const auto judged =
      judge_command(db_, "co-harbour-retail-ltd", "co-harbor-retail", Decision::Negative, "tester");
  EXPECT_FALSE(proposed("co-harbor-retail", "co-harbour-retail-ltd"));
  // The pair is stored in id order whichever way it was typed.
  EXPECT_EQ(judged["judgement"]["a"]["id"], "co-harbor-retail");
  // Another decision on the same pair must wait for an undo.
  EXPECT_THROW(
      judge_command(db_, "co-harbor-retail", "co-harbour-retail-ltd", Decision::Positive, "tester"),
      Error);
  undo_judgement_command(db_, judged["judgement"]["id"].get<std::int64_t>(), "tester");
  EXPECT_TRUE(proposed("co-harbor-retail", "co-harbour-retail-ltd"));
}

// A Han name has several readings and one name: the review queue must name the name a pair was
// found through, not the reading's position among the record's names.
TEST(ResolveQueue, APairFoundThroughAHanNamesKoreanReadingShowsThatName) {
  const TempDir dir;
  const auto db = dir / "han.db";
  testing::write_file(dir / "people.csv",
                      "id,kind,name,country\n"
                      "pe-a,person,金正恩,KP\n"
                      "pe-b,person,Kim Jong Un,KP\n"
                      "pe-c,person,Pak Pong Ju,KP\n");
  import_into_database(db, {dir / "people.csv"}, {});
  const auto report = resolve_command(db, {});
  ASSERT_EQ(report["pairs"].size(), 1U) << report.dump(2);
  const auto& pair = report["pairs"][0];
  EXPECT_EQ(pair["a"]["id"], "pe-a");
  EXPECT_EQ(pair["a"]["matched_name"], "金正恩");
  EXPECT_EQ(pair["b"]["matched_name"], "Kim Jong Un");
}

TEST_F(Judgements, UnsureStaysProposedWithItsJudgement) {
  judge_command(db_, "co-harbor-retail", "co-harbour-retail-ltd", Decision::Unsure, "tester");
  const auto report = resolve_command(db_, {});
  const auto pair = std::find_if(report["pairs"].begin(), report["pairs"].end(), [](const json& p) {
    return p["b"]["id"] == "co-harbour-retail-ltd";
  });
  ASSERT_NE(pair, report["pairs"].end());
  EXPECT_EQ((*pair)["judgement"]["decision"], "unsure");
}

TEST_F(Judgements, ProtectedPersonsAreNeitherMatchedNorNamed) {
  const auto report = match_command(db_, "Canary Witness Kim", {});
  EXPECT_EQ(report["candidates"].dump().find("pe-canary"), std::string::npos) << report.dump();
  // A judgement would tie the witness to a named record: it is refused, naming neither.
  try {
    judge_command(db_, "pe-canary-kim", "pe-owner-chen", Decision::Negative, "tester");
    FAIL() << "expected the judgement to be refused";
  } catch (const Error& e) {
    std::string text = e.what();
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    EXPECT_EQ(text.find("canary"), std::string::npos) << text;
    EXPECT_NE(text.find("protected"), std::string::npos) << text;
  }
  // Two protected records may be judged; the output shows only their pseudonyms.
  const auto judged =
      judge_command(db_, "pe-canary-kim", "pe-canary-park", Decision::Negative, "tester");
  std::string text = judged.dump() + judge_text(judged);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  EXPECT_EQ(text.find("canary"), std::string::npos) << text;
  EXPECT_NE(text.find("w-"), std::string::npos) << text;  // the pseudonym, lower-cased here
}

TEST_F(Judgements, UnknownIdsNameTheClosestOnes) {
  try {
    judge_command(db_, "co-harbor", "co-harbor-retail", Decision::Positive, "tester");
    FAIL() << "expected NotFoundError";
  } catch (const NotFoundError& e) {
    EXPECT_NE(std::string(e.what()).find("co-harbor-retail"), std::string::npos) << e.what();
  }
}

TEST(StoreSchema, MigratesAVersionOneDatabaseToJudgements) {
  TempDir dir;
  const auto db = dir / "old.db";
  import_into_database(db, {testing::fixture("csv/entities.csv")}, {});
  const auto entities = Store::open(db, Store::OpenMode::ReadOnlyExisting).entity_count();
  {
    // What a v1 database looks like: no judgement table, none of v3's sealing, none of v4's
    // document and audit tables (their triggers go with them) and not v6's view and trigger,
    // user_version 1.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    const int rc = sqlite3_exec(
        raw,
        "DROP VIEW relation_named; DROP TRIGGER entity_id_change_keeps_relation_ids; "
        "DROP TABLE judgement; DROP TABLE sealed_link; DROP INDEX entity_protected; "
        "DROP TABLE audit; DROP TABLE document; "
        "ALTER TABLE entity DROP COLUMN sealed; ALTER TABLE relation DROP COLUMN sealed; "
        "ALTER TABLE source DROP COLUMN sealed; ALTER TABLE claim DROP COLUMN sealed; "
        "PRAGMA user_version = 1",
        nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    ASSERT_EQ(rc, SQLITE_OK);
  }
  auto store = Store::open(db, Store::OpenMode::ReadOnlyExisting);
  EXPECT_EQ(store.schema_version(), graph::kSchemaVersion);
  EXPECT_TRUE(store.judgements(true).empty());
  EXPECT_EQ(store.entity_count(), entities);
}

// ---------------------------------------------------------------- real data

// The 2021 OFAC set in DPRK scope, screened under spellings that are not in the list.
TEST(MatchOnOfac, FindsRungradoUnderSpellingsAndScriptsTheListDoesNotHold) {
  TempDir dir;
  const auto db = dir / "ofac.db";
  import_into_database(db, {testing::shared_dir() / "data/ofac/sdn_set_2021-07/sdn.csv"},
                       {InputFormat::OfacSdn, false});
  for (const char* query :
       {"조선릉라도무역총회사", "Rungrado Trade Co.", "KOREA RUNGRADO GEN. TRDG CORP"}) {
    const auto report = match_command(db, query, {});
    ASSERT_FALSE(report["candidates"].empty()) << query;
    EXPECT_EQ(report["candidates"][0]["id"], "ofac-19613")
        << query << report["candidates"][0].dump();
    EXPECT_TRUE(report["candidates"][0]["match"].get<bool>())
        << query << report["candidates"][0].dump(1);
  }
  const auto cholsan = match_command(db, kCholsan, {});
  EXPECT_EQ(cholsan["candidates"][0]["id"], "ofac-30082");
  for (const auto& candidate : cholsan["candidates"]) {
    if (candidate["id"] == "ofac-19613") {
      EXPECT_FALSE(candidate["match"].get<bool>());
    }
  }
}

}  // namespace
}  // namespace flgraph::resolve
