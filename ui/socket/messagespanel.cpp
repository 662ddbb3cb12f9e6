#include "ui/socket/messagespanel.h"

#include "core/calls/call.h"
#include "core/net/constants.h"
#include "core/recipes/callwatcher.h"
#include "core/text/payload.h"
#include "core/workbench.h"
#include "ui/widgets/fieldmessage.h"
#include "ui/widgets/tabchain.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ui {

namespace {

enum Column { LevelColumn, TypeColumn, DataColumn, ReadsColumn };

QPushButton *callButton(const QString &label, const QString &python, QWidget *parent)
{
    auto *button = new QPushButton(label, parent);
    button->setAccessibleName(label);
    button->setToolTip(python);
    button->setAutoDefault(false);
    return button;
}

QSpinBox *flagsBox(const QString &name, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(0, 0x7fffffff);
    box->setAccessibleName(name);
    box->setToolTip(MessagesPanel::tr("The flags as a number: MSG_OOB 1, MSG_PEEK 2, MSG_DONTWAIT 64, "
                                      "MSG_WAITALL 256, MSG_CMSG_CLOEXEC 1073741824"));
    return box;
}

} // namespace

MessagesPanel::MessagesPanel(core::Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_watcher(new core::CallWatcher(workbench.journal(), this))
    , m_data(new QLineEdit(this))
    , m_dataError(new FieldMessage(this))
    , m_ancillary(new QTableWidget(0, 4, this))
    , m_ancillaryError(new FieldMessage(this))
    , m_pass(new QComboBox(this))
    , m_to(new QLineEdit(this))
    , m_toError(new FieldMessage(this))
    , m_sendFlags(flagsBox(tr("sendmsg flags"), this))
    , m_bufsize(new QSpinBox(this))
    , m_ancbufsize(new QSpinBox(this))
    , m_recvFlags(flagsBox(tr("recvmsg flags"), this))
    , m_adopt(new QCheckBox(tr("Adopt descriptors received as sockets"), this))
    , m_received(new QListWidget(this))
{
    setAccessibleName(tr("Messages"));
    m_data->setAccessibleName(tr("Message data"));
    m_data->setPlaceholderText(tr("the bytes, with escapes: hello\\n, \\x00\\xff"));
    m_data->setToolTip(tr("sendmsg([data], ancdata, flags, address): the message's one buffer"));
    connect(m_data, &QLineEdit::textChanged, this, [this] {
        const auto bytes = core::decodeEscapes(m_data->text());
        m_dataError->setMessage(bytes ? QString() : bytes.error().message);
    });

    m_ancillary->setAccessibleName(tr("Ancillary data"));
    m_ancillary->setHorizontalHeaderLabels({tr("Level"), tr("Type"), tr("Data (hex)"), tr("Reads as")});
    m_ancillary->verticalHeader()->hide();
    m_ancillary->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ancillary->horizontalHeader()->setSectionResizeMode(LevelColumn, QHeaderView::ResizeToContents);
    m_ancillary->horizontalHeader()->setSectionResizeMode(TypeColumn, QHeaderView::ResizeToContents);
    m_ancillary->horizontalHeader()->setSectionResizeMode(DataColumn, QHeaderView::Interactive);
    m_ancillary->horizontalHeader()->setStretchLastSection(true);
    // Three items show without scrolling (a header, three rows, a horizontal scroll bar).
    m_ancillary->setMinimumHeight(m_ancillary->horizontalHeader()->sizeHint().height()
                                  + 3 * m_ancillary->verticalHeader()->defaultSectionSize()
                                  + m_ancillary->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 2 * m_ancillary->frameWidth());
    m_ancillary->setMaximumHeight(m_ancillary->minimumHeight());
    m_ancillary->setToolTip(tr("The ancdata items (cmsg_level, cmsg_type, cmsg_data): edit a level or type by name or "
                               "number, the data as hex"));
    connect(m_ancillary, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() != ReadsColumn) {
            QList<core::Ancillary> items;
            readAncillary(&items);
        }
    });

    m_pass->setAccessibleName(tr("Socket to pass"));
    m_pass->setToolTip(tr("A socket of the workbench whose descriptor SCM_RIGHTS passes (over a UNIX socket)"));
    auto *addFd = callButton(tr("Add descriptor"), QStringLiteral("(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [fd]))"), this);
    auto *addCreds = callButton(tr("Add credentials"),
                                QStringLiteral("(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, struct.pack('3i', pid, uid, gid))"), this);
    auto *addRow = callButton(tr("Add item"), tr("An item of any level and type"), this);
    auto *remove = callButton(tr("Remove item"), tr("Removes the selected items"), this);
    connect(addFd, &QPushButton::clicked, this, &MessagesPanel::addDescriptor);
    connect(addCreds, &QPushButton::clicked, this, &MessagesPanel::addCredentials);
    connect(addRow, &QPushButton::clicked, this, [this] { addItem(core::Ancillary{core::sock::SolSocket, 0, {}}); });
    connect(remove, &QPushButton::clicked, this, [this] {
        for (int row = m_ancillary->rowCount() - 1; row >= 0; --row) {
            if (m_ancillary->selectionModel()->isRowSelected(row, {}))
                m_ancillary->removeRow(row);
        }
        QList<core::Ancillary> items;
        readAncillary(&items);
    });

    m_to->setAccessibleName(tr("Message address"));
    m_to->setPlaceholderText(tr("none (connected), or 127.0.0.1:9000, /path/to.sock"));
    m_to->setMinimumWidth(120);
    m_to->setToolTip(tr("sendmsg's address: for an unconnected datagram socket"));
    connect(m_to, &QLineEdit::textChanged, this, [this] {
        if (m_to->text().trimmed().isEmpty() || m_socketId < 0) {
            m_toError->setMessage({});
            return;
        }
        const auto parsed = core::parseTypedAddress(m_to->text(), m_workbench.sockets().info(m_socketId).family);
        m_toError->setMessage(parsed ? QString() : parsed.error().message);
    });
    auto *send = callButton(tr("sendmsg"), QStringLiteral("sk.sendmsg([data], ancdata, flags, address)"), this);
    connect(send, &QPushButton::clicked, this, &MessagesPanel::sendMessage);
    connect(m_data, &QLineEdit::returnPressed, this, &MessagesPanel::sendMessage);

    auto *sendBox = new QGroupBox(QStringLiteral("sendmsg()"), this);
    auto *sendForm = new QFormLayout(sendBox);
    sendForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    sendForm->addRow(tr("&Data"), m_data);
    sendForm->addRow(QString(), m_dataError);
    sendForm->addRow(tr("Ancillary"), m_ancillary);
    sendForm->addRow(QString(), m_ancillaryError);
    // In rows that fit a narrow dock: the socket to pass, then what to add, then the table's edits.
    auto *itemButtons = new QHBoxLayout;
    itemButtons->addWidget(addFd);
    itemButtons->addWidget(addCreds);
    itemButtons->addStretch();
    auto *moreButtons = new QHBoxLayout;
    moreButtons->addWidget(addRow);
    moreButtons->addWidget(remove);
    moreButtons->addStretch();
    sendForm->addRow(QString(), m_pass);
    sendForm->addRow(QString(), itemButtons);
    sendForm->addRow(QString(), moreButtons);
    sendForm->addRow(tr("&To"), m_to);
    sendForm->addRow(QString(), m_toError);
    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_sendFlags);
    sendRow->addWidget(send);
    sendRow->addStretch();
    sendForm->addRow(tr("Flags"), sendRow);

    m_bufsize->setRange(0, 16 << 20);
    m_bufsize->setValue(4096);
    m_bufsize->setAccessibleName(tr("recvmsg bufsize"));
    m_bufsize->setToolTip(tr("recvmsg(bufsize, ...): the most bytes of data one call returns"));
    m_ancbufsize->setRange(0, 1 << 20);
    m_ancbufsize->setValue(core::descriptorSpace(16));
    m_ancbufsize->setAccessibleName(tr("ancbufsize"));
    m_ancbufsize->setToolTip(tr("recvmsg(..., ancbufsize): room for ancillary data; socket.CMSG_SPACE(4) = %1 holds one "
                                "descriptor. Too little and the kernel sets MSG_CTRUNC (descriptors that do not fit are closed)")
                                 .arg(core::descriptorSpace(1)));
    auto *recv = callButton(tr("recvmsg"), QStringLiteral("data, ancdata, msg_flags, address = sk.recvmsg(bufsize, ancbufsize, flags)"), this);
    connect(recv, &QPushButton::clicked, this, &MessagesPanel::receiveMessage);
    m_adopt->setChecked(true);
    m_adopt->setAccessibleName(tr("Adopt descriptors"));
    m_adopt->setToolTip(QStringLiteral("socket.socket(fileno=fd)"));
    m_received->setAccessibleName(tr("Received ancillary data"));
    m_received->setWordWrap(true);
    m_received->setMaximumHeight(m_received->fontMetrics().lineSpacing() * 6 + 8);

    auto *recvBox = new QGroupBox(QStringLiteral("recvmsg()"), this);
    auto *recvForm = new QFormLayout(recvBox);
    recvForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    auto *sizes = new QHBoxLayout;
    sizes->addWidget(m_bufsize);
    sizes->addWidget(new QLabel(tr("ancbufsize"), recvBox));
    sizes->addWidget(m_ancbufsize);
    sizes->addStretch();
    recvForm->addRow(tr("bufsize"), sizes);
    auto *recvRow = new QHBoxLayout;
    recvRow->addWidget(m_recvFlags);
    recvRow->addWidget(recv);
    recvRow->addStretch();
    recvForm->addRow(tr("Flags"), recvRow);
    recvForm->addRow(QString(), m_adopt);
    recvForm->addRow(tr("Received"), m_received);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(sendBox);
    layout->addWidget(recvBox);
    layout->addStretch();
    setTabChain({m_data, m_ancillary, m_pass, addFd, addCreds, addRow, remove, m_to, m_sendFlags, send, m_bufsize,
                 m_ancbufsize, m_recvFlags, recv, m_adopt, m_received});
    connect(&workbench.sockets(), &core::SocketRegistry::changed, this, [this] {
        if (isVisible())
            refreshPassChoice();
    });
}

