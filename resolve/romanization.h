// resolve/romanization.h: Hangul to Latin, and folding of romanisation variants.
#pragma once
#include <string>
#include <string_view>

namespace flgraph::resolve {

// True for a precomposed Hangul syllable (U+AC00..U+D7A3).
bool is_hangul_syllable(char32_t code_point);

// Romanises a run of Hangul syllables the way DPRK names reach English-language lists: a
// simplified McCune-Reischauer without breves or apostrophes (ŏ -> o, ŭ -> u, ch' -> ch), with
// initial ㄹ kept as "r" (DPRK usage) and plain stops voiced between voiced sounds
// (릉라도 -> "rungrado", 철산 -> "cholsan", 평양 -> "pyongyang"). Lower-case ASCII.
std::string romanize_hangul(std::u32string_view syllables);

// The key under which spellings of one Korean (or Wade-Giles/pinyin) name meet. Input is one
// lower-case ASCII token. The rules, applied in this order, with the variants they join:
//
//   surnames    park->pak, rhee->ri, oh->o, noh->no   (whole tokens only)
//   vowels      yeo->yo, eo->o, eu->u, woo->u, oo->u, ou->u
//                                                      Ryeong/Ryong, Cheol/Chol, Hoon/Hun, Woo/U,
//                                                      Young/Yung
//               ae, ai, ei -> e; oi -> oe; ee -> i    Taejin/Taijin/Daizin, Choi/Choe, Lee/Li
//   consonants  tch, ch, zh, z, q -> j                Jong/Chong, Chol/Jol, Daizin/Daejin
//               sh->s, ph->p, th->t, kh->k, ck->k     Shin/Sin, Phil/Pil, Thae/Tae
//               g->k, d->t, b->p (not in "ng")        Gwang/Kwang, Daesong/Taesong, Byong/Pyong
//               l->r                                   Li/Ri, Leunglado/Rungrado
//   ŏ/ŭ         u->o                                   Sun/Son, Ryung/Ryong, Chul/Chol, Kum/Kom
//   initial ㄹ  leading r, y before i dropped          Ri/Li/Lee/Yi/I, Rim/Lim/Im
//   doubles     collapsed                              Kkot/Kot, Ssang/Sang
//
// Tokens with digits are returned unchanged. Folding is many-to-one on purpose; the matcher
// therefore scores a fold-only agreement below an exact one (name_matcher.h).
std::string fold_romanization(std::string_view token);

// A folded Korean-shaped token after the South's initial-sound rule and the consonant
// assimilations that Revised Romanization writes and McCune-Reischauer often does not:
//   leading ry, ny -> y; leading r -> n     Ryong/Yong, Rungrado/Neungnado
//   ngr->ngn, mr/pr/pn->mn, kr/kn->ngn,     Amrok/Aprok/Amnok, Paekma/Paengma
//   km->ngm, nr->r
// A second key beside the fold, not part of it: a typo of a Korean-looking word (RYNRADO) must
// still share the fold's blocking keys with the word (RUNGRADO).
std::string sound_fold(std::string_view folded);

// True when a folded token reads as a sequence of Korean syllables: an optional initial
// (k n t r m p s j h), a vowel (a e i o ya ye yo wa we wi wo oe oi) and an optional final
// (k n t r m p ng), as "rongrato" (RUNGRADO) or "jinmyong". DPRK names are built from this small
// syllable set, so two well-formed spellings that differ are two names (JINSONG / JINMYONG),
// while a spelling that is no syllable sequence ("rynrato", RYNRADO) reads as a typo.
bool is_korean_syllable_sequence(std::string_view folded);

}  // namespace flgraph::resolve
