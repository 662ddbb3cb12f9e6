#include "ui/sockets/socketspanel.h"

#include "core/net/constants.h"
#include "core/net/socketoptions.h"
#include "core/recipes/clientgroup.h"
#include "core/workbench.h"
#include "ui/sockets/manyclientsdialog.h"
#include "ui/sockets/newsocketdialog.h"
#include "ui/sockets/sockettreemodel.h"
#include "ui/widgets/fieldmessage.h"
#include "ui/widgets/tabchain.h"

#include <QCoreApplication>
#include <QDir>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace ui {

namespace {

QPushButton *quickButton(const QString &label, const QString &tooltip, QWidget *parent)
{
    auto *button = new QPushButton(label, parent);
    button->setAccessibleName(label);
    button->setToolTip(tooltip);
    return button;
}

} // namespace

SocketsPanel::SocketsPanel(core::Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_model(new SocketTreeModel(workbench.sockets(), this))
    , m_view(new QTreeView(this))
    , m_quickAddress(new QLineEdit(QStringLiteral("127.0.0.1:8080"), this))
    , m_quickError(new FieldMessage(this))
    , m_groupBar(new QWidget(this))
{
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Sockets"));
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // Fixed widths: sizing a column to its contents measures every row's text at each change,
    // which with 10,000 connections was a large part of the window's time.
    // Widths from the font, for the longest usual text of each column, so that at the default
    // layout name, state, fd, local and peer all show ("sk12  TCP6", "connected, watched").
    const QFontMetrics metrics(m_view->font());
    const auto widthOf = [&metrics](const QString &sample) { return metrics.horizontalAdvance(sample) + 14; };
    m_view->setColumnWidth(SocketTreeModel::Name, widthOf(QStringLiteral("sk00  TCP6")) + m_view->indentation());
    m_view->setMinimumWidth(200);
    m_view->header()->setStretchLastSection(false);
    // The state as the tree writes it, in the window's language.
    m_view->setColumnWidth(SocketTreeModel::State,
                           widthOf(core::stateName(core::SocketState::Connected) + SocketTreeModel::tr(", watched")));
    m_view->setColumnWidth(SocketTreeModel::Fd, widthOf(QStringLiteral("000")));
    m_view->setColumnWidth(SocketTreeModel::Local, widthOf(QStringLiteral("127.0.0.1:00000")));
    m_view->setColumnWidth(SocketTreeModel::Peer, widthOf(QStringLiteral("127.0.0.1:00000")));

    auto *newButton = new QPushButton(tr("&New socket…"), this);
    newButton->setAccessibleName(tr("New socket"));
    newButton->setToolTip(QStringLiteral("sk = socket.socket(family, type, proto)"));
    connect(newButton, &QPushButton::clicked, this, &SocketsPanel::newSocketDialog);

    m_quickAddress->setAccessibleName(tr("Quick address"));
    m_quickAddress->setToolTip(tr("Address for the quick actions: host:port (a host name too), [v6]:port, or a UNIX path"));
    connect(m_quickAddress, &QLineEdit::textChanged, this, [this] {
        const QString text = m_quickAddress->text().trimmed();
        const bool path = text.startsWith(QLatin1Char('/')) || text.startsWith(QLatin1Char('@'));
        const int family = text.startsWith(QLatin1Char('[')) ? core::sock::AfInet6 : path ? core::sock::AfUnix : core::sock::AfInet;
        const auto parsed = core::parseTypedAddress(text, family);
        m_quickError->setMessage(parsed ? QString() : parsed.error().message);
    });

    auto *tcpClient = quickButton(tr("TCP client"), QStringLiteral("sk = socket.socket(); sk.connect(addr)"), this);
    auto *tcpServer = quickButton(tr("TCP server"),
                                  //: %1 is Python code, shown as it is
                                  tr("%1 and accept every connection")
                                      .arg(QStringLiteral("sk = socket.socket(); sk.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1); "
                                                          "sk.bind(addr); sk.listen();")),
                                  this);
    auto *udp = quickButton(tr("UDP socket"), QStringLiteral("sk = socket.socket(AF_INET, SOCK_DGRAM); sk.bind(addr)"), this);
    auto *unix = quickButton(tr("UNIX server"), QStringLiteral("sk = socket.socket(AF_UNIX); sk.bind(path); sk.listen()"), this);
    auto *pair = quickButton(tr("socketpair"), QStringLiteral("a, b = socket.socketpair()"), this);
    auto *many = quickButton(tr("N clients…"), tr("Connect N clients to an address, each watched, sending a payload if "
                                                 "you give one: a group you can close, shut down or send to at once"), this);
    many->setAccessibleName(tr("Connect N clients"));
    connect(tcpClient, &QPushButton::clicked, this, &SocketsPanel::tcpClient);
    connect(tcpServer, &QPushButton::clicked, this, &SocketsPanel::tcpServer);
    connect(udp, &QPushButton::clicked, this, &SocketsPanel::udpSocket);
    connect(unix, &QPushButton::clicked, this, &SocketsPanel::unixServer);
    connect(pair, &QPushButton::clicked, this, [this] { newSocketPair(core::sock::AfUnix, core::sock::Stream); });
    connect(many, &QPushButton::clicked, this, &SocketsPanel::manyClientsDialog);

    auto *quickRow = new QHBoxLayout;
    quickRow->addWidget(new QLabel(tr("Quick:"), this));
    quickRow->addWidget(m_quickAddress, 1);
    auto *buttons = new QGridLayout;
    int index = 0;
    for (QPushButton *b : {tcpClient, tcpServer, udp, unix, pair, many}) {
        buttons->addWidget(b, index / 3, index % 3);
        ++index;
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    top->addWidget(newButton);
    top->addLayout(quickRow, 1);
    layout->addLayout(top);
    layout->addWidget(m_quickError);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);

    // Under the tree, shown while a group is selected: the rows above it do not move.
    auto *closeAll = quickButton(tr("Close all"), tr("close() on each client of the group"), m_groupBar);
    auto *shutdownAll = quickButton(tr("Shut down all"), tr("shutdown(socket.SHUT_WR) on each open client of the group"), m_groupBar);
    auto *sendAll = quickButton(tr("Send to all"), tr("The composer's bytes, with sendall() (send() on datagrams), on each "
                                                      "open client of the group"), m_groupBar);
    connect(closeAll, &QPushButton::clicked, this, &SocketsPanel::closeGroup);
    connect(shutdownAll, &QPushButton::clicked, this, &SocketsPanel::shutdownGroup);
    connect(sendAll, &QPushButton::clicked, this, &SocketsPanel::requestSendToGroup);
    auto *groupRow = new QHBoxLayout(m_groupBar);
    groupRow->setContentsMargins(0, 0, 0, 0);
    groupRow->addWidget(closeAll);
    groupRow->addWidget(shutdownAll);
    groupRow->addWidget(sendAll);
    m_groupBar->setAccessibleName(tr("Group actions"));
    m_groupBar->hide();
    layout->addWidget(m_groupBar);
    setTabChain({newButton, m_quickAddress, tcpClient, tcpServer, udp, unix, pair, many, m_view, closeAll, shutdownAll, sendAll});
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &SocketsPanel::showGroupMenu);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_groupBar->setVisible(m_model->group(current) >= 0);
                emit currentSocketChanged(m_model->socketId(current));
            });
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) { emit socketActivated(m_model->socketId(index)); });
    m_view->setToolTip(tr("Double-click (or Enter) shows only this socket's traffic"));
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        if (parent.isValid())
            m_view->expand(parent);
        else if (first == last && m_model->group(m_model->index(first, 0)) >= 0)
            m_view->setFirstColumnSpanned(first, {}, true); // a group's node: "clients 1 → 127.0.0.1:8080 (200)"
        if (m_pendingGroup >= 0 && m_model->indexOfGroup(m_pendingGroup).isValid()) {
            selectGroup(m_pendingGroup);
            m_pendingGroup = -1;
        }
        if (m_pendingSelection >= 0 && m_model->indexOf(m_pendingSelection).isValid()) {
            selectSocket(m_pendingSelection);
            m_pendingSelection = -1;
        }
    });
}

