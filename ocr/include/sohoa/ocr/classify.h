// The kind of paper a document is, from its OCR text: the types of the record
// (docs/ARCHITECTURE.md, "The record").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

// Where the papers of a dossier start: the 0-based indices of the pages that begin a paper, in
// order, the first page always among them (empty for no pages). Every Vietnamese
// administrative paper, and the front of an identity card, opens under the national motto
// ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc"); a page with the
// motto among its first lines (accent-insensitive, a letter wrong in six allowed, also where
// OCR joined it to the letterhead's column) begins a paper, and any other page goes on the one
// before. A page that classifies as a căn cước card begins a paper too, wherever its motto
// is, unless the page before is a card's front without its back's zone (this page is then
// that back). A decision's "QUYẾT ĐỊNH:" heading
// over its articles, at the top of a later page, does not split it. Never fails.
std::vector<std::size_t> DocumentStarts(const std::vector<std::string_view>& page_texts);

}  // namespace sohoa::ocr