void MessagesPanel::setSocket(int socketId)
{
    m_socketId = socketId;
    setEnabled(socketId >= 0);
    m_received->clear();
    ++m_shown;
    refreshPassChoice();
}

void MessagesPanel::refreshPassChoice()
{
    QList<int> open;
    QStringList labels;
    for (const core::SocketInfo &info : m_workbench.sockets().snapshot()) {
        if (info.fd < 0 || info.state == core::SocketState::Closed)
            continue;
        open << info.id;
        labels << tr("%1 (fd %2, %3)").arg(info.name).arg(info.fd).arg(info.kindText());
    }
    QList<int> shown;
    for (int i = 0; i < m_pass->count(); ++i)
        shown << m_pass->itemData(i).toInt();
    if (shown == open) {
        for (int i = 0; i < m_pass->count(); ++i)
            m_pass->setItemText(i, labels[i]);
        return;
    }
    const int chosen = m_pass->currentData().toInt();
    m_pass->clear();
    for (int i = 0; i < open.size(); ++i)
        m_pass->addItem(labels[i], open[i]);
    const int again = m_pass->findData(chosen);
    if (again >= 0)
        m_pass->setCurrentIndex(again);
}

void MessagesPanel::addItem(const core::Ancillary &item)
{
    const QSignalBlocker quiet(m_ancillary);
    const int row = m_ancillary->rowCount();
    m_ancillary->insertRow(row);
    m_ancillary->setItem(row, LevelColumn, new QTableWidgetItem(core::ancillaryLevelName(item.level)));
    m_ancillary->setItem(row, TypeColumn, new QTableWidgetItem(core::ancillaryTypeName(item.level, item.type)));
    m_ancillary->setItem(row, DataColumn, new QTableWidgetItem(core::spacedHex(item.data)));
    auto *reads = new QTableWidgetItem(core::describeAncillary(item));
    reads->setFlags(reads->flags() & ~Qt::ItemIsEditable);
    reads->setToolTip(reads->text());
    m_ancillary->setItem(row, ReadsColumn, reads);
    m_ancillaryError->setMessage({});
}

