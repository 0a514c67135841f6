package bench

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Latency is a latency summary in milliseconds, as results.json stores it.
type Latency struct {
	P50  float64 `json:"p50_ms"`
	P95  float64 `json:"p95_ms"`
	P99  float64 `json:"p99_ms"`
	Max  float64 `json:"max_ms"`
	Mean float64 `json:"mean_ms"`
}

// Summarise computes the percentiles of samples exactly, by sorting them (in place). The
// percentile p is the smallest sample with at least p% of the samples at or below it (the
// nearest-rank method, as HdrHistogram reports it). An empty slice gives zeros.
func Summarise(samples []time.Duration) Latency {
	if len(samples) == 0 {
		return Latency{}
	}
	slices.Sort(samples)
	var sum time.Duration
	for _, d := range samples {
		sum += d
	}
	return Latency{
		P50:  ms(percentile(samples, 50)),
		P95:  ms(percentile(samples, 95)),
		P99:  ms(percentile(samples, 99)),
		Max:  ms(samples[len(samples)-1]),
		Mean: ms(sum / time.Duration(len(samples))),
	}
}

// percentile is the nearest-rank percentile p (0 < p ≤ 100) of sorted, which is not empty.
func percentile(sorted []time.Duration, p float64) time.Duration {
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[max(rank, 1)-1]
}

// ms is d in milliseconds, rounded to microseconds.
func ms(d time.Duration) float64 {
	return math.Round(float64(d)/float64(time.Microsecond)) / 1000
}

// FormatResult is one line about r for a terminal.
func FormatResult(r Result) string {
	s := fmt.Sprintf("%-28s %6d req  %4d err  %8.1f req/s", r.Name, r.Sent, r.Errors, r.Throughput)
	if r.Rate > 0 {
		s += fmt.Sprintf(" (offered %.0f)", r.Rate)
	}
	l := r.Latency
	s += fmt.Sprintf("  p50 %7.2f  p95 %7.2f  p99 %7.2f  max %7.2f ms  %7d B", l.P50, l.P95, l.P99, l.Max, r.MeanBytes)
	if r.FirstError != "" {
		s += "  first error: " + r.FirstError
	}
	return s
}
