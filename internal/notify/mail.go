// Package notify tells the letters desk about new reader messages by email, when an
// SMTP server is configured.
package notify

import (
	"context"
	"fmt"
	"net"
	"net/smtp"
	"strings"
	"time"

	"dateline/internal/letters"
	"dateline/internal/story"
)

// Mailer sends plain-text notices through one SMTP server.
type Mailer struct {
	Addr     string // host:port
	From     string
	To       []string
	Username string // optional; PLAIN auth, which net/smtp allows only over TLS or to localhost
	Password string
	DeskURL  string // link to the letters desk in each notice
}

// FromEnv reads DATELINE_SMTP_ADDR, _FROM, _TO (comma-separated), _USERNAME and
// _PASSWORD. It returns nil when no server is configured.
func FromEnv(getenv func(string) string) (*Mailer, error) {
	addr := getenv("DATELINE_SMTP_ADDR")
	if addr == "" {
		return nil, nil
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, fmt.Errorf("DATELINE_SMTP_ADDR %q must be host:port", addr)
	}
	m := &Mailer{
		Addr:     addr,
		From:     getenv("DATELINE_SMTP_FROM"),
		Username: getenv("DATELINE_SMTP_USERNAME"),
		Password: getenv("DATELINE_SMTP_PASSWORD"),
	}
	for _, to := range strings.Split(getenv("DATELINE_SMTP_TO"), ",") {
		if to = strings.TrimSpace(to); to != "" {
			m.To = append(m.To, to)
		}
	}
	if m.From == "" || len(m.To) == 0 {
		return nil, fmt.Errorf("with DATELINE_SMTP_ADDR set, DATELINE_SMTP_FROM and DATELINE_SMTP_TO are needed too")
	}
	return m, nil
}

// clean keeps header values on one line, so reader text cannot add headers.
func clean(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("\r", " ", "\n", " ").Replace(s)), " ")
}

// crlf writes every line break of text as SMTP's CRLF: a bare CR or LF in a reader's
// message would otherwise reach the server as is, and some servers read a bare CR
// as the end of a line.
func crlf(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	return strings.ReplaceAll(text, "\n", "\r\n")
}

// Message tells the desk about one reader message; id is the outbox event's, which
// retries a failed notice. The Message-ID is made from it, so a notice sent twice
// (delivery is at least once) reaches mail clients as one message.
func (m *Mailer) Message(ctx context.Context, id int64, msg letters.Message, about *story.Story) error {
	subject := fmt.Sprintf("New %s from %s", msg.Kind, clean(msg.Name))
	if about != nil {
		subject += " about \"" + clean(about.Headline) + "\""
	}
	var body strings.Builder
	fmt.Fprintf(&body, "Kind: %s\nFrom: %s", msg.Kind, clean(msg.Name))
	if msg.Place != "" {
		fmt.Fprintf(&body, ", %s", clean(msg.Place))
	}
	if msg.Email != "" {
		fmt.Fprintf(&body, " <%s>", clean(msg.Email))
	}
	fmt.Fprintf(&body, "\nState: %s\n\n%s\n\nThe letters desk: %s\n", msg.State, msg.Text, m.DeskURL)
	return m.send(id, subject, body.String())
}

func (m *Mailer) send(id int64, subject, body string) error {
	var b strings.Builder
	host := "dateline.invalid"
	if at := strings.LastIndex(m.From, "@"); at >= 0 {
		host = clean(m.From[at+1:])
	}
	fmt.Fprintf(
		&b,
		"From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <letter-notice-%d@%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n",
		clean(m.From),
		strings.Join(m.To, ", "),
		clean(subject),
		time.Now().Format(time.RFC1123Z),
		id,
		strings.Trim(host, "<> "),
	)
	b.WriteString(crlf(body))
	var auth smtp.Auth
	if m.Username != "" {
		host, _, _ := net.SplitHostPort(m.Addr)
		auth = smtp.PlainAuth("", m.Username, m.Password, host)
	}
	return smtp.SendMail(m.Addr, auth, m.From, m.To, []byte(b.String()))
}
