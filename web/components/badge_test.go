package components

import (
	"context"
	"strings"
	"testing"
)

func TestBadge(t *testing.T) {
	for _, tt := range []struct{ kind, text, want string }{
		{"paa-sporet", "På sporet", `<span class="badge sporbar-badge sporbar-badge--paa-sporet">På sporet</span>`},
		{`x"><script>`, "<b>&", `<span class="badge sporbar-badge sporbar-badge--x&#34;&gt;&lt;script&gt;">&lt;b&gt;&amp;</span>`},
	} {
		var b strings.Builder
		if err := Badge(tt.kind, tt.text).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("Badge(%q, %q) = %s, want %s", tt.kind, tt.text, b.String(), tt.want)
		}
	}
}
