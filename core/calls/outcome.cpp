#include "core/calls/outcome.h"

#include "core/net/errors.h"

namespace core {

Outcome Outcome::ok(QString result)
{
    Outcome o;
    o.status = CallStatus::Done;
    o.result = std::move(result);
    return o;
}

Outcome Outcome::counted(qint64 count)
{
    Outcome o = ok(QString::number(count));
    o.count = count;
    return o;
}

Outcome Outcome::failed(PythonError exception, QString errorName, QString note)
{
    Outcome o;
    o.status = CallStatus::Failed;
    o.error = exception.error;
    o.errorName = std::move(errorName);
    o.result = exception.text();
    o.exception = std::move(exception);
    o.note = std::move(note);
    return o;
}

Outcome Outcome::osError(int error, QString note)
{
    return failed(PythonError::osError(error), errnoName(error), std::move(note));
}

Outcome Outcome::timeout()
{
    return failed(PythonError::timeout(), QStringLiteral("timeout"));
}

Outcome Outcome::cancelled(QString why)
{
    Outcome o;
    o.status = CallStatus::Cancelled;
    o.result = QStringLiteral("(cancelled)");
    o.note = std::move(why);
    return o;
}

} // namespace core
