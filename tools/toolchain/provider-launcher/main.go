// Command provider-launcher runs the Genesys Terraform provider as its child, so the provider's
// start-up platform probe finds a parent that answers `version` at once.
//
// Why: provider v1.84 (genesyscloud/platform/platform.go) reads its PARENT process's executable
// and runs it with `version` under a 10 s timeout, up to three times per start. Under Pulumi the
// parent is the Terraform bridge plugin, which never answers `version`, so every provider start
// waits 30 s (and `pulumi up` starts it twice). Seeded in place of the provider binary, this
// launcher becomes that parent: `version` returns immediately; anything else starts the real
// provider next to it with the same arguments, environment, stdin, stdout and stderr (the
// go-plugin handshake and the provider's logs pass through untouched), forwards signals, dies
// with it, and exits with its exit status. Upstream code is not modified.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
)

// realProviderName is the provider binary's file name.
const realProviderName = "terraform-provider-genesyscloud"

// realProvider is the absolute path of the provider to start, set at link time by
// tools/toolchain/setup.sh (-X main.realProvider=...); empty means "next to the launcher".
var realProvider string

func main() {
	if len(os.Args) == 2 && os.Args[1] == "version" {
		// What the provider's probe reads; it only decides a log line and the tf-export feature.
		fmt.Println("genesys-flows provider launcher (Pulumi bridge), runs " + realProviderName)
		return
	}
	os.Exit(run())
}

func run() int {
	real := realProvider
	if real == "" {
		self, err := os.Executable()
		if err == nil {
			self, err = filepath.EvalSymlinks(self)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "provider-launcher: cannot find its own path: %v\n", err)
			return 1
		}
		real = filepath.Join(filepath.Dir(self), realProviderName)
	}
	cmd := exec.Command(real, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = os.Environ()
	// If the launcher is killed (go-plugin kills its plugin process on shutdown), the provider
	// goes with it instead of living on as an orphan.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	signals := make(chan os.Signal, 8)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "provider-launcher: cannot start %s: %v\n", real, err)
		return 1
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	signal.Stop(signals)
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if status, ok := exit.Sys().(syscall.WaitStatus); ok && status.Signaled() {
			// Report a death by signal the way a shell does.
			return 128 + int(status.Signal())
		}
		return exit.ExitCode()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "provider-launcher: %v\n", err)
		return 1
	}
	return 0
}
