// Command portcheck checks phone-number port-in orders against their
// bills, CSRs and LOAs before a carrier sees them. See README.md.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/portcheck/portcheck/extract/ocr"
)

// Exit codes, SPEC section 4.
const (
	exitOK      = 0 // verdict pass or warn
	exitReject  = 1 // a verdict is reject
	exitInvalid = 2 // the order or the command line is invalid
)

const usage = `usage: portcheck <command> [arguments]

commands:
  check ORDER...   check port-in orders (files, or folders holding order.json)
  serve            the intake HTTP API (SPEC section 6)
  worker           a queue worker that checks orders
  revalidate       queue a check of every pending order (bills and LOAs age)
  profiles         list the carrier profiles and their limits
  corpus scans     score OCR: fields read from scans against their text-layer originals
  corpus score     score reading: fields read from real documents against labelled values

Run 'portcheck <command> -h' for a command's flags.
`

func main() {
	ocr.ServeIfChild() // this binary is also its own OCR child process
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
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
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "portcheck: unknown command %q\n\n%s", args[0], usage)
	return exitInvalid
}
