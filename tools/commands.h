// The sohoa sub-commands. Each takes its parsed options, calls the libraries and returns the
// exit code: 0 ok, 1 done but something failed a check, 2 usage or input error, 3 done with
// warnings.
#pragma once

#include <string>
#include <vector>

namespace sohoa::tools {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitWarnings = 3;

struct KeyOptions {
  std::string p12;
  std::string pass_env;
  std::string pass_file;
};

struct ProcessCommand {
  std::vector<std::string> inputs;
  std::string out;
  std::string store;
  KeyOptions key;
  int jobs = 0;
  double dpi = 0;
  std::string ocr_language;  // empty = the engine's default (vie)
  double ocr_dpi = 0;        // read coarser scans resampled to this; 0 = as scanned
  bool json = false;
  bool quiet = false;
};

struct SignCommand {
  std::string input;
  std::string out;
  KeyOptions key;
  std::string level = "B-B";
  std::string reason;
  std::string location;
};

struct VerifyCommand {
  std::string input;
  std::vector<std::string> trust;
  bool json = false;
};

struct FindCommand {
  std::string store;
  std::string id;
  std::string type;
  std::string text;
  int limit = 20;
  bool json = false;
};

struct EvalCommand {
  std::string corpus;
  int jobs = 0;
  std::string ocr_language;
  double ocr_dpi = 0;
  bool json = false;
};

int RunProcess(const ProcessCommand& cmd);
int RunSign(const SignCommand& cmd);
int RunVerify(const VerifyCommand& cmd);
int RunFind(const FindCommand& cmd);
int RunEval(const EvalCommand& cmd);

}  // namespace sohoa::tools
