#pragma once

#include "core/base/result.h"
#include "core/net/socketaddress.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace core {

class SocketRegistry;
class Workbench;

// "Connect N clients": N sockets of one kind connected to one address, each watched and, when a
// payload is given, sending it once connected. Each client is an ordinary socket with ordinary
// journaled calls (sk5 = socket.socket(...), sk5.connect(...), sk5.sendall(...)); what makes them
// a group is the number their socket() call carries (Call::group, SocketInfo::group), by which
// the window shows them together and acts on all of them at once.
struct ClientGroupSpec
{
    int family = 0;        // AF_INET, AF_INET6, AF_UNIX
    int type = 0;          // SOCK_STREAM or SOCK_DGRAM
    TypedAddress address;  // where every client connects (a datagram client too: it then has its peer)
    int count = 1;         // kMinClients..kMaxClients
    QByteArray payload;    // sent by each client once connected (sendall, or send on datagrams); empty: none
};

constexpr int kMinClients = 1;
constexpr int kMaxClients = 10000;

enum class ClientGroupField : quint8 { Kind, Address, Count };
struct ClientGroupError
{
    ClientGroupField field = ClientGroupField::Count;
    InputError error;
};
// Why the spec cannot be launched, for the field at fault; nothing when it can.
std::optional<ClientGroupError> checkClientGroup(const ClientGroupSpec &spec);

// Starts the clients and returns the group's number at once (-1, and nothing made, when
// checkClientGroup refuses the spec). The first kClientsPerSlice clients are submitted before it
// returns, the rest a slice per turn of the event loop, so 10,000 clients never hold up the
// window; calls on one socket run in order, so each client's calls are submitted back to back.
// An address with a host name is looked up once (socket.getaddrinfo, journaled) and every client
// connects to the first address found; when the lookup fails, no client is made. Call it on the
// workbench's thread.
int connectClients(Workbench &workbench, const ClientGroupSpec &spec);
constexpr int kClientsPerSlice = 500;

// The group's sockets in creation order (closed ones included).
QList<int> groupMembers(const SocketRegistry &registry, int group);

// Calls on every member that can take them; each returns how many calls it submitted.
// closeGroup also stops making the group's clients that were not made yet.
int closeGroup(Workbench &workbench, int group);                          // close(): every member not closed
int shutdownGroup(Workbench &workbench, int group, int how);              // shutdown(how): every open member
int sendToGroup(Workbench &workbench, int group, const QByteArray &bytes); // sendall (stream) / send: every open member

} // namespace core
