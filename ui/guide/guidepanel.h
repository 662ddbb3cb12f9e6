#pragma once

#include "core/store/journal.h"

#include <QWidget>

class QTabWidget;
class QTextBrowser;

namespace ui {

// Help → Guide: what each panel is, the three stories as first steps, the keyboard shortcuts;
// and, once the Loopback echo lab has run, its notes: each call it made, what came back, and why.
class GuidePanel final : public QWidget
{
    Q_OBJECT
public:
    explicit GuidePanel(QWidget *parent = nullptr);

    QTextBrowser *guide() const { return m_guide; }
    QTextBrowser *labNotes() const { return m_labNotes; }
    void showGuide();
    // The lab's calls in the order made; client and server name the sockets to try next.
    void showLabNotes(const QList<core::CallRecord> &calls, const QString &client, const QString &server);

private:
    QTabWidget *m_tabs;
    QTextBrowser *m_guide;
    QTextBrowser *m_labNotes;
};

} // namespace ui
