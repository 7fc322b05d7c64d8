// resolve/detail/icu_text.h: the ICU services the normaliser needs (NFKC case folding, the
// Any-Latin transliterator, script of a code point), one instance per thread.
#pragma once
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <optional>
#include <string>
#include <string_view>

namespace flgraph::resolve::detail {

const icu::Normalizer2& nfkc_casefold();

// ICU "Any-Latin; Latin-ASCII"; ASCII text is handed back as it is.
std::string to_latin(const icu::UnicodeString& text);

// Cyrillic in BGN/PCGN romanisation (Чжон chzhon, Агросоюз agrosoyuz), the spelling English
// lists give Russian names; everything else unchanged.
std::string russian_to_latin(std::string_view utf8);

// Toneless pinyin of a Han run, its syllables joined into one word.
std::string pinyin_of(const std::u32string& han);

enum class Run { Other, Hangul, Han };
Run run_of(UChar32 c);

// Whether UTF-8 text may hold CJK (a lead byte of U+1000 and up).
bool has_cjk(std::string_view text);

// The code points of `utf8` when every one is Hangul or Han, else nothing.
std::optional<std::u32string> only_cjk(std::string_view utf8);

}  // namespace flgraph::resolve::detail
