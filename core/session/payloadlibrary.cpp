#include "core/session/payloadlibrary.h"

#include "core/net/errors.h"
#include "core/session/regularfile.h"
#include "core/text/payload.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QHash>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>

namespace core {

namespace {

constexpr auto kFormat = "socket-workbench-payloads";

const QStringList &knownFields()
{
    static const QStringList fields{QStringLiteral("name"), QStringLiteral("form"), QStringLiteral("content"),
                                    QStringLiteral("note")};
    return fields;
}

// Every field is checked for its type: a value of the wrong kind is refused with its name, never
// replaced by a default.
Result<SavedPayload> payloadFromJson(const QJsonValue &value, int index)
{
    auto fail = [index](const QString &what) {
        return Result<SavedPayload>::failure(QCoreApplication::translate("core", "payload %1: %2").arg(index + 1).arg(what));
    };
    if (!value.isObject())
        return fail(QCoreApplication::translate("core", "not an object"));
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!knownFields().contains(it.key()))
            return fail(QCoreApplication::translate("core", "unknown field \"%1\"").arg(it.key()));
    }
    SavedPayload payload;
    const QJsonValue name = o.value(QLatin1String("name"));
    if (!name.isString() || name.toString().trimmed().isEmpty())
        return fail(QCoreApplication::translate("core", "needs a \"name\" (a string that is not empty)"));
    payload.name = name.toString();
    const QJsonValue form = o.value(QLatin1String("form"));
    if (!form.isString() || !byteFormFromName(form.toString(), &payload.form))
        return fail(QCoreApplication::translate("core", "\"form\" must be \"text\", \"hex\" or \"file\""));
    const QJsonValue content = o.value(QLatin1String("content"));
    if (!content.isString())
        return fail(QCoreApplication::translate("core", "\"content\" must be a string"));
    payload.content = content.toString();
    const QJsonValue note = o.value(QLatin1String("note"));
    if (!note.isUndefined() && !note.isString())
        return fail(QCoreApplication::translate("core", "\"note\" must be a string"));
    payload.note = note.toString();
    if (payload.form == ByteForm::File) {
        if (payload.content.trimmed().isEmpty())
            return fail(QCoreApplication::translate("core", "a file payload needs a path in \"content\""));
    } else {
        const auto bytes = payloadBytes(payload);
        if (!bytes)
            return fail(bytes.error().message);
    }
    return payload;
}

} // namespace

Result<QByteArray> payloadBytes(const SavedPayload &payload)
{
    switch (payload.form) {
    case ByteForm::Text:
    case ByteForm::Hex: {
        const auto bytes = payload.form == ByteForm::Text ? decodeEscapes(payload.content) : decodeHex(payload.content);
        if (!bytes)
            return Result<QByteArray>::failure(QCoreApplication::translate("core", "\"%1\": %2").arg(payload.name, bytes.error().message),
                                               bytes.error().position);
        return bytes;
    }
    case ByteForm::File: {
        const QString path = payload.content.trimmed();
        if (path.isEmpty())
            return Result<QByteArray>::failure(QCoreApplication::translate("core", "\"%1\": no file given").arg(payload.name));
        const auto bytes = readRegularFile(path, kMaxPayloadFileBytes, QCoreApplication::translate("core", "a payload file"));
        if (!bytes)
            return Result<QByteArray>::failure(QCoreApplication::translate("core", "\"%1\": %2").arg(payload.name, bytes.error().message));
        return bytes;
    }
    }
    return QByteArray();
}

QJsonArray payloadsToJson(const QList<SavedPayload> &payloads)
{
    QJsonArray list;
    for (const SavedPayload &payload : payloads) {
        QJsonObject o;
        o.insert(QLatin1String("name"), payload.name);
        o.insert(QLatin1String("form"), byteFormName(payload.form));
        o.insert(QLatin1String("content"), payload.content);
        if (!payload.note.isEmpty())
            o.insert(QLatin1String("note"), payload.note);
        list.append(o);
    }
    return list;
}

Result<QList<SavedPayload>> payloadsFromJson(const QJsonValue &json)
{
    using Payloads = Result<QList<SavedPayload>>;
    if (!json.isArray())
        return Payloads::failure(QCoreApplication::translate("core", "payloads must be a list of objects"));
    const QJsonArray list = json.toArray();
    if (list.size() > kMaxSavedPayloads)
        return Payloads::failure(QCoreApplication::translate("core", "%1 payloads; the limit is %2").arg(list.size()).arg(kMaxSavedPayloads));
    QList<SavedPayload> payloads;
    QHash<QString, int> names; // name -> its index
    for (int i = 0; i < list.size(); ++i) {
        const auto payload = payloadFromJson(list[i], i);
        if (!payload)
            return payload.error();
        if (names.contains(payload->name))
            return Payloads::failure(QCoreApplication::translate("core", "payload %1: the name \"%2\" is already used by payload %3")
                                         .arg(i + 1).arg(payload->name).arg(names.value(payload->name) + 1));
        names.insert(payload->name, i);
        payloads.append(payload.value());
    }
    return payloads;
}

QByteArray payloadLibraryToJson(const QList<SavedPayload> &payloads)
{
    QJsonObject root;
    root.insert(QLatin1String("format"), QLatin1String(kFormat));
    root.insert(QLatin1String("version"), kPayloadLibraryFormatVersion);
    root.insert(QLatin1String("payloads"), payloadsToJson(payloads));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<QList<SavedPayload>> payloadLibraryFromJson(const QByteArray &json)
{
    using Payloads = Result<QList<SavedPayload>>;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Payloads::failure(QCoreApplication::translate("core", "not a payload file: %1 at byte %2").arg(error.errorString()).arg(error.offset),
                                 error.offset);
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(QLatin1String("format")).toString() != QLatin1String(kFormat))
        return Payloads::failure(
            QCoreApplication::translate("core", "not a Socket Workbench payload file (no \"format\": \"%1\")").arg(QLatin1String(kFormat)));
    const QJsonValue version = root.value(QLatin1String("version"));
    if (!version.isDouble() || version.toDouble() < 1)
        return Payloads::failure(QCoreApplication::translate("core", "payload file has no valid \"version\" (a whole number)"));
    if (version.toDouble() > kPayloadLibraryFormatVersion)
        return Payloads::failure(QCoreApplication::translate("core", "payload file version %1 is newer than this program reads (%2)")
                                     .arg(version.toDouble()).arg(kPayloadLibraryFormatVersion));
    if (version.toDouble() != std::floor(version.toDouble()))
        return Payloads::failure(QCoreApplication::translate("core", "payload file has no valid \"version\" (a whole number)"));
    const QJsonValue payloads = root.value(QLatin1String("payloads"));
    if (!payloads.isArray())
        return Payloads::failure(QCoreApplication::translate("core", "payload file has no \"payloads\" list"));
    return payloadsFromJson(payloads);
}

Result<QList<SavedPayload>> readPayloadLibraryFile(const QString &path)
{
    const auto data = readRegularFile(path, kMaxPayloadFileBytes, QCoreApplication::translate("core", "a payload file"));
    if (!data)
        return data.error();
    const auto payloads = payloadLibraryFromJson(data.value());
    if (!payloads)
        return Result<QList<SavedPayload>>::failure(QStringLiteral("%1: %2").arg(path, payloads.error().message));
    return payloads;
}

bool payloadMatches(const SavedPayload &payload, QStringView query)
{
    const QStringView wanted = query.trimmed();
    if (wanted.isEmpty())
        return true;
    for (const QString *field : {&payload.name, &payload.note, &payload.content}) {
        if (field->contains(wanted, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace core
