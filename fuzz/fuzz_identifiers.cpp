// Fuzz target: the parsers of OCR text into dates, numbers, personal IDs and machine-readable
// zones (sohoa/ocr/identifiers.h), document types (classify.h) and fields (fields.h). The bytes
// are the text; for ReadTd1 they are also split at their first two newlines into the zone's
// three lines. Whatever they return must hold what their contracts promise: a date is a day
// that exists, a number is 0-9999, a repaired ID passes CheckPersonalId, a zone read without a
// problem has check digits that match, a field is never both emitted and sent to review, an
// emitted ID number validates and an emitted date exists (for every type, the card and unknown
// papers included), and a dossier's papers start at page 0 and then in page order. A violation aborts, so libFuzzer keeps the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/ocr/classify.h"
#include "sohoa/ocr/fields.h"
#include "sohoa/ocr/identifiers.h"

namespace {

// A paper's lines are short; bigger inputs only slow the fuzzer down.
constexpr std::size_t kMaxInputBytes = 64 * 1024;

[[noreturn]] void Fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "identifiers: %s\n--- input:\n%.*s\n", what, static_cast<int>(input.size()),
               input.data());
  std::abort();
}

bool Exists(const sohoa::ocr::Date& date) {
  return sohoa::ocr::Date::Make(date.year, date.month, date.day) == date;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return -1;  // not added to the corpus
  using namespace sohoa::ocr;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const std::optional<Date> date = ParseDate(text); date && !Exists(*date)) {
    Fail("ParseDate returned a day that does not exist", text);
  }
  if (const std::optional<int> number = ParseNumberWords(text);
      number && (*number < 0 || *number > 9999)) {
    Fail("ParseNumberWords returned a number outside 0-9999", text);
  }
  const std::optional<Date> birth = Date::Make(2018, 5, 14);
  for (const Sex sex : {Sex::kUnknown, Sex::kFemale}) {
    if (const std::optional<std::string> id = RepairPersonalId(text, birth, sex);
        id && !CheckPersonalId(*id, birth, sex).ok()) {
      Fail("RepairPersonalId returned an ID that fails CheckPersonalId", text);
    }
  }
  (void)ParseSex(text);
  const DocumentClass kind = ClassifyDocument(text);
  for (const char* type : {"giay_khai_sinh", "trich_luc_ket_hon", "xac_nhan_tinh_trang_hon_nhan",
                           "can_cuoc", "khac", kind.doc_type.c_str()}) {
    const ExtractedFields extracted = ExtractFields(type, text);
    for (const auto& [key, value] : extracted.fields) {
      if (extracted.needs_review.count(key)) Fail("a field both emitted and sent to review", text);
      if (key.rfind("so_dinh_danh", 0) == 0 && !CheckPersonalId(value).ok()) {
        Fail("ExtractFields emitted an ID number that does not validate", text);
      }
      if ((key.rfind("ngay", 0) == 0 || key == "co_gia_tri_den") && ParseDate(value.substr(8, 2) + "/" + value.substr(5, 2) +
                                                 "/" + value.substr(0, 4)) == std::nullopt) {
        Fail("ExtractFields emitted a date that does not exist", text);
      }
    }
  }
  // The input as a dossier's pages, split at form feeds: papers start at the first page and
  // then in order, each at a page that exists.
  std::vector<std::string_view> pages;
  for (std::size_t from = 0;;) {
    const std::size_t end = text.find('\f', from);
    pages.push_back(text.substr(from, end == std::string_view::npos ? end : end - from));
    if (end == std::string_view::npos) break;
    from = end + 1;
  }
  const std::vector<std::size_t> starts = DocumentStarts(pages);
  if (starts.empty() || starts.front() != 0) Fail("DocumentStarts did not start at page 0", text);
  for (std::size_t i = 1; i < starts.size(); ++i) {
    if (starts[i] <= starts[i - 1] || starts[i] >= pages.size()) {
      Fail("DocumentStarts returned pages out of order or out of range", text);
    }
  }
  const std::size_t first = text.find('\n');
  const std::size_t second = first == std::string_view::npos ? first : text.find('\n', first + 1);
  if (second != std::string_view::npos) {
    const std::string_view line1 = text.substr(0, first);
    const std::string_view line2 = text.substr(first + 1, second - first - 1);
    const std::string_view line3 = text.substr(second + 1);
    const Td1Reading zone = ReadTd1(line1, line2, line3);
    if (zone.check.ok()) {
      const std::optional<int> digit = MrzCheckDigit(line1.substr(5, 9));
      if (!digit || line1[14] != '0' + *digit) {
        Fail("ReadTd1 accepted a document number whose check digit does not match", text);
      }
      if (zone.fields.birth && !Exists(*zone.fields.birth)) {
        Fail("ReadTd1 returned a birth date that does not exist", text);
      }
    }
  }
  return 0;
}
