// resolve/name_readings.cpp: a name's Korean readings, from its Han or Cyrillic spelling.
#include <unicode/unistr.h>

#include <algorithm>

#include "resolve/detail/icu_text.h"
#include "resolve/korean_readings.h"
#include "resolve/name_normalizer.h"

namespace flgraph::resolve {
namespace {

bool is_han(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F);
}
bool is_cyrillic(char32_t c) { return c >= 0x0400 && c <= 0x04FF; }

std::u32string to_u32(std::string_view utf8) {
  const auto text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::u32string out;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    out += static_cast<char32_t>(c);
    i += U16_LENGTH(c);
  }
  return out;
}

std::string to_utf8(const std::u32string& text) {
  icu::UnicodeString unicode;
  for (char32_t c : text) unicode.append(static_cast<UChar32>(c));
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

// Each Cyrillic word that reads as Korean syllables written in Hangul, the others unchanged;
// nullopt when no word could be read.
std::optional<std::string> cyrillic_as_hangul(const std::u32string& name, FinalN final_n) {
  std::u32string out;
  bool changed = false;
  for (std::size_t at = 0; at < name.size();) {
    if (!is_cyrillic(name[at])) {
      out += name[at++];
      continue;
    }
    std::size_t end = at;
    while (end < name.size() && is_cyrillic(name[end])) ++end;
    const std::u32string_view word(name.data() + at, end - at);
    if (const auto hangul = cyrillic_to_hangul(word, final_n)) {
      // Spaces keep one token per word, as the Latin spellings write them.
      out += U' ' + *hangul + U' ';
      changed = true;
    } else {
      out += word;
    }
    at = end;
  }
  if (!changed) return std::nullopt;
  return to_utf8(out);
}

void add_reading(std::vector<NormalizedName>& readings, NormalizedName reading) {
  if (reading.empty()) return;
  const auto same = std::find_if(readings.begin(), readings.end(), [&](const NormalizedName& seen) {
    return std::equal(seen.tokens.begin(), seen.tokens.end(), reading.tokens.begin(),
                      reading.tokens.end(),
                      [](const NameToken& a, const NameToken& b) { return a.text == b.text; });
  });
  if (same == readings.end()) readings.push_back(std::move(reading));
}

}  // namespace

std::vector<NormalizedName> name_readings(std::string_view utf8) {
  std::vector<NormalizedName> readings{normalize_name(utf8)};
  // Han and Cyrillic are never ASCII and never two-byte Latin: lead bytes 0xD0 and up.
  if (std::none_of(utf8.begin(), utf8.end(),
                   [](char c) { return static_cast<unsigned char>(c) >= 0xD0; }))
    return readings;
  const std::u32string name = to_u32(utf8);
  if (detail::has_cjk(utf8))
    add_reading(readings, normalize_name(utf8, HanReading::Chinese, CjkWords::Spelled));
  if (std::any_of(name.begin(), name.end(), is_han)) {
    add_reading(readings, normalize_name(utf8, HanReading::Korean));
    add_reading(readings, normalize_name(utf8, HanReading::KoreanSurname));
  }
  if (std::any_of(name.begin(), name.end(), is_cyrillic)) {
    add_reading(readings, normalize_name(detail::russian_to_latin(utf8)));
    // Kontsevich writes final ㄴ and ㅇ both н: one reading by Hanja frequency, one with ㅇ.
    for (const auto final_n : {FinalN::ByFrequency, FinalN::PreferNg}) {
      if (const auto hangul = cyrillic_as_hangul(name, final_n))
        add_reading(readings, normalize_name(*hangul));
    }
  }
  return readings;
}

}  // namespace flgraph::resolve
