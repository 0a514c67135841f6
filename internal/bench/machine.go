package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Machine describes where the benchmark ran.
type Machine struct {
	CPUs     int     `json:"nproc"`
	CPUModel string  `json:"cpu_model"`
	MemoryGB float64 `json:"memory_gib"`
	Kernel   string  `json:"kernel,omitempty"`
	Go       string  `json:"go"`
	Postgres string  `json:"postgres,omitempty"`
	LoadAvg  string  `json:"load_average_before,omitempty"` // /proc/loadavg when the run began
	LoadEnd  string  `json:"load_average_after,omitempty"`  // and when it ended: other work on the machine shows here
}

// ThisMachine reads the machine's processors, memory and load from /proc.
func ThisMachine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), Go: runtime.Version(), CPUModel: "unknown"}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.Lines(string(b)) {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if kb, ok := procField("/proc/meminfo", "MemTotal"); ok {
		m.MemoryGB = float64(kb) / (1 << 20)
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	m.LoadAvg = LoadAverage()
	return m
}

// LoadAverage is the 1, 5 and 15 minute load averages of /proc/loadavg, or "".
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// procField reads a "Name: 123 kB" line of a /proc file and returns the number.
func procField(path, name string) (int64, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || k != name {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			return 0, false
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		return n, err == nil
	}
	return 0, false
}

// memSampler follows a process's resident memory: its peak (VmHWM, kept by the kernel over the
// process's life) and the highest VmRSS seen since the last Window.
type memSampler struct {
	pid  int
	stop chan struct{}
	done chan struct{}

	mu     sync.Mutex
	window int64 // highest VmRSS in kB since the last Window
}

// sampleMemory samples pid's VmRSS every interval until Stop.
func sampleMemory(pid int, interval time.Duration) *memSampler {
	m := &memSampler{pid: pid, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(m.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			m.sample()
			select {
			case <-m.stop:
				return
			case <-t.C:
			}
		}
	}()
	return m
}

func (m *memSampler) sample() {
	if kb, ok := procField(fmt.Sprintf("/proc/%d/status", m.pid), "VmRSS"); ok {
		m.mu.Lock()
		m.window = max(m.window, kb)
		m.mu.Unlock()
	}
}

// Window returns the highest resident memory (MB) seen since the last call, and starts anew.
func (m *memSampler) Window() float64 {
	m.sample()
	m.mu.Lock()
	defer m.mu.Unlock()
	kb := m.window
	m.window = 0
	return mb(kb)
}

// Peak is the process's peak resident memory (MB) over its whole life (VmHWM).
func (m *memSampler) Peak() float64 {
	kb, _ := procField(fmt.Sprintf("/proc/%d/status", m.pid), "VmHWM")
	return mb(kb)
}

// Stop ends the sampling.
func (m *memSampler) Stop() {
	close(m.stop)
	<-m.done
}

// mb is kB in megabytes (10^6 bytes, as the floor "200 MB" reads), to one decimal.
func mb(kb int64) float64 { return float64(kb*1024/100_000) / 10 }
