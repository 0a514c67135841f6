package server

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestPageCache(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	next := day.AddDate(0, 0, 1)
	type put struct {
		key     string
		version int64
		day     time.Time
		html    string
	}
	type get struct {
		key     string
		version int64
		day     time.Time
		want    string // "" for a miss
	}
	tests := []struct {
		name     string
		maxBytes int
		puts     []put
		gets     []get
	}{
		{
			name: "kept for its version and day only", maxBytes: 10000,
			puts: []put{{"a", 3, day, "skema"}},
			gets: []get{{"a", 3, day, "skema"}, {"a", 4, day, ""}, {"a", 2, day, ""}, {"a", 3, next, ""}, {"b", 3, day, ""}},
		},
		{
			name: "a newer version replaces the older", maxBytes: 10000,
			puts: []put{{"a", 3, day, "old"}, {"a", 4, day, "new"}},
			gets: []get{{"a", 4, day, "new"}, {"a", 3, day, ""}},
		},
		{
			name: "an older version does not replace a newer one", maxBytes: 10000,
			puts: []put{{"a", 4, day, "new"}, {"a", 3, day, "old"}, {"a", 4, next, "tomorrow"}, {"a", 4, day, "yesterday"}},
			gets: []get{{"a", 4, next, "tomorrow"}, {"a", 4, day, ""}},
		},
		{
			name: "the least recently used goes first", maxBytes: 2 * (5 + pageCacheEntryOverhead),
			puts: []put{{"a", 1, day, "aaaa"}, {"b", 1, day, "bbbb"}},
			gets: []get{{"a", 1, day, "aaaa"}},
		},
		{
			name: "too large to keep", maxBytes: 4 + pageCacheEntryOverhead,
			puts: []put{{"a", 1, day, "aaaa"}},
			gets: []get{{"a", 1, day, ""}},
		},
		{
			name: "a version lower than one seen before purges the organisation", maxBytes: 10000,
			puts: []put{{"a", 5, day, "a5"}, {"b", 5, day, "b5"}},
			gets: []get{{"a", 5, day, "a5"}, {"b", 4, day, ""}, {"a", 5, day, ""}},
		},
		{
			name: "none kept when turned off", maxBytes: 0,
			puts: []put{{"a", 1, day, "a"}},
			gets: []get{{"a", 1, day, ""}},
		},
	}
	for _, tt := range tests {
		c := newPageCache(tt.maxBytes)
		for _, p := range tt.puts {
			c.put(1, p.key, p.version, p.day, p.html)
		}
		for _, g := range tt.gets {
			got, ok := c.get(1, g.key, g.version, g.day)
			if ok != (g.want != "") || got != g.want {
				t.Errorf("%s: get(%q, %d, %s) = %q, %v; want %q", tt.name, g.key, g.version, g.day.Format(time.DateOnly), got, ok, g.want)
			}
		}
	}

	// Past the limit, the least recently read entries leave until the rest fits.
	entry := 5 + pageCacheEntryOverhead // a one-letter key and four letters
	c := newPageCache(3 * entry)
	for _, k := range []string{"a", "b", "c"} {
		c.put(1, k, 1, day, strings.Repeat(k, 4))
	}
	c.get(1, "a", 1, day)
	c.put(1, "d", 1, day, "dddd")
	var kept []string
	for _, k := range []string{"a", "b", "c", "d"} {
		if _, ok := c.get(1, k, 1, day); ok {
			kept = append(kept, k)
		}
	}
	if diff := cmp.Diff([]string{"a", "c", "d"}, kept); diff != "" {
		t.Errorf("kept (-want +got):\n%s", diff)
	}
	if got := c.stats(); got.Bytes != 3*entry || got.Entries != 3 {
		t.Errorf("stats = %+v, want %d bytes in 3 entries", got, 3*entry)
	}
}

// Keys count against the limit like the HTML: many entries with long keys and no HTML stay
// within it.
func TestPageCacheCountsKeys(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	const maxBytes = 1 << 20
	c := newPageCache(maxBytes)
	for i := range 200 {
		c.put(1, strings.Repeat("k", 100_000)+strconv.Itoa(i), 1, day, "")
	}
	if got := c.stats(); got.Bytes > maxBytes || got.Entries > 10 {
		t.Errorf("stats = %+v, want at most %d bytes and 10 entries", got, maxBytes)
	}
}