void MessagesPanel::addDescriptor()
{
    const int chosen = m_pass->currentData().toInt();
    if (m_pass->currentIndex() < 0) {
        m_ancillaryError->setMessage(tr("no open socket to pass: create one first"));
        return;
    }
    const core::SocketInfo info = m_workbench.sockets().info(chosen);
    if (info.fd < 0) {
        m_ancillaryError->setMessage(tr("%1 holds no descriptor now").arg(info.name));
        return;
    }
    addItem(core::descriptorsItem({info.fd}));
}

void MessagesPanel::addCredentials()
{
    addItem(core::ownCredentialsItem());
}

// Reads the table back into items; a cell that does not parse is named at the field and the
// message is not sent.
bool MessagesPanel::readAncillary(QList<core::Ancillary> *items)
{
    const QSignalBlocker quiet(m_ancillary);
    for (int row = 0; row < m_ancillary->rowCount(); ++row) {
        auto text = [&](int column) { return m_ancillary->item(row, column) ? m_ancillary->item(row, column)->text() : QString(); };
        const auto level = core::parseAncillaryLevel(text(LevelColumn));
        const auto type = level ? core::parseAncillaryType(level.value(), text(TypeColumn)) : level;
        const auto data = core::decodeHex(text(DataColumn));
        const core::InputError *error = !level ? &level.error() : !type ? &type.error() : !data ? &data.error() : nullptr;
        if (error) {
            m_ancillaryError->setMessage(tr("item %1: %2").arg(row + 1).arg(error->message));
            if (m_ancillary->item(row, ReadsColumn))
                m_ancillary->item(row, ReadsColumn)->setText(QString());
            return false;
        }
        const core::Ancillary item{level.value(), type.value(), data.value()};
        if (QTableWidgetItem *reads = m_ancillary->item(row, ReadsColumn)) {
            reads->setText(core::describeAncillary(item));
            reads->setToolTip(reads->text());
        }
        items->append(item);
    }
    m_ancillaryError->setMessage({});
    return true;
}

