#!/usr/bin/env bash
# Makes the TEST PKI used by sohoa's signing tests. Every key made here is a TEST key: it is
# committed to the repository, so it must never be trusted for anything real.
#
# Usage: samples/pki/make_test_pki.sh [--force]
#   Without --force an existing, complete set of files is left as it is (the script is
#   idempotent); with --force every file is made again (new random keys, same names).
#
# All certificates have fixed validity dates (2024-01-01 to 2044-01-01, the expired one
# 2020-01-01 to 2021-01-01), so tests that use a fixed clock keep working whenever the script
# is run again.
set -euo pipefail

readonly OUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly PASSPHRASE="TEST-only-1234"
readonly START="20240101000000Z"
readonly END="20440101000000Z"
readonly EXPIRED_START="20200101000000Z"
readonly EXPIRED_END="20210101000000Z"

readonly OUTPUTS=(
  root-TEST-ca.pem root-TEST-ca.key.pem
  agency-TEST.pem agency-TEST.key.pem agency-TEST.p12
  personal-TEST.pem personal-TEST.key.pem personal-TEST.p12
  tsa-TEST.pem tsa-TEST.key.pem
  ocsp-TEST.pem ocsp-TEST.key.pem
  expired-TEST.pem expired-TEST.key.pem expired-TEST.p12
  mismatch-TEST-other.key.pem mismatch-TEST.p12
  TEST-PASSPHRASE.txt
)

all_outputs_exist() {
  local f
  for f in "${OUTPUTS[@]}"; do
    [[ -s "${OUT_DIR}/${f}" ]] || return 1
  done
}

if [[ "${1:-}" != "--force" ]] && all_outputs_exist; then
  echo "make_test_pki: all TEST PKI files exist in ${OUT_DIR}; use --force to make them again"
  exit 0
fi

WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT

