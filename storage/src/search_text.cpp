#include "search_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "sohoa/core/text.h"

namespace sohoa::storage {
namespace {

// Words shown before and after the first match; enough to recognize a name or a number in a
// search result list without turning the snippet into a page.
constexpr int kSnippetWordsBefore = 6;
constexpr int kSnippetWordsAfter = 12;

std::vector<std::string_view> SplitOnWhiteSpace(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  // Control characters (NUL included) separate words too: FTS5 reads a match expression only
  // up to a NUL, and none of them can be part of a word a user means.
  const auto is_space = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F;
  };
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

bool HasAnyToken(const std::vector<std::string>& tokens, const std::vector<std::string>& wanted) {
  for (const auto& token : tokens) {
    if (std::find(wanted.begin(), wanted.end(), token) != wanted.end()) return true;
  }
  return false;
}

// The folded expansion of an agency abbreviation written as `folded_word`, or "".
std::string FoldedExpansion(std::string_view folded_word) {
  for (const text::Abbreviation& a : text::AgencyAbbreviations()) {
    if (a.folded == folded_word) return text::FoldForSearch(a.full);
  }
  return {};
}

void AppendQuoted(std::string& expression, std::string_view word) {
  expression += '"';
  for (char c : word) {
    if (c == '"') expression += '"';
    expression += c;
  }
  expression += '"';
}

}  // namespace

std::string WithExpandedAbbreviations(const std::string& folded) {
  std::string out;
  std::size_t i = 0;
  while (i < folded.size()) {
    const std::size_t end = std::min(folded.find_first_of(" \n", i), folded.size());
    const std::string_view word(folded.data() + i, end - i);
    out.append(word);
    if (const std::string expansion = FoldedExpansion(word); !expansion.empty()) {
      out += ' ';
      out += expansion;
    }
    if (end < folded.size()) out += folded[end];
    i = end + 1;
  }
  return out;
}

std::vector<std::string> SearchTokens(std::string_view folded) {
  // Mirrors unicode61: letters and digits (of any script) make tokens, everything else
  // separates. Invalid UTF-8 separates too.
  std::vector<std::string> tokens;
  std::string current;
  const auto* bytes = reinterpret_cast<const uint8_t*>(folded.data());
  const auto length = static_cast<int32_t>(folded.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 &&
        (u_isalnum(c) || u_charType(c) == U_LETTER_NUMBER || u_charType(c) == U_OTHER_NUMBER)) {
      current.append(
          folded.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

std::vector<std::string> FoldedSearchWords(std::string_view user_text) {
  std::vector<std::string> words;
  const std::string folded = text::FoldForSearch(user_text);
  for (std::string_view word : SplitOnWhiteSpace(folded)) {
    if (!SearchTokens(word).empty()) words.emplace_back(word);
  }
  return words;
}

std::string BuildFtsMatchExpression(const std::vector<std::string>& folded_words) {
  // Inside "...", the only special character is '"' itself, escaped by doubling; the
  // tokenizer turns "qd-ubnd" into the phrase qd + ubnd, which is what a user typing a
  // document symbol means.
  std::string expression;
  for (const auto& word : folded_words) {
    // FTS5 allows implicit AND only between strings, not next to a parenthesized group.
    if (!expression.empty()) expression += " AND ";
    if (const std::string expansion = FoldedExpansion(word); !expansion.empty()) {
      expression += '(';
      AppendQuoted(expression, word);
      expression += " OR ";
      AppendQuoted(expression, expansion);
      expression += ')';
    } else {
      AppendQuoted(expression, word);
    }
  }
  return expression;
}

std::string MakeSnippet(const std::vector<std::string>& texts,
                        const std::vector<std::string>& query_tokens) {
  if (query_tokens.empty()) return {};
  for (const auto& text : texts) {
    const std::vector<std::string_view> words = SplitOnWhiteSpace(text);
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (!HasAnyToken(SearchTokens(text::FoldForSearch(words[i])), query_tokens)) continue;
      const std::size_t first =
          i > static_cast<std::size_t>(kSnippetWordsBefore) ? i - kSnippetWordsBefore : 0;
      const std::size_t last = std::min(words.size(), i + 1 + kSnippetWordsAfter);
      std::string snippet = first > 0 ? "…" : "";
      for (std::size_t k = first; k < last; ++k) {
        if (k > first) snippet += ' ';
        snippet.append(words[k]);
      }
      if (last < words.size()) snippet += "…";
      return snippet;
    }
  }
  return {};
}

}  // namespace sohoa::storage
