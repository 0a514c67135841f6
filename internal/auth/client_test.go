package auth

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestProxiesAddress(t *testing.T) {
	t.Parallel()
	proxies := NewProxies([]netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")})
	tests := []struct {
		name, peer string
		forwarded  []string
		want       string
	}{
		{"no proxy", "203.0.113.5:4000", nil, "203.0.113.5"},
		{"untrusted peer's header ignored", "203.0.113.5:4000", []string{"198.51.100.1"}, "203.0.113.5"},
		{"trusted peer names the client", "10.0.0.2:4000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"trusted peer, no header", "10.0.0.2:4000", nil, "10.0.0.2"},
		{"forged entries left of the client", "10.0.0.2:4000", []string{"1.2.3.4, 198.51.100.1"}, "198.51.100.1"},
		{"two trusted hops", "10.0.0.2:4000", []string{"198.51.100.1, 10.0.0.7"}, "198.51.100.1"},
		{"headers in order", "10.0.0.2:4000", []string{"1.2.3.4", "198.51.100.2"}, "198.51.100.2"},
		{"garbage stops the walk", "10.0.0.2:4000", []string{"198.51.100.1, ikke-en-adresse"}, "10.0.0.2"},
		{"IPv6 proxy", "[::1]:4000", []string{"2001:db8::7"}, "2001:db8::7"},
		{"IPv4 in IPv6", "[::ffff:203.0.113.5]:4000", nil, "203.0.113.5"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.peer
		for _, h := range tt.forwarded {
			r.Header.Add("X-Forwarded-For", h)
		}
		if got := ClientAddress(WithClientAddress(r, proxies)); got != tt.want {
			t.Errorf("%s: address %q, want %q", tt.name, got, tt.want)
		}
	}
}
