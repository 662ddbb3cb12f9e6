#pragma once

#include "core/kernel/tcpstate.h"
#include "core/net/socketoptions.h"

namespace core {

// What Linux says about a descriptor now, read without a call of the user's (inspection, not a
// call: nothing of it is journaled). -1 and Unknown where the kernel does not say.
struct LiveFigures
{
    int rxQueue = -1; // FIONREAD / SIOCINQ
    int txQueue = -1; // SIOCOUTQ
    TcpState tcpState = TcpState::Unknown; // TCP_INFO tcpi_state (TCP sockets only)
    OptionReadings options; // every readable option of socketOptions(), or its errno
};

// tcp: an AF_INET/AF_INET6 stream socket (only those have a TCP state to read).
LiveFigures probeLive(int fd, bool tcp);

} // namespace core
