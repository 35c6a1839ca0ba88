#include "crypto/provisionerkey.h"

#include "crypto/jwe.h"

namespace certigram {

Result<ProvisionerKey> ProvisionerKey::fromPem(const QString &name, const QByteArray &pem,
                                               const SecretBytes &passphrase)
{
    auto key = PrivateKey::fromPem(pem, passphrase);
    if (!key)
        return key.error();
    auto jwk = Jwk::fromPrivateKey(key.value());
    if (!jwk)
        return jwk.error();
    return fromJwk(name, jwk.value());
}

Result<ProvisionerKey> ProvisionerKey::fromJwk(const QString &name, const Jwk &jwk)
{
    if (name.trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the provisioner needs a name"));
    if (!jwk.isPrivate())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the provisioner key is a public JWK; signing needs the "
                                    "private key"));
    auto key = jwk.toPrivateKey();
    if (!key)
        return key.error();
    auto algorithm = Jws::algorithmFor(key.value());
    if (!algorithm)
        return algorithm.error();
    const QString algorithmName = Jws::algorithmName(algorithm.value());
    if (!jwk.alg().isEmpty() && jwk.alg() != algorithmName)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the provisioner JWK says alg %1 but its key signs with %2")
                         .arg(jwk.alg().left(40), algorithmName));
    if (!jwk.use().isEmpty() && jwk.use() != QLatin1String("sig"))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the provisioner JWK is for use \"%1\", not signing")
                         .arg(jwk.use().left(40)));

    ProvisionerKey result;
    result.m_name = name;
    result.m_kid = jwk.keyId();
    result.m_key = key.value();
    result.m_algorithm = algorithm.value();
    result.m_publicJwk = jwk.publicJwk();
    result.m_publicJwk.setKid(result.m_kid);
    result.m_publicJwk.setAlg(algorithmName);
    result.m_publicJwk.setUse(QStringLiteral("sig"));
    return result;
}

Result<ProvisionerKey> ProvisionerKey::fromJwkJson(const QString &name, const SecretBytes &json)
{
    auto jwk = Jwk::fromJson(json);
    if (!jwk)
        return jwk.error();
    return fromJwk(name, jwk.value());
}

Result<ProvisionerKey> ProvisionerKey::fromEncryptedJwk(const QString &name, const QByteArray &jwe,
                                                        const SecretBytes &password)
{
    auto jwk = Jwe::decryptJwk(jwe, password);
    if (!jwk)
        return jwk.error();
    return fromJwk(name, jwk.value());
}

} // namespace certigram
