package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// ErrPrivateAddress refuses a connection to this machine or a private network, so a
// configured feed (or a photo link inside agency copy) cannot be used to reach
// services that are not on the internet.
var ErrPrivateAddress = errors.New(
	"refused to connect to a loopback, private or otherwise non-public address (set DATELINE_WIRE_ALLOW_PRIVATE=1 to allow)",
)

// Client is the HTTP client for agency feeds and photos: timeouts on every step,
// no proxy from the environment, at most 5 redirects to http or https, and, unless
// allowPrivate, only public addresses. The address is checked after DNS resolution,
// on every connection, so a name that resolves (or is re-pointed) to a private
// address is refused too.
func Client(allowPrivate bool, timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		if allowPrivate {
			return nil
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrPrivateAddress, address)
		}
		if !Public(ap.Addr()) {
			return fmt.Errorf("%w: %s", ErrPrivateAddress, ap.Addr())
		}
		return nil
	}}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: timeout,
			IdleConnTimeout:       90 * time.Second,
			MaxIdleConnsPerHost:   2,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("more than 5 redirects")
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to a %s: address refused", req.URL.Scheme)
			}
			return nil
		},
	}
}

// nonPublic are the special-use ranges (IANA's IPv4 and IPv6 special-purpose
// registries) that netip's predicates do not cover: "this network", shared address
// space (carrier NAT), IETF protocol assignments, documentation, benchmarking, 6to4
// relays, reserved and broadcast; IPv4-compatible IPv6 ("::127.0.0.1"), NAT64, the
// discard prefix, Teredo and other IETF assignments, 6to4 (which embeds any IPv4
// address), documentation and deprecated site-local addresses.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"), netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"), netip.MustParsePrefix("198.18.0.0/15"), netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"), netip.MustParsePrefix("192.88.99.0/24"), netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("::/96"), netip.MustParsePrefix("64:ff9b::/96"), netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("100::/64"), netip.MustParsePrefix("2001::/23"), netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("2002::/16"), netip.MustParsePrefix("3fff::/20"), netip.MustParsePrefix("5f00::/16"),
	netip.MustParsePrefix("fec0::/10"),
}

// Public reports whether ip is an ordinary internet unicast address. It works on the
// parsed address: an IPv4-mapped IPv6 address is judged as the IPv4 address it
// carries, and an IPv6 zone does not change the verdict.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap().WithZone("")
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsMulticast() || ip.IsUnspecified() || ip.IsInterfaceLocalMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// Fetch returns a function that opens a URL through client, for agency photos:
// anything but 200 OK is an error naming the status.
func Fetch(client *http.Client) func(ctx context.Context, url string) (io.ReadCloser, error) {
	return func(ctx context.Context, url string) (io.ReadCloser, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("User-Agent", "Dateline wire ingest")
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return nil, fmt.Errorf("the agency's server answered %s", resp.Status)
		}
		return resp.Body, nil
	}
}
