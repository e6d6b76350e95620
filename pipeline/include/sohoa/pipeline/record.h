// The record: what sohoa knows about one digitized document, written as <document>.json
// beside its PDF and kept in the store (schema "sohoa.record/1", see docs/ARCHITECTURE.md).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/core/status.h"

namespace sohoa::pipeline {

inline constexpr std::string_view kRecordSchema = "sohoa.record/1";

struct PageRecord {
  int number = 0;       // 1-based position in the document
  std::string source;   // file the page came from
  int source_page = 1;  // 1-based page within that file
  int width_px = 0;
  int height_px = 0;
  double dpi = 0;
  int rotation = 0;            // clockwise degrees applied to make the page upright
  double skew_deg = 0;         // skew measured and corrected
  double mean_confidence = 0;  // 0..1
  std::string text;            // OCR text, NFC, reading order
  std::vector<std::string> codes;  // QR codes read on a căn cước card's page, as encoded
  std::vector<std::string> warnings;
};

struct Record {
  std::string document_id;
  std::string dossier;
  std::vector<std::string> source;  // input files, in page order, without repeats
  std::string sha256;               // of the final (signed) PDF
  std::string doc_type = "khac";
  double doc_type_confidence = 0;  // 0..1, ocr::ClassifyDocument's
  std::map<std::string, std::string> fields;
  std::map<std::string, double> field_confidence;
  std::vector<std::string> needs_review;
  std::map<std::string, std::string> review_reasons;  // why, for the needs_review entries
  std::vector<PageRecord> pages;
  std::string digitized_by;
  std::string digitized_at;  // ISO 8601 with +07:00
  std::string signed_by;     // signer certificate subject; empty when unsigned
};

// Serializes with a stable key order and 2-space indentation (byte-identical for equal
// records).
std::string RecordToJson(const Record& record);

// Parses a record. Fails with kInvalidInput when the text is not JSON, the schema is not
// sohoa.record/1 or a member has the wrong type.
Result<Record> RecordFromJson(std::string_view json);

}  // namespace sohoa::pipeline
