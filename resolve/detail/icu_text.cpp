// resolve/detail/icu_text.cpp: ICU services of the normaliser (icu_text.h).
#include "resolve/detail/icu_text.h"

#include <unicode/translit.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <memory>

#include "graph/errors.h"
#include "resolve/romanization.h"

namespace flgraph::resolve::detail {
namespace {

class IcuTools {
 public:
  // One per thread: ICU transliterators are not safe to share between threads.
  static const IcuTools& get() {
    static thread_local const IcuTools tools;
    return tools;
  }
  const icu::Normalizer2& nfkc_casefold() const { return *nfkc_cf_; }
  const icu::Transliterator& to_latin() const { return *to_latin_; }
  const icu::Transliterator& russian_bgn() const { return *russian_bgn_; }

 private:
  IcuTools() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status))
      throw Error(std::string("ICU NFKC_Casefold is unavailable: ") + u_errorName(status));
    to_latin_.reset(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !to_latin_) {
      throw Error(std::string("ICU transliterator Any-Latin is unavailable: ") +
                  u_errorName(status));
    }
    // BGN/PCGN writes the digraph separator "·" (t·s); names spell it as one word.
    russian_bgn_.reset(icu::Transliterator::createInstance(
        "Russian-Latin/BGN; [\\u00B7] Remove; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !russian_bgn_) {
      throw Error(std::string("ICU transliterator Russian-Latin/BGN is unavailable: ") +
                  u_errorName(status));
    }
  }
  const icu::Normalizer2* nfkc_cf_ = nullptr;
  std::unique_ptr<icu::Transliterator> to_latin_;
  std::unique_ptr<icu::Transliterator> russian_bgn_;
};

}  // namespace

const icu::Normalizer2& nfkc_casefold() { return IcuTools::get().nfkc_casefold(); }

std::string to_latin(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  // Most names are ASCII already: the transliterator would hand them back unchanged.
  if (std::all_of(out.begin(), out.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return out;
  icu::UnicodeString copy = text;
  IcuTools::get().to_latin().transliterate(copy);
  out.clear();
  copy.toUTF8String(out);
  return out;
}

std::string russian_to_latin(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  IcuTools::get().russian_bgn().transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string pinyin_of(const std::u32string& han) {
  icu::UnicodeString text;
  for (char32_t c : han) text.append(static_cast<UChar32>(c));
  std::string latin = to_latin(text);
  latin.erase(
      std::remove_if(latin.begin(), latin.end(), [](char c) { return c == ' ' || c == '\''; }),
      latin.end());
  return latin;
}

Run run_of(UChar32 c) {
  if (is_hangul_syllable(static_cast<char32_t>(c))) return Run::Hangul;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  if (U_SUCCESS(status) && script == USCRIPT_HAN) return Run::Han;
  return Run::Other;
}

bool has_cjk(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0xE1; });
}

std::optional<std::u32string> only_cjk(std::string_view utf8) {
  const auto text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::u32string out;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (run_of(c) == Run::Other) return std::nullopt;
    out += static_cast<char32_t>(c);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace flgraph::resolve::detail
