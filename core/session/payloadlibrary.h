#pragma once

#include "core/base/result.h"
#include "core/text/payload.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace core {

// A named payload kept for later (per session, or for all sessions): the bytes as the person
// wrote them, never the bytes themselves, so a Text payload stays readable and a File payload
// sends the file as it is when sent.
struct SavedPayload
{
    QString name;    // unique in its list
    ByteForm form = ByteForm::Text;
    QString content; // Text: escapes as decodeEscapes() reads them; Hex: as decodeHex() reads it; File: a path
    QString note;

    bool operator==(const SavedPayload &) const = default;
};

constexpr qint64 kMaxPayloadFileBytes = 16 << 20;
constexpr int kPayloadLibraryFormatVersion = 1;
constexpr int kMaxSavedPayloads = 10000;

// The payload's bytes. A bad escape or hex digit, or a file that cannot be read (missing, a FIFO,
// a device, a directory, larger than kMaxPayloadFileBytes), is an error naming the payload.
Result<QByteArray> payloadBytes(const SavedPayload &payload);

// The JSON of a list: [{"name": "hello", "form": "text", "content": "hi\\r\\n", "note": "..."}].
// "note" is left out when empty.
QJsonArray payloadsToJson(const QList<SavedPayload> &payloads);
// Strict: an unknown form or field, a missing or empty name, a value of the wrong type, a name
// used twice, or Text/Hex content that does not decode is refused with the payload's number
// (1-based) and nothing is returned. A File payload's file is not looked at.
Result<QList<SavedPayload>> payloadsFromJson(const QJsonValue &json);

// The import/export file: {"format": "socket-workbench-payloads", "version": 1, "payloads": [...]}.
QByteArray payloadLibraryToJson(const QList<SavedPayload> &payloads);
// Refuses other JSON, other formats and newer versions, with a sentence saying which.
Result<QList<SavedPayload>> payloadLibraryFromJson(const QByteArray &json);
// Reads an import file: a regular file of at most kMaxPayloadFileBytes (a FIFO, a device or a
// directory is refused, never read or waited on), then payloadLibraryFromJson().
Result<QList<SavedPayload>> readPayloadLibraryFile(const QString &path);

// Whether query is found, case-insensitively, in the name, the note or the content (for a File
// payload, its path). An empty or blank query matches every payload.
bool payloadMatches(const SavedPayload &payload, QStringView query);

} // namespace core
