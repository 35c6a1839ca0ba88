// The registration authority's request bodies (protocol/ramessages.h): every fromJson on
// QJsonDocument::fromJson(input), and a round trip through toJson for those that parse.
#include "fuzzsupport.h"
#include "protocol/ramessages.h"
#include "protocol/telegramid.h"

using namespace certigram;

CERTIGRAM_FUZZ_INIT

namespace {

template<typename Message>
void roundTrip(const QJsonObject &json)
{
    const Result<Message> parsed = Message::fromJson(json);
    if (!parsed.ok()) {
        fuzz::use(parsed.error().message());
        return;
    }
    // What we accept, we must be able to write back and read again.
    const QJsonObject written = parsed.value().toJson();
    const Result<Message> again = Message::fromJson(written);
    if (!again.ok())
        fuzz::fail("an accepted message does not parse again after toJson", again.error());
    fuzz::use(again.value().toJson());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QJsonObject json = fuzz::jsonObject(input);

    roundTrip<CodeRequest>(json);
    roundTrip<CodeResponse>(json);
    roundTrip<TokenRequest>(json);
    roundTrip<TokenResponse>(json);
    roundTrip<RevocationTokenRequest>(json);
    roundTrip<RevocationTokenResponse>(json);
    roundTrip<LegacyRegistrationRequest>(json);
    roundTrip<LegacySendTokenRequest>(json);
    roundTrip<LegacyRevokeTokenRequest>(json);
    roundTrip<LegacyMessage>(json);

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
