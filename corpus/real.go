package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/storage"
)

// ScoredFields are the report fields the real-corpus scoreboard scores:
// the ones an invoice and a bill both print (an invoice's customer,
// customer number, delivery address, date and issuer stand for a bill's
// account name, account number, service address, bill date and carrier).
var ScoredFields = []string{"account_name", "account_number", "service_address", "bill_date", "carrier"}

// Labelled is one document with the values a person read on it. A field
// missing from Fields is one the document does not print: reading one
// there is an error.
type Labelled struct {
	File     string            `json:"file"`
	Kind     string            `json:"kind"` // bill, invoice, receipt, other
	Language string            `json:"language"`
	Fields   map[string]string `json:"fields"`
	// Also lists other printed forms of a labelled value that count as
	// right: an issuer printed under its legal name and a trade name.
	Also  map[string][]string `json:"also,omitempty"`
	Notes string              `json:"notes,omitempty"`
}

// labelFile is one file of labels: the documents of one folder of the
// corpus.
type labelFile struct {
	Folder    string     `json:"folder"`
	Documents []Labelled `json:"documents"`
}

// Result is what the pipeline read on one labelled document.
type Result struct {
	Labelled
	Folder string
	Source string            // text_source of the report
	Got    map[string]string // scored fields read, by name
	Text   *extract.Document // the text read, for the context of a miss
}

// Path is the document's path under the corpus folder.
func (r Result) Path() string { return r.Folder + "/" + r.File }

// LoadLabels reads every *.json in dir. Each names its corpus folder;
// files in it are unique.
func LoadLabels(dir string) ([]Result, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("load labels: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("load labels: no *.json in %s", dir)
	}
	var out []Result
	seen := map[string]bool{}
	for _, n := range names {
		var lf labelFile
		if err := decodeStrict(n, &lf); err != nil {
			return nil, fmt.Errorf("load labels: %w", err)
		}
		if lf.Folder == "" || strings.ContainsAny(lf.Folder, `/\`) {
			return nil, fmt.Errorf("load labels: %s: folder %q is not one folder name", n, lf.Folder)
		}
		for i, d := range lf.Documents {
			r := Result{Labelled: d, Folder: lf.Folder}
			if d.File == "" || seen[r.Path()] {
				return nil, fmt.Errorf("load labels: %s: documents[%d]: file %q is empty or listed twice", n, i, d.File)
			}
			for k := range d.Also {
				if d.Fields[k] == "" {
					return nil, fmt.Errorf("load labels: %s: documents[%d] (%s): also.%s has no label in fields", n, i, d.File, k)
				}
			}
			if err := checkFields(d.Fields); err != nil {
				return nil, fmt.Errorf("load labels: %s: documents[%d] (%s): %w", n, i, d.File, err)
			}
			seen[r.Path()] = true
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b Result) int { return strings.Compare(a.Path(), b.Path()) })
	return out, nil
}

// labelOnly are fields a label file may record that no reader reports
// yet; they are kept, not scored.
var labelOnly = map[string]bool{"customer_address": true}

func checkFields(f map[string]string) error {
	for k, v := range f {
		if !slices.Contains(ScoredFields, k) && !labelOnly[k] {
			return fmt.Errorf("field %q is not one the scoreboard knows", k)
		}
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("field %q is empty: leave out a field the document does not print", k)
		}
	}
	return nil
}

func decodeStrict(name string, v any) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Real reads every labelled document under dir (the corpus) with the
// pipeline, as a bill, under a profile that admits any document, telling
// progress after each.
func Real(ctx context.Context, dir string, labels []Result, cfg pipeline.Config, progress Progress) (RealBoard, error) {
	docs, err := storage.NewLocalFS(dir)
	if err != nil {
		return RealBoard{}, err
	}
	b := RealBoard{Results: make([]Result, 0, len(labels))}
	for i, r := range labels {
		if _, err := os.Stat(filepath.Join(dir, r.Folder, r.File)); errors.Is(err, fs.ErrNotExist) {
			return b, fmt.Errorf("score corpus: %s is labelled but not in %s", r.Path(), dir)
		}
		got, err := pipeline.ReadOne(ctx, order.Document{Kind: order.KindBill, Path: r.Path()}, docs, "US", openProfile, cfg)
		if err != nil {
			return b, fmt.Errorf("score corpus: read %s: %w", r.Path(), err)
		}
		r.Source = got.Summary.TextSource
		r.Text = got.Text
		r.Got = map[string]string{}
		for k, v := range flatten(got.Summary.Fields) {
			if slices.Contains(ScoredFields, k) {
				r.Got[k] = v
			}
		}
		b.Results = append(b.Results, r)
		progress.tell(i+1, len(labels))
	}
	return b, nil
}
