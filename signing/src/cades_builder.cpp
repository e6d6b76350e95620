// The CMS is written as DER by hand rather than with OpenSSL's CMS_sign: CMS_sign always adds
// a signing-time attribute (forbidden in PAdES) and needs the private key object, while a
// KeySource (PKCS#12 now, PKCS#11 later) only signs bytes.
#include "cades_builder.h"

#include <openssl/ess.h>
#include <openssl/objects.h>
#include <openssl/sha.h>

#include <algorithm>
#include <vector>

#include "openssl_util.h"

namespace sohoa::signing::internal {
namespace {

// OIDs, by their dotted form.
constexpr const char* kOidSignedData = "1.2.840.113549.1.7.2";
constexpr const char* kOidData = "1.2.840.113549.1.7.1";
constexpr const char* kOidSha256 = "2.16.840.1.101.3.4.2.1";
constexpr const char* kOidContentType = "1.2.840.113549.1.9.3";
constexpr const char* kOidMessageDigest = "1.2.840.113549.1.9.4";
constexpr const char* kOidSigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";
constexpr const char* kOidRsaEncryption = "1.2.840.113549.1.1.1";
constexpr const char* kOidEcdsaWithSha256 = "1.2.840.10045.4.3.2";

constexpr unsigned char kTagInteger = 0x02;
constexpr unsigned char kTagOctetString = 0x04;
constexpr unsigned char kTagNull = 0x05;
constexpr unsigned char kTagSequence = 0x30;
constexpr unsigned char kTagSet = 0x31;
constexpr unsigned char kTagContext0 = 0xA0;  // [0], constructed

std::string Tlv(unsigned char tag, std::string_view content) {
  std::string out(1, static_cast<char>(tag));
  const std::size_t length = content.size();
  if (length < 0x80) {
    out += static_cast<char>(length);
  } else {
    std::string digits;
    for (std::size_t rest = length; rest > 0; rest >>= 8) {
      digits.insert(digits.begin(), static_cast<char>(rest & 0xFF));
    }
    out += static_cast<char>(0x80 | digits.size());
    out += digits;
  }
  out += content;
  return out;
}

std::string Sequence(std::initializer_list<std::string_view> parts) {
  std::string content;
  for (auto part : parts) content += part;
  return Tlv(kTagSequence, content);
}

// DER SET OF: elements sorted by their encodings (X.690 11.6).
std::string SetOf(std::vector<std::string> elements, unsigned char tag = kTagSet) {
  std::sort(elements.begin(), elements.end(), [](const std::string& a, const std::string& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
      return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
    });
  });
  std::string content;
  for (const auto& element : elements) content += element;
  return Tlv(tag, content);
}

std::string Oid(const char* dotted) {
  ASN1_OBJECT* object = OBJ_txt2obj(dotted, 1);
  unsigned char* der = nullptr;
  const int length = i2d_ASN1_OBJECT(object, &der);
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(std::max(length, 0)));
  OPENSSL_free(der);
  ASN1_OBJECT_free(object);
  return out;
}

std::string SmallInteger(unsigned char value) {
  return Tlv(kTagInteger, std::string(1, static_cast<char>(value)));
}

template <typename T, int (*Encode)(const T*, unsigned char**)>
std::string ToDer(const T* value) {
  unsigned char* der = nullptr;
  const int length = Encode(value, &der);
  if (length <= 0) return {};
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

std::string Attribute(const char* oid, std::string_view value) {
  return Sequence({Oid(oid), SetOf({std::string(value)})});
}

}  // namespace

Result<std::string> BuildCadesDetachedSignedData(std::string_view content_sha256,
                                                 const KeySource& key) {
  ERR_clear_error();
  OsslPtr<X509> certificate = ParseCertificateDer(key.certificate_der());
  if (!certificate) {
    return CryptoError("the signer certificate cannot be decoded: " + DrainOpenSslErrors(),
                       key.origin());
  }

  std::string signature_algorithm;
  switch (EVP_PKEY_get_base_id(X509_get0_pubkey(certificate.get()))) {
    case EVP_PKEY_RSA:
      signature_algorithm = Sequence({Oid(kOidRsaEncryption), Tlv(kTagNull, "")});
      break;
    case EVP_PKEY_EC:
      signature_algorithm = Sequence({Oid(kOidEcdsaWithSha256)});
      break;
    default:
      return Unsupported("the signer key is neither RSA nor ECDSA", key.origin());
  }

  // ESSCertIDv2 with the certificate's SHA-256 (hashAlgorithm left out: SHA-256 is its DER
  // default) and issuerSerial, so the signer certificate cannot be swapped (CAdES 5.2.2.3).
  ESS_SIGNING_CERT_V2* signing_certificate =
      OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), certificate.get(), nullptr, 1);
  if (!signing_certificate) {
    return CryptoError("cannot build signing-certificate-v2: " + DrainOpenSslErrors(),
                       key.origin());
  }
  const std::string signing_certificate_der =
      ToDer<ESS_SIGNING_CERT_V2, i2d_ESS_SIGNING_CERT_V2>(signing_certificate);
  ESS_SIGNING_CERT_V2_free(signing_certificate);

  const std::string sha256 = Sequence({Oid(kOidSha256)});
  std::vector<std::string> attributes = {
      Attribute(kOidContentType, Oid(kOidData)),
      Attribute(kOidMessageDigest, Tlv(kTagOctetString, content_sha256)),
      Attribute(kOidSigningCertificateV2, signing_certificate_der),
  };
  // RFC 5652 5.4: the signature covers the DER SET OF the attributes (tag 0x31), while the
  // SignerInfo carries the same content under [0] IMPLICIT.
  const std::string signed_attributes_set = SetOf(attributes);
  SOHOA_ASSIGN_OR_RETURN(std::string signature, key.SignSha256(signed_attributes_set));
  std::string signed_attributes_field = signed_attributes_set;
  signed_attributes_field[0] = static_cast<char>(kTagContext0);

  const std::string issuer =
      ToDer<X509_NAME, i2d_X509_NAME>(X509_get_issuer_name(certificate.get()));
  const std::string serial =
      ToDer<ASN1_INTEGER, i2d_ASN1_INTEGER>(X509_get0_serialNumber(certificate.get()));
  const std::string signer_info =
      Sequence({SmallInteger(1), Sequence({issuer, serial}), sha256, signed_attributes_field,
                signature_algorithm, Tlv(kTagOctetString, signature)});

  std::vector<std::string> certificates = {key.certificate_der()};
  for (const auto& der : key.chain_der()) {
    if (der != key.certificate_der()) certificates.push_back(der);
  }
  const std::string signed_data =
      Sequence({SmallInteger(1), SetOf({sha256}), Sequence({Oid(kOidData)}),
                SetOf(certificates, kTagContext0), SetOf({signer_info})});
  return Sequence({Oid(kOidSignedData), Tlv(kTagContext0, signed_data)});
}

}  // namespace sohoa::signing::internal
