// The registration authority's request bodies (protocol/ramessages.h): every fromJson on
// QJsonDocument::fromJson(input), and a round trip through toJson for those that parse.
#include "fuzzsupport.h"
#include "protocol/ramessages.h"
#include "protocol/telegramid.h"

using namespace certigram;

CERTIGRAM_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QJsonObject json = fuzz::jsonObject(input);

    fuzz::roundTrip<CodeRequest>(json);
    fuzz::roundTrip<CodeResponse>(json);
    fuzz::roundTrip<TokenRequest>(json);
    fuzz::roundTrip<TokenResponse>(json);
    fuzz::roundTrip<RevocationTokenRequest>(json);
    fuzz::roundTrip<RevocationTokenResponse>(json);
    fuzz::roundTrip<LegacyRegistrationRequest>(json);
    fuzz::roundTrip<LegacySendTokenRequest>(json);
    fuzz::roundTrip<LegacyRevokeTokenRequest>(json);
    fuzz::roundTrip<LegacyMessage>(json);

    // The small string parsers the messages are made of, on the raw input.
    const QString text = QString::fromUtf8(input);
    fuzz::use(isValidCode(text));
    const Result<TelegramId> id = TelegramId::fromString(text);
    if (id.ok() && TelegramId::fromString(id.value().toString()).ok() == false)
        fuzz::fail("a Telegram id does not survive toString", id.value().toString());
    fuzz::use(TelegramId::fromJson(json.value(QLatin1String("subject"))).ok());
    const Result<CodePurpose> purpose = codePurposeFromName(text);
    if (purpose.ok())
        fuzz::use(codePurposeName(purpose.value()));
    return 0;
}