int SocketsPanel::currentSocket() const
{
    return m_model->socketId(m_view->currentIndex());
}

void SocketsPanel::selectSocket(int socketId)
{
    const QModelIndex index = m_model->indexOf(socketId);
    if (index.isValid())
        m_view->setCurrentIndex(index);
}

void SocketsPanel::followNewSocket(int socketId)
{
    m_pendingSelection = socketId;
    m_model->refresh();
    // Listed already (no rows to insert, so no rowsInserted to wait for): select it now.
    if (m_model->indexOf(socketId).isValid()) {
        m_pendingSelection = -1;
        selectSocket(socketId);
    }
}

void SocketsPanel::newSocketDialog()
{
    NewSocketDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.pair())
        newSocketPair(dialog.family(), dialog.type(), dialog.proto());
    else
        newSocket(dialog.family(), dialog.type(), dialog.proto());
}

int SocketsPanel::newSocket(int family, int type, int proto)
{
    const int id = m_workbench.createSocket(family, type, proto).socketId;
    followNewSocket(id);
    return id;
}

int SocketsPanel::newSocketPair(int family, int type, int proto)
{
    const int id = m_workbench.socketPair(family, type, proto).first;
    followNewSocket(id);
    return id;
}

bool SocketsPanel::quickTarget(int family, core::TypedAddress *out)
{
    QString text = m_quickAddress->text().trimmed();
    if (family != core::sock::AfUnix && text.startsWith(QLatin1Char('[')))
        family = core::sock::AfInet6;
    if (family == core::sock::AfUnix && !text.startsWith(QLatin1Char('/')) && !text.startsWith(QLatin1Char('@'))) {
        QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
        if (dir.isEmpty())
            dir = QDir::tempPath();
        text = QDir(dir).filePath(QStringLiteral("socket-workbench-%1.sock").arg(QCoreApplication::applicationPid()));
        m_quickAddress->setText(text);
    }
    const auto parsed = core::parseTypedAddress(text, family);
    if (!parsed) {
        m_quickError->setMessage(parsed.error().message);
        m_quickAddress->setFocus();
        return false;
    }
    *out = parsed.value();
    return true;
}

