// Turning user words into a safe FTS5 query, and picking a snippet of original text.
// Private to sohoa_storage.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sohoa::storage {

// The words of `user_text` after folding (sohoa::text::FoldForSearch), split on white space;
// words without any letter or digit are dropped. "Nguyễn  Văn-Đức!" -> {"nguyen", "van-duc!"}.
std::vector<std::string> FoldedSearchWords(std::string_view user_text);

// An FTS5 MATCH expression requiring every word: each word becomes a double-quoted string
// (inner quotes doubled), so FTS5 only tokenizes it and never reads operators, column
// filters, prefixes or NEAR from user text. An agency abbreviation standing alone ("ubnd")
// matches its expansion too: ("ubnd" OR "uy ban nhan dan"). Empty when there are no words.
std::string BuildFtsMatchExpression(const std::vector<std::string>& folded_words);

// Folded text for the index: each agency abbreviation standing as a word of its own
// (sohoa::text::AgencyAbbreviations) is followed by its folded expansion, so "UBND xã Đông
// Sang" is found by "Ủy ban nhân dân xã Đông Sang" as well as by "UBND" (which also finds
// documents indexed before expansions were). "ubnd xa" -> "ubnd uy ban nhan dan xa".
std::string WithExpandedAbbreviations(const std::string& folded);

// Splits folded text into tokens the way FTS5's unicode61 tokenizer does for our folded input:
// runs of ASCII letters/digits and non-ASCII bytes; everything else separates.
std::vector<std::string> SearchTokens(std::string_view folded);

// A piece of `texts` (original spelling) around the first word whose folded tokens contain
// one of `query_tokens`: a few words before, more after, "…" where cut. The texts are tried
// in order (page texts first, then field values); empty when nothing matches.
std::string MakeSnippet(const std::vector<std::string>& texts,
                        const std::vector<std::string>& query_tokens);

}  // namespace sohoa::storage
