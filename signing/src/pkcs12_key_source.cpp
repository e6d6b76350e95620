// PKCS#12 key source: the key is decoded once and kept inside this object; callers only ever
// get signatures from it.
#include <openssl/pkcs12.h>
#include <openssl/provider.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <utility>

#include "openssl_util.h"
#include "sohoa/signing/key_source.h"

namespace sohoa::signing {
namespace {

using internal::DrainOpenSslErrors;
using internal::OsslPtr;

struct Pkcs12Deleter {
  void operator()(PKCS12* p) const { PKCS12_free(p); }
};

class Pkcs12KeySource final : public KeySource {
 public:
  Pkcs12KeySource(std::string path, OsslPtr<EVP_PKEY> key, OsslPtr<X509> certificate,
                  std::vector<std::string> chain_der)
      : path_(std::move(path)),
        key_(std::move(key)),
        certificate_(std::move(certificate)),
        certificate_der_(internal::CertificateToDer(certificate_.get())),
        chain_der_(std::move(chain_der)) {}

  const std::string& certificate_der() const override { return certificate_der_; }
  const std::vector<std::string>& chain_der() const override { return chain_der_; }
  std::string subject() const override {
    return internal::NameToOneLine(X509_get_subject_name(certificate_.get()));
  }
  std::string origin() const override { return path_; }

  Result<std::string> SignSha256(std::string_view data) const override {
    ERR_clear_error();
    OsslPtr<EVP_MD_CTX> context(EVP_MD_CTX_new());
    // EVP_DigestSign gives RSA PKCS#1 v1.5 (the RSA default padding) or a DER ECDSA-Sig-Value,
    // which are what CMS expects for rsaEncryption and ecdsa-with-SHA256.
    std::size_t length = 0;
    if (!context ||
        EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &length,
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
      return CryptoError("cannot start signing: " + DrainOpenSslErrors(), path_);
    }
    std::string signature(length, '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
      return CryptoError("signing failed: " + DrainOpenSslErrors(), path_);
    }
    signature.resize(length);
    return signature;
  }

 private:
  std::string path_;
  OsslPtr<EVP_PKEY> key_;
  OsslPtr<X509> certificate_;
  std::string certificate_der_;
  std::vector<std::string> chain_der_;
};

// PKCS#12 files exported by older tools (Windows, Java, some CA portals) use RC2 or 3DES with
// SHA-1, which OpenSSL 3 keeps in its "legacy" provider; load it only when needed.
void LoadLegacyProviderOnce() {
  static const bool loaded = [] {
    OSSL_PROVIDER_load(nullptr, "legacy");
    OSSL_PROVIDER_load(nullptr, "default");
    return true;
  }();
  (void)loaded;
}

bool ParsePkcs12(PKCS12* p12, const std::string& passphrase, EVP_PKEY** key, X509** certificate,
                 STACK_OF(X509) * *others) {
  *key = nullptr;
  *certificate = nullptr;
  *others = nullptr;
  return PKCS12_parse(p12, passphrase.c_str(), key, certificate, others) == 1;
}

}  // namespace

Result<std::unique_ptr<KeySource>> LoadPkcs12(const std::string& path,
                                              const std::string& passphrase) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return IoError("cannot open the PKCS#12 file", path);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad()) return IoError("cannot read the PKCS#12 file", path);

  ERR_clear_error();
  const auto* cursor = reinterpret_cast<const unsigned char*>(bytes.data());
  std::unique_ptr<PKCS12, Pkcs12Deleter> p12(
      d2i_PKCS12(nullptr, &cursor, static_cast<long>(bytes.size())));
  if (!p12) {
    DrainOpenSslErrors();
    return CryptoError("not a PKCS#12 file (.p12/.pfx)", path);
  }
  // The MAC check tells a wrong passphrase apart from every other failure.
  if (PKCS12_mac_present(p12.get()) && PKCS12_verify_mac(p12.get(), passphrase.c_str(), -1) != 1) {
    DrainOpenSslErrors();
    return CryptoError("wrong passphrase for " + path, path);
  }

  EVP_PKEY* raw_key = nullptr;
  X509* raw_certificate = nullptr;
  STACK_OF(X509)* raw_others = nullptr;
  if (!ParsePkcs12(p12.get(), passphrase, &raw_key, &raw_certificate, &raw_others)) {
    DrainOpenSslErrors();
    LoadLegacyProviderOnce();
    if (!ParsePkcs12(p12.get(), passphrase, &raw_key, &raw_certificate, &raw_others)) {
      return CryptoError("cannot decode the PKCS#12 file: " + DrainOpenSslErrors(), path);
    }
  }
  OsslPtr<EVP_PKEY> key(raw_key);
  OsslPtr<X509> certificate(raw_certificate);
  std::vector<std::string> chain_der;
  const int other_count = raw_others ? sk_X509_num(raw_others) : 0;
  for (int i = 0; i < other_count; ++i) {
    chain_der.push_back(internal::CertificateToDer(sk_X509_value(raw_others, i)));
  }
  sk_X509_pop_free(raw_others, X509_free);

  if (!key) return CryptoError("the PKCS#12 file holds no private key", path);
  // OpenSSL's PKCS12_parse only returns as "the" certificate one that matches the key; a file
  // whose certificates all belong to other keys ends up with none.
  if (!certificate) {
    if (other_count > 0) {
      return CryptoError(
          "the private key in " + path +
              " does not match its certificate; export the key together with its own certificate",
          path);
    }
    return CryptoError("the PKCS#12 file holds no certificate", path);
  }
  if (X509_check_private_key(certificate.get(), key.get()) != 1) {
    DrainOpenSslErrors();
    return CryptoError("the private key in " + path + " does not match its certificate", path);
  }
  return std::unique_ptr<KeySource>(std::make_unique<Pkcs12KeySource>(
      path, std::move(key), std::move(certificate), std::move(chain_der)));
}

Result<std::string> ReadPassphrase(const std::string& env_var, const std::string& file) {
  if (!env_var.empty()) {
    if (const char* value = std::getenv(env_var.c_str())) return std::string(value);
    if (file.empty()) {
      return InvalidInput("environment variable " + env_var +
                          " holding the key passphrase is not set");
    }
  }
  if (file.empty()) {
    return InvalidInput("no passphrase given: set an environment variable or a passphrase file");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return IoError("cannot open the passphrase file", file);
  std::string line;
  std::getline(in, line);
  if (in.bad()) return IoError("cannot read the passphrase file", file);
  // Files written on Windows end lines with CR LF.
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace sohoa::signing
