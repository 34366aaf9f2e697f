// Command language-host-shim stands in front of the Pulumi Node.js language host so that a
// program it runs talks to the engine's resource monitor directly.
//
// Why: the newest Node.js language host the Go module proxy serves here is the one of Pulumi
// 3.163 (tools/toolchain/versions.env). It runs a program behind its own proxy of the engine's
// resource monitor, compiled with the 3.163 protocol, which has no RegisterResourceHook (resource
// hooks came with 3.182): a program that binds a hook (components/flowGuard.ts) fails with
// "unknown method RegisterResourceHook". The CLI (3.259) and @pulumi/pulumi (3.248) have hooks.
//
// What it does: it starts the real language host as its child with the same arguments and
// passes every gRPC call through to it unchanged, byte for byte, except one field of one call:
// in LanguageRuntime.Run it adds the engine's real monitor address to the program's
// configuration (key genesys-flows-langhost:monitor) and a `--require` of a small preload script
// to the Node.js arguments; the preload puts that address in place of the 3.163 proxy's before
// @pulumi/pulumi starts. Everything else (how the program is started, its output, errors, exit
// codes, policy packs, plugins, dependencies) stays the real host's. A newer `pulumi` on PATH
// brings its own host and never runs this. Upstream code is not modified.
package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"
)

// realHost is the absolute path of the real language host, set at link time by
// tools/toolchain/setup.sh (-X main.realHost=...).
var realHost string

//go:embed preload.js
var preload string

// deferLoads is required first in every program and plugin (the policy pack) the host starts: it
// defers what @pulumi/pulumi loads at start-up and those never use (deferLoads.js says what, why).
//
//go:embed deferLoads.js
var deferLoads string

const (
	runMethod       = "/pulumirpc.LanguageRuntime/Run"
	runPluginMethod = "/pulumirpc.LanguageRuntime/RunPlugin"
	// MonitorKey is the configuration key the preload reads (and removes) the address from.
	monitorKey = "genesys-flows-langhost:monitor"
	// The engine sends large messages (a stack's whole state); as Pulumi's own channels allow.
	maxMessage = 400 * 1024 * 1024
)

func main() {
	os.Exit(run())
}

func fail(format string, a ...any) int {
	fmt.Fprintf(os.Stderr, "language-host-shim: "+format+"\n", a...)
	return 1
}

func run() int {
	if realHost == "" {
		return fail("built without the real language host's path (-X main.realHost)")
	}
	preloadFile, removePreload, err := scriptFile("preload", preload)
	if err != nil {
		return fail("cannot write its preload script: %v", err)
	}
	defer removePreload()
	deferLoadsFile, removeDeferLoads, err := scriptFile("deferLoads", deferLoads)
	if err != nil {
		return fail("cannot write its preload script: %v", err)
	}
	defer removeDeferLoads()

	child := exec.Command(realHost, os.Args[1:]...)
	child.Stdin = os.Stdin
	child.Stderr = os.Stderr
	// The child dies with the shim, whatever kills it.
	child.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out, err := child.StdoutPipe()
	if err != nil {
		return fail("%v", err)
	}
	if err := child.Start(); err != nil {
		return fail("cannot start %s: %v", realHost, err)
	}
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		for s := range signals {
			_ = child.Process.Signal(s)
		}
	}()
	// A plugin prints its port on its first line, then whatever it logs.
	lines := bufio.NewReader(out)
	first, err := lines.ReadString('\n')
	if err != nil {
		_ = child.Wait()
		return fail("the real language host printed no port: %v", err)
	}
	go func() { _, _ = io.Copy(os.Stdout, lines) }()
	port := strings.TrimSpace(first)

	conn, err := grpc.NewClient("127.0.0.1:"+port,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(maxMessage), grpc.MaxCallSendMsgSize(maxMessage)))
	if err != nil {
		return fail("%v", err)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fail("%v", err)
	}
	p := &passThrough{conn: conn, preload: preloadFile, deferLoads: deferLoadsFile}
	server := grpc.NewServer(
		grpc.ForceServerCodec(rawCodec{}),
		grpc.UnknownServiceHandler(p.handle),
		grpc.MaxRecvMsgSize(maxMessage), grpc.MaxSendMsgSize(maxMessage))
	fmt.Printf("%d\n", listener.Addr().(*net.TCPAddr).Port)
	go func() { _ = server.Serve(listener) }()

	err = child.Wait()
	server.Stop()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	return 0
}

// scriptFile gives the path of a file holding a preload script: beside this executable, named by
// the script's content (<name>-<sha256, 12 hex>.js), written once (to a temporary name, then
// renamed, so runs at once never see half a file) and read by every later run. Nothing is left to
// remove: a run killed hard leaves no file behind (temp files did, one pair per such run), and a
// changed script is another name. Only where that folder cannot be written, a temp file of its
// own, removed when the shim ends (the returned function).
func scriptFile(name, text string) (string, func(), error) {
	sum := sha256.Sum256([]byte(text))
	if exe, err := os.Executable(); err == nil {
		dir := filepath.Dir(exe)
		path := filepath.Join(dir, fmt.Sprintf("%s-%x.js", name, sum[:6]))
		if b, err := os.ReadFile(path); err == nil && string(b) == text {
			return path, func() {}, nil
		}
		if f, err := os.CreateTemp(dir, "."+name+"-*.tmp"); err == nil {
			_, werr := f.WriteString(text)
			cerr := f.Close()
			if werr == nil && cerr == nil && os.Rename(f.Name(), path) == nil {
				return path, func() {}, nil
			}
			_ = os.Remove(f.Name())
		}
	}
	path, err := writeScript(text)
	if err != nil {
		return "", nil, err
	}
	return path, func() { _ = os.Remove(path) }, nil
}

