#include "crypto/chainverifier.h"

#include "crypto/opensslerror.h"
#include "crypto/opensslptr.h"

namespace certigram {

namespace {

// The stack only borrows the certificates; the Certificate values keep them alive.
void freeBorrowedStack(STACK_OF(X509) * certificates)
{
    sk_X509_free(certificates);
}
using BorrowedStackPtr = ossl::Owner<STACK_OF(X509), freeBorrowedStack>;

// Errors that all mean "this chain does not lead to a root we trust".
bool meansUntrustedIssuer(int code)
{
    switch (code) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED: return true;
    default: return false;
    }
}

int opensslPurpose(CertificatePurpose purpose)
{
    switch (purpose) {
    case CertificatePurpose::ClientAuth: return X509_PURPOSE_SSL_CLIENT;
    case CertificatePurpose::ServerAuth: return X509_PURPOSE_SSL_SERVER;
    case CertificatePurpose::Any: break;
    }
    return 0;
}

} // namespace

ChainVerifier::ChainVerifier(const Certificate &trustedRoot)
    : m_roots{trustedRoot}
{ }

ChainVerifier::ChainVerifier(const QList<Certificate> &trustedRoots)
    : m_roots(trustedRoots)
{ }

Result<void> ChainVerifier::verify(const Certificate &leaf,
                                   const QList<Certificate> &intermediates) const
{
    auto path = verifiedPath(leaf, intermediates);
    if (!path)
        return path.error();
    return {};
}

Result<QList<Certificate>> ChainVerifier::verifiedPath(
    const Certificate &leaf, const QList<Certificate> &intermediates) const
{
    if (leaf.isNull())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no certificate to verify"));

    // A fresh store per call: nothing is shared between threads, and the store holds
    // only our roots, never the system's.
    ossl::X509StorePtr store(X509_STORE_new());
    if (!store)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot create a store"));
    int rootCount = 0;
    for (const Certificate &root : m_roots) {
        if (root.isNull())
            continue;
        if (X509_STORE_add_cert(store.get(), root.native()) != 1)
            return ossl::error(ErrorCode::CryptoFailure,
                               QStringLiteral("cannot add a trusted root"));
        ++rootCount;
    }
    if (rootCount == 0)
        return Error(ErrorCode::VerificationFailed,
                     QStringLiteral("issuer not trusted: no trusted root is configured"));

    BorrowedStackPtr untrusted(sk_X509_new_null());
    if (!untrusted)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot verify the chain"));
    for (const Certificate &intermediate : intermediates) {
        if (!intermediate.isNull() && sk_X509_push(untrusted.get(), intermediate.native()) <= 0)
            return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot verify the chain"));
    }

    ossl::X509StoreCtxPtr context(X509_STORE_CTX_new());
    if (!context
        || X509_STORE_CTX_init(context.get(), store.get(), leaf.native(), untrusted.get()) != 1)
        return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot verify the chain"));
    X509_VERIFY_PARAM *parameters = X509_STORE_CTX_get0_param(context.get());
    // A chain must reach one of the roots; trusting an intermediate alone is not enough.
    X509_VERIFY_PARAM_clear_flags(parameters, X509_V_FLAG_PARTIAL_CHAIN);
    if (m_checkTime.isValid())
        X509_VERIFY_PARAM_set_time(parameters, static_cast<time_t>(m_checkTime.toSecsSinceEpoch()));
    if (const int purpose = opensslPurpose(m_purpose);
        purpose != 0 && X509_STORE_CTX_set_purpose(context.get(), purpose) != 1)
        return ossl::error(ErrorCode::CryptoFailure,
                           QStringLiteral("cannot set the certificate purpose"));

    const int verdict = X509_verify_cert(context.get());
    if (verdict != 1) {
        const int code = X509_STORE_CTX_get_error(context.get());
        if (verdict < 0 || code == X509_V_OK)
            return ossl::error(ErrorCode::CryptoFailure, QStringLiteral("cannot verify the chain"));
        ossl::clearErrors();
        QString reason = QString::fromLatin1(X509_verify_cert_error_string(code));
        if (meansUntrustedIssuer(code))
            reason = QStringLiteral("issuer not trusted: ") + reason;
        const X509 *culprit = X509_STORE_CTX_get_current_cert(context.get());
        const QString name
            = culprit ? Certificate::nameToString(X509_get_subject_name(culprit)) : QString();
        if (!name.isEmpty())
            reason += QStringLiteral(" (certificate \"%1\", depth %2)")
                          .arg(name)
                          .arg(X509_STORE_CTX_get_error_depth(context.get()));
        return Error(ErrorCode::VerificationFailed, reason);
    }

    QList<Certificate> path;
    const STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(context.get());
    for (int i = 0; i < sk_X509_num(chain); ++i) {
        X509 *certificate = sk_X509_value(chain, i);
        X509_up_ref(certificate);
        path << Certificate::adopt(certificate);
    }
    return path;
}

} // namespace certigram
