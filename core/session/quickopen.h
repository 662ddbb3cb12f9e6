#pragma once

#include "core/session/session.h"

namespace core {

// Quick openers from the command line: --listen tcp://127.0.0.1:8080, --listen udp://[::1]:9000,
// --listen unix:/tmp/x.sock, --connect tcp://127.0.0.1:80, unix-dgram:..., unix-seqpacket:...
// A listener is bound (TCP with SO_REUSEADDR), listening where the type allows, and watched; a
// client is connected and watched.
Result<SocketSpec> parseQuickOpen(QStringView url, bool listen);

} // namespace core
