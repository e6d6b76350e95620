#include "sohoa/pipeline/eval.h"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "sohoa/core/files.h"
#include "sohoa/core/text.h"
#include "sohoa/ocr/accuracy.h"

namespace sohoa::pipeline {
namespace fs = std::filesystem;

namespace {

// Values compare after normalization: NFC with one tone-mark placement, agency
// abbreviations written out, white space folded; case matters (names are title case).
std::string NormalizeFieldValue(const std::string& value) {
  std::string nfc = text::ExpandAgencyNames(text::ToCanonical(value));
  std::string out;
  bool space = false;
  for (char c : nfc) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

void CompareFields(const nlohmann::json& truth, const Record& record, DocumentEval& eval) {
  if (!truth.contains("fields") || !truth["fields"].is_object()) return;
  for (const auto& [key, expected_json] : truth["fields"].items()) {
    if (!expected_json.is_string()) continue;
    ++eval.fields_expected;
    const std::string expected = NormalizeFieldValue(expected_json.get<std::string>());
    const auto it = record.fields.find(key);
    const std::string got = it == record.fields.end() ? "" : NormalizeFieldValue(it->second);
    if (got == expected) {
      ++eval.fields_correct;
      eval.right_fields.push_back(key);
    } else {
      eval.wrong_fields.push_back(key + ": expected '" + expected + "', got '" + got + "'");
    }
  }
}

// Compares the record's pages with the scan geometry fields.json states (samples script:
// pages[i].rotation_cw, pages[i].skew_deg).
void CompareGeometry(const nlohmann::json& truth, const Record& record, DocumentEval& eval) {
  if (!truth.contains("pages") || !truth["pages"].is_array()) return;
  const auto& pages = truth["pages"];
  for (std::size_t i = 0; i < pages.size() && i < record.pages.size(); ++i) {
    const auto& page = pages[i];
    if (!page.is_object() || !page.contains("rotation_cw") || !page.contains("skew_deg") ||
        !page["rotation_cw"].is_number_integer() || !page["skew_deg"].is_number()) {
      continue;
    }
    const int scan_rotation = page["rotation_cw"].get<int>();
    const double skew = page["skew_deg"].get<double>();
    ++eval.geometry_pages;
    if ((record.pages[i].rotation + scan_rotation) % 360 == 0) ++eval.pages_upright;
    eval.skew_residual_sum += std::abs(record.pages[i].skew_deg - skew);
  }
}

}  // namespace

Result<EvalReport> EvaluateCorpus(const std::string& corpus_dir, ProcessOptions options) {
  std::error_code ec;
  if (!fs::is_directory(corpus_dir, ec)) return IoError("not a folder", corpus_dir);
  std::vector<std::string> folders;
  for (const auto& entry : fs::directory_iterator(corpus_dir, ec)) {
    if (entry.is_directory() && fs::exists(entry.path() / "truth.txt")) {
      folders.push_back(entry.path().string());
    }
  }
  std::sort(folders.begin(), folders.end(), NaturalLess);
  if (folders.empty()) {
    return InvalidInput("no document folders with truth.txt found", corpus_dir);
  }
  SOHOA_ASSIGN_OR_RETURN(const auto dossiers, CollectDossiers(folders));

  const fs::path scratch = fs::temp_directory_path() / ("sohoa-eval-" + std::to_string(::getpid()));
  options.out_dir = scratch.string();
  options.store_dir.clear();
  options.key = nullptr;
  auto processed = ProcessDossiers(dossiers, options);
  if (!processed.ok()) {
    fs::remove_all(scratch, ec);
    return processed.status();
  }

  EvalReport report;
  report.wall_seconds = processed->wall_seconds;
  report.stage_seconds = processed->stage_seconds;
  report.stage_cpu_seconds = processed->stage_cpu_seconds;
  report.pages = processed->pages_total;
  for (std::size_t i = 0; i < dossiers.size(); ++i) {
    const DocumentOutcome& outcome = processed->documents[i];
    const fs::path folder = folders[i];
    DocumentEval eval;
    eval.name = folder.filename().string();
    nlohmann::json truth_fields;
    if (auto fields_text = files::ReadAll((folder / "fields.json").string()); fields_text.ok()) {
      truth_fields = nlohmann::json::parse(*fields_text, nullptr, /*allow_exceptions=*/false);
      if (truth_fields.is_object()) eval.level = truth_fields.value("level", "");
    }
    auto truth = files::ReadAll((folder / "truth.txt").string());
    Result<Record> record = InvalidInput("not processed");
    if (outcome.ok()) {
      auto json = files::ReadAll(outcome.json_path);
      record = json.ok() ? RecordFromJson(*json) : Result<Record>(json.status());
    }
    if (!truth.ok()) {
      eval.error = truth.status().ToString();
    } else if (!record.ok()) {
      eval.error = outcome.ok() ? record.status().ToString() : outcome.errors.front().ToString();
      // An unreadable document loses every character.
      eval.reference_chars = ocr::MeasureCharacterErrors(*truth, "").reference_chars;
      eval.char_errors = eval.reference_chars;
    } else {
      std::string hypothesis;
      for (const auto& page : record->pages) hypothesis += page.text + "\n";
      const auto errors = ocr::MeasureCharacterErrors(*truth, hypothesis);
      eval.char_errors = errors.errors;
      eval.reference_chars = errors.reference_chars;
      eval.diacritic_errors = errors.diacritic_errors;
      for (const auto& page : record->pages) eval.mean_confidence += page.mean_confidence;
      if (!record->pages.empty()) eval.mean_confidence /= record->pages.size();
      eval.doc_type = record->doc_type;
      if (truth_fields.is_object()) {
        eval.expected_doc_type = truth_fields.value("doc_type", "");
        CompareFields(truth_fields, *record, eval);
        CompareGeometry(truth_fields, *record, eval);
      }
    }
    report.char_errors += eval.char_errors;
    report.reference_chars += eval.reference_chars;
    report.diacritic_errors += eval.diacritic_errors;
    report.fields_expected += eval.fields_expected;
    report.fields_correct += eval.fields_correct;
    const std::string type = eval.expected_doc_type.empty() ? "?" : eval.expected_doc_type;
    report.fields_by_type[type].first += eval.fields_expected;
    report.fields_by_type[type].second += eval.fields_correct;
    for (const std::string& key : eval.right_fields) {
      ++report.fields_by_key[key].first;
      ++report.fields_by_key[key].second;
    }
    for (const std::string& wrong : eval.wrong_fields) {
      ++report.fields_by_key[wrong.substr(0, wrong.find(':'))].first;
    }
    if (!eval.expected_doc_type.empty()) {
      ++report.types_expected;
      if (eval.doc_type == eval.expected_doc_type) ++report.types_correct;
    }
    report.geometry_pages += eval.geometry_pages;
    report.pages_upright += eval.pages_upright;
    report.skew_residual_sum += eval.skew_residual_sum;
    report.documents.push_back(std::move(eval));
  }
  fs::remove_all(scratch, ec);
  return report;
}

}  // namespace sohoa::pipeline
