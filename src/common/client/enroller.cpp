#include "client/enroller.h"

#include "client/background.h"
#include "client/caclient.h"
#include "client/issuedcertificate.h"
#include "client/raclient.h"
#include "crypto/certificaterequest.h"
#include "crypto/jws.h"
#include "crypto/privatekey.h"
#include "store/identitystore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace certigram {

struct Enroller::Run
{
    EnrollmentRequest request;
    ClientCallback<Identity> done;
    PrivateKey key;
};

namespace {

struct KeyAndRequest
{
    PrivateKey key;
    QString csrPem;
};

// The names the sign token grants: its sub, and its sans (sub alone when it has none, as
// step-ca reads it). The token is not verified here: the CA does that; a token that lies
// only makes the CA refuse the CSR.
Result<std::pair<QString, QStringList>> grantedNames(const QString &ott)
{
    auto jws = Jws::parse(ott.toLatin1());
    if (!jws)
        return jws.error().withContext(QStringLiteral("the RA's sign token"));
    const QJsonObject claims = QJsonDocument::fromJson(jws->payload).object();
    const QString subject = claims.value(QLatin1String("sub")).toString();
    if (subject.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the RA's sign token has no subject"));
    QStringList sans;
    for (const QJsonValue &name : claims.value(QLatin1String("sans")).toArray())
        sans << name.toString();
    if (sans.isEmpty())
        sans << subject;
    return std::make_pair(subject, sans);
}

Result<KeyAndRequest> makeKeyAndRequest(KeyType type, const QString &commonName,
                                        const QStringList &sans)
{
    auto key = PrivateKey::generate(type);
    if (!key)
        return key.error();
    auto csr = CertificateRequest::build(key.value(), commonName, SubjectAltNames::fromList(sans));
    if (!csr)
        return csr.error();
    return KeyAndRequest{key.value(), QString::fromLatin1(csr->toPem())};
}

} // namespace

Enroller::Enroller(const CaProfile &profile, const QString &identitiesFolder, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_identitiesFolder(identitiesFolder)
    , m_ra(new RaClient(profile.raUrl, profile.root, this))
    , m_ca(new CaClient(profile.caUrl, profile.root, this))
{ }

void Enroller::setTimeout(std::chrono::milliseconds timeout)
{
    m_ra->setTimeout(timeout);
    m_ca->setTimeout(timeout);
}

bool Enroller::isCurrent(const std::shared_ptr<Run> &run) const
{
    return m_running && m_run == run;
}

void Enroller::cancel()
{
    m_running = false;
    m_run.reset();
}

void Enroller::enroll(const EnrollmentRequest &request, ClientCallback<Identity> done)
{
    if (m_running) {
        done(Error(ErrorCode::Conflict, QStringLiteral("an enrolment is already running")));
        return;
    }
    if (auto checked = IdentityStore::checkName(request.subject, QStringLiteral("subject"));
        !checked) {
        done(checked.error());
        return;
    }
    auto run = std::make_shared<Run>();
    run->request = request;
    run->done = std::move(done);
    m_run = run;
    m_running = true;

    emit stepChanged(EnrollmentStep::ExchangingCode);
    m_ra->exchangeCode(request.subject, request.code, this,
                       [this, run](Result<TokenResponse> token) {
                           if (!isCurrent(run))
                               return;
                           if (!token)
                               finish(run, token.error());
                           else
                               generateKey(run, token->ott);
                       });
}

void Enroller::generateKey(std::shared_ptr<Run> run, const QString &ott)
{
    auto names = grantedNames(ott);
    if (!names) {
        finish(run, names.error());
        return;
    }
    if (names->first != run->request.subject) {
        finish(run,
               Error(ErrorCode::InvalidInput,
                     QStringLiteral("the RA issued a token for \"%1\", not for \"%2\"")
                         .arg(names->first.left(100), run->request.subject)));
        return;
    }
    emit stepChanged(EnrollmentStep::GeneratingKey);
    runInBackground(
        this,
        [type = run->request.keyType, names = names.value()] {
            return makeKeyAndRequest(type, names.first, names.second);
        },
        [this, run, ott](Result<KeyAndRequest> made) {
            if (!isCurrent(run))
                return;
            if (!made) {
                finish(run, made.error().withContext(QStringLiteral("making the key")));
                return;
            }
            run->key = made->key;
            emit stepChanged(EnrollmentStep::Signing);
            m_ca->sign(made->csrPem, ott, run->request.notAfter, this,
                       [this, run](Result<SignResponse> issued) {
                           if (!isCurrent(run))
                               return;
                           if (!issued)
                               finish(run, issued.error());
                           else
                               save(run, issued.value());
                       });
        });
}

void Enroller::save(std::shared_ptr<Run> run, const SignResponse &issued)
{
    emit stepChanged(EnrollmentStep::Saving);
    runInBackground(
        this,
        [folder = m_identitiesFolder, profile = m_profile, key = run->key,
         passphrase = run->request.passphrase, issued]() -> Result<Identity> {
            auto certificate = IssuedCertificate::fromResponse(issued, profile.root);
            if (!certificate)
                return certificate.error();
            IdentityStore store(folder);
            return store.save(profile.name, key, certificate->leaf, certificate->chain, passphrase);
        },
        [this, run](Result<Identity> saved) {
            if (isCurrent(run))
                finish(run, std::move(saved));
        });
}

void Enroller::finish(const std::shared_ptr<Run> &run, Result<Identity> result)
{
    m_running = false;
    m_run.reset();
    run->done(std::move(result));
}

} // namespace certigram
