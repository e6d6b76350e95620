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
  std::size_t next_outcome = 0;
  for (std::size_t i = 0; i < dossiers.size(); ++i) {
    // The dossier's documents: one, or one per paper when it was split.
    std::vector<const DocumentOutcome*> outcomes;
    while (next_outcome < processed->documents.size() &&
           processed->documents[next_outcome].dossier == dossiers[i].name) {
      outcomes.push_back(&processed->documents[next_outcome++]);
    }
    const fs::path folder = folders[i];
    DocumentEval eval;
    eval.name = folder.filename().string();
    nlohmann::json truth_fields;
    if (auto fields_text = files::ReadAll((folder / "fields.json").string()); fields_text.ok()) {
      truth_fields = nlohmann::json::parse(*fields_text, nullptr, /*allow_exceptions=*/false);
      if (truth_fields.is_object()) eval.level = truth_fields.value("level", "");
    }
    auto truth = files::ReadAll((folder / "truth.txt").string());
    // The records, in page order, with their first page in the dossier.
    std::vector<std::pair<int, Record>> records;
    Status failed;
    for (const DocumentOutcome* outcome : outcomes) {
      if (!outcome->ok()) {
        failed = outcome->errors.front();
        break;
      }
      auto json = files::ReadAll(outcome->json_path);
      Result<Record> record = json.ok() ? RecordFromJson(*json) : Result<Record>(json.status());
      if (!record.ok()) {
        failed = record.status();
        break;
      }
      records.emplace_back(outcome->first_page, std::move(record).value());
    }
    if (outcomes.empty()) failed = InternalError("no outcome for the dossier", folder.string());
    // What fields.json expects: its documents (a dossier of several papers), else one.
    std::vector<std::pair<std::vector<int>, nlohmann::json>> expected;
    if (truth_fields.is_object() && truth_fields.contains("documents") &&
        truth_fields["documents"].is_array()) {
      for (const auto& document : truth_fields["documents"]) {
        std::vector<int> pages;
        if (document.is_object() && document.contains("pages") && document["pages"].is_array()) {
          for (const auto& page : document["pages"]) {
            if (page.is_number_integer()) pages.push_back(page.get<int>());
          }
        }
        expected.emplace_back(std::move(pages), document);
      }
    } else if (truth_fields.is_object()) {
      expected.emplace_back(std::vector<int>{}, truth_fields);
    }
    if (!truth.ok()) {
      eval.error = truth.status().ToString();
    } else if (!failed.ok()) {
      eval.error = failed.ToString();
      // An unreadable document loses every character.
      eval.reference_chars = ocr::MeasureCharacterErrors(*truth, "").reference_chars;
      eval.char_errors = eval.reference_chars;
    } else {
      std::string hypothesis;
      int pages = 0;
      for (const auto& [first, record] : records) {
        for (const auto& page : record.pages) {
          hypothesis += page.text + "\n";
          eval.mean_confidence += page.mean_confidence;
          ++pages;
        }
      }
      const auto errors = ocr::MeasureCharacterErrors(*truth, hypothesis);
      eval.char_errors = errors.errors;
      eval.reference_chars = errors.reference_chars;
      eval.diacritic_errors = errors.diacritic_errors;
      if (pages > 0) eval.mean_confidence /= pages;
      Record all_pages;
      for (const auto& [first, record] : records) {
        all_pages.pages.insert(all_pages.pages.end(), record.pages.begin(), record.pages.end());
      }
      if (truth_fields.is_object()) CompareGeometry(truth_fields, all_pages, eval);
    }
    // Each expected document against the record that starts and ends where it does.
    for (const auto& [pages, truth_document] : expected) {
      const Record* match = nullptr;
      if (pages.empty() && records.size() == 1) {
        match = &records.front().second;
      } else {
        for (const auto& [first, record] : records) {
          const bool same = !pages.empty() && first == pages.front() &&
                            record.pages.size() == pages.size();
          if (same) match = &record;
        }
      }
      const std::string type = truth_document.value("doc_type", "");
      const std::string got = match != nullptr ? match->doc_type : "(not split out)";
      const auto join = [](std::string& to, const std::string& part) {
        to += (to.empty() ? "" : "+") + part;
      };
      join(eval.expected_doc_type, type);
      join(eval.doc_type, got);
      ++eval.documents_expected;
      if (match != nullptr) ++eval.documents_split_right;
      Record none;
      const int before_expected = eval.fields_expected, before_correct = eval.fields_correct;
      CompareFields(truth_document, match != nullptr ? *match : none, eval);
      const std::string by_type = type.empty() ? "?" : type;
      report.fields_by_type[by_type].first += eval.fields_expected - before_expected;
      report.fields_by_type[by_type].second += eval.fields_correct - before_correct;
      if (!type.empty()) {
        ++report.types_expected;
        if (match != nullptr && match->doc_type == type) ++report.types_correct;
      }
    }
    report.documents_expected += eval.documents_expected;
    report.documents_split_right += eval.documents_split_right;
    report.char_errors += eval.char_errors;
    report.reference_chars += eval.reference_chars;
    report.diacritic_errors += eval.diacritic_errors;
    report.fields_expected += eval.fields_expected;
    report.fields_correct += eval.fields_correct;
    for (const std::string& key : eval.right_fields) {
      ++report.fields_by_key[key].first;
      ++report.fields_by_key[key].second;
    }
    for (const std::string& wrong : eval.wrong_fields) {
      ++report.fields_by_key[wrong.substr(0, wrong.find(':'))].first;
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
