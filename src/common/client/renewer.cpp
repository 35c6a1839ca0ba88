#include "client/renewer.h"

#include "client/background.h"
#include "client/caclient.h"
#include "client/issuedcertificate.h"
#include "client/storedidentity.h"
#include "store/identitystore.h"

namespace certigram {

Renewer::Renewer(const HolderHome &home, QObject *parent)
    : QObject(parent)
    , m_home(home)
{ }

void Renewer::renew(const QString &id, const SecretBytes &passphrase, ClientCallback<Identity> done)
{
    runInBackground(
        this,
        [home = m_home, id, passphrase] {
            return StoredIdentity::load(home, id, true, passphrase);
        },
        [this, done = std::move(done)](Result<StoredIdentity> stored) {
            if (!stored) {
                done(stored.error());
                return;
            }
            if (stored->identity.isRevoked()) {
                done(Error(ErrorCode::Conflict,
                           QStringLiteral("%1 is revoked and cannot be renewed: enrol again")
                               .arg(stored->identity.id()))
                         .withReason(QStringLiteral("revoked")));
                return;
            }
            auto *ca = new CaClient(stored->profile.caUrl, stored->profile.root, this);
            ca->setTimeout(m_timeout);
            ca->renew(
                stored->clientIdentity(), this,
                [this, ca, stored = stored.value(), done](Result<SignResponse> answer) {
                    ca->deleteLater();
                    if (!answer) {
                        done(answer.error());
                        return;
                    }
                    runInBackground(
                        this,
                        [home = m_home, stored, answer = answer.value()]() -> Result<Identity> {
                            auto issued
                                = IssuedCertificate::fromResponse(answer, stored.profile.root);
                            if (!issued)
                                return issued.error();
                            IdentityStore store(home.identitiesFolder());
                            return store.replaceCertificate(stored.identity.qualifiedId(),
                                                            issued->leaf, issued->chain);
                        },
                        done);
                });
        });
}

} // namespace certigram
