#include "ui/socket/socketpanel.h"

#include "core/net/constants.h"
#include "core/net/errors.h"
#include "core/recipes/callwatcher.h"
#include "core/workbench.h"
#include "ui/socket/messagespanel.h"
#include "ui/socket/optionspanel.h"
#include "ui/widgets/fieldmessage.h"
#include "ui/widgets/tabchain.h"
#include "ui/widgets/themecolors.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QStringListModel>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ui {

namespace {

constexpr int kRecentAddresses = 12;

QString modeText(const core::SocketInfo &info)
{
    switch (info.mode) {
    case core::BlockingMode::Blocking: return SocketPanel::tr("blocking");
    case core::BlockingMode::NonBlocking: return SocketPanel::tr("non-blocking");
    case core::BlockingMode::Timeout: return SocketPanel::tr("timeout %1 s").arg(info.timeout);
    }
    return {};
}

} // namespace

SocketPanel::SocketPanel(core::Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_watcher(new core::CallWatcher(workbench.journal(), this))
    , m_title(new QLabel(tr("No socket selected"), this))
    , m_details(new QLabel(this))
    , m_address(new QLineEdit(this))
    , m_addressError(new FieldMessage(this))
    , m_backlog(new QSpinBox(this))
    , m_how(new QComboBox(this))
    , m_bufsize(new QSpinBox(this))
    , m_peek(new QCheckBox(QStringLiteral("MSG_PEEK"), this))
    , m_waitAll(new QCheckBox(QStringLiteral("MSG_WAITALL"), this))
    , m_dontWait(new QCheckBox(QStringLiteral("MSG_DONTWAIT"), this))
    , m_oob(new QCheckBox(QStringLiteral("MSG_OOB"), this))
    , m_blocking(new QRadioButton(tr("Blocking"), this))
    , m_nonBlocking(new QRadioButton(tr("Non-blocking"), this))
    , m_timeoutMode(new QRadioButton(tr("Timeout"), this))
    , m_timeout(new QDoubleSpinBox(this))
    , m_watch(new QCheckBox(tr("Watch: record all that arrives / accept all"), this))
    , m_result(new QLabel(this))
    , m_cancel(nullptr)
    , m_waiting(new QTreeWidget(this))
    , m_waitingTitle(new QLabel(this))
    , m_options(new OptionsPanel(workbench, this))
    , m_messages(new MessagesPanel(workbench, this))
    , m_liveTimer(new QTimer(this))
{
    setAccessibleName(tr("Socket"));
    setSuggestedStyle();
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Always the same lines, never wrapped: a figure or an error coming and going must not move
    // the buttons below. Cut at the panel's edge; the tooltip has it whole.
    m_details->setWordWrap(false);
    m_details->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_details->setFixedHeight(m_details->fontMetrics().lineSpacing() * 5 + 4);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    // Address: bind / connect / connect_ex.
    m_address->setAccessibleName(tr("Address"));
    m_address->setPlaceholderText(tr("127.0.0.1:8080, example.com:80, [::1]:8080, /path/to.sock or @abstract"));
    m_address->setToolTip(tr("The address for bind(), connect() and connect_ex(). A host name is resolved as "
                             "Python resolves it, off the window's thread; each socket keeps its own address."));
    m_address->setClearButtonEnabled(true);
    QSettings settings;
    auto *completer = new QCompleter(new QStringListModel(settings.value(QStringLiteral("recentAddresses")).toStringList(), this), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_address->setCompleter(completer);
    connect(m_address, &QLineEdit::textChanged, this, &SocketPanel::validateAddress);

    auto *calls = new QWidget(this);
    auto *grid = new QGridLayout(calls);
    grid->setContentsMargins(0, 0, 0, 0);
    int row = 0;
    auto *addressLabel = new QLabel(tr("&Address"), calls);
    addressLabel->setBuddy(m_address);
    grid->addWidget(addressLabel, row, 0);
    grid->addWidget(m_address, row, 1, 1, 3);
    ++row;
    grid->addWidget(m_addressError, row++, 1, 1, 3);
    auto *addressButtons = new QHBoxLayout;
    addressButtons->addWidget(addButton(tr("bind"), QStringLiteral("sk.bind(address)"), &SocketPanel::doBind));
    addressButtons->addWidget(addButton(tr("connect"), QStringLiteral("sk.connect(address)"), &SocketPanel::doConnect));
    addressButtons->addWidget(addButton(tr("connect_ex"), QStringLiteral("sk.connect_ex(address)"), &SocketPanel::doConnectEx));
    addressButtons->addStretch();
    grid->addLayout(addressButtons, row++, 1, 1, 3);

    m_backlog->setRange(0, 65535);
    m_backlog->setValue(5);
    m_backlog->setAccessibleName(tr("Backlog"));
    m_backlog->setToolTip(tr("listen(backlog): connections the kernel completes before accept()"));
    grid->addWidget(new QLabel(tr("Backlog"), calls), row, 0);
    auto *listenRow = new QHBoxLayout;
    listenRow->addWidget(m_backlog);
    listenRow->addWidget(addButton(tr("listen"), QStringLiteral("sk.listen(backlog)"), &SocketPanel::doListen));
    listenRow->addWidget(addButton(tr("accept"), QStringLiteral("conn, addr = sk.accept()"), &SocketPanel::doAccept));
    listenRow->addStretch();
    grid->addLayout(listenRow, row++, 1, 1, 3);

    m_bufsize->setRange(0, 16 << 20);
    m_bufsize->setValue(4096);
    m_bufsize->setAccessibleName(tr("bufsize"));
    m_bufsize->setToolTip(tr("recv(bufsize): the most bytes one call returns"));
    grid->addWidget(new QLabel(tr("bufsize"), calls), row, 0);
    auto *recvRow = new QHBoxLayout;
    recvRow->addWidget(m_bufsize);
    recvRow->addWidget(addButton(tr("recv"), QStringLiteral("sk.recv(bufsize, flags)"), &SocketPanel::doRecv));
    recvRow->addWidget(addButton(tr("recvfrom"), QStringLiteral("sk.recvfrom(bufsize, flags)"), &SocketPanel::doRecvFrom));
    recvRow->addStretch();
    grid->addLayout(recvRow, row++, 1, 1, 3);
    auto *flagGrid = new QGridLayout;
    int flagIndex = 0;
    for (QCheckBox *flag : {m_peek, m_waitAll, m_dontWait, m_oob}) {
        flag->setAccessibleName(flag->text());
        flag->setToolTip(tr("socket.%1 in the recv flags").arg(flag->text()));
        flagGrid->addWidget(flag, flagIndex / 2, flagIndex % 2);
        ++flagIndex;
    }
    flagGrid->setColumnStretch(2, 1);
    grid->addLayout(flagGrid, row++, 1, 1, 3);

    for (const auto &how : core::shutdownModes())
        m_how->addItem(QString::fromLatin1(how.name), how.value);
    m_how->setCurrentIndex(1);
    m_how->setAccessibleName(tr("How"));
    m_how->setToolTip(tr("shutdown(how): SHUT_WR sends FIN and keeps reading"));
    grid->addWidget(new QLabel(tr("End"), calls), row, 0);
    auto *endRow = new QHBoxLayout;
    endRow->addWidget(m_how);
    endRow->addWidget(addButton(tr("shutdown"), QStringLiteral("sk.shutdown(how)"), &SocketPanel::doShutdown));
    endRow->addWidget(addButton(tr("close"), QStringLiteral("sk.close()"), &SocketPanel::doClose));
    endRow->addStretch();
    grid->addLayout(endRow, row++, 1, 1, 3);

    grid->addWidget(new QLabel(tr("Read"), calls), row, 0);
    auto *infoGrid = new QGridLayout;
    infoGrid->addWidget(addButton(tr("getsockname"), QStringLiteral("sk.getsockname()"), &SocketPanel::doSockName), 0, 0);
    infoGrid->addWidget(addButton(tr("getpeername"), QStringLiteral("sk.getpeername()"), &SocketPanel::doPeerName), 0, 1);
    infoGrid->addWidget(addButton(tr("fileno"), QStringLiteral("sk.fileno()"), &SocketPanel::doFileno), 1, 0);
    infoGrid->addWidget(addButton(tr("gettimeout"), QStringLiteral("sk.gettimeout()"), &SocketPanel::doGetTimeout), 1, 1);
    infoGrid->setColumnStretch(2, 1);
    grid->addLayout(infoGrid, row++, 1, 1, 3);

    // Mode.
    auto *modeGroup = new QButtonGroup(this);
    modeGroup->addButton(m_blocking);
    modeGroup->addButton(m_nonBlocking);
    modeGroup->addButton(m_timeoutMode);
    m_blocking->setChecked(true);
    m_blocking->setAccessibleName(tr("Blocking"));
    m_blocking->setToolTip(QStringLiteral("sk.setblocking(True)"));
    m_nonBlocking->setAccessibleName(tr("Non-blocking"));
    m_nonBlocking->setToolTip(QStringLiteral("sk.setblocking(False)"));
    m_timeoutMode->setAccessibleName(tr("Timeout"));
    m_timeoutMode->setToolTip(QStringLiteral("sk.settimeout(seconds)"));
    m_timeout->setRange(0.001, 86400);
    m_timeout->setDecimals(3);
    m_timeout->setValue(5.0);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setAccessibleName(tr("Timeout seconds"));
    m_timeout->setToolTip(QStringLiteral("sk.settimeout(seconds)"));
    grid->addWidget(new QLabel(tr("Mode"), calls), row, 0);
    auto *modeGrid = new QGridLayout;
    modeGrid->addWidget(m_blocking, 0, 0);
    modeGrid->addWidget(m_nonBlocking, 0, 1);
    modeGrid->addWidget(m_timeoutMode, 1, 0);
    modeGrid->addWidget(m_timeout, 1, 1);
    modeGrid->setColumnStretch(2, 1);
    grid->addLayout(modeGrid, row++, 1, 1, 3);
    connect(modeGroup, &QButtonGroup::buttonClicked, this, &SocketPanel::applyMode);
    connect(m_timeout, &QDoubleSpinBox::editingFinished, this, [this] {
        if (m_timeoutMode->isChecked())
            applyMode();
    });

    m_watch->setAccessibleName(tr("Watch"));
    m_watch->setToolTip(tr("Record everything that arrives (a recv loop); on a listener, accept every connection"));
    connect(m_watch, &QCheckBox::toggled, this, [this](bool on) {
        if (m_socketId >= 0 && !m_settingMode)
            m_workbench.setWatch(m_socketId, on);
    });
    grid->addWidget(m_watch, row++, 0, 1, 4);
    // The calls waiting on this socket, from every front end: a read blocked in one script
    // thread beside a write from another, or a recv clicked here.
    m_waiting->setAccessibleName(tr("Waiting calls"));
    m_waiting->setColumnCount(3);
    m_waiting->setHeaderLabels({tr("Call"), tr("Made by"), tr("Waiting")});
    m_waiting->setRootIsDecorated(false);
    m_waiting->setUniformRowHeights(true);
    m_waiting->setTextElideMode(Qt::ElideMiddle);
    m_waiting->header()->setStretchLastSection(false);
    m_waiting->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_waiting->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_waiting->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_waiting->setMaximumHeight(m_waiting->fontMetrics().lineSpacing() * 6 + 8);
    m_waiting->setToolTip(tr("Each call this socket is waiting in, oldest first, and who made it: the window, the "
                             "console, a script (its file, line and thread), a rule or a schedule"));
    m_waitingTitle->setBuddy(m_waiting);
    grid->addWidget(m_waitingTitle, row++, 0, 1, 4);
    grid->addWidget(m_waiting, row++, 0, 1, 4);
    m_cancel = addButton(tr("Cancel waiting call"), tr("(interrupts the selected waiting call, else the oldest)"),
                         &SocketPanel::doCancel);
    auto *cancelRow = new QHBoxLayout;
    cancelRow->addWidget(m_cancel);
    cancelRow->addStretch();
    grid->addLayout(cancelRow, row++, 0, 1, 4);
    grid->setRowStretch(row, 1);

    m_result->setAccessibleName(tr("Last result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setMinimumHeight(40);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    setResultStyle(false);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(calls, tr("&Calls"));
    tabs->addTab(m_options, tr("&Options"));
    // sendmsg/recvmsg scroll: their two forms are taller than a small dock.
    auto *messagesScroll = new QScrollArea(this);
    messagesScroll->setWidget(m_messages);
    messagesScroll->setWidgetResizable(true);
    messagesScroll->setFrameShape(QFrame::NoFrame);
    messagesScroll->setFocusPolicy(Qt::NoFocus); // Tab goes to its fields, and scrolls to each
    messagesScroll->setAccessibleName(tr("Messages"));
    tabs->addTab(messagesScroll, tr("&Messages"));
    connect(m_messages, &MessagesPanel::callMade, this, &SocketPanel::track);
    tabs->setAccessibleName(tr("Calls and options"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_title);
    layout->addWidget(m_details);
    // The last result sits right under the calls; the spare height goes to it, not to blank space.
    layout->addWidget(tabs, 3);
    layout->addWidget(m_result, 1);
    setTabChain({tabs->tabBar(), m_address, button(tr("bind")), button(tr("connect")), button(tr("connect_ex")),
                 m_backlog, button(tr("listen")), button(tr("accept")), m_bufsize, button(tr("recv")),
                 button(tr("recvfrom")), m_peek, m_waitAll, m_dontWait, m_oob, m_how, button(tr("shutdown")),
                 button(tr("close")), button(tr("getsockname")), button(tr("getpeername")), button(tr("fileno")),
                 button(tr("gettimeout")), m_blocking, m_nonBlocking, m_timeoutMode, m_timeout, m_watch, m_waiting,
                 m_cancel, m_options, m_messages});

    connect(&workbench.sockets(), &core::SocketRegistry::changed, this, &SocketPanel::refreshInfo);
    // Hidden, the list waits: the live timer and setSocket() bring it up to date once it shows.
    connect(&workbench.journal(), &core::Journal::changed, this, [this] {
        if (isVisible())
            refreshWaiting();
    });
    m_liveTimer->setInterval(1000);
    connect(m_liveTimer, &QTimer::timeout, this, [this] {
        if (m_socketId >= 0 && isVisible()) {
            m_workbench.refreshLive(m_socketId);
            refreshWaiting(); // how long each has waited
        }
    });
    setSocket(-1);
}

QPushButton *SocketPanel::addButton(const QString &label, const QString &python, void (SocketPanel::*slot)())
{
    auto *button = new QPushButton(label, this);
    button->setAccessibleName(label);
    button->setToolTip(python);
    button->setAutoDefault(false);
    connect(button, &QPushButton::clicked, this, slot);
    // A suggested button (bold, a 2 px border) is larger than a plain one: each is made as large
    // as its suggested look, so a suggestion coming or going moves no control.
    QPushButton probe(label, this);
    probe.setProperty("suggested", true);
    probe.ensurePolished();
    button->setMinimumSize(probe.sizeHint().expandedTo(button->sizeHint()));
    m_buttons.append(button);
    return button;
}

QPushButton *SocketPanel::button(const QString &accessibleName) const
{
    for (QPushButton *b : m_buttons) {
        if (b->accessibleName() == accessibleName)
            return b;
    }
    return nullptr;
}

void SocketPanel::setSocket(int socketId)
{
    if (m_socketId >= 0)
        m_addressTexts.insert(m_socketId, m_address->text());
    m_socketId = socketId;
    {
        // What was typed for this socket, else where it was connected or bound (a retry goes there).
        QString text = m_addressTexts.value(socketId);
        if (!m_addressTexts.contains(socketId) && socketId >= 0) {
            const core::SocketInfo info = m_workbench.sockets().info(socketId);
            text = info.connectTo.isValid() ? info.connectTo.toText() : info.boundTo.isValid() ? info.boundTo.toText() : QString();
        }
        const QSignalBlocker quiet(m_address); // validated below, once the socket is known
        m_address->setText(text);
    }
    m_options->setSocket(socketId);
    m_messages->setSocket(socketId);
    const bool any = socketId >= 0;
    for (QPushButton *b : m_buttons)
        b->setEnabled(any);
    for (QWidget *w : std::initializer_list<QWidget *>{m_address, m_backlog, m_how, m_bufsize, m_blocking, m_nonBlocking,
                                                       m_timeoutMode, m_timeout, m_watch, m_peek, m_waitAll, m_dontWait, m_oob})
        w->setEnabled(any);
    m_shownBacklog = -1;
    if (socketId >= 0 && m_workbench.sockets().info(socketId).backlog < 0)
        m_backlog->setValue(5); // another socket's listen() backlog is not this one's
    showLastCall();
    if (any) {
        m_liveTimer->start();
        m_workbench.refreshLive(socketId);
    } else {
        m_liveTimer->stop();
    }
    refreshInfo();
    refreshWaiting();
    validateAddress();
}

void SocketPanel::setAddressText(const QString &text)
{
    m_address->setText(text);
}

void SocketPanel::refreshInfo()
{
    if (m_socketId < 0) {
        m_title->setText(tr("No socket selected"));
        m_details->setText(tr("Create one in the Sockets panel, or pick one there."));
        return;
    }
    const core::SocketInfo info = m_workbench.sockets().info(m_socketId);
    // Nothing typed for this socket yet: where it connected or bound, once it has (a quick action).
    if (m_address->text().isEmpty() && !m_address->hasFocus() && !m_addressTexts.contains(m_socketId)
        && (info.connectTo.isValid() || info.boundTo.isValid()))
        m_address->setText(info.connectTo.isValid() ? info.connectTo.toText() : info.boundTo.toText());
    // The backlog box shows what this socket listens with once it does (a quick-action server:
    // 128), and is left alone otherwise, so a value being typed is not overwritten.
    if (info.backlog >= 0 && info.backlog != m_shownBacklog) {
        m_shownBacklog = info.backlog;
        m_backlog->setValue(info.backlog);
    }
    m_title->setText(QStringLiteral("%1 — %2 — %3").arg(info.name, info.kindText(), core::stateName(info.state)));
    QStringList lines;
    lines << tr("fd %1 · %2").arg(info.fd).arg(modeText(info));
    lines << tr("local %1 · peer %2")
                 .arg(info.local.isValid() ? info.local.toText() : tr("none"))
                 .arg(info.peer.isValid() ? info.peer.toText() : tr("none"));
    lines << tr("in %1 B / %n record(s)", nullptr, int(std::min<quint64>(info.recordsIn, INT_MAX))).arg(info.bytesIn)
            + tr(" · out %1 B / %n record(s)", nullptr, int(std::min<quint64>(info.recordsOut, INT_MAX))).arg(info.bytesOut);
    // The kernel's side on a line of its own: one line of all of it did not fit the dock.
    QStringList kernel;
    if (info.rxQueue >= 0)
        kernel << tr("recv queue %1 B").arg(info.rxQueue);
    if (info.txQueue > 0 && info.state == core::SocketState::Error && info.isStream())
        kernel << tr("send queue %1 B (the SYN of a connection that never opened)").arg(info.txQueue);
    else if (info.txQueue >= 0)
        kernel << tr("send queue %1 B").arg(info.txQueue);
    if (info.tcpState != core::TcpState::Unknown)
        kernel << QStringLiteral("TCP %1").arg(core::tcpStateName(info.tcpState));
    if (info.drops)
        kernel << tr("%n datagram(s) dropped by the kernel (SO_RXQ_OVFL)", nullptr, int(info.drops));
    lines << kernel.join(QStringLiteral(" · "));
    lines << (info.lastError ? tr("last error: %1 (%2)").arg(core::errnoName(info.lastError), core::errnoMessage(info.lastError))
                             : tr("last error: none"));
    m_details->setText(lines.join(QLatin1Char('\n')));
    m_details->setToolTip(lines.join(QLatin1Char('\n')) + QLatin1Char('\n') + info.pythonRepr());

    m_settingMode = true;
    m_blocking->setChecked(info.mode == core::BlockingMode::Blocking);
    m_nonBlocking->setChecked(info.mode == core::BlockingMode::NonBlocking);
    m_timeoutMode->setChecked(info.mode == core::BlockingMode::Timeout);
    if (info.mode == core::BlockingMode::Timeout && !m_timeout->hasFocus())
        m_timeout->setValue(info.timeout);
    m_watch->setChecked(info.watching);
    m_settingMode = false;
    m_backlog->setToolTip(tr("listen(backlog): connections the kernel completes before accept()"));
    updateSuggestions(info);
}

// The calls a person usually makes next in this state are highlighted; all stay enabled.
void SocketPanel::updateSuggestions(const core::SocketInfo &info)
{
    using S = core::SocketState;
    const bool stream = info.type == core::sock::Stream || info.type == core::sock::SeqPacket;
    QStringList next;
    switch (info.state) {
    case S::Created: next = stream ? QStringList{tr("bind"), tr("connect")} : QStringList{tr("bind"), tr("connect")}; break;
    case S::Bound: next = stream ? QStringList{tr("listen")} : QStringList{tr("recvfrom")}; break;
    case S::Listening: next = {tr("accept")}; break;
    case S::Connected: next = {tr("recv"), tr("shutdown")}; break;
    case S::HalfClosedRead:
    case S::HalfClosedWrite:
    case S::ShutDown: next = {tr("recv"), tr("close")}; break;
    case S::Connecting: next = {tr("connect")}; break;
    case S::Error: next = {tr("close")}; break;
    case S::Closed: break;
    }
    for (QPushButton *b : m_buttons) {
        const bool suggested = next.contains(b->accessibleName());
        if (b->property("suggested").toBool() != suggested) {
            b->setProperty("suggested", suggested);
            b->style()->unpolish(b);
            b->style()->polish(b);
        }
    }
}

void SocketPanel::validateAddress()
{
    core::TypedAddress ignored;
    const QString text = m_address->text().trimmed();
    if (text.isEmpty() || m_socketId < 0) {
        m_addressError->setMessage({});
        return;
    }
    validAddress(&ignored);
}

bool SocketPanel::validAddress(core::TypedAddress *out)
{
    const core::SocketInfo info = m_workbench.sockets().info(m_socketId);
    const auto parsed = core::parseTypedAddress(m_address->text(), info.family);
    if (!parsed) {
        m_addressError->setMessage(parsed.error().message);
        return false;
    }
    m_addressError->setMessage({});
    *out = parsed.value();
    return true;
}

void SocketPanel::rememberAddress(const QString &text)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentAddresses")).toStringList();
    recent.removeAll(text);
    recent.prepend(text);
    while (recent.size() > kRecentAddresses)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentAddresses"), recent);
    if (auto *model = qobject_cast<QStringListModel *>(m_address->completer()->model()))
        model->setStringList(recent);
}

} // namespace ui
