package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
)

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", stderr)
	if rest, err := parseInterleaved(fs, args); err != nil || len(rest) > 0 {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		if err == nil {
			fmt.Fprintf(stderr, "portcheck version: takes no arguments, not %q\n", rest)
		}
		return exitInvalid
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, versionLine(info))
	return exitOK
}

// versionLine is "portcheck VERSION (commit C[, modified], TIME) GOVERSION"
// from the build info the Go toolchain stamps into the binary: the
// module version (a tag, a pseudo-version, or "(devel)") and the VCS
// commit of a build from a git checkout.
func versionLine(info *debug.BuildInfo) string {
	if info == nil {
		return "portcheck (no build information)"
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	vcs := map[string]string{}
	for _, s := range info.Settings {
		vcs[s.Key] = s.Value
	}
	line := "portcheck " + version
	if rev := vcs["vcs.revision"]; rev != "" {
		line += " (commit " + rev
		if vcs["vcs.modified"] == "true" {
			line += ", modified"
		}
		if t := vcs["vcs.time"]; t != "" {
			line += ", " + t
		}
		line += ")"
	}
	return line + " " + info.GoVersion
}