void MessagesPanel::sendMessage()
{
    if (m_socketId < 0)
        return;
    const auto bytes = core::decodeEscapes(m_data->text());
    if (!bytes) {
        m_dataError->setMessage(bytes.error().message);
        m_data->setFocus();
        return;
    }
    QList<core::Ancillary> items;
    if (!readAncillary(&items)) {
        m_ancillary->setFocus();
        return;
    }
    core::TypedAddress address;
    if (!m_to->text().trimmed().isEmpty()) {
        const auto parsed = core::parseTypedAddress(m_to->text(), m_workbench.sockets().info(m_socketId).family);
        if (!parsed) {
            m_toError->setMessage(parsed.error().message);
            m_to->setFocus();
            return;
        }
        address = parsed.value();
    }
    emit callMade(m_workbench.sendMsg(m_socketId, {bytes.value()}, items, m_sendFlags->value(), address));
}

void MessagesPanel::receiveMessage()
{
    if (m_socketId < 0)
        return;
    const core::CallId id = m_workbench.recvMsg(m_socketId, m_bufsize->value(), m_ancbufsize->value(), m_recvFlags->value());
    const int socketId = m_socketId;
    m_watcher->watch(id, [this, socketId](const core::CallRecord &record) {
        if (socketId == m_socketId)
            showReceived(record);
    });
    emit callMade(id);
}

void MessagesPanel::showReceived(const core::CallRecord &record)
{
    m_received->clear();
    ++m_shown;
    // In a scrolled tab, what arrived is brought into view.
    for (QWidget *w = parentWidget(); w; w = w->parentWidget()) {
        if (auto *scroll = qobject_cast<QScrollArea *>(w)) {
            scroll->ensureWidgetVisible(m_received);
            break;
        }
    }
    if (record.outcome.status != core::CallStatus::Done || !record.outcome.message) {
        m_received->addItem(record.outcome.status == core::CallStatus::Done ? tr("no ancillary data") : record.outcome.result);
        return;
    }
    const core::ReceivedMessage &message = *record.outcome.message;
    if (message.ancillary.isEmpty())
        m_received->addItem(tr("no ancillary data"));
    for (const core::Ancillary &item : message.ancillary)
        m_received->addItem(core::describeAncillary(item));
    if (message.flags & core::sock::MsgCtrunc)
        m_received->addItem(tr("MSG_CTRUNC: the ancillary data did not fit in ancbufsize %1; the kernel dropped the "
                               "rest (descriptors that did not fit were closed)")
                                .arg(record.value ? record.value->ancillarySize : 0));
    if (message.flags & core::sock::MsgTrunc)
        m_received->addItem(tr("MSG_TRUNC: the datagram was longer than bufsize; the rest is lost"));
    if (!m_adopt->isChecked())
        return;
    for (const core::Ancillary &item : message.ancillary) {
        for (const int fd : core::ancillaryDescriptors(item)) {
            core::Call call;
            call.kind = core::CallKind::FromFd;
            call.socketId = -1;
            call.family = call.type = call.proto = -1;
            call.size = fd;
            m_received->addItem(tr("fd %1: socket.socket(fileno=%1) …").arg(fd));
            const int row = m_received->count() - 1;
            const int shown = m_shown;
            m_watcher->watch(m_workbench.submit(std::move(call)), [this, row, shown, fd](const core::CallRecord &adopted) {
                QListWidgetItem *line = shown == m_shown ? m_received->item(row) : nullptr;
                if (!line)
                    return; // the list shows another message since
                line->setText(adopted.outcome.status == core::CallStatus::Done
                                  ? tr("fd %1 is now %2").arg(fd).arg(core::socketName(adopted.outcome.socketId >= 0 ? adopted.outcome.socketId
                                                                                                                     : adopted.value->newSocketId))
                                  : tr("fd %1: %2 (left open)").arg(fd).arg(adopted.outcome.result));
            });
        }
    }
}

} // namespace ui
