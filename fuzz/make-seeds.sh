#!/bin/sh
# Regenerates the seed corpora in fuzz/corpus/ from the step-ca fixtures and openssl.
# The corpora are committed; run this only to refresh them (keys and CSRs are random, so
# the files change on every run).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fixtures="$here/../tests/fixtures/step-ca-0.19"
corpus="$here/corpus"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- fuzz_ra_messages / fuzz_stepca_messages: one body per message type (tst_protocol) ---
d="$corpus/fuzz_ra_messages"; mkdir -p "$d"
printf '%s' '{"subject":"123456789","purpose":"enroll"}' > "$d/code_request.json"
printf '%s' '{"subject":"123456789","purpose":"revoke"}' > "$d/code_request_revoke.json"
printf '%s' '{"expiresAt":"2024-05-01T12:05:00Z","resendAfter":"2024-05-01T12:01:00.250Z"}' > "$d/code_response.json"
printf '%s' '{"subject":"123456789","code":"012345","purpose":"enroll"}' > "$d/token_request.json"
printf '%s' '{"ott":"eyJ.e30.c2ln","caUrl":"https://ca.example.org:9000","expiresAt":"2024-05-01T12:05:00Z"}' > "$d/token_response.json"
printf '%s' '{"certificate":"-----BEGIN CERTIFICATE-----\n","code":"123456"}' > "$d/revocation_token_request.json"
printf '%s' '{"ott":"eyJ.e30.c2ln","caUrl":"https://localhost/","expiresAt":"2024-05-01T12:05:00Z","serial":"1234567890"}' > "$d/revocation_token_response.json"
printf '%s' '{"number":"123456789"}' > "$d/legacy_registration.json"
printf '%s' '{"number":123456789,"token":"01234"}' > "$d/legacy_send_token.json"
printf '%s' '{"msg":"Error, wrong Telegram token"}' > "$d/legacy_message.json"

d="$corpus/fuzz_stepca_messages"; mkdir -p "$d"
printf '%s' '{"csr":"-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n","ott":"eyJhbGciOiJFUzI1NiJ9.e30.c2ln","notBefore":"2024-05-01T12:00:00Z","notAfter":"24h"}' > "$d/sign_request.json"
printf '%s' '{"csr":"x","ott":"y","notBefore":"-5m30.5s","notAfter":"2024-05-01T12:00:00.123456789+02:00"}' > "$d/sign_request_durations.json"
printf '%s' '{"crt":"LEAF","ca":"INTERMEDIATE","certChain":["LEAF","INTERMEDIATE"],"tlsOptions":{"minVersion":1.2,"cipherSuites":["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"]}}' > "$d/sign_response.json"
printf '%s' '{"serial":"340282366920938463463374607431768211455","ott":"eyJ.e30.c2ln","reasonCode":1,"reason":"key compromise","passive":true}' > "$d/revoke_request.json"
printf '%s' '{"status":"ok"}' > "$d/status.json"
printf '%s' '{"crts":["ROOT1","ROOT2"]}' > "$d/roots.json"
printf '%s' '{"ca":"ROOT"}' > "$d/root.json"
printf '%s' '{"version":"0.19.0","requireClientAuthentication":true}' > "$d/version.json"
printf '%s' '{"provisioners":[{"type":"JWK","name":"admin","key":{"kty":"EC","crv":"P-256","x":"AA","y":"AA"},"encryptedKey":"eyJ.a.b.c.d"},{"type":"ACME","name":"acme"}],"nextCursor":""}' > "$d/provisioners.json"
printf '%s' '{"status":400,"message":"missing ott"}' > "$d/api_error.json"
printf '%s' '1h2m3.5s' > "$d/duration.txt"
printf '%s' '2024-05-01T12:00:00Z' > "$d/time.txt"

# --- fuzz_certificate: the fixture CAs, a leaf, a chain, DER ---
d="$corpus/fuzz_certificate"; mkdir -p "$d"
cp "$fixtures/root_ca.crt" "$d/root_ca.pem"
cp "$fixtures/intermediate_ca.crt" "$d/intermediate_ca.pem"
cat "$fixtures/intermediate_ca.crt" "$fixtures/root_ca.crt" > "$d/chain.pem"
openssl x509 -in "$fixtures/root_ca.crt" -outform DER -out "$d/root_ca.der"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/leaf.key" \
    -subj "/CN=123456789/O=Certigram" -days 30 \
    -addext "subjectAltName=DNS:example.org,IP:192.0.2.1,IP:2001:db8::1,email:a@example.org,URI:https://example.org/x" \
    -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=clientAuth,serverAuth" \
    -addext "basicConstraints=critical,CA:FALSE" -out "$d/leaf_ec.pem" 2>/dev/null
openssl x509 -in "$d/leaf_ec.pem" -outform DER -out "$d/leaf_ec.der"
openssl req -x509 -newkey ed25519 -nodes -keyout "$tmp/ed.key" -subj "/CN=ed/C=BR" -days 1 \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:2" -out "$d/ca_ed25519.pem" 2>/dev/null

# --- fuzz_csr: EC, Ed25519, RSA requests with SANs, PEM and DER ---
d="$corpus/fuzz_csr"; mkdir -p "$d"
openssl req -new -key "$tmp/leaf.key" -subj "/CN=123456789" \
    -addext "subjectAltName=DNS:example.org,IP:192.0.2.1,email:a@example.org,URI:urn:x" \
    -out "$d/ec.pem" 2>/dev/null
