#include "client/raclient.h"

#include "protocol/telegramid.h"

namespace certigram {

RaClient::RaClient(const QUrl &raUrl, const Certificate &pinnedRoot, QObject *parent)
    : QObject(parent)
    , m_transport(new ClientTransport(this))
    , m_url(raUrl)
    , m_root(pinnedRoot)
{ }

void RaClient::setTimeout(std::chrono::milliseconds timeout)
{
    m_transport->setTimeout(timeout);
}

void RaClient::requestCode(const QString &subject, CodePurpose purpose, QObject *context,
                           ClientCallback<CodeResponse> done)
{
    auto id = TelegramId::fromString(subject);
    if (!id) {
        done(id.error());
        return;
    }
    const CodeRequest request{id.value(), purpose};
    m_transport->post(
        ClientTransport::endpoint(m_url, QStringLiteral("api/v1/codes")), request.toJson(),
        ClientTransport::pinnedTls(m_root), ClientOperation::RequestCode, context,
        [done = std::move(done)](Result<HttpAnswer> answer) {
            done(ClientTransport::decode<CodeResponse>(answer, ClientOperation::RequestCode));
        });
}

void RaClient::exchangeCode(const QString &subject, const QString &code, QObject *context,
                            ClientCallback<TokenResponse> done)
{
    auto id = TelegramId::fromString(subject);
    if (!id) {
        done(id.error());
        return;
    }
    if (!isValidCode(code)) {
        done(
            Error(ErrorCode::InvalidInput,
                  QStringLiteral("a code is %1 to %2 digits").arg(MinCodeLength).arg(MaxCodeLength))
                .withReason(QStringLiteral("wrong-code")));
        return;
    }
    const TokenRequest request{id.value(), code, CodePurpose::Enroll};
    m_transport->post(
        ClientTransport::endpoint(m_url, QStringLiteral("api/v1/tokens")), request.toJson(),
        ClientTransport::pinnedTls(m_root), ClientOperation::ExchangeCode, context,
        [done = std::move(done)](Result<HttpAnswer> answer) {
            done(ClientTransport::decode<TokenResponse>(answer, ClientOperation::ExchangeCode));
        });
}

void RaClient::revocationToken(const QString &certificatePem, const std::optional<QString> &code,
                               const std::optional<ClientIdentity> &identity, QObject *context,
                               ClientCallback<RevocationTokenResponse> done)
{
    if (code && !isValidCode(*code)) {
        done(
            Error(ErrorCode::InvalidInput,
                  QStringLiteral("a code is %1 to %2 digits").arg(MinCodeLength).arg(MaxCodeLength))
                .withReason(QStringLiteral("wrong-code")));
        return;
    }
    QSslConfiguration tls = ClientTransport::pinnedTls(m_root);
    if (identity) {
        auto withIdentity = ClientTransport::withClientIdentity(tls, *identity);
        if (!withIdentity) {
            done(withIdentity.error());
            return;
        }
        tls = withIdentity.value();
    }
    // The client certificate changes from call to call: never reuse a connection.
    m_transport->clearConnections();
    const RevocationTokenRequest request{certificatePem, code};
    m_transport->post(ClientTransport::endpoint(m_url, QStringLiteral("api/v1/revocation-tokens")),
                      request.toJson(), tls, ClientOperation::RevocationToken, context,
                      [done = std::move(done)](Result<HttpAnswer> answer) {
                          done(ClientTransport::decode<RevocationTokenResponse>(
                              answer, ClientOperation::RevocationToken));
                      });
}

} // namespace certigram
