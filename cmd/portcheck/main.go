// Command portcheck checks phone-number port-in orders against their
// bills, CSRs and LOAs before a carrier sees them. See README.md.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
)

// Exit codes, SPEC section 4.
const (
	exitOK      = 0 // verdict pass or warn
	exitReject  = 1 // a verdict is reject
	exitInvalid = 2 // the order or the command line is invalid
)

// command is a subcommand as its help shows it.
type command struct {
	name, args string
	summary    string // one line in the command list
	help       string // what it does, at the top of its -h
}

var commands = []command{
	{"check", "ORDER.json|FOLDER|-...", "check port-in orders (files, folders holding order.json, - for standard input)",
		"Checks port-in orders in this process, with no server: reads the documents each order names\n" +
			"(bills, CSRs, LOAs; scanned pages through OCR), compares what they print with the order and\n" +
			"prints the report. An order is a JSON file, a folder holding order.json, or - to read the order\n" +
			"from standard input; its documents' paths are then relative to the current folder, and read\n" +
			"only inside it unless --root names another. Exit 0: pass or warn; 1: a verdict is reject;\n" +
			"2: the order or the command line is invalid."},
	{"serve", "", "the intake HTTP API (SPEC section 6)",
		"Serves the intake HTTP API (SPEC section 6): orders, document uploads, checks, reports, and\n" +
			"/healthz, /readyz and /metrics. Without --redis it runs its own queue and worker in this process\n" +
			"(for trying the service: nothing queued survives a restart). It refuses to start (exit 2) when\n" +
			"the store cannot be used: a missing bucket, missing or refused credentials."},
	{"worker", "", "a queue worker that checks orders",
		"Takes checks off the Redis queue and runs them, --concurrency at a time, and delivers webhook\n" +
			"events. With --metrics-listen it serves its own /metrics; with --revalidate-every it also\n" +
			"schedules re-validations; with --api-keys it sweeps what outlived each tenant's retention period.\n" +
			"It refuses to start (exit 2) when the store cannot be used."},
	{"revalidate", "", "queue a check of every pending order (bills and LOAs age)",
		"Queues a new check of every pending order the filters match, on the batch queue: bills and LOAs\n" +
			"age, so an order that passed can be rejected today. Exit 2 on a bad date or status."},
	{"profiles", "[PROFILE.json...]", "list the carrier profiles and their limits",
		"Lists the built-in carrier profiles and their limits, and those of any profile files given."},
	{"corpus scans", "[DIR]", "score OCR: fields read from scans against their text-layer originals",
		"Scores OCR: reads each scan and compares its fields with those of its text-layer original."},
	{"corpus score", "[DIR]", "score reading: fields read from real documents against labelled values",
		"Scores reading: compares the fields read from real documents with their labelled values."},
	{"corpus orders", "[DIR]", "score whole orders: findings and verdicts against expected ones",
		"Checks whole orders and scores their findings and verdicts against the expected ones."},
	{"version", "", "print the version and commit portcheck was built from",
		"Prints the module version and the VCS commit this binary was built from (also --version)."},
}

func lookupCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func usage() string {
	var b strings.Builder
	b.WriteString("usage: portcheck <command> [arguments]\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-14s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun 'portcheck <command> -h' for what a command does and its flags.\n")
	return b.String()
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	tuneGC(os.Args[1:])
	stopProfile := cpuProfile(os.Getenv("PORTCHECK_CPUPROFILE"), os.Stderr)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// checkGCPercent is the collector's target for a process that checks
// orders and exits: a check allocates a great deal and keeps little, so
// with Go's default (100) a third of its CPU went to collecting
// (59 reference orders in one process: 5.4 s CPU with GOGC=100, 4.5 s
// with 400, 4.8 s with 800). Servers and workers keep the default,
// which bounds their memory.
const checkGCPercent = 400

// oneCheckGCPercent is the target for `portcheck check`, which most
// often checks one order and exits: off, so the collector runs only when
// the heap nears checkMemoryLimit, and most orders end before it ever
// does. One process per text-layer reference order (user+sys over the
// 59, configurations in turns, load 13-14): 91.6, 95.0 and 93.9 ms an
// order off, 93.7, 98.5 and 96.3 ms at 400, 96.8-98.4 ms at 1000; peak
// RSS 74-75 MiB off, 62-68 MiB at 400. What a one-order process
// collects it frees at exit anyway.
const oneCheckGCPercent = -1

// checkMemoryLimit is where the collector of such a process works
// harder again (for check, where it starts to collect at all), so that a
// large order (many scanned pages, a 100-megapixel image decoded) stays
// within it.
const checkMemoryLimit = 1 << 30

// tuneGC sets the collector's target and checkMemoryLimit for the
// commands that check and exit, unless GOGC or GOMEMLIMIT says otherwise.
func tuneGC(args []string) {
	if len(args) == 0 || os.Getenv("GOGC") != "" {
		return
	}
	switch args[0] {
	case "check":
		debug.SetGCPercent(oneCheckGCPercent)
	case "corpus":
		debug.SetGCPercent(checkGCPercent)
	default:
		return
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(checkMemoryLimit)
	}
}

// tuneGCForOrders turns the collector back on, at checkGCPercent, for a
// check of more than one order: with it off, a batch's garbage would
// fill the heap up to checkMemoryLimit before the first collection.
func tuneGCForOrders(n int) {
	if n > 1 && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(checkGCPercent)
	}
}

// cpuProfile writes a pprof CPU profile of the whole command to path
// (PORTCHECK_CPUPROFILE), which is how scripts/bench-reference.sh and a
// developer see where a check's time goes on documents from elsewhere;
// the returned function ends it. An empty path profiles nothing.
func cpuProfile(path string, stderr io.Writer) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "portcheck: cpu profile: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "portcheck: cpu profile: %v\n", err)
		}
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return exitInvalid
	}
	switch args[0] {
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "profiles":
		return runProfiles(args[1:], stdout, stderr)
	case "corpus":
		return runCorpus(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "worker":
		return runWorker(ctx, args[1:], stdout, stderr)
	case "revalidate":
		return runRevalidate(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-version":
		return runVersion(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		if len(args) > 1 { // "help check" is "check -h"
			return run(ctx, []string{args[1], "-h"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage())
		return exitOK
	}
	fmt.Fprintf(stderr, "portcheck: unknown command %q\n", args[0])
	if s := closest(args[0], topCommands()); s != "" {
		fmt.Fprintf(stderr, "did you mean %q?\n", s)
	}
	fmt.Fprintf(stderr, "\n%s", usage())
	return exitInvalid
}

// topCommands are the first words of the commands.
func topCommands() []string {
	var names []string
	for _, c := range commands {
		first, _, _ := strings.Cut(c.name, " ")
		if !slices.Contains(names, first) {
			names = append(names, first)
		}
	}
	return names
}
