#pragma once

#include "core/base/result.h"
#include "core/responder/responder.h"

#include <QJsonArray>

namespace core {

// Rules and schedules in a session file (see docs/session-format.md). Reading is strict, as for
// the rest of a session: an unknown field or a value of the wrong kind is refused with the rule's
// or schedule's number; a rule that does not compile is refused with its error (a session never
// brings back a rule that cannot run without saying so).
QJsonArray rulesToJson(const QList<Rule> &rules);
Result<QList<Rule>> rulesFromJson(const QJsonValue &json);

// A schedule's socket is the one it is listed under (socketId is not saved).
QJsonArray schedulesToJson(const QList<Schedule> &schedules);
Result<QList<Schedule>> schedulesFromJson(const QJsonValue &json, int family);

} // namespace core
