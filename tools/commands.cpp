#include "commands.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "sohoa/core/files.h"
#include "sohoa/pipeline/eval.h"
#include "sohoa/pipeline/intake.h"
#include "sohoa/pipeline/process.h"
#include "sohoa/signing/key_source.h"
#include "sohoa/signing/pades.h"
#include "sohoa/storage/local_store.h"

namespace sohoa::tools {
namespace {

using nlohmann::ordered_json;

void PrintError(const Status& status) {
  std::cerr << "sohoa: error: " << status.ToString() << "\n";
}

// Exit code for a failed Status: input and usage problems are 2, the rest 1.
int ExitFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidInput:
    case StatusCode::kUnsupported:
    case StatusCode::kIo:
    case StatusCode::kDependency:
    case StatusCode::kCrypto:
      return kExitUsage;
    default:
      return kExitFailed;
  }
}

Result<std::unique_ptr<signing::KeySource>> LoadKey(const KeyOptions& key) {
  if (key.p12.empty()) {
    if (!key.pass_env.empty() || !key.pass_file.empty()) {
      return InvalidInput("--pass-env/--pass-file given without --p12");
    }
    return std::unique_ptr<signing::KeySource>();
  }
  if (key.pass_env.empty() && key.pass_file.empty()) {
    return InvalidInput(
        "give the passphrase with --pass-env VAR or --pass-file FILE (never on the command line)",
        key.p12);
  }
  SOHOA_ASSIGN_OR_RETURN(const std::string passphrase,
                         signing::ReadPassphrase(key.pass_env, key.pass_file));
  return signing::LoadPkcs12(key.p12, passphrase);
}

ordered_json StatusesToJson(const std::vector<Status>& statuses) {
  ordered_json out = ordered_json::array();
  for (const auto& s : statuses) {
    out.push_back({{"code", StatusCodeName(s.code())},
                   {"file", s.file()},
                   {"page", s.page()},
                   {"message", s.ToString()}});
  }
  return out;
}

ordered_json StagesToJson(const pipeline::StageSeconds& s) {
  return {{"load", s.load},         {"orientation", s.orientation},
          {"cleanup", s.cleanup},   {"ocr", s.ocr},
          {"assemble", s.assemble}, {"sign", s.sign},
          {"write", s.write},       {"store", s.store}};
}

}  // namespace

