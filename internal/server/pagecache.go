package server

import (
	"container/list"
	"sync"
	"time"
)

// pageCache keeps rendered parts of costly pages (the samlet skema) for as long as the data
// they were built from stands still. An entry is valid for one organisation data version
// (domain.Organisation.DataVersion, bumped in the transaction of every change) and one
// Danish date (the pages count days: stale items, deadlines, indicator periods). A key holds
// one entry, so a newer version replaces the older one; the least recently used entries go
// when the total size passes the limit. Safe for concurrent use.
//
// The version must be read before the data the part is built from: the part then shows data
// at least as new as its version, and a change committed in between only makes the next
// request build the part again.
type pageCache struct {
	mu       sync.Mutex
	maxBytes int
	bytes    int
	order    *list.List // of *pageCacheEntry, most recently used first
	entries  map[string]*list.Element
}

type pageCacheEntry struct {
	key     string
	version int64
	day     time.Time
	html    string
}

// newPageCache returns a cache that holds at most maxBytes of HTML (none when maxBytes ≤ 0).
func newPageCache(maxBytes int) *pageCache {
	return &pageCache{maxBytes: maxBytes, order: list.New(), entries: map[string]*list.Element{}}
}

// get returns the part kept under key if it was built at version on day.
func (c *pageCache) get(key string, version int64, day time.Time) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return "", false
	}
	e := el.Value.(*pageCacheEntry)
	if e.version != version || !e.day.Equal(day) {
		return "", false
	}
	c.order.MoveToFront(el)
	return e.html, true
}

// put keeps html under key for version and day, unless the key already holds a newer version.
func (c *pageCache) put(key string, version int64, day time.Time, html string) {
	if len(html) > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		e := el.Value.(*pageCacheEntry)
		if e.version > version || e.day.After(day) {
			return
		}
		c.bytes += len(html) - len(e.html)
		e.version, e.day, e.html = version, day, html
		c.order.MoveToFront(el)
	} else {
		c.entries[key] = c.order.PushFront(&pageCacheEntry{key: key, version: version, day: day, html: html})
		c.bytes += len(html)
	}
	for c.bytes > c.maxBytes {
		el := c.order.Back()
		e := el.Value.(*pageCacheEntry)
		c.order.Remove(el)
		delete(c.entries, e.key)
		c.bytes -= len(e.html)
	}
}
