#include "ui/traffic/trafficpanel.h"

#include "ui/traffic/hexdumpview.h"
#include "ui/traffic/trafficactions.h"
#include "ui/traffic/trafficdelegate.h"
#include "ui/traffic/trafficmodel.h"

#include "ui/sockets/socketchoicemodel.h"

#include "core/export/trafficexport.h"
#include "core/workbench.h"
#include "ui/widgets/tabchain.h"
#include "ui/widgets/themecolors.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>

#include <algorithm>

namespace ui {

namespace {

constexpr int kTextFilterDelayMs = 250;
constexpr int kSocketListDelayMs = 250;

} // namespace

TrafficPanel::TrafficPanel(core::Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_model(new TrafficModel(workbench.traffic(), workbench.sockets(), this))
    , m_view(new QTableView(this))
    , m_dump(new HexDumpView(workbench.traffic(), workbench.sockets(), this))
{
    setAccessibleName(tr("Traffic log"));
    setToolTip(tr("Every send and recv syscall, newest at the bottom"));
    m_dump->setObjectName(QStringLiteral("hexDump"));

    setUpView();
    m_actions = new TrafficActions(workbench, m_model, m_view);
    placeActions();
    QWidget *filterBar = createFilterBar();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setAccessibleName(tr("Traffic log and record bytes"));
    splitter->setToolTip(tr("Drag to share the space between the log and the hex dump"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_view);
    splitter->addWidget(m_dump);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(filterBar);
    layout->addWidget(splitter, 1);
    setTabChain({m_socketCombo, m_directionCombo, m_textFilter, m_clearFilterButton, m_toolBar, m_view, m_dump});

    m_textTimer.setSingleShot(true);
    m_textTimer.setInterval(kTextFilterDelayMs);
    connect(&m_textTimer, &QTimer::timeout, this, &TrafficPanel::applyTextFilter);
    m_socketTimer.setSingleShot(true);
    m_socketTimer.setInterval(kSocketListDelayMs);
    connect(&m_socketTimer, &QTimer::timeout, m_socketChoices, &SocketChoiceModel::refresh);
    // The registry changes with every batch of traffic (counters); the list only needs a glance.
    connect(&m_workbench.sockets(), &core::SocketRegistry::changed, this, [this] {
        if (!m_socketTimer.isActive())
            m_socketTimer.start();
    });

    updateCounts(m_model->rowCount(), m_model->seenCount());
}

TrafficModel *TrafficPanel::model() const
{
    return m_model;
}

QTableView *TrafficPanel::view() const
{
    return m_view;
}

void TrafficPanel::setSocketFilter(int socketId)
{
    socketId = std::max(socketId, -1);
    m_model->setSocketFilter(socketId);
    const QSignalBlocker blocker(m_socketCombo);
    m_socketCombo->setCurrentIndex(m_socketChoices->ensureListed(socketId));
}

QWidget *TrafficPanel::createFilterBar()
{
    auto *bar = new QWidget(this);

    m_socketCombo = new QComboBox(bar);
    m_socketCombo->setObjectName(QStringLiteral("socketFilter"));
    m_socketCombo->setAccessibleName(tr("Socket filter"));
    m_socketCombo->setToolTip(tr("Show the records of one socket, or of all"));
    // Sized for a typical label, not measured over what may be 10,000 sockets; the list that
    // drops down is as wide as the labels it shows.
    m_socketCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_socketCombo->setMinimumContentsLength(10);
    m_socketChoices = new SocketChoiceModel(m_workbench.sockets(), m_socketCombo);
    m_socketCombo->setModel(m_socketChoices);
    connect(m_socketCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setSocketFilter(m_socketCombo->currentData(SocketChoiceModel::SocketIdRole).toInt());
    });

    m_directionCombo = new QComboBox(bar);
    m_directionCombo->setObjectName(QStringLiteral("directionFilter"));
    m_directionCombo->setAccessibleName(tr("Direction filter"));
    m_directionCombo->setToolTip(tr("Show received records, sent records, or both"));
    m_directionCombo->addItem(tr("Both directions"), int(TrafficModel::DirectionFilter::Both));
    m_directionCombo->addItem(tr("\u2190 Received"), int(TrafficModel::DirectionFilter::In));
    m_directionCombo->addItem(tr("\u2192 Sent"), int(TrafficModel::DirectionFilter::Out));
    connect(m_directionCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setDirectionFilter(TrafficModel::DirectionFilter(m_directionCombo->currentData().toInt()));
    });

    m_textFilter = new QLineEdit(bar);
    m_textFilter->setObjectName(QStringLiteral("textFilter"));
    m_textFilter->setAccessibleName(tr("Payload filter"));
    m_textFilter->setToolTip(tr("Show records whose bytes contain this text (as UTF-8), or hex:48 65 6c for bytes"));
    m_textFilter->setPlaceholderText(tr("Filter payload: text, or hex:48 65 6c"));
    m_textFilter->setClearButtonEnabled(true);
    m_textFilter->setMinimumWidth(100);
    for (QToolButton *button : m_textFilter->findChildren<QToolButton *>()) {
        button->setAccessibleName(tr("Clear payload filter"));
        button->setToolTip(tr("Clear the payload filter"));
    }
    connect(m_textFilter, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            applyTextFilter(); // the clear button: no reason to wait
        else
            m_textTimer.start();
    });
    connect(m_textFilter, &QLineEdit::returnPressed, this, &TrafficPanel::applyTextFilter);

