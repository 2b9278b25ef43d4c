package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/portcheck/portcheck/profile"
)

func runProfiles(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("profiles", stderr)
	format := fs.String("format", "text", "output `format`: text (a table) or json")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitInvalid
	}
	ps, err := profile.Builtin()
	if err != nil {
		fmt.Fprintf(stderr, "portcheck profiles: %v\n", err)
		return exitInvalid
	}
	for _, f := range files {
		p, err := profile.Load(f)
		if err != nil {
			fmt.Fprintf(stderr, "portcheck profiles: %v\n", err)
			return exitInvalid
		}
		ps = append(ps, p)
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(ps)
	case "text":
		err = profile.WriteTable(stdout, ps)
	default:
		fmt.Fprintf(stderr, "portcheck profiles: --format: %q is not one of text, json\n", *format)
		return exitInvalid
	}
	if err != nil {
		fmt.Fprintf(stderr, "portcheck profiles: %v\n", err)
		return exitInvalid
	}
	return exitOK
}
