// Builds the DER CMS SignedData of a PAdES B-B signature (internal).
#pragma once

#include <string>
#include <string_view>

#include "sohoa/core/status.h"
#include "sohoa/signing/key_source.h"

namespace sohoa::signing::internal {

// A detached CMS SignedData (RFC 5652) over content whose SHA-256 is `content_sha256`, as
// ETSI EN 319 122-1 B-B wants it: one SignerInfo (issuer and serial), SHA-256, signed attributes
// content-type = id-data, message-digest and signing-certificate-v2 (ESSCertIDv2 with the
// certificate's SHA-256 and issuer/serial) and nothing else — no signing-time — and the signer
// and chain certificates. The signed attributes are DER-encoded here and signed through
// `key.SignSha256`, so the private key is never needed. The output is deterministic for a
// deterministic key algorithm (RSA PKCS#1 v1.5). Fails with kCrypto or kUnsupported (a key
// that is neither RSA nor EC).
Result<std::string> BuildCadesDetachedSignedData(std::string_view content_sha256,
                                                 const KeySource& key);

}  // namespace sohoa::signing::internal