openssl req -in "$d/ec.pem" -outform DER -out "$d/ec.der"
openssl req -new -key "$tmp/ed.key" -subj "/CN=ed/O=x/OU=y" -out "$d/ed25519.pem" 2>/dev/null
openssl req -new -newkey rsa:1024 -nodes -keyout "$tmp/rsa.key" -subj "/CN=rsa" -out "$d/rsa.pem" 2>/dev/null
openssl req -new -key "$tmp/leaf.key" -subj "/" -out "$d/empty_subject.pem" 2>/dev/null

# --- fuzz_jose: the fixture tokens and JWK, and JWEs with a low p2c (python3-cryptography) ---
d="$corpus/fuzz_jose"; mkdir -p "$d"
cp "$fixtures/token_sign.jwt" "$d/token_sign.jwt"
cp "$fixtures/token_revoke.jwt" "$d/token_revoke.jwt"
cp "$fixtures/provisioner_public.jwk" "$d/provisioner_public.jwk"
printf '%s' '{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}' > "$d/ed25519_private.jwk"
printf '%s' '{"kty":"RSA","n":"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw","e":"AQAB"}' > "$d/rsa_public.jwk"
if python3 -c 'import cryptography' 2>/dev/null; then
python3 - "$d" "$(cat "$fixtures/provisioner_password.txt")" <<'PY'
import base64, json, os, sys
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.keywrap import aes_key_wrap
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
out, password = sys.argv[1], sys.argv[2].strip().encode()
def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def jwe(plaintext, cty, p2c=1000):
    p2s = os.urandom(16)
    alg = "PBES2-HS256+A128KW"
    header = {"alg": alg, "enc": "A256GCM", "p2c": p2c, "p2s": b64(p2s)}
    if cty: header["cty"] = cty
    salt = alg.encode() + b"\0" + p2s
    kek = PBKDF2HMAC(hashes.SHA256(), 16, salt, p2c).derive(password)
    cek = os.urandom(32); iv = os.urandom(12)
    protected = b64(json.dumps(header, separators=(",", ":")).encode())
    sealed = AESGCM(cek).encrypt(iv, plaintext, protected.encode())
    return ".".join([protected, b64(aes_key_wrap(kek, cek)), b64(iv), b64(sealed[:-16]), b64(sealed[-16:])])
jwk = {"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}
open(os.path.join(out, "jwk.jwe"), "w").write(jwe(json.dumps(jwk).encode(), "jwk+json"))
open(os.path.join(out, "text.jwe"), "w").write(jwe(b"hello", None))
PY
fi

# --- fuzz_auditlog: a log with a header, every level, escapes and malformed lines ---
d="$corpus/fuzz_auditlog"; mkdir -p "$d"
printf '%s\n' 'type ;; date ;; message ;; ip_address' \
    'INFO ;; 2024-05-01 12:34:56,789 ;; Token sent ;; 203.0.113.7' \
    'WARNING ;; 2024-05-01 12:34:57,000 ;; bad code ;; ::1' \
    'ERROR ;; 2024-05-01 12:35:00,001 ;; a ;\x3b b\\n c ;; 192.0.2.1' \
    'CRITICAL ;; 2024-02-29 23:59:59,999 ;; db down ;; ' \
    'DEBUG ;; 2024-05-01 12:00:00,000 ;; debug ;; 10.0.0.1' > "$d/levels.log"
printf '%s\n' 'type ;; date ;; message ;; ip_address' \
    'INFO ;; 2024-05-01 12:00:00,000 ;; good ;; 1.2.3.4' \
    'garbage' \
    'INFO ;; 2024-05-01 12:00:00,000 ;; a ;; b ;; c' \
    'TRACE ;; 2024-05-01 12:00:00,000 ;; level ;; 1.2.3.4' \
    'INFO ;; 2024-13-01 12:00:00,000 ;; month ;; 1.2.3.4' > "$d/malformed.log"
printf 'INFO ;; 2024-05-01 12:00:00,000 ;; cut sh' > "$d/truncated.log"
printf 'INFO ;; 2024-05-01 12:00:00,000 ;; crlf ;; 1.2.3.4\r\n\r\n' > "$d/crlf.log"

# --- fuzz_privatekey: plain and encrypted keys of each type, with cheap KDFs ---
d="$corpus/fuzz_privatekey"; mkdir -p "$d"
pass=fuzzing
openssl pkey -in "$tmp/leaf.key" -out "$d/ec_pkcs8.pem"
openssl ec -in "$tmp/leaf.key" -out "$d/ec_sec1.pem" 2>/dev/null
openssl pkey -in "$tmp/ed.key" -out "$d/ed25519.pem"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$d/ec_p384.pem"
cp "$tmp/rsa.key" "$d/rsa1024.pem"
openssl pkcs8 -topk8 -in "$tmp/leaf.key" -v2 aes-256-cbc -iter 1000 -passout "pass:$pass" -out "$d/ec_pbkdf2.pem"
openssl pkcs8 -topk8 -in "$tmp/ed.key" -scrypt -scrypt_N 128 -scrypt_r 8 -scrypt_p 1 -passout "pass:$pass" -out "$d/ed25519_scrypt.pem"
openssl ec -in "$tmp/leaf.key" -aes128 -passout "pass:$pass" -out "$d/ec_legacy_encrypted.pem" 2>/dev/null
openssl pkey -in "$tmp/leaf.key" -pubout -out "$d/ec_public.pem"

du -sh "$corpus"/*
