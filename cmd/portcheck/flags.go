package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// parseInterleaved parses flags that may stand before or after the
// positional arguments ("check order.json --format json"), as users of
// other command-line tools expect; the flag package alone stops at the
// first positional argument. "--" ends flag parsing. On a bad flag it
// prints the error, a "did you mean" for a misspelt name, and where the
// flags are listed, rather than the whole list.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	out := fs.Output()
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	pos, err := parseAll(fs, args)
	fs.SetOutput(out)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		out.Write(buf.Bytes())
	default:
		fmt.Fprintf(out, "portcheck %s: %v\n", fs.Name(), err)
		if s := suggestFlag(fs, err); s != "" {
			fmt.Fprintf(out, "did you mean --%s?\n", s)
		}
		fmt.Fprintf(out, "run 'portcheck %s -h' for its flags\n", fs.Name())
	}
	return pos, err
}

func parseAll(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// suggestFlag is the defined flag closest to an undefined one, if any is
// close enough.
func suggestFlag(fs *flag.FlagSet, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -")
	if !ok {
		return ""
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return closest(name, names)
}

// newFlagSet is a subcommand's flags; its help (-h) says what the
// subcommand does and lists its own flags only.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		c, _ := lookupCommand(name)
		w := fs.Output()
		fmt.Fprintf(w, "usage: portcheck %s", name)
		if c.args != "" {
			fmt.Fprintf(w, " %s", c.args)
		}
		fmt.Fprintf(w, " [flags]\n\n%s\n", c.help)
		if hasFlags(fs) {
			fmt.Fprintln(w, "\nflags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// closest returns the candidate nearest to s by edit distance, when it
// is near enough to be a typo of it (at most two edits, and fewer than
// half the letters), else "".
func closest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		d := levenshtein(strings.ToLower(s), strings.ToLower(c))
		if d < bestD && 2*d < max(len(s), len(c)) {
			best, bestD = c, d
		}
	}
	return best
}

// levenshtein is the edit distance of a and b (insertions, deletions,
// substitutions), over runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