    m_countLabel = new QLabel(bar);
    m_countLabel->setObjectName(QStringLiteral("recordCount"));
    m_countLabel->setAccessibleName(tr("Record count"));
    m_countLabel->setToolTip(tr("Records shown, and records captured in all"));

    // Two rows, so every action keeps its label in a log ~450 px wide (the window at 1,100 px):
    // what is shown (filters), then what to do with it (copy, export) and how many there are.
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_socketCombo);
    filters->addWidget(m_directionCombo);
    filters->addWidget(m_textFilter, 1);
    filters->addWidget(m_clearFilterButton);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_toolBar, 1);
    actions->addWidget(m_countLabel);
    auto *layout = new QVBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(filters);
    layout->addLayout(actions);
    return bar;
}

void TrafficPanel::placeActions()
{
    m_clearFilterAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-clear")), tr("&Clear Filter"), this);
    m_clearFilterAction->setObjectName(QStringLiteral("clearFilter"));
    m_clearFilterAction->setIconText(tr("Clear filter"));
    m_clearFilterAction->setToolTip(tr("Show every record of every socket again"));
    m_clearFilterAction->setEnabled(false);
    connect(m_clearFilterAction, &QAction::triggered, this, &TrafficPanel::clearFilters);

    m_clearFilterButton = new QToolButton(this);
    m_clearFilterButton->setDefaultAction(m_clearFilterAction);
    m_clearFilterButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_clearFilterButton->setAccessibleName(m_clearFilterAction->iconText());
    m_clearFilterButton->setAutoRaise(true);
    const QList<QAction *> actions{m_actions->copyTextAction(), m_actions->copyHexAction(),
                                   m_actions->copyPythonAction(), m_actions->exportAction()};
    m_toolBar = new QToolBar(this);
    m_toolBar->setAccessibleName(tr("Traffic actions"));
    m_toolBar->setToolTip(tr("Copy, export and filter actions"));
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (QAction *action : actions) {
        m_toolBar->addAction(action);
        QWidget *button = m_toolBar->widgetForAction(action);
        button->setAccessibleName(action->iconText());
        button->setToolTip(action->toolTip());
    }
    // The overflow button shown when the bar is too narrow for all the actions.
    for (QToolButton *button : m_toolBar->findChildren<QToolButton *>()) {
        if (button->accessibleName().isEmpty()) {
            button->setAccessibleName(tr("More traffic actions"));
            button->setToolTip(tr("The actions that do not fit"));
        }
    }

    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions(actions.first(3));
    m_view->addActions({separator, m_actions->exportAction(), m_clearFilterAction});
}

