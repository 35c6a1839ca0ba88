#include "client/storedidentity.h"

#include "store/identitystore.h"
#include "store/profilestore.h"

namespace certigram {

Result<StoredIdentity> StoredIdentity::load(const HolderHome &home, const QString &id, bool withKey,
                                            const SecretBytes &passphrase)
{
    const IdentityStore store(home.identitiesFolder());
    StoredIdentity stored;
    auto identity = store.identity(id);
    if (!identity)
        return identity.error();
    stored.identity = identity.value();
    // A revoked identity is never used again: its key (perhaps lost) is not needed.
    if (withKey && !stored.identity.isRevoked()) {
        auto loaded = store.load(id, passphrase);
        if (!loaded)
            return loaded.error();
        stored.identity = loaded->identity;
        stored.key = loaded->key;
    }
    auto profile = ProfileStore(home.profilesFile()).profile(stored.identity.profile());
    if (!profile)
        return Error(ErrorCode::NotFound,
                     QStringLiteral("%1 belongs to the CA profile \"%2\", which does not exist "
                                    "(any more): bootstrap a profile of that name first")
                         .arg(stored.identity.id(), stored.identity.profile()));
    stored.profile = profile.value();
    return stored;
}

ClientIdentity StoredIdentity::clientIdentity() const
{
    Q_ASSERT(key.has_value());
    return ClientIdentity{identity.certificate(), key.value_or(PrivateKey()), identity.chain()};
}

} // namespace certigram