int RunProcess(const ProcessCommand& cmd) {
  if (!cmd.store.empty() && cmd.store.find("://") != std::string::npos) {
    PrintError(
        Unsupported("store URLs are not supported yet; give a local store folder", cmd.store));
    return kExitUsage;
  }
  auto key = LoadKey(cmd.key);
  if (!key.ok()) {
    PrintError(key.status());
    return kExitUsage;
  }

  // Each input is collected on its own so that one missing input does not stop the others.
  std::vector<pipeline::DossierSource> dossiers;
  std::vector<Status> input_errors;
  for (const auto& input : cmd.inputs) {
    auto collected = pipeline::CollectDossiers({input});
    if (!collected.ok()) {
      input_errors.push_back(collected.status().WithFile(input));
      PrintError(input_errors.back());
      continue;
    }
    for (auto& d : *collected) dossiers.push_back(std::move(d));
  }
  if (dossiers.empty()) {
    std::cerr << "sohoa: nothing to process\n";
    return kExitUsage;
  }

  pipeline::ProcessOptions options;
  options.out_dir = cmd.out;
  options.store_dir = cmd.store;
  options.key = key->get();
  options.jobs = cmd.jobs;
  options.load.dpi_override = cmd.dpi;
  if (!cmd.ocr_language.empty()) options.ocr.language = cmd.ocr_language;
  options.cleanup.ocr_dpi = cmd.ocr_dpi;
  if (!cmd.quiet && !cmd.json) {
    options.on_progress = [](const pipeline::ProgressEvent& e) {
      if (!e.message.empty()) {
        std::cerr << "[" << e.pages_done << "/" << e.pages_total << " pages] " << e.message << "\n";
      }
    };
  }
  auto report = pipeline::ProcessDossiers(dossiers, options);
  if (!report.ok()) {
    PrintError(report.status());
    return ExitFor(report.status());
  }

  int failed = static_cast<int>(input_errors.size());
  if (cmd.json) {
    ordered_json j;
    j["documents"] = ordered_json::array();
    for (const auto& d : report->documents) {
      j["documents"].push_back({{"dossier", d.dossier},
                                {"document_id", d.document_id},
                                {"ok", d.ok()},
                                {"pages", d.pages},
                                {"pdf", d.pdf_path},
                                {"record", d.json_path},
                                {"sha256", d.sha256},
                                {"signed", d.signed_pdf},
                                {"stored", d.stored},
                                {"errors", StatusesToJson(d.errors)},
                                {"warnings", d.warnings}});
    }
    j["input_errors"] = StatusesToJson(input_errors);
    j["pages_total"] = report->pages_total;
    j["pages_failed"] = report->pages_failed;
    j["wall_seconds"] = report->wall_seconds;
    j["stage_seconds"] = StagesToJson(report->stage_seconds);
    j["stage_cpu_seconds"] = StagesToJson(report->stage_cpu_seconds);
    std::cout << j.dump(2) << "\n";
  }
  for (const auto& d : report->documents) {
    if (!d.ok()) ++failed;
    if (cmd.json) continue;
    if (d.ok()) {
      std::printf("%-5s %s  %d page%s%s%s  %s\n", d.warnings.empty() ? "ok" : "warn",
                  d.document_id.c_str(), d.pages, d.pages == 1 ? "" : "s",
                  d.signed_pdf ? "  signed" : "", d.stored ? "  stored" : "", d.pdf_path.c_str());
    } else {
      std::printf("FAIL  %s  nothing written\n", d.dossier.c_str());
    }
    for (const auto& w : d.warnings) std::printf("      warning: %s\n", w.c_str());
    for (const auto& e : d.errors) std::printf("      error: %s\n", e.ToString().c_str());
  }
  if (!cmd.json) {
    const auto done = std::count_if(report->documents.begin(), report->documents.end(),
                                    [](const pipeline::DocumentOutcome& d) { return d.ok(); });
    std::printf("%d of %zu inputs done, %d pages, %.1f s\n", static_cast<int>(done),
                report->documents.size() + input_errors.size(), report->pages_total,
                report->wall_seconds);
  }
  if (failed > 0) return kExitFailed;
  return report->any_warning() ? kExitWarnings : kExitOk;
}

int RunSign(const SignCommand& cmd) {
  if (cmd.key.p12.empty()) {
    PrintError(InvalidInput("give a signing key with --p12 FILE"));
    return kExitUsage;
  }
  auto key = LoadKey(cmd.key);
  if (!key.ok()) {
    PrintError(key.status());
    return kExitUsage;
  }
  auto pdf = files::ReadAll(cmd.input);
  if (!pdf.ok()) {
    PrintError(pdf.status());
    return kExitUsage;
  }
  signing::SignOptions options;
  options.reason = cmd.reason;
  options.location = cmd.location;
  auto signed_pdf = signing::SignPdf(*pdf, **key, options);
  if (!signed_pdf.ok()) {
    PrintError(signed_pdf.status().WithFile(cmd.input));
    return ExitFor(signed_pdf.status());
  }
  const Status written = files::WriteAtomic(cmd.out, *signed_pdf);
  if (!written.ok()) {
    PrintError(written);
    return kExitUsage;
  }
  std::printf("signed %s -> %s (PAdES %s, %s)\n", cmd.input.c_str(), cmd.out.c_str(),
              cmd.level.c_str(), (*key)->subject().c_str());
  return kExitOk;
}

