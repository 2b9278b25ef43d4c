package webhooks

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// ErrNotPublic is why a delivery was refused by a Sender that sends
// only to public addresses: the receiver's host resolved to a private,
// loopback, link-local or otherwise non-public address.
var ErrNotPublic = errors.New("the receiver's address is not public")

// nonPublic are the ranges a tenant must not reach through the
// operator's worker: besides what netip classifies (loopback, private,
// link-local, multicast, unspecified), carrier-grade NAT, the
// benchmarking and documentation nets, IPv4-in-IPv6 translation and
// the reserved class E.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2001:db8::/32"),
}

// Public says whether a is an address on the public internet.
func Public(a netip.Addr) bool {
	a = a.Unmap() // ::ffff:127.0.0.1 is 127.0.0.1
	if !a.IsGlobalUnicast() || a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// publicOnly refuses a connection to any address that is not Public.
// It runs after name resolution, on the address actually dialled, so
// a name that resolves (or re-resolves) to an inner address is caught
// too.
func publicOnly(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %q", ErrNotPublic, address)
	}
	if !Public(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrNotPublic, ap.Addr())
	}
	return nil
}

// publicClient follows no redirect and dials only public addresses,
// directly: a proxy from the environment would dial for it, unchecked.
func publicClient() *http.Client {
	d := &net.Dialer{Timeout: DefaultTimeout, Control: publicOnly}
	t := &http.Transport{
		Proxy:               nil,
		DialContext:         func(ctx context.Context, n, a string) (net.Conn, error) { return d.DialContext(ctx, n, a) },
		TLSHandshakeTimeout: DefaultTimeout,
		MaxIdleConns:        100,
		IdleConnTimeout:     90 * time.Second,
		ForceAttemptHTTP2:   true,
	}
	return &http.Client{Transport: t, CheckRedirect: noRedirects.CheckRedirect}
}
