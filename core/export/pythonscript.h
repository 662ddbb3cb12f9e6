#pragma once

#include "core/export/pythonresponders.h"

#include <QString>

namespace core {

class Journal;
class SocketRegistry;

// Turns a session's journal into a script python3 runs with the socket module: the calls in the
// order they took effect (a call that waited, accept/recv/recvfrom, where it finished; calls on
// one socket always in their own order), each with the session's result as a comment. A call
// that failed in the session is wrapped in try/except and prints the exception as the journal
// shows it, so the script goes on as the session did; recv/recvfrom results are printed; cancelled
// and pending calls are comments; long payloads are written in full so the script sends exactly
// what the session sent. The same journal always gives the same script.
// Schedules' sends are written as loops with time.sleep, and each socket's rules as a
// commented-out Python function, when responders says what they were (scriptResponders()).
QString pythonScript(const Journal &journal, const SocketRegistry &sockets, const ScriptResponders &responders = {});

} // namespace core
