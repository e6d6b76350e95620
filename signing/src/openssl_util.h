// Internal OpenSSL helpers shared by the signing sources: owning pointers and turning OpenSSL's
// error queue into a Status at the edge. Not a public header.
#pragma once

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace sohoa::signing::internal {

struct OpenSslDeleter {
  void operator()(BIO* p) const { BIO_free_all(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
  void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
};
template <typename T>
using OsslPtr = std::unique_ptr<T, OpenSslDeleter>;

// Drains OpenSSL's error queue into one line ("" when the queue was empty).
inline std::string DrainOpenSslErrors() {
  std::string text;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text;
}

inline OsslPtr<X509> ParseCertificateDer(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  return OsslPtr<X509>(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
}

inline std::string CertificateToDer(const X509* cert) {
  unsigned char* out = nullptr;
  int length = i2d_X509(cert, &out);
  if (length <= 0) return {};
  std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(length));
  OPENSSL_free(out);
  return der;
}

// "CN=Nguyễn Văn TEST, O=UBND xã TEST Hòa Bình, C=VN": most specific first, UTF-8 kept.
inline std::string NameToOneLine(const X509_NAME* name) {
  OsslPtr<BIO> bio(BIO_new(BIO_s_mem()));
  const unsigned long flags = (ASN1_STRFLGS_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) |
                              XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_DN_REV | XN_FLAG_FN_SN;
  X509_NAME_print_ex(bio.get(), name, 0, flags);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

inline std::chrono::system_clock::time_point Asn1TimeToTimePoint(const ASN1_TIME* t) {
  struct tm parts {};
  ASN1_TIME_to_tm(t, &parts);
  return std::chrono::system_clock::from_time_t(timegm(&parts));
}

// "2021-01-01" (UTC) for messages.
inline std::string Asn1TimeToDate(const ASN1_TIME* t) {
  struct tm parts {};
  if (ASN1_TIME_to_tm(t, &parts) != 1) return "an unreadable date";
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &parts);
  return buffer;
}

}  // namespace sohoa::signing::internal
