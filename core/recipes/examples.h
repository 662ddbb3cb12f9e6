#pragma once

namespace core {

class CallChain;
class Workbench;

// "Loopback echo lab": a TCP listener on 127.0.0.1 (ephemeral port), a client connected to it,
// the accepted connection, and a few messages exchanged both ways; then both ends watched. Every
// step is a real call in the journal, so the transcript is a lesson in itself.
CallChain *startEchoLab(Workbench &workbench);

} // namespace core
