package auth

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies are the reverse proxies (TRUSTED_PROXIES) whose X-Forwarded-For Sporbar believes.
// Throttling counts per client address, so the address must be one a client cannot choose:
// a request straight from a client is that client's peer address, whatever headers it sends.
type Proxies struct {
	trusted []netip.Prefix
}

// NewProxies returns the resolver for requests that pass through the trusted networks.
func NewProxies(trusted []netip.Prefix) Proxies { return Proxies{trusted: trusted} }

// Address is the request's client address: the peer (RemoteAddr without its port) unless the
// peer is a trusted proxy; then X-Forwarded-For is read from the right, past every trusted
// proxy, and the first address that is not one is the client. A malformed entry stops the
// walk at the last address known good, so a client cannot hide behind garbage.
func (p Proxies) Address(r *http.Request) string {
	peer := peerAddress(r)
	ip, err := netip.ParseAddr(peer)
	if err != nil || !p.isTrusted(ip) {
		return peer
	}
	hops := forwardedFor(r)
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(hops[i])
		if err != nil {
			break
		}
		ip = hop.Unmap()
		if !p.isTrusted(ip) {
			break
		}
	}
	return ip.String()
}

func (p Proxies) isTrusted(ip netip.Addr) bool {
	ip = ip.Unmap()
	for _, n := range p.trusted {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// forwardedFor is every address of every X-Forwarded-For header, in order (nearest last).
func forwardedFor(r *http.Request) []string {
	var out []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		for _, part := range strings.Split(h, ",") {
			out = append(out, strings.TrimSpace(part))
		}
	}
	return out
}

// clientKey is the context key of the client address resolved by WithClientAddress.
type clientKey struct{}

// WithClientAddress returns r carrying its resolved client address (see ClientAddress).
func WithClientAddress(r *http.Request, p Proxies) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), clientKey{}, p.Address(r)))
}

// ClientAddress is the client's IP address as Sporbar counts and records it: the one
// WithClientAddress resolved, or the peer's when nothing was resolved.
func ClientAddress(r *http.Request) string {
	if a, ok := r.Context().Value(clientKey{}).(string); ok {
		return a
	}
	return peerAddress(r)
}

// peerAddress is the request's remote IP without the port.
func peerAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.Unmap().String()
	}
	return host
}
