// Searchable PDF assembly: page images with an invisible, correctly placed Unicode text layer.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "sohoa/core/image.h"
#include "sohoa/core/status.h"
#include "sohoa/ocr/engine.h"
#include "sohoa/pipeline/record.h"

namespace sohoa::pipeline {

struct PdfPageInput {
  const Image* image = nullptr;  // what the page shows; image->dpi > 0 sets the page size
  std::vector<ocr::Word> words;  // boxes in `image` pixel coordinates
};

// Key facts of the document, written to XMP in the sohoa namespace (declared there with a
// PDF/A extension schema). Each is UTF-8 as printed; an empty one is left out.
struct PdfDocumentFacts {
  std::string document_id;
  std::string doc_type;  // "giay_khai_sinh", "quyet_dinh"... (the record's doc_type)
  std::string number;    // number and symbol as printed: so_ky_hieu, else so
  std::string date;      // issue or registration date, YYYY-MM-DD (left out when not)
  std::string issuer;    // co_quan_ban_hanh, else noi_dang_ky
  std::string owner_id;  // so_dinh_danh
};

struct PdfInfo {
  std::string title;
  std::string author;
  std::string subject;
  std::string keywords;
  std::string creator = "sohoa";
  std::chrono::system_clock::time_point created{};
  PdfDocumentFacts facts;
  // The record, embedded as the PDF/A-3 associated file `record_name` (/AFRelationship /Data)
  // when not empty. The bytes are embedded as given.
  std::string record_json;
  std::string record_name = "record.json";
};

struct PdfOptions {
  int jpeg_quality = 80;  // colour and grey page images
};

// Builds the whole PDF in memory: one page per input, page size = image size / dpi, image as
// JPEG (colour/grey, OpenCV at options.jpeg_quality) or CCITT G4 (bilevel: grey with only 0 and
// 255), and each word drawn invisibly (render mode 3, a glyphless font with Identity-H and
// ToUnicode) horizontally scaled to fill its box, so pdftotext returns NFC Vietnamese and
// selecting a word selects that word. Words sharing a line_index share one baseline, so they
// come out as one line. Info dictionary and XMP carry title, author, subject, keywords,
// creator, producer "sohoa" and `created` (UTC) as creation and modification date.
//
// The file is meant to be PDF/A-3b (declared in XMP as pdfaid:part 3, conformance B): PDF 1.7
// header with a binary comment line, sRGB output intent with the embedded ICC profile, an
// uncompressed XMP stream (Type/Metadata, Subtype/XML) mirroring the Info dictionary, every
// font embedded, a trailer /ID, no encryption, JavaScript, actions or external content. Text
// that is not UTF-8 and control characters other than tab and line ends are dropped from Info
// and XMP alike (XML cannot carry them). XMP also carries `info.facts` as sohoa:documentId,
// docType, documentNumber, documentDate (Date), issuer and ownerId in the namespace
// "urn:sohoa:xmp:record:1/", described by a PDF/A extension schema in the packet. A non-empty
// `info.record_json` becomes an EmbeddedFile (/Subtype application/json, /Params /ModDate =
// `created` and /Size) behind a /Filespec (/F and /UF `record_name`, /F falling back to
// "record.json" when the name is not ASCII; /Desc; /AFRelationship /Data) listed in the
// catalog's /AF array and in /Names /EmbeddedFiles, so viewers and `pdfdetach` show it.
// Debian packages no PDF/A validator: the tests check these requirements one by one.
//
// Deterministic: the same pages, info and options give the same bytes (no clock, no random
// file ID). The input images are not modified.
//
// Fails with kInvalidInput on an empty page list or a page without an image, with a malformed
// image or without dpi (naming the 1-based page); kDependency naming the file and the package
// (icc-profiles-free) when the sRGB ICC profile is missing ($SOHOA_SRGB_ICC overrides the
// build-time path); kInternal when PoDoFo or an encoder fails. Thread-safe: calls share
// no state.
Result<std::string> BuildSearchablePdf(const std::vector<PdfPageInput>& pages, const PdfInfo& info,
                                       const PdfOptions& options = {});

// Puts the record into `info`: its facts (PdfDocumentFacts from the record's fields), keywords
// naming them when `info->keywords` is empty, and the record itself as RecordToJson writes it,
// named "<document_id>.json" ("record.json" without an ID), to be embedded. The embedded copy
// has an empty sha256: it is the hash of the signed PDF, which cannot contain its own hash;
// the record written beside the PDF and kept in the store carries it. Everything else in the
// embedded record must already be final (signed_by included) when this is called.
void AttachRecord(const Record& record, PdfInfo* info);

}  // namespace sohoa::pipeline