void TrafficPanel::setUpView()
{
    m_view->setModel(m_model);
    m_view->setItemDelegate(new TrafficDelegate(m_view));
    m_view->setAccessibleName(tr("Traffic records"));
    m_view->setToolTip(tr("One row per send/recv syscall; select one to see its bytes below"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setCornerButtonEnabled(false);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    // Uniform rows: a fixed height means no row is ever measured, whatever the row count.
    const QFontMetrics metrics(m_view->font());
    QHeaderView *rows = m_view->verticalHeader();
    rows->hide();
    rows->setMinimumSectionSize(metrics.height());
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(metrics.height() + 6);

    QHeaderView *columns = m_view->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    columns->setAccessibleName(tr("Traffic columns"));
    columns->setToolTip(tr("Drag a column's edge to resize it"));
    const auto widthOf = [&metrics](const QString &sample) { return metrics.horizontalAdvance(sample) + 16; };
    columns->resizeSection(TrafficModel::SeqColumn, widthOf(QStringLiteral("0000000")));
    columns->resizeSection(TrafficModel::TimeColumn, widthOf(QStringLiteral("00:00:00.000000")));
    columns->resizeSection(TrafficModel::SocketColumn, widthOf(QStringLiteral("sk0000")));
    columns->resizeSection(TrafficModel::DirectionColumn,
                           widthOf(m_model->headerData(TrafficModel::DirectionColumn, Qt::Horizontal).toString()));
    columns->resizeSection(TrafficModel::PeerColumn, widthOf(QStringLiteral("255.255.255.255:65535")));
    columns->resizeSection(TrafficModel::LengthColumn, widthOf(QStringLiteral("0000000")));

    // Connected after setModel(): the view has updated its scroll range when these run.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, &TrafficPanel::rememberPosition);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TrafficPanel::followTail);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, &TrafficPanel::rememberPosition);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TrafficPanel::restorePosition);
    connect(m_model, &TrafficModel::countsChanged, this, &TrafficPanel::updateCounts);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrafficPanel::currentRowChanged);
}

void TrafficPanel::applyTextFilter()
{
    m_textTimer.stop();
    m_model->setTextFilter(m_textFilter->text());
    const QString error = m_model->textFilterError();
    setErrorText(m_textFilter, !error.isEmpty());
    m_textFilter->setToolTip(error.isEmpty()
                                 ? tr("Show records whose bytes contain this text (as UTF-8), or hex:48 65 6c for bytes")
                                 : tr("Not a hex filter: %1").arg(error));
    updateClearFilter();
}

void TrafficPanel::clearFilters()
{
    {
        const QSignalBlocker socketBlocker(m_socketCombo);
        const QSignalBlocker directionBlocker(m_directionCombo);
        const QSignalBlocker textBlocker(m_textFilter);
        m_socketCombo->setCurrentIndex(0);
        m_directionCombo->setCurrentIndex(0);
        m_textFilter->clear();
    }
    m_model->clearFilters();
    applyTextFilter();
}

void TrafficPanel::rememberPosition()
{
    const QScrollBar *bar = m_view->verticalScrollBar();
    m_wasAtBottom = bar->value() >= bar->maximum();
    m_currentRecord = m_model->recordIndex(m_view->currentIndex().row());
}

void TrafficPanel::followTail()
{
    if (m_wasAtBottom)
        m_view->scrollToBottom();
}

void TrafficPanel::restorePosition()
{
    const int row = m_model->rowOfRecord(m_currentRecord);
    if (row >= 0) {
        const QModelIndex index = m_model->index(row, 0);
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                             | QItemSelectionModel::Rows);
        if (!m_wasAtBottom)
            m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    }
    if (m_wasAtBottom)
        m_view->scrollToBottom();
    updateClearFilter();
}

void TrafficPanel::currentRowChanged(const QModelIndex &current)
{
    const qsizetype index = m_model->recordIndex(current.row());
    if (index < 0 || index == m_dump->recordIndex())
        return;
    m_dump->showRecord(index);
    const core::TrafficRecord record = m_workbench.traffic().at(index);
    emit recordChosen(record.socketId, core::trafficPeer(m_workbench.traffic(), m_workbench.sockets(), record));
}

void TrafficPanel::updateClearFilter()
{
    m_clearFilterAction->setEnabled(m_model->isFiltered() || !m_textFilter->text().isEmpty());
}

void TrafficPanel::updateCounts(qsizetype shown, qsizetype seen)
{
    const int total = int(std::min<qsizetype>(seen, INT_MAX));
    m_countLabel->setText(m_model->isFiltered() ? tr("%L1 of %Ln record(s)", nullptr, total).arg(shown)
                                                : tr("%Ln record(s)", nullptr, total));
    // Only ever wider: a width that followed the text 30 times a second would relayout the
    // window each time the count gains or loses a digit.
    m_countLabel->setMinimumWidth(std::max(m_countLabel->minimumWidth(), m_countLabel->sizeHint().width()));
}

} // namespace ui
