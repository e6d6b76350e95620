// The kind of paper a document is, from its OCR text: the types of the record
// (docs/ARCHITECTURE.md, "The record").
#pragma once

#include <string>
#include <string_view>

namespace sohoa::ocr {

struct DocumentClass {
  // giay_khai_sinh, trich_luc_ket_hon, trich_luc_khai_tu, xac_nhan_tinh_trang_hon_nhan,
  // quyet_dinh, cong_van, can_cuoc, or khac when none of them.
  std::string doc_type = "khac";
  double confidence = 0;  // 0..1: how sure the classification is (of khac too)
  std::string evidence;   // the line that decided it, as read ("" for khac)
};

// The document's type from its text (pages in order, lines separated by '\n'). Civil-status
// papers and decisions carry their title on a line of its own under the national motto
// ("GIẤY KHAI SINH", "TRÍCH LỤC KẾT HÔN", "QUYẾT ĐỊNH"…): the first such line among the
// document's first lines decides, matched accent-insensitively and allowing OCR a letter wrong
// in six (or, in titles of four words or more, one word garbled). Official letters (công văn) have
// no title but a "V/v" subject line or a "Kính gửi" line. A căn cước card is known by its title
// ("CĂN CƯỚC", "CĂN CƯỚC CÔNG DÂN") or, failing that, by its machine-readable zone's "IDVNM…"
// line anywhere. Text with none of these, garbage and empty text are khac. Never fails.
DocumentClass ClassifyDocument(std::string_view text);

}  // namespace sohoa::ocr
