#pragma once

#include <QLabel>

namespace ui {

// The message under an input field: why what was typed cannot be used, in red. It always takes
// its one line, shown or not, so a message coming and going never moves the buttons below it
// (a click aimed at a button must not land on text). A message longer than the line is cut with
// "…" and is whole in the tooltip and the accessible description.
class FieldMessage final : public QLabel
{
    Q_OBJECT
public:
    explicit FieldMessage(QWidget *parent = nullptr);

    void setMessage(const QString &message); // empty: no message
    QString message() const { return m_message; }
    bool hasMessage() const { return !m_message.isEmpty(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_message;
};

} // namespace ui
