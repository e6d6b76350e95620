// PAdES signing and verification of PDFs (ETSI EN 319 142-1 baseline).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/core/clock.h"
#include "sohoa/core/status.h"
#include "sohoa/signing/key_source.h"

namespace sohoa::signing {

enum class PadesLevel { kBB };  // B-T, B-LT, B-LTA come later

struct SignOptions {
  PadesLevel level = PadesLevel::kBB;
  std::string reason;        // optional /Reason
  std::string location;      // optional /Location
  std::string contact_info;  // optional /ContactInfo
  const Clock* clock = nullptr;  // for /M and the validity check; nullptr = DefaultClock()
};

// Signs `pdf` with an incremental update: the original bytes are kept as they are, followed by
// a new revision holding the signature field and dictionary (/Filter /Adobe.PPKLite,
// /SubFilter /ETSI.CAdES.detached, /M, /ByteRange over the whole file but /Contents) and a DER
// CMS SignedData with exactly one SignerInfo, signed attributes content-type, message-digest
// and signing-certificate-v2, and no signing-time. Fails with kInvalidInput (not a PDF,
// encrypted), kCrypto (certificate expired or not yet valid at the clock's time, signing
// failed), kInternal.
Result<std::string> SignPdf(std::string_view pdf, const KeySource& key, const SignOptions& options);

// Checks that the signer certificate is valid at `now`: kCrypto naming the key's origin,
// "certificate ... expired on DATE; renew it" or "... is not valid before DATE". SignPdf runs
// this itself; callers about to do long work before signing should run it first.
Status CheckSigningCertificate(const KeySource& key, std::chrono::system_clock::time_point now);

struct SignatureReport {
  std::string field_name;
  std::string signer_subject;
  std::string signing_time;          // the /M value as written
  bool integrity_ok = false;         // digest of the ByteRange matches the CMS, CMS signature ok
  bool covers_whole_document = false;// ByteRange ends at the end of the file (or of its revision)
  bool is_last_revision = false;     // nothing was appended after this signature
  bool chain_ok = false;             // chains to one of the trust anchors
  bool within_validity = false;      // signer certificate valid at the signing time
  std::vector<std::string> problems; // human-readable reasons for each false above
  bool valid() const { return integrity_ok && chain_ok && within_validity && problems.empty(); }
};

struct VerifyReport {
  std::vector<SignatureReport> signatures;
  // True when there is at least one signature, every one is valid, and the last one covers the
  // whole file.
  bool valid() const;
};

struct VerifyOptions {
  std::vector<std::string> trust_anchor_pem_files;  // CA certificates to trust
  const Clock* clock = nullptr;                     // nullptr = DefaultClock()
};

// Verifies every signature of `pdf`. A PDF without signatures returns a report with none
// (valid() false). Fails with kInvalidInput when the bytes are not a readable PDF, kIo when a
// trust anchor file cannot be read.
Result<VerifyReport> VerifyPdf(std::string_view pdf, const VerifyOptions& options);

}  // namespace sohoa::signing