# A throw-away `openssl ca` database: `openssl ca` is the only OpenSSL 3.0 command that takes
# explicit start and end dates, which the expired certificate needs.
mkdir -p "${WORK}/newcerts"
: >"${WORK}/index.txt"
echo 1000 >"${WORK}/serial"
cat >"${WORK}/ca.cnf" <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = ${WORK}
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
default_md = sha256
policy = policy_anything
unique_subject = no
copy_extensions = none
string_mask = utf8only
utf8 = yes
[ policy_anything ]
commonName = supplied
organizationName = optional
organizationalUnitName = optional
localityName = optional
stateOrProvinceName = optional
countryName = optional
[ req ]
distinguished_name = req_dn
string_mask = utf8only
utf8 = yes
[ req_dn ]
[ v3_root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_signing ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_tsa ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_ocsp ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

new_rsa_key() { openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" -out "$1" 2>/dev/null; }
new_ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

# issue NAME SUBJECT EXTENSIONS START END: signs WORK/NAME.key's request with the TEST root.
issue() {
  local name="$1" subject="$2" extensions="$3" start="$4" end="$5"
  openssl req -new -config "${WORK}/ca.cnf" -utf8 -key "${WORK}/${name}.key" \
    -subj "${subject}" -out "${WORK}/${name}.csr"
  openssl ca -batch -config "${WORK}/ca.cnf" -utf8 -notext -preserveDN \
    -cert "${WORK}/root.pem" -keyfile "${WORK}/root.key" -extensions "${extensions}" \
    -startdate "${start}" -enddate "${end}" -in "${WORK}/${name}.csr" \
    -out "${WORK}/${name}.pem" 2>/dev/null
}

# export_p12 NAME FRIENDLY_NAME: key + certificate + TEST root chain, AES-256 + PBKDF2.
export_p12() {
  openssl pkcs12 -export -inkey "${WORK}/$1.key" -in "${WORK}/$1.pem" \
    -certfile "${WORK}/root.pem" -name "$2" -passout "pass:${PASSPHRASE}" -out "${WORK}/$1.p12"
}

# Root CA (RSA 3072), self-signed with fixed dates.
new_rsa_key "${WORK}/root.key" 3072
openssl req -new -config "${WORK}/ca.cnf" -utf8 -key "${WORK}/root.key" \
  -subj "/C=VN/O=sohoa TEST PKI/CN=sohoa TEST Root CA" -out "${WORK}/root.csr"
openssl ca -batch -config "${WORK}/ca.cnf" -utf8 -notext -preserveDN -selfsign \
  -keyfile "${WORK}/root.key" -extensions v3_root -startdate "${START}" -enddate "${END}" \
  -in "${WORK}/root.csr" -out "${WORK}/root.pem" 2>/dev/null

# Agency signature (RSA 2048).
new_rsa_key "${WORK}/agency.key" 2048
issue agency "/C=VN/ST=TEST/O=UBND xã TEST Hòa Bình/CN=UBND xã TEST Hòa Bình" v3_signing "${START}" "${END}"
export_p12 agency "UBND xã TEST"

# Personal signature (ECDSA P-256), UTF-8 subject.
new_ec_key "${WORK}/personal.key"
issue personal "/C=VN/O=UBND xã TEST Hòa Bình/CN=Nguyễn Văn TEST" v3_signing "${START}" "${END}"
export_p12 personal "Nguyễn Văn TEST"

# Time-stamping authority and OCSP responder (for B-T / B-LT later).
new_rsa_key "${WORK}/tsa.key" 2048
issue tsa "/C=VN/O=sohoa TEST PKI/CN=sohoa TEST TSA" v3_tsa "${START}" "${END}"
new_rsa_key "${WORK}/ocsp.key" 2048
issue ocsp "/C=VN/O=sohoa TEST PKI/CN=sohoa TEST OCSP Responder" v3_ocsp "${START}" "${END}"

# An expired signing certificate (valid only during 2020).
new_rsa_key "${WORK}/expired.key" 2048
issue expired "/C=VN/O=UBND xã TEST Hòa Bình/CN=Expired TEST Signer" v3_signing \
  "${EXPIRED_START}" "${EXPIRED_END}"
export_p12 expired "Expired TEST Signer"

# A PKCS#12 whose key does not match its certificate. `openssl pkcs12 -export -in CERT
# -inkey KEY` refuses a mismatched pair, but with -nocerts the -certfile certificates are
# still added, unchecked: the result holds a fresh key next to the agency certificate.
new_rsa_key "${WORK}/mismatch.key" 2048
openssl pkcs12 -export -inkey "${WORK}/mismatch.key" -nocerts -certfile "${WORK}/agency.pem" \
  -name "mismatched TEST" -passout "pass:${PASSPHRASE}" -out "${WORK}/mismatch.p12" 2>/dev/null

install -m 0644 "${WORK}/root.pem" "${OUT_DIR}/root-TEST-ca.pem"
install -m 0644 "${WORK}/root.key" "${OUT_DIR}/root-TEST-ca.key.pem"
for name in agency personal tsa ocsp expired; do
  install -m 0644 "${WORK}/${name}.pem" "${OUT_DIR}/${name}-TEST.pem"
  install -m 0644 "${WORK}/${name}.key" "${OUT_DIR}/${name}-TEST.key.pem"
done
for name in agency personal expired; do
  install -m 0644 "${WORK}/${name}.p12" "${OUT_DIR}/${name}-TEST.p12"
done
install -m 0644 "${WORK}/mismatch.key" "${OUT_DIR}/mismatch-TEST-other.key.pem"
install -m 0644 "${WORK}/mismatch.p12" "${OUT_DIR}/mismatch-TEST.p12"
printf '%s\n' "${PASSPHRASE}" >"${OUT_DIR}/TEST-PASSPHRASE.txt"

echo "make_test_pki: wrote the TEST PKI to ${OUT_DIR}"
