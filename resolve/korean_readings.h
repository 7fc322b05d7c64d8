// resolve/korean_readings.h: Han and Cyrillic spellings of Korean names read back as Hangul.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace flgraph::resolve {

// The Korean readings of a Han character (hanja_hangul.tsv, from Unihan kHangul), one Hangul
// syllable each, the DPRK reading first (李 -> 리이, 綾 -> 릉능); empty when Unihan has none.
std::u32string_view hanja_readings(char32_t han);

// True for a syllable that korean_cyrillic.tsv lists as a surname (김, 리, 박, ...).
bool is_korean_surname(char32_t syllable);

// Which syllable a Cyrillic "н" ends: Kontsevich writes final ㄴ and ㅇ alike.
enum class FinalN : bool { ByFrequency, PreferNg };

// Reads one Cyrillic word (any case) as Korean syllables by the Kontsevich table of
// korean_cyrillic.tsv: (initial) vowel (final), over every split into syllables that are
// Hanja readings (hanja_hangul.tsv), the split whose syllables are the commonest winning ("Ким" ->
// 김, "Пхеньян" -> 평양). A word the table cannot split ("Апполон": no initial л) is nullopt, as is
// an all-capital acronym.
std::optional<std::u32string> cyrillic_to_hangul(std::u32string_view word, FinalN final_n);

}  // namespace flgraph::resolve
