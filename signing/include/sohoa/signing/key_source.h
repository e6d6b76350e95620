// Where signing keys come from: PKCS#12 files now, PKCS#11 tokens later. The private key never
// leaves the KeySource; callers only ask it to sign a digest.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/core/status.h"

namespace sohoa::signing {

class KeySource {
 public:
  virtual ~KeySource() = default;
  // DER of the signer certificate.
  virtual const std::string& certificate_der() const = 0;
  // DER of the other certificates that came with the key (intermediates, root), signer first
  // excluded; may be empty.
  virtual const std::vector<std::string>& chain_der() const = 0;
  // Signs the DER `data` (the signed attributes) with SHA-256 and the key's algorithm
  // (RSA PKCS#1 v1.5 or ECDSA). Fails with kCrypto.
  virtual Result<std::string> SignSha256(std::string_view data) const = 0;
  // Subject of the signer certificate, one line (e.g. "CN=..., O=...").
  virtual std::string subject() const = 0;
  // Where the key lives (the PKCS#12 file path, later a PKCS#11 URI), for error messages that
  // must name it; empty when unknown.
  virtual std::string origin() const { return {}; }
};

// Opens a PKCS#12 file. Fails with kIo (unreadable), kCrypto naming the file for a wrong
// passphrase ("wrong passphrase for FILE"), a file without key or certificate, or a key that
// does not match its certificate.
Result<std::unique_ptr<KeySource>> LoadPkcs12(const std::string& path,
                                              const std::string& passphrase);

// Reads a passphrase from environment variable `env_var` (when not empty) or else from the
// first line of `file` (when not empty). Fails with kInvalidInput naming what is unset.
Result<std::string> ReadPassphrase(const std::string& env_var, const std::string& file);

}  // namespace sohoa::signing