// writeScript writes a preload script beside nothing else of the machine's: a file of its own in the temp folder.
func writeScript(text string) (string, error) {
	f, err := os.CreateTemp("", "genesys-flows-langhost-*.js")
	if err != nil {
		return "", err
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		return "", err
	}
	return filepath.Abs(f.Name())
}

// frame is one gRPC message, passed through as bytes.
type frame struct{ payload []byte }

// rawCodec passes messages through without decoding them.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return v.(*frame).payload, nil }
func (rawCodec) Unmarshal(data []byte, v any) error {
	v.(*frame).payload = append([]byte(nil), data...)
	return nil
}
func (rawCodec) Name() string { return "proto" }

type passThrough struct {
	conn       *grpc.ClientConn
	preload    string
	deferLoads string
}

// handle forwards one call (unary or streaming, either way) to the real host.
func (p *passThrough) handle(_ any, in grpc.ServerStream) error {
	method, ok := grpc.MethodFromServerStream(in)
	if !ok {
		return errors.New("no method")
	}
	md, _ := metadata.FromIncomingContext(in.Context())
	ctx, cancel := context.WithCancel(metadata.NewOutgoingContext(in.Context(), md.Copy()))
	defer cancel()
	outStream, err := p.conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true, ClientStreams: true}, method, grpc.ForceCodec(rawCodec{}))
	if err != nil {
		return err
	}
	upstream := make(chan error, 1)
	go func() {
		for {
			f := &frame{}
			if err := in.RecvMsg(f); err != nil {
				if errors.Is(err, io.EOF) {
					upstream <- outStream.CloseSend()
				} else {
					upstream <- err
				}
				return
			}
			switch method {
			case runMethod:
				f.payload, err = p.rewriteRun(f.payload)
			case runPluginMethod:
				f.payload, err = p.rewriteRunPlugin(f.payload)
			}
			if err != nil {
				upstream <- err
				return
			}
			if err := outStream.SendMsg(f); err != nil {
				upstream <- err
				return
			}
		}
	}()
	if header, err := outStream.Header(); err == nil {
		_ = in.SendHeader(header)
	}
	for {
		f := &frame{}
		if err := outStream.RecvMsg(f); err != nil {
			in.SetTrailer(outStream.Trailer())
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if err := in.SendMsg(f); err != nil {
			return err
		}
	}
}

// rewriteRun adds the monitor's address to the program's configuration and the preload to its Node.js arguments.
func (p *passThrough) rewriteRun(payload []byte) ([]byte, error) {
	req := &pulumirpc.RunRequest{}
	if err := proto.Unmarshal(payload, req); err != nil {
		return nil, fmt.Errorf("language-host-shim: cannot read the Run request: %w", err)
	}
	if req.Config == nil {
		req.Config = map[string]string{}
	}
	req.Config[monitorKey] = req.GetMonitorAddress()
	if req.Info == nil {
		req.Info = &pulumirpc.ProgramInfo{}
	}
	options := req.Info.GetOptions().AsMap()
	nodeargs, _ := options["nodeargs"].(string)
	options["nodeargs"] = strings.TrimSpace(nodeargs + " --require " + p.deferLoads + " --require " + p.preload)
	s, err := structpb.NewStruct(options)
	if err != nil {
		return nil, err
	}
	req.Info.Options = s
	return proto.Marshal(req)
}

// rewriteRunPlugin adds deferLoads to the plugin's NODE_OPTIONS: the 3.163 host passes a plugin's
// nodeargs to the run script, not to node, and starts node with the request's environment.
func (p *passThrough) rewriteRunPlugin(payload []byte) ([]byte, error) {
	req := &pulumirpc.RunPluginRequest{}
	if err := proto.Unmarshal(payload, req); err != nil {
		return nil, fmt.Errorf("language-host-shim: cannot read the RunPlugin request: %w", err)
	}
	env := req.Env
	if len(env) == 0 {
		// No environment in the request: the host's own (ours), which the plugin would inherit.
		env = os.Environ()
	}
	req.Env = withNodeOption(env, "--require "+nodeOptionQuote(p.deferLoads))
	return proto.Marshal(req)
}

// withNodeOption appends option to the NODE_OPTIONS entry of env (the last one, which wins), or adds one.
func withNodeOption(env []string, option string) []string {
	out := append([]string(nil), env...)
	for i := len(out) - 1; i >= 0; i-- {
		if value, ok := strings.CutPrefix(out[i], "NODE_OPTIONS="); ok {
			out[i] = "NODE_OPTIONS=" + strings.TrimSpace(value+" "+option)
			return out
		}
	}
	return append(out, "NODE_OPTIONS="+option)
}

// nodeOptionQuote quotes a path for NODE_OPTIONS, which splits on spaces outside double quotes.
func nodeOptionQuote(s string) string {
	if !strings.ContainsAny(s, " \t\"\\") {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
