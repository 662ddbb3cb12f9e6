#include "ui/console/consolepanel.h"

#include "python/pythonrunner.h"
#include "ui/widgets/themecolors.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QTextCharFormat>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

namespace {
constexpr int kHistorySize = 500;
const auto kHistoryKey = QStringLiteral("console/history");
} // namespace

ConsolePanel::ConsolePanel(py::PythonRunner &runner, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_output(new QPlainTextEdit(this))
    , m_prompt(new QLabel(QStringLiteral(">>>"), this))
    , m_input(new QLineEdit(this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_run(new QPushButton(tr("Run script…"), this))
{
    setObjectName(QStringLiteral("consolePanel"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_output->setFont(mono);
    m_output->setReadOnly(true);
    m_output->setAccessibleName(tr("Console output"));
    m_output->setMaximumBlockCount(20000);
    m_output->setPlaceholderText(tr("Python %1 with the workbench's socket module: every call shows in the journal, "
                                    "the tree and the traffic log. The window's sockets are here by their names (sk1…).")
                                     .arg(QStringLiteral("3")));
    m_prompt->setFont(mono);
    m_input->setFont(mono);
    m_input->setAccessibleName(tr("Python input"));
    m_input->setToolTip(tr("Enter runs the line; Up/Down: history; Tab: completion; Ctrl+C: stop"));
    m_input->installEventFilter(this);
    m_stop->setAccessibleName(tr("Stop"));
    m_stop->setToolTip(tr("Interrupts what runs: a waiting call is cancelled and KeyboardInterrupt raised (Ctrl+C)"));
    m_stop->setEnabled(false);
    m_run->setAccessibleName(tr("Run script"));
    m_run->setToolTip(tr("Runs a Python file here, as python3 would run it"));
    connect(m_stop, &QPushButton::clicked, this, [this] { m_runner.interrupt(); });
    connect(m_run, &QPushButton::clicked, this, &ConsolePanel::chooseScript);
    connect(m_input, &QLineEdit::returnPressed, this, [this] {
        if (!m_waiting)
            submit(m_input->text());
    });

    connect(&m_runner, &py::PythonRunner::output, this, &ConsolePanel::append);
    connect(&m_runner, &py::PythonRunner::ready, this, [this](bool more) {
        setWaiting(false);
        showPrompt(more);
        emit idle();
    });
    connect(&m_runner, &py::PythonRunner::scriptFinished, this, [this](const QString &path, int status) {
        append(tr("# %1 ended with exit status %2\n").arg(path, QString::number(status)), status != 0);
        setWaiting(false);
        showPrompt(false);
        emit idle();
    });
    connect(&m_runner, &py::PythonRunner::completions, this, [this](const QString &text, const QStringList &names) {
        if (m_input->text() != m_completing + text || names.isEmpty())
            return;
        if (names.size() == 1) {
            m_input->setText(m_completing + names.first());
            return;
        }
        QString common = names.first();
        for (const QString &name : names) {
            while (!name.startsWith(common))
                common.chop(1);
        }
        if (common.size() > text.size())
            m_input->setText(m_completing + common);
        else
            append(names.join(QStringLiteral("  ")) + QLatin1Char('\n'), false);
    });

    m_history = QSettings().value(kHistoryKey).toStringList();

    auto *row = new QHBoxLayout;
    row->addWidget(m_prompt);
    row->addWidget(m_input, 1);
    row->addWidget(m_stop);
    row->addWidget(m_run);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_output, 1);
    layout->addLayout(row);
}

void ConsolePanel::append(const QString &text, bool error)
{
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat format;
    if (error)
        format.setForeground(ThemeColors::of(m_output->palette()).error);
    cursor.insertText(text, format);
    m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
}

void ConsolePanel::submit(const QString &line)
{
    append((m_more ? QStringLiteral("... ") : QStringLiteral(">>> ")) + line + QLatin1Char('\n'), false);
    remember(line);
    m_input->clear();
    setWaiting(true);
    m_runner.push(line);
}

void ConsolePanel::runScript(const QString &path)
{
    append(tr("# running %1\n").arg(path), false);
    setWaiting(true);
    m_runner.runFile(path);
}

void ConsolePanel::chooseScript()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Run a Python script"), {}, tr("Python (*.py);;All files (*)"),
                                                      nullptr, QFileDialog::DontUseNativeDialog);
    if (!path.isEmpty())
        runScript(path);
}

void ConsolePanel::setWaiting(bool waiting)
{
    m_waiting = waiting;
    m_stop->setEnabled(waiting);
    m_run->setEnabled(!waiting);
    m_input->setReadOnly(waiting);
}

void ConsolePanel::showPrompt(bool more)
{
    m_more = more;
    m_prompt->setText(more ? QStringLiteral("...") : QStringLiteral(">>>"));
    m_input->setFocus();
}

void ConsolePanel::remember(const QString &line)
{
    m_historyAt = -1;
    if (line.trimmed().isEmpty() || (!m_history.isEmpty() && m_history.last() == line))
        return;
    m_history.append(line);
    while (m_history.size() > kHistorySize)
        m_history.removeFirst();
    QSettings().setValue(kHistoryKey, m_history);
}

bool ConsolePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy) && !m_input->hasSelectedText()) {
            m_runner.interrupt();
            return true;
        }
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down: {
            if (m_history.isEmpty())
                return true;
            const bool up = key->key() == Qt::Key_Up;
            int at = m_historyAt < 0 ? int(m_history.size()) : m_historyAt;
            at = std::clamp(at + (up ? -1 : 1), 0, int(m_history.size()));
            m_historyAt = at;
            m_input->setText(at < m_history.size() ? m_history.at(at) : QString());
            return true;
        }
        case Qt::Key_Tab: {
            // The name before the cursor (os.pa, sk1.re) is what completes, as in python3's REPL.
            static const QRegularExpression word(QStringLiteral("[A-Za-z_][\\w.]*$"));
            const QString text = m_input->text().left(m_input->cursorPosition());
            const QRegularExpressionMatch match = word.match(text);
            if (!match.hasMatch()) {
                m_input->insert(QStringLiteral("    ")); // indentation in a block
                return true;
            }
            m_completing = text.left(match.capturedStart());
            m_runner.complete(match.captured());
            return true;
        }
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ui
