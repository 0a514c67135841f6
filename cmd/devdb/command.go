package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"unsafe"
)

// runCommand runs argv with env and the given stdio, relaying signals from sigs as described
// in the package documentation, and returns its exit status.
func runCommand(argv, env []string, stdin io.Reader, stdout, stderr io.Writer, sigs <-chan os.Signal) int {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "devdb: %v\n", err)
		return 127
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	seen := map[os.Signal]bool{}
	for {
		select {
		case err := <-done:
			return exitCode(err)
		case sig := <-sigs:
			// The terminal delivers its signals to our whole process group, the command
			// included; relaying those as well would deliver them twice.
			if sig == syscall.SIGTERM || seen[sig] || !terminalForeground() {
				if err := cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
					fmt.Fprintf(stderr, "devdb: forward %v: %v\n", sig, err)
				}
			}
			seen[sig] = true
		}
	}
}

// exitCode maps the command's Wait error to an exit status: its own, or 128+n if it died
// of signal n, as shells do.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := errors.AsType[*exec.ExitError](err); ok {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	return 1
}

// terminalForeground reports whether our process group is the foreground group of our
// controlling terminal, i.e. whether Ctrl-C on it reaches us and the command alike.
func terminalForeground() bool {
	tty, err := os.Open("/dev/tty")
	if err != nil {
		return false // no controlling terminal
	}
	defer tty.Close()
	var pgrp int32
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, tty.Fd(), syscall.TIOCGPGRP, uintptr(unsafe.Pointer(&pgrp)))
	return errno == 0 && int(pgrp) == syscall.Getpgrp()
}
