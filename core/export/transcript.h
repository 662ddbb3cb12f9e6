#pragma once

#include "core/store/journal.h"

#include <QString>

#include <vector>

namespace core {

// Calls as an interactive python3 session shows them: ">>> call", then the value the REPL echoes
// (nothing for None or for a line that assigns), or the traceback's last line for an exception;
// pending and cancelled calls as comments. For the window's "Copy transcript" and headless front
// ends alike.
QString pythonTranscript(const std::vector<CallRecord> &records);

} // namespace core
