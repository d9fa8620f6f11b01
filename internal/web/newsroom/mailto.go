package newsroom

import (
	"net/mail"
	"net/url"
	"strings"
)

// replyURL is a mailto: link answering a reader, or "" when the stored address does
// not parse as one address. The address is rebuilt from its parsed parts, each
// escaped, so a reader cannot add "?bcc=", "&cc=" or a second recipient to the
// desk's reply (RFC 6068).
func replyURL(email, subject string) string {
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Name != "" || strings.ContainsAny(addr.Address, ",;") {
		return ""
	}
	at := strings.LastIndexByte(addr.Address, '@')
	if at <= 0 || at == len(addr.Address)-1 {
		return ""
	}
	local, domain := addr.Address[:at], addr.Address[at+1:]
	return "mailto:" + mailtoEscape(local) + "@" + mailtoEscape(domain) + "?subject=" + mailtoEscape(subject)
}

// mailtoEscape percent-encodes everything but RFC 3986's unreserved characters, so
// "?", "&", "=", "#", "%" and "," cannot start or split a header field.
func mailtoEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