int SocketsPanel::tcpClient()
{
    core::TypedAddress target;
    if (!quickTarget(core::sock::AfInet, &target))
        return -1;
    const int id = newSocket(target.address.family(), core::sock::Stream);
    m_workbench.connect(id, target);
    m_workbench.setWatch(id, true);
    return id;
}

int SocketsPanel::tcpServer()
{
    core::TypedAddress target;
    if (!quickTarget(core::sock::AfInet, &target))
        return -1;
    const int id = newSocket(target.address.family(), core::sock::Stream);
    const core::OptionSpec &reuse = *core::findOption(u"SO_REUSEADDR");
    m_workbench.setOption(id, reuse, core::encodeOption(reuse, u"1").value());
    m_workbench.bind(id, target);
    m_workbench.listen(id);
    m_workbench.setWatch(id, true);
    return id;
}

int SocketsPanel::udpSocket()
{
    core::TypedAddress target;
    if (!quickTarget(core::sock::AfInet, &target))
        return -1;
    const int id = newSocket(target.address.family(), core::sock::Dgram);
    m_workbench.bind(id, target);
    m_workbench.setWatch(id, true);
    return id;
}

int SocketsPanel::unixServer()
{
    core::TypedAddress target;
    if (!quickTarget(core::sock::AfUnix, &target))
        return -1;
    const int id = newSocket(core::sock::AfUnix, core::sock::Stream);
    m_workbench.bind(id, target);
    m_workbench.listen(id);
    m_workbench.setWatch(id, true);
    return id;
}

int SocketsPanel::currentGroup() const
{
    return m_model->group(m_view->currentIndex());
}

void SocketsPanel::manyClientsDialog()
{
    ManyClientsDialog dialog(m_savedPayloads ? m_savedPayloads() : QList<core::SavedPayload>(), this);
    dialog.setAddressText(m_quickAddress->text());
    if (dialog.exec() == QDialog::Accepted)
        connectClients(dialog.spec());
}

int SocketsPanel::connectClients(const core::ClientGroupSpec &spec)
{
    const int group = core::connectClients(m_workbench, spec);
    if (group < 0)
        return group;
    m_pendingGroup = group;
    m_model->refresh();
    if (m_model->indexOfGroup(group).isValid()) {
        m_pendingGroup = -1;
        selectGroup(group);
    }
    return group;
}

void SocketsPanel::selectGroup(int group)
{
    const QModelIndex index = m_model->indexOfGroup(group);
    if (index.isValid())
        m_view->setCurrentIndex(index);
}

int SocketsPanel::closeGroup()
{
    return core::closeGroup(m_workbench, currentGroup());
}

int SocketsPanel::shutdownGroup()
{
    return core::shutdownGroup(m_workbench, currentGroup(), core::sock::ShutWr);
}

int SocketsPanel::sendToGroup(const QByteArray &bytes)
{
    return core::sendToGroup(m_workbench, currentGroup(), bytes);
}

void SocketsPanel::requestSendToGroup()
{
    if (currentGroup() >= 0)
        emit sendToGroupRequested(currentGroup());
}

void SocketsPanel::showGroupMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (m_model->group(index) < 0)
        return;
    m_view->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(tr("Close all"), this, &SocketsPanel::closeGroup);
    menu.addAction(tr("Shut down all (SHUT_WR)"), this, &SocketsPanel::shutdownGroup);
    menu.addAction(tr("Send to all"), this, &SocketsPanel::requestSendToGroup);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

} // namespace ui
