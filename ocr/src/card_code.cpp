#include "sohoa/ocr/card_code.h"

#include <cctype>

#include "tokens.h"
#include "sohoa/core/text.h"

namespace sohoa::ocr {
namespace {

// Runs of spaces as one, none at the ends.
std::string SingleSpaced(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::optional<Date> CodeDate(std::string_view ddmmyyyy) {
  if (ddmmyyyy.size() != 8 || !IsDigits(ddmmyyyy)) return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t n) {
    return std::stoi(std::string(ddmmyyyy.substr(at, n)));
  };
  return Date::Make(number(4, 4), number(2, 2), number(0, 2));
}

}  // namespace

std::optional<CardCode> ParseCardCode(std::string_view payload) {
  const std::string text = text::ToNfc(payload);
  std::vector<std::string_view> parts;
  std::string_view rest = text;
  for (std::size_t bar; (bar = rest.find('|')) != std::string_view::npos;) {
    parts.push_back(rest.substr(0, bar));
    rest.remove_prefix(bar + 1);
  }
  parts.push_back(rest);
  if (parts.size() != 7) return std::nullopt;
  CardCode code;
  code.personal_id = std::string(parts[0]);
  code.old_id = std::string(parts[1]);
  code.name = SingleSpaced(parts[2]);
  code.residence = SingleSpaced(parts[5]);
  const std::optional<Date> birth = CodeDate(parts[3]);
  const std::optional<Date> issued = CodeDate(parts[6]);
  code.sex = parts[4] == "Nam" ? Sex::kMale : parts[4] == "Nữ" ? Sex::kFemale : Sex::kUnknown;
  if (code.personal_id.size() != 12 || !IsDigits(code.personal_id) ||
      !(code.old_id.empty() || (code.old_id.size() == 9 && IsDigits(code.old_id))) ||
      code.name.empty() || !birth || !issued || code.sex == Sex::kUnknown) {
    return std::nullopt;
  }
  code.birth = *birth;
  code.issued = *issued;
  return code;
}

}  // namespace sohoa::ocr
