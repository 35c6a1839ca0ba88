#include "client/revoker.h"

#include "client/background.h"
#include "client/caclient.h"
#include "client/raclient.h"
#include "client/storedidentity.h"
#include "protocol/stepcamessages.h"
#include "store/identitystore.h"

namespace certigram {

Revoker::Revoker(const HolderHome &home, QObject *parent)
    : QObject(parent)
    , m_home(home)
{ }

void Revoker::revoke(const RevocationRequest &request, ClientCallback<Identity> done)
{
    if (!RevokeRequest::isAssignedReasonCode(request.reasonCode)) {
        done(Error(ErrorCode::InvalidInput,
                   QStringLiteral("%1 is not a revocation reason code (0–10 except 7)")
                       .arg(request.reasonCode)));
        return;
    }
    const bool withKey = !request.code.has_value();
    runInBackground(
        this,
        [home = m_home, id = request.id, withKey, passphrase = request.passphrase] {
            return StoredIdentity::load(home, id, withKey, passphrase);
        },
        [this, request, done = std::move(done)](Result<StoredIdentity> loaded) {
            if (!loaded) {
                done(loaded.error());
                return;
            }
            const StoredIdentity stored = loaded.value();
            if (stored.identity.isRevoked()) {
                done(Error(ErrorCode::Conflict,
                           QStringLiteral("%1 is already revoked").arg(stored.identity.id()))
                         .withReason(QStringLiteral("revoked")));
                return;
            }
            std::optional<ClientIdentity> proof;
            if (stored.key)
                proof = stored.clientIdentity();
            auto *ra = new RaClient(stored.profile.raUrl, stored.profile.root, this);
            auto *ca = new CaClient(stored.profile.caUrl, stored.profile.root, this);
            ra->setTimeout(m_timeout);
            ca->setTimeout(m_timeout);
            const auto finish = [ra, ca, done](Result<Identity> result) {
                ra->deleteLater();
                ca->deleteLater();
                done(std::move(result));
            };
            ra->revocationToken(
                QString::fromLatin1(stored.identity.certificate().toPem()), request.code, proof,
                this,
                [this, ca, stored, proof, request, finish](Result<RevocationTokenResponse> token) {
                    if (!token) {
                        finish(token.error());
                        return;
                    }
                    ca->revoke(
                        token->serial, token->ott, request.reasonCode, request.reason, proof, this,
                        [this, stored, finish](Result<RevokeResponse> revoked) {
                            if (!revoked) {
                                finish(revoked.error());
                                return;
                            }
                            runInBackground(
                                this,
                                [home = m_home, id = stored.identity.qualifiedId()] {
                                    return IdentityStore(home.identitiesFolder()).markRevoked(id);
                                },
                                finish);
                        });
                });
        });
}

} // namespace certigram
