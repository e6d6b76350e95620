#include "gazetteer.h"

#include <algorithm>
#include <sstream>
#include <unordered_map>

#include "sohoa/core/text.h"

namespace sohoa::ocr {
namespace {

// The committed lists, built into the library by CMake (see ocr/CMakeLists.txt).
constexpr std::string_view kDistricts =
#include "vi_districts.inc"
    ;
constexpr std::string_view kCommunes =
#include "vi_communes.inc"
    ;

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> words;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) words.push_back(std::move(w));
  return words;
}

// Splits a unit and its name: "huyện", "quận" and "tỉnh" are one word, "thị xã" and
// "thành phố" two.
void SplitUnit(std::vector<std::string> words, std::vector<std::string>& unit,
               std::vector<std::string>& name) {
  std::size_t n = 0;
  if (!words.empty()) {
    const std::string first = text::FoldForSearch(words[0]);
    n = first == "huyen" || first == "quan" || first == "tinh" ? 1 : 2;
  }
  n = std::min(n, words.size());
  unit.assign(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(n));
  name.assign(words.begin() + static_cast<std::ptrdiff_t>(n), words.end());
}

// A committed list's lines, NFC, without their comments.
std::vector<std::string> ListLines(std::string_view list) {
  std::vector<std::string> out;
  std::istringstream lines{std::string(list)};
  for (std::string line; std::getline(lines, line);) {
    out.push_back(text::ToNfc(line.substr(0, line.find('#'))));
  }
  return out;
}

std::vector<District> Parse() {
  std::vector<District> out;
  for (const std::string& line : ListLines(kDistricts)) {
    const auto comma = line.find(", ");
    if (comma == std::string::npos) continue;
    District d;
    SplitUnit(Words(std::string_view(line).substr(0, comma)), d.unit, d.name);
    SplitUnit(Words(std::string_view(line).substr(comma + 2)), d.province_unit, d.province);
    if (d.name.empty() || d.province.empty()) continue;
    out.push_back(std::move(d));
  }
  return out;
}

// "huyện Mèo Vạc, tỉnh Hà Giang: thị trấn Mèo Vạc; xã Pải Lủng; ...".
std::vector<DistrictCommunes> ParseCommunes() {
  std::vector<DistrictCommunes> out;
  for (const std::string& line : ListLines(kCommunes)) {
    const auto colon = line.find(": ");
    const auto comma = line.find(", ");
    if (colon == std::string::npos || comma == std::string::npos || comma > colon) continue;
    DistrictCommunes d;
    std::vector<std::string> unit;
    SplitUnit(Words(std::string_view(line).substr(0, comma)), unit, d.district);
    SplitUnit(Words(std::string_view(line).substr(comma + 2, colon - comma - 2)), unit,
              d.province);
    std::string_view rest = std::string_view(line).substr(colon + 2);
    while (!rest.empty()) {
      const auto end = rest.find("; ");
      std::vector<std::string> words = Words(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
      // xã, phường: one word; thị trấn: two.
      const std::size_t n = !words.empty() && text::FoldForSearch(words[0]) == "thi" ? 2 : 1;
      if (words.size() <= n) continue;
      d.communes.emplace_back(words.begin() + static_cast<std::ptrdiff_t>(n), words.end());
    }
    if (!d.district.empty()) out.push_back(std::move(d));
  }
  return out;
}

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

const std::vector<District>& Districts() {
  static const std::vector<District> districts = Parse();
  return districts;
}

std::vector<DistrictCommunes> Communes() { return ParseCommunes(); }

namespace {

// The list's provinces by their districts' names, and their units by their own names, both
// folded to letters (`FoldToLettersAndDigits`), built once.
struct Index {
  std::unordered_map<std::string, std::vector<Province>> by_district;
  std::unordered_map<std::string, std::string> unit_of;
  // A province's districts: their unit and name folded, and the name as the list writes it.
  struct Listed {
    std::string unit, name, written;
  };
  std::unordered_map<std::string, std::vector<Listed>> of_province;
};

const Index& TheIndex() {
  static const Index index = [] {
    Index out;
    for (const District& d : Districts()) {
      Province province{Joined(d.province_unit), Joined(d.province)};
      out.unit_of.emplace(text::FoldToLettersAndDigits(province.name), province.unit);
      std::vector<Province>& in = out.by_district[text::FoldToLettersAndDigits(Joined(d.name))];
      out.of_province[text::FoldToLettersAndDigits(province.name)].push_back(
          {text::FoldToLettersAndDigits(Joined(d.unit)),
           text::FoldToLettersAndDigits(Joined(d.name)), Joined(d.name)});
      if (std::find(in.begin(), in.end(), province) == in.end()) in.push_back(std::move(province));
    }
    return out;
  }();
  return index;
}

}  // namespace

std::vector<Province> ProvincesOfDistrict(std::string_view name) {
  const auto it = TheIndex().by_district.find(text::FoldToLettersAndDigits(name));
  return it == TheIndex().by_district.end() ? std::vector<Province>{} : it->second;
}

std::string_view UnitOfProvince(std::string_view name) {
  const auto it = TheIndex().unit_of.find(text::FoldToLettersAndDigits(name));
  return it == TheIndex().unit_of.end() ? std::string_view{} : std::string_view(it->second);
}

std::string_view NearestDistrictOf(std::string_view province, std::string_view unit,
                                   std::string_view name) {
  const auto it = TheIndex().of_province.find(text::FoldToLettersAndDigits(province));
  if (it == TheIndex().of_province.end()) return {};
  const std::string read = text::FoldToLettersAndDigits(name);
  const std::string of_unit = text::FoldToLettersAndDigits(unit);
  const int limit = read.size() <= 5 ? 1 : 2;
  std::string_view nearest;
  int best = limit + 1, ties = 0;
  for (const Index::Listed& d : it->second) {
    if (d.unit != of_unit) continue;
    const int apart = text::EditDistance(read, d.name, limit);
    if (apart < best) {
      best = apart;
      nearest = d.written;
      ties = 0;
    } else if (apart == best) {
      ++ties;
    }
  }
  return best <= limit && ties == 0 ? nearest : std::string_view{};
}

}  // namespace sohoa::ocr