int RunVerify(const VerifyCommand& cmd) {
  auto pdf = files::ReadAll(cmd.input);
  if (!pdf.ok()) {
    PrintError(pdf.status());
    return kExitUsage;
  }
  signing::VerifyOptions options;
  options.trust_anchor_pem_files = cmd.trust;
  auto report = signing::VerifyPdf(*pdf, options);
  if (!report.ok()) {
    PrintError(report.status().WithFile(cmd.input));
    return kExitUsage;
  }
  const bool valid = report->valid();
  if (cmd.json) {
    ordered_json j;
    j["file"] = cmd.input;
    j["valid"] = valid;
    j["signatures"] = ordered_json::array();
    for (const auto& s : report->signatures) {
      j["signatures"].push_back({{"field", s.field_name},
                                 {"signer", s.signer_subject},
                                 {"signing_time", s.signing_time},
                                 {"valid", s.valid()},
                                 {"integrity_ok", s.integrity_ok},
                                 {"covers_whole_document", s.covers_whole_document},
                                 {"is_last_revision", s.is_last_revision},
                                 {"chain_ok", s.chain_ok},
                                 {"within_validity", s.within_validity},
                                 {"problems", s.problems}});
    }
    std::cout << j.dump(2) << "\n";
  } else {
    if (report->signatures.empty()) std::printf("%s: no signatures\n", cmd.input.c_str());
    int n = 0;
    for (const auto& s : report->signatures) {
      std::printf("signature %d (%s): %s\n  signer: %s\n  time:   %s\n", ++n, s.field_name.c_str(),
                  s.valid() ? "VALID" : "INVALID", s.signer_subject.c_str(),
                  s.signing_time.c_str());
      for (const auto& problem : s.problems) std::printf("  problem: %s\n", problem.c_str());
    }
    std::printf("%s: %s\n", cmd.input.c_str(), valid ? "valid" : "NOT valid");
  }
  return valid ? kExitOk : kExitFailed;
}

int RunFind(const FindCommand& cmd) {
  if (cmd.store.find("://") != std::string::npos) {
    PrintError(
        Unsupported("store URLs are not supported yet; give a local store folder", cmd.store));
    return kExitUsage;
  }
  auto store = storage::LocalStore::Open(cmd.store);
  if (!store.ok()) {
    PrintError(store.status());
    return kExitUsage;
  }
  storage::Query query;
  query.so_dinh_danh = cmd.id;
  query.doc_type = cmd.type;
  query.text = cmd.text;
  query.limit = cmd.limit;
  auto hits = (*store)->Find(query);
  if (!hits.ok()) {
    PrintError(hits.status());
    return ExitFor(hits.status());
  }
  if (cmd.json) {
    ordered_json j = ordered_json::array();
    for (const auto& h : *hits) {
      j.push_back({{"document_id", h.document_id},
                   {"sha256", h.sha256},
                   {"dossier", h.dossier},
                   {"doc_type", h.doc_type},
                   {"pdf", h.pdf_path},
                   {"snippet", h.snippet},
                   {"record", nlohmann::json::parse(h.record_json, nullptr, false)}});
    }
    std::cout << j.dump(2) << "\n";
  } else {
    for (const auto& h : *hits) {
      std::printf("%s  %s  %s\n  %s\n", h.document_id.c_str(), h.doc_type.c_str(),
                  h.pdf_path.c_str(), h.snippet.c_str());
    }
    std::printf("%zu document%s found\n", hits->size(), hits->size() == 1 ? "" : "s");
  }
  return kExitOk;
}

