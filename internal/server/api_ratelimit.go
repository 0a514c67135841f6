package server

import (
	"math"
	"sync"
	"time"
)

// apiLimiter is a token bucket per API token, in this process: a token may make burst requests
// at once and perMinute requests a minute after that. Several instances of Sporbar each allow
// the rate (the limit protects the database from one runaway BI refresh; it is no quota).
type apiLimiter struct {
	mu        sync.Mutex
	perSecond float64
	burst     float64
	now       func() time.Time
	buckets   map[int64]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// maxBuckets bounds the limiter's memory: beyond it, the buckets that are full again are dropped.
const maxBuckets = 10000

// newAPILimiter allows perMinute requests a minute per API token, perMinute of them at once.
func newAPILimiter(perMinute int, now func() time.Time) *apiLimiter {
	perMinute = max(perMinute, 1)
	return &apiLimiter{perSecond: float64(perMinute) / 60, burst: float64(perMinute), now: now,
		buckets: map[int64]*bucket{}}
}

// take spends one request of the token id's bucket and returns 0, or, when the bucket is empty,
// the whole seconds until it holds a request again (spending nothing).
func (l *apiLimiter) take(id int64) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[id]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.dropFull(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[id] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.perSecond)
	b.at = now
	if b.tokens < 1 {
		return max(1, int(math.Ceil((1-b.tokens)/l.perSecond)))
	}
	b.tokens--
	return 0
}

// dropFull forgets the buckets that have filled up again since their last use.
func (l *apiLimiter) dropFull(now time.Time) {
	for id, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*l.perSecond >= l.burst {
			delete(l.buckets, id)
		}
	}
}
