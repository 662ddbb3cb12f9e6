#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QString>

namespace core {

// A regular file of at most maxBytes, read whole: a session, a payload library, a payload. A
// FIFO, a device, a directory or a socket is refused by what it is (never read, never waited
// on). what: the kind of file expected, for the messages ("a session file").
Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes, const QString &what);

} // namespace core
