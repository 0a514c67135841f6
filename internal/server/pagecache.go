package server

import (
	"container/list"
	"sync"
	"time"
)

// pageCache keeps rendered parts of costly pages (the samlet skema) for as long as the data
// they were built from stands still. An entry belongs to one organisation and is valid for one
// organisation data version (domain.Organisation.DataVersion, bumped in the transaction of
// every change) and one Danish date (the pages count days: stale items, deadlines, indicator
// periods). A key holds one entry, so a newer version replaces the older one; the least
// recently used entries go when the total size passes the limit. The size counts what an
// entry really holds: its key, its HTML and a fixed allowance for the bookkeeping
// (pageCacheEntryOverhead). Safe for concurrent use.
//
// The version must be read before the data the part is built from: the part then shows data
// at least as new as its version, and a change committed in between only makes the next
// request build the part again.
//
// A version lower than one seen before for the same organisation means the database was
// restored or changed outside Sporbar's writers: every entry of that organisation goes, and
// the lower version is remembered as the organisation's newest.
type pageCache struct {
	mu       sync.Mutex
	maxBytes int
	bytes    int
	order    *list.List // of *pageCacheEntry, most recently used first
	entries  map[string]*list.Element
	newest   map[int64]int64 // per organisation, the newest version seen
	hits     uint64
	misses   uint64
	purges   uint64 // organisations purged because their version went backwards
}

type pageCacheEntry struct {
	org     int64
	key     string
	version int64
	day     time.Time
	html    string
}

// pageCacheEntryOverhead is what an entry costs besides its key and HTML: the list element,
// the entry, the map's slot and the strings' headers, rounded up.
const pageCacheEntryOverhead = 256

// size is what e counts against the limit.
func (e *pageCacheEntry) size() int { return len(e.key) + len(e.html) + pageCacheEntryOverhead }

// pageCacheStats is a snapshot of the cache for the metrics (metrics.go).
type pageCacheStats struct {
	Hits, Misses, Purges uint64
	Bytes, Entries       int
	MaxBytes             int
}

// newPageCache returns a cache that holds at most maxBytes (none when maxBytes ≤ 0).
func newPageCache(maxBytes int) *pageCache {
	return &pageCache{maxBytes: maxBytes, order: list.New(), entries: map[string]*list.Element{}, newest: map[int64]int64{}}
}

// get returns the part of organisation org kept under key if it was built at version on day.
func (c *pageCache) get(org int64, key string, version int64, day time.Time) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.see(org, version)
	el, ok := c.entries[key]
	if !ok {
		c.misses++
		return "", false
	}
	e := el.Value.(*pageCacheEntry)
	if e.org != org || e.version != version || !e.day.Equal(day) {
		c.misses++
		return "", false
	}
	c.hits++
	c.order.MoveToFront(el)
	return e.html, true
}

// put keeps html of organisation org under key for version and day, unless the key already
// holds a newer version or the entry alone would pass the limit.
func (c *pageCache) put(org int64, key string, version int64, day time.Time, html string) {
	n := &pageCacheEntry{org: org, key: key, version: version, day: day, html: html}
	if n.size() > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if version < c.newest[org] {
		return // built from data older than a version seen since: not worth keeping
	}
	if el, ok := c.entries[key]; ok {
		e := el.Value.(*pageCacheEntry)
		if e.version > version || e.day.After(day) {
			return
		}
		c.remove(el)
	}
	c.entries[key] = c.order.PushFront(n)
	c.bytes += n.size()
	for c.bytes > c.maxBytes {
		c.remove(c.order.Back())
	}
}

// see records version, just read from the database, as seen for org. When it is lower than
// one seen before, every entry of org goes. (A request that read its version just before a
// change and comes here just after a request that read the new one purges too: a rebuild,
// never a stale page.) c.mu must be held.
func (c *pageCache) see(org int64, version int64) {
	newest, ok := c.newest[org]
	if ok && version < newest {
		c.purge(org)
	}
	if !ok || version != newest {
		c.newest[org] = version
	}
}

// purge removes every entry of org. c.mu must be held.
func (c *pageCache) purge(org int64) {
	c.purges++
	for el := c.order.Front(); el != nil; {
		next := el.Next()
		if el.Value.(*pageCacheEntry).org == org {
			c.remove(el)
		}
		el = next
	}
}

// remove takes el out of the cache. c.mu must be held.
func (c *pageCache) remove(el *list.Element) {
	e := el.Value.(*pageCacheEntry)
	c.order.Remove(el)
	delete(c.entries, e.key)
	c.bytes -= e.size()
}

// stats returns the counters and the size now.
func (c *pageCache) stats() pageCacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return pageCacheStats{Hits: c.hits, Misses: c.misses, Purges: c.purges, Bytes: c.bytes, Entries: len(c.entries), MaxBytes: c.maxBytes}
}
