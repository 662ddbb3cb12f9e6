#pragma once

#include "core/responder/responder.h"

#include <QString>

namespace core {

// What an exported script says of the engine's own work (see pythonScript()).
struct ScriptResponders
{
    QList<std::pair<QString, QList<Rule>>> rules; // socket name -> its rules
    QList<ScheduleStatus> schedules;
};

class Workbench;
// The rules and schedules of the workbench's sockets as they are now.
ScriptResponders scriptResponders(const Workbench &workbench);

// A socket's rules as a Python function, commented out: the rules answered on the I/O thread in
// the session, and the replies they sent are in the script as the calls they were; the function
// says what the rules were, ready for a receive loop to call.
QString rulesAsPython(const QString &socketName, const QList<Rule> &rules);

// A schedule's sends as a loop: as many as the session made, with time.sleep between them.
QString scheduleAsPython(const ScheduleStatus &schedule, const QString &socketName);

} // namespace core
