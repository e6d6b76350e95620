// Internal helpers for the PDF syntax the signer writes and the verifier reads. Not public.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sohoa::signing::internal {

// "D:20261122093000+07'00'": the time in Vietnam (UTC+7), as PDF dates are written.
std::string FormatPdfDateVietnam(std::chrono::system_clock::time_point t);

// Parses a PDF date ("D:YYYYMMDDHHmmSSOHH'mm'", trailing parts optional; no offset = UTC).
std::optional<std::chrono::system_clock::time_point> ParsePdfDate(std::string_view text);

// A PDF text string literal for UTF-8 `text`: "(...)" with escapes when it is ASCII, otherwise
// "<FEFF...>" in UTF-16BE as the PDF specification requires for non-PDFDocEncoding text.
std::string PdfTextStringLiteral(std::string_view utf8);

std::string HexEncode(std::string_view bytes);
// Decodes hex digits (whitespace skipped, odd final digit padded with 0); nullopt on other chars.
std::optional<std::string> HexDecode(std::string_view hex);

}  // namespace sohoa::signing::internal
