package notify

import (
	"context"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"dateline/internal/letters"
	"dateline/internal/story"
)

// inbox is a real SMTP server on loopback that keeps what it receives.
type inbox struct {
	mu   sync.Mutex
	mail []received
}

type received struct {
	from string
	to   []string
	data string
}

func (b *inbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{box: b}, nil }

type session struct {
	box *inbox
	cur received
}

func (s *session) Reset()        { s.cur = received{} }
func (s *session) Logout() error { return nil }
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.cur.from = from
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.to = append(s.cur.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = string(b)
	s.box.mu.Lock()
	s.box.mail = append(s.box.mail, s.cur)
	s.box.mu.Unlock()
	return nil
}

func TestMessageNoticeReachesTheDesk(t *testing.T) {
	box := &inbox{}
	srv := smtp.NewServer(box)
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()

	env := map[string]string{
		"DATELINE_SMTP_ADDR": ln.Addr().String(),
		"DATELINE_SMTP_FROM": "site@example.com",
		"DATELINE_SMTP_TO":   "desk@example.com, editor@example.com",
	}
	m, err := FromEnv(func(k string) string { return env[k] })
	if err != nil || m == nil {
		t.Fatalf("FromEnv: %v", err)
	}
	m.DeskURL = "https://news.example/newsroom/letters"
	st := &story.Story{Headline: "Harbour ferries return"}
	err = m.Message(
		context.Background(),
		42,
		letters.Message{Kind: letters.KindComment, Name: "Rosa\r\nBcc: victim@example.com", Place: "Toronto",
			Email: "rosa@example.com", Text: "Keep the night ferry!\rBcc: bare-cr@example.com\nand a bare LF\r\n", State: letters.StatePending},
		st,
	)
	if err != nil {
		t.Fatal(err)
	}

	deadline := time.Now().Add(10 * time.Second)
	for {
		box.mu.Lock()
		n := len(box.mail)
		box.mu.Unlock()
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no mail arrived within 10 s")
		}
		<-time.After(20 * time.Millisecond)
	}
	got := box.mail[0]
	if got.from != "site@example.com" || strings.Join(got.to, ",") != "desk@example.com,editor@example.com" {
		t.Fatalf("envelope: from %q to %v", got.from, got.to)
	}
	for _, want := range []string{`Subject: New comment from Rosa Bcc: victim@example.com about "Harbour ferries return"`, "Keep the night ferry!", "https://news.example/newsroom/letters", "<rosa@example.com>"} {
		if !strings.Contains(got.data, want) {
			t.Errorf("mail lacks %q:\n%s", want, got.data)
		}
	}
	for i := range len(got.data) {
		if got.data[i] == '\r' && (i+1 == len(got.data) || got.data[i+1] != '\n') || got.data[i] == '\n' && (i == 0 || got.data[i-1] != '\r') {
			t.Fatalf("a bare CR or LF at byte %d reached the SMTP server:\n%q", i, got.data)
		}
	}
	if head, _, _ := strings.Cut(got.data, "\r\n\r\n"); strings.Contains(head, "\r\nBcc:") {
		t.Error("a reader's name added a header")
	}
}

func TestFromEnv(t *testing.T) {
	if m, err := FromEnv(func(string) string { return "" }); m != nil || err != nil {
		t.Fatal("no SMTP settings should mean no mailer")
	}
	if _, err := FromEnv(func(k string) string { return map[string]string{"DATELINE_SMTP_ADDR": "mail.example"}[k] }); err == nil {
		t.Fatal("an address without a port was accepted")
	}
	if _, err := FromEnv(func(k string) string { return map[string]string{"DATELINE_SMTP_ADDR": "mail.example:25"}[k] }); err == nil {
		t.Fatal("a mailer without from and to was accepted")
	}
}
