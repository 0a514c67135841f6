package server

import "testing"

// TestLocalPath: only a path of Sporbar's own is a place to go back to; everything that a
// browser could read as another site falls back to the default ("").
func TestLocalPath(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"/", "/"},
		{"/org/ringkobing-skjern/oversigt?strategi=3&enhed=7", "/org/ringkobing-skjern/oversigt?strategi=3&enhed=7"},
		{"/indsatser/12#status", "/indsatser/12#status"},
		{"/org/a/../b", "/org/b"},
		{"/org/%C3%A6ble", "/org/%C3%A6ble"},
		{"", ""},
		{"/%09/evil.example", ""},
		{"/\t/evil.example", ""},
		{"//evil.example", ""},
		{"///evil.example", ""},
		{`/\evil.example`, ""},
		{`\/evil.example`, ""},
		{"/%5Cevil.example", ""},
		{"/%2F/evil.example", ""},
		{"/%2f%2fevil.example", ""},
		{"https://evil.example/", ""},
		{"http:/evil.example", ""},
		{"javascript:alert(1)", ""},
		{"evil.example", ""},
		{"org/x", ""},
		{"/\r\nSet-Cookie: x=1", ""},
		{"/%0d%0aSet-Cookie:x", ""},
		{"/%00", ""},
		{"/\x7f", ""},
		{"/\xff\xfe", ""},
		{"/%ff%fe", ""},
		{"/" + string(make([]byte, maxLocalPath)), ""},
	}
	for _, tt := range tests {
		if got := localPath(tt.in); got != tt.want {
			t.Errorf("localPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSafeNext: after sign-in, a local path is kept, anything else and the sign-in page itself
// fall back to the front page.
func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{"/mine-opgaver": "/mine-opgaver", "/login": "", "/login?next=/x": "",
		"/%09/evil.example": "", "//evil.example": "", "https://evil.example": ""} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
