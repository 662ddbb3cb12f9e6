#pragma once

#include "bench/benchsupport.h"

#include <QJsonObject>

namespace bench {

namespace peer {
class ConnectionClient;
}

// Each benchmark runs in a process of its own (a child of the swbench driver) with a
// QApplication on its main thread, and returns its Report as JSON.
QJsonObject runUdp(const Options &options, bool paced);
QJsonObject runStream(const Options &options, int family);
QJsonObject runConnections(const Options &options, peer::ConnectionClient &client);
QJsonObject runLogMemory(const Options &options);
QJsonObject runStartup(const Options &options, const QString &program);
QJsonObject runIdle(const Options &options);
QJsonObject runResponder(const Options &options);
QJsonObject runPeriodic(const Options &options);
QJsonObject runScriptCalls(const Options &options, const QString &appPath);

// The child that runs app/main.cpp's start-up sequence (or a bare Qt window, as the reference)
// and prints when its window was first painted. argv: [--startup-child app|reference [session]].
int startupChild(int argc, char **argv);

} // namespace bench
