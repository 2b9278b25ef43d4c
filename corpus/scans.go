package corpus

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

// scanEntry is one line of a scans manifest.
type scanEntry struct {
	File   string `json:"file"`
	Kind   string `json:"kind"`
	Source string `json:"source"`
}

// Miss is one field that differs between a scan and its original.
type Miss struct {
	File, Field, Want, Got string
}

// Board is a scoreboard: per field, how many documents show it and on
// how many the two readings agree.
type Board struct {
	Total, Equal map[string]int
	Misses       []Miss
	Documents    int
}

// Score is the share of fields that agree, over all fields.
func (b Board) Score() float64 {
	t, e := 0, 0
	for f, n := range b.Total {
		t += n
		e += b.Equal[f]
	}
	if t == 0 {
		return 0
	}
	return float64(e) / float64(t)
}

// openProfile accepts any document a customer could upload: the
// scoreboard measures reading, not a carrier's limits.
var openProfile = &profile.Profile{Name: "corpus", Documents: map[string]profile.DocumentRule{}}

// Scans reads every scan in dir and its original in originals and
// compares their fields, telling progress after each scan.
func Scans(ctx context.Context, dir, originals string, cfg pipeline.Config, progress Progress) (Board, error) {
	var set []scanEntry
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return Board{}, fmt.Errorf("score scans: %w", err)
	}
	if err := json.Unmarshal(data, &set); err != nil {
		return Board{}, fmt.Errorf("score scans: %s: %w", filepath.Join(dir, "manifest.json"), err)
	}
	scans, err := storage.NewLocalFS(dir)
	if err != nil {
		return Board{}, err
	}
	origs, err := storage.NewLocalFS(originals)
	if err != nil {
		return Board{}, err
	}
	b := Board{Total: map[string]int{}, Equal: map[string]int{}}
	for i, e := range set {
		got, err := readFields(ctx, scans, e.File, e.Kind, cfg)
		if err != nil {
			return b, err
		}
		want, err := readFields(ctx, origs, e.Source, e.Kind, cfg)
		if err != nil {
			return b, err
		}
		b.add(e.File, want, got)
		progress.tell(i+1, len(set))
	}
	return b, nil
}

func readFields(ctx context.Context, docs *storage.FS, file, kind string, cfg pipeline.Config) (map[string]string, error) {
	r, err := pipeline.ReadOne(ctx, order.Document{Kind: order.Kind(kind), Path: file}, docs, "US", openProfile, cfg)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	return flatten(r.Summary.Fields), nil
}

// flatten turns report fields into name -> value, lists joined.
func flatten(f *report.Fields) map[string]string {
	out := map[string]string{}
	if f == nil {
		return out
	}
	v := reflect.ValueOf(*f)
	for i := range v.NumField() {
		name := strings.Split(v.Type().Field(i).Tag.Get("json"), ",")[0]
		switch x := v.Field(i).Interface().(type) {
		case string:
			if x != "" {
				out[name] = x
			}
		case []string:
			if len(x) > 0 {
				out[name] = strings.Join(x, " ")
			}
		case *bool:
			if x != nil {
				out[name] = fmt.Sprint(*x)
			}
		}
	}
	return out
}

func (b *Board) add(file string, want, got map[string]string) {
	b.Documents++
	names := map[string]bool{}
	for k := range want {
		names[k] = true
	}
	for k := range got {
		names[k] = true
	}
	for k := range names {
		b.Total[k]++
		if want[k] == got[k] {
			b.Equal[k]++
			continue
		}
		b.Misses = append(b.Misses, Miss{File: file, Field: k, Want: want[k], Got: got[k]})
	}
}

// Write prints the board: per field, then overall, then every miss.
func (b Board) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FIELD\tEQUAL\tOF\tSHARE")
	for _, k := range slices.Sorted(maps.Keys(b.Total)) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f%%\n", k, b.Equal[k], b.Total[k], 100*float64(b.Equal[k])/float64(b.Total[k]))
	}
	t, e := 0, 0
	for k := range b.Total {
		t += b.Total[k]
		e += b.Equal[k]
	}
	fmt.Fprintf(tw, "all fields\t%d\t%d\t%.1f%%\n", e, t, 100*b.Score())
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d documents; misses:\n", b.Documents)
	for _, m := range b.Misses {
		fmt.Fprintf(w, "  %s  %s: original %q, scan %q\n", m.File, m.Field, m.Want, m.Got)
	}
	return nil
}