int RunEval(const EvalCommand& cmd) {
  pipeline::ProcessOptions options;
  options.jobs = cmd.jobs;
  if (!cmd.ocr_language.empty()) options.ocr.language = cmd.ocr_language;
  options.cleanup.ocr_dpi = cmd.ocr_dpi;
  auto report = pipeline::EvaluateCorpus(cmd.corpus, options);
  if (!report.ok()) {
    PrintError(report.status());
    return ExitFor(report.status());
  }
  if (cmd.json) {
    ordered_json j;
    j["documents"] = ordered_json::array();
    for (const auto& d : report->documents) {
      j["documents"].push_back({{"name", d.name},
                                {"level", d.level},
                                {"cer", d.cer()},
                                {"char_errors", d.char_errors},
                                {"reference_chars", d.reference_chars},
                                {"diacritic_errors", d.diacritic_errors},
                                {"fields_expected", d.fields_expected},
                                {"fields_correct", d.fields_correct},
                                {"wrong_fields", d.wrong_fields},
                                {"doc_type", d.doc_type},
                                {"expected_doc_type", d.expected_doc_type},
                                {"documents_expected", d.documents_expected},
                                {"documents_split_right", d.documents_split_right},
                                {"geometry_pages", d.geometry_pages},
                                {"pages_upright", d.pages_upright},
                                {"skew_residual_sum", d.skew_residual_sum},
                                {"mean_confidence", d.mean_confidence},
                                {"error", d.error}});
    }
    j["cer"] = report->cer();
    j["char_errors"] = report->char_errors;
    j["reference_chars"] = report->reference_chars;
    j["diacritic_errors"] = report->diacritic_errors;
    j["fields_expected"] = report->fields_expected;
    j["fields_correct"] = report->fields_correct;
    j["types_expected"] = report->types_expected;
    j["types_correct"] = report->types_correct;
    j["documents_expected"] = report->documents_expected;
    j["documents_split_right"] = report->documents_split_right;
    for (const auto& [name, by] : {std::pair{"fields_by_type", &report->fields_by_type},
                                   std::pair{"fields_by_key", &report->fields_by_key}}) {
      j[name] = ordered_json::object();
      for (const auto& [key, counts] : *by) {
        j[name][key] = {{"expected", counts.first}, {"correct", counts.second}};
      }
    }
    j["pages"] = report->pages;
    j["geometry_pages"] = report->geometry_pages;
    j["pages_upright"] = report->pages_upright;
    j["mean_skew_residual_deg"] = report->mean_skew_residual();
    j["wall_seconds"] = report->wall_seconds;
    j["stage_seconds"] = StagesToJson(report->stage_seconds);
    j["stage_cpu_seconds"] = StagesToJson(report->stage_cpu_seconds);
    std::cout << j.dump(2) << "\n";
  } else {
    std::printf("%-40s %-10s %8s %8s %8s %8s\n", "document", "level", "CER %", "errors", "chars",
                "fields");
    for (const auto& d : report->documents) {
      std::printf("%-40s %-10s %8.2f %8zu %8zu %4d/%-3d%s%s\n", d.name.c_str(), d.level.c_str(),
                  100.0 * d.cer(), d.char_errors, d.reference_chars, d.fields_correct,
                  d.fields_expected, d.error.empty() ? "" : "  error: ", d.error.c_str());
    }
    std::printf(
        "overall CER %.2f %% (%zu errors / %zu chars, %zu diacritic-only), %d pages, "
        "%.1f s\n",
        100.0 * report->cer(), report->char_errors, report->reference_chars,
        report->diacritic_errors, report->pages, report->wall_seconds);
    if (report->geometry_pages > 0) {
      std::printf("orientation %d/%d pages upright, mean residual skew %.3f degrees\n",
                  report->pages_upright, report->geometry_pages, report->mean_skew_residual());
    }
    if (report->documents_expected > static_cast<int>(report->documents.size())) {
      std::printf("dossiers split into papers: %d/%d papers split out right\n",
                  report->documents_split_right, report->documents_expected);
    }
    if (report->types_expected > 0) {
      std::printf("document types %d/%d correct (%.1f %%)\n", report->types_correct,
                  report->types_expected, 100.0 * report->types_correct / report->types_expected);
    }
    if (report->fields_expected > 0) {
      std::printf("fields %d/%d correct (%.1f %%)\n", report->fields_correct,
                  report->fields_expected,
                  100.0 * report->fields_correct / report->fields_expected);
      for (const auto& [title, by] : {std::pair{"by document type", &report->fields_by_type},
                                      std::pair{"by field", &report->fields_by_key}}) {
        std::printf("  %s:\n", title);
        for (const auto& [key, counts] : *by) {
          if (counts.first == 0) continue;
          std::printf("    %-32s %4d/%-4d %5.1f %%\n", key.c_str(), counts.second, counts.first,
                      100.0 * counts.second / counts.first);
        }
      }
    }
  }
  const bool any_error =
      std::any_of(report->documents.begin(), report->documents.end(),
                  [](const pipeline::DocumentEval& d) { return !d.error.empty(); });
  return any_error ? kExitFailed : kExitOk;
}

}  // namespace sohoa::tools
