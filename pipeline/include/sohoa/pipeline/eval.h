// Accuracy evaluation on a corpus with ground truth (`sohoa eval`).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sohoa/core/status.h"
#include "sohoa/pipeline/process.h"

namespace sohoa::pipeline {

struct DocumentEval {
  std::string name;   // the document's folder name
  std::string level;  // degradation level from fields.json ("" when unknown)
  std::size_t char_errors = 0;
  std::size_t reference_chars = 0;
  std::size_t diacritic_errors = 0;
  int fields_expected = 0;                // fields in fields.json
  int fields_correct = 0;                 // extracted and equal after normalization
  std::vector<std::string> wrong_fields;  // "key: expected 'x', got 'y'"
  std::vector<std::string> right_fields;  // keys extracted and equal to fields.json's
  // fields.json's doc_type ("" when it has none) and the record's; for a dossier of several
  // papers (fields.json "documents": [{doc_type, fields, pages}, …]) each joined by '+', in
  // page order, "(not split out)" where no record starts and ends where the paper does.
  std::string expected_doc_type;
  std::string doc_type;
  int documents_expected = 0;    // papers in the folder (1 without a "documents" list)
  int documents_split_right = 0; // of those, papers a record starts and ends with
  std::string error;                      // set when the document could not be processed
  // Page geometry, for pages whose fields.json entry gives the scan's rotation_cw (clockwise
  // turn applied to an upright page) and skew_deg (counter-clockwise tilt of its content).
  int geometry_pages = 0;        // pages with such truth
  int pages_upright = 0;         // of those, pages whose record rotation undoes rotation_cw
  double skew_residual_sum = 0;  // sum over those pages of |record skew_deg - truth skew_deg|
  double mean_confidence = 0;    // mean over the record's pages of their mean_confidence
  double cer() const {
    return reference_chars == 0 ? 0.0 : static_cast<double>(char_errors) / reference_chars;
  }
};

struct EvalReport {
  std::vector<DocumentEval> documents;
  std::size_t char_errors = 0;
  std::size_t reference_chars = 0;
  std::size_t diacritic_errors = 0;
  int fields_expected = 0;
  int fields_correct = 0;
  int types_expected = 0;  // papers whose fields.json names their doc_type
  int types_correct = 0;   // of those, records of that type (split out right)
  int documents_expected = 0;     // papers in all folders
  int documents_split_right = 0;  // of those, split out where they start and end
  // Field accuracy per document type (fields.json's) and per field key: {expected, correct}.
  std::map<std::string, std::pair<int, int>> fields_by_type;
  std::map<std::string, std::pair<int, int>> fields_by_key;
  int pages = 0;
  int geometry_pages = 0;
  int pages_upright = 0;
  double skew_residual_sum = 0;
  double wall_seconds = 0;
  StageSeconds stage_seconds;      // wall-clock, summed over workers
  StageSeconds stage_cpu_seconds;  // CPU (ProcessReport)
  double cer() const {
    return reference_chars == 0 ? 0.0 : static_cast<double>(char_errors) / reference_chars;
  }
  // Mean absolute residual skew in degrees over the pages with geometry truth (0 when none).
  double mean_skew_residual() const {
    return geometry_pages == 0 ? 0.0 : skew_residual_sum / geometry_pages;
  }
};

// Evaluates every sub-folder of `corpus_dir` holding page images and a truth.txt (optional
// fields.json, describing one paper or, with a "documents" list, the papers of a dossier and
// their pages, each compared with the record that starts and ends where it does): runs the real pipeline (no signing, no store) with `options` into a temporary
// folder, then compares each record's text with truth.txt (reading-order-independent CER) and
// its fields and doc_type with fields.json, and each page's rotation and skew with the fields.json
// `pages` entries when present (a page is upright when the record's clockwise rotation plus the
// scan's rotation_cw is a whole turn; the residual skew is what the measured skew missed of
// the true tilt, which the cleanup rotated away). Fails with kInvalidInput when the corpus has no
// document.
Result<EvalReport> EvaluateCorpus(const std::string& corpus_dir, ProcessOptions options);

}  // namespace sohoa::pipeline
