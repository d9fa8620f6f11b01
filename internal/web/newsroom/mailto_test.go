package newsroom

import (
	"net/url"
	"testing"
)

func TestReplyURLCannotCarryHeaders(t *testing.T) {
	for email, want := range map[string]string{
		"rosa@example.com":                          "mailto:rosa@example.com?subject=Re%3A%20hi",
		"rosa@example.com?bcc=spy@evil.example":     "",
		`"rosa?bcc=spy@evil.example"@example.com`:   "mailto:rosa%3Fbcc%3Dspy%40evil.example@example.com?subject=Re%3A%20hi",
		"rosa@example.com&cc=spy@evil.example":      "",
		"rosa@example.com, spy@evil.example":        "",
		"Rosa <rosa@example.com>":                   "",
		"not an address":                            "",
		"rosa%3Fbcc%3Dspy@example.com":              "mailto:rosa%253Fbcc%253Dspy@example.com?subject=Re%3A%20hi",
		"rosa+news@example.com":                     "mailto:rosa%2Bnews@example.com?subject=Re%3A%20hi",
		"rosa@example.com\r\nbcc: spy@evil.example": "",
	} {
		got := replyURL(email, "Re: hi")
		if got != want {
			t.Errorf("replyURL(%q) = %q, want %q", email, got, want)
			continue
		}
		if got == "" {
			continue
		}
		u, err := url.Parse(got)
		if err != nil {
			t.Fatalf("%q: %v", got, err)
		}
		if q := u.Query(); len(q) != 1 || q.Get("subject") != "Re: hi" {
			t.Errorf("replyURL(%q) carries fields %v", email, q)
		}
	}
}
