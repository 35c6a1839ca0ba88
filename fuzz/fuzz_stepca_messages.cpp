// step-ca's API bodies (protocol/stepcamessages.h): every fromJson on
// QJsonDocument::fromJson(input), TimeDuration::parse / parseGoDuration and Rfc3339::parse
// on the raw input, and JsonFields::parseObject as the servers read a body.
#include "fuzzsupport.h"
#include "protocol/jsonfields.h"
#include "protocol/rfc3339.h"
#include "protocol/stepcamessages.h"
#include "protocol/timeduration.h"

#include <QDateTime>
#include <QTimeZone>

using namespace certigram;

CERTIGRAM_FUZZ_INIT

namespace {

void timeDuration(QStringView text)
{
    const Result<TimeDuration> parsed = TimeDuration::parse(text);
    if (parsed.ok()) {
        const TimeDuration &value = parsed.value();
        fuzz::use(value.isSet());
        fuzz::use(value.text());
        fuzz::use(value.time());
        fuzz::use(value.duration());
        const QDateTime now(QDate(2026, 1, 1), QTime(12, 0), QTimeZone::utc());
        fuzz::use(value.resolve(now));
    }
    const auto duration = TimeDuration::parseGoDuration(text);
    if (duration.ok())
        fuzz::use(duration.value());
    const Result<QDateTime> time = Rfc3339::parse(text);
    if (time.ok())
        fuzz::use(Rfc3339::format(time.value()));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QJsonObject json = fuzz::jsonObject(input);

    fuzz::roundTrip<SignRequest>(json);
    fuzz::roundTrip<SignResponse>(json);
    fuzz::roundTrip<RevokeRequest>(json);
    fuzz::roundTrip<RevokeResponse>(json);
    fuzz::roundTrip<RootsResponse>(json);
    fuzz::roundTrip<RootResponse>(json);
    fuzz::roundTrip<HealthResponse>(json);
    fuzz::roundTrip<VersionResponse>(json);
    fuzz::roundTrip<ProvisionersResponse>(json);
    fuzz::roundTrip<ApiError>(json);

    const Result<ProvisionerEntry> entry = ProvisionerEntry::fromJson(json, QStringLiteral("p"));
    if (entry.ok())
        fuzz::use(entry.value().toJson());
    const Result<ApiError> error = ApiError::fromJson(json);
    if (error.ok())
        fuzz::use(error.value().toError().message());

    const Result<QJsonObject> body = JsonFields::parseObject(input);
    if (body.ok())
        fuzz::use(body.value().size());

    const QString text = QString::fromUtf8(input);
    timeDuration(text);
    fuzz::use(RevokeRequest::isDecimalSerial(text));
    // The JSON fields that hold durations, as SignRequest reads them.
    for (const char *field : {"notBefore", "notAfter"}) {
        const QJsonValue value = json.value(QLatin1String(field));
        if (value.isString())
            timeDuration(value.toString());
    }
    return 0;
}
